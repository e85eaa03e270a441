package org.equigrid.experiments.reproduce;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.equigrid.experiments.output.Numbers;
import org.equigrid.experiments.sweep.RunSummary;

/**
 * The second table of {@code equigrid reproduce}: one row per settlement setting (a dispatch, S4's
 * cost-only or S5's weighted, and a settlement rule), the burden indices after settlement, the
 * price of fairness and the change against cost-only Shapley (S4), with a reading that says from
 * the numbers whether issue 12's target is met: a setting at a price of fairness of at most 5 % of
 * the gain that cuts the largest energy burden by at least 50 % and the least-advantaged groups'
 * mean burden by at least 30 %. Written as {@code reproduce-rules.csv} and a Markdown section.
 */
public final class RuleTable {

  /** Price of fairness allowed by the target (fraction of the cost-minimising gain). */
  public static final double MAX_PRICE_OF_FAIRNESS = 0.05;

  /** Cut of the largest energy burden the target asks for (fraction of the reference's). */
  public static final double LARGEST_BURDEN_CUT = 0.5;

  /** Cut of the least-advantaged groups' mean burden the target asks for. */
  public static final double LEAST_ADVANTAGED_BURDEN_CUT = 0.3;

  private static final double TOLERANCE = 1e-9;

  /**
   * One settlement setting.
   *
   * @param label e.g. {@code S5 · rawlsian (largest burden)}
   * @param dispatch {@code S4} or {@code S5}: whose dispatch (weights, floor) it settles
   * @param rule {@code settlement.rule}, with the objective for {@code rawlsian}
   * @param folder the run's folder, relative to the reproduce folder
   * @param reference whether this is the reference (cost-only Shapley, S4)
   * @param summary the run's totals, or {@code null} when it did not run
   * @param group figures over the least-advantaged groups of S5, or {@code null} when it did not
   *     run
   * @param rowsDroppedDays days whose rawlsian LP dropped the coalition rows (they made it
   *     infeasible), out of {@code summary.days()}; 0 for the other rules
   */
  public record Setting(
      String label,
      String dispatch,
      String rule,
      String folder,
      boolean reference,
      RunSummary summary,
      GroupFigures group,
      int rowsDroppedDays) {

    /** Without dropped coalition rows. */
    public Setting(
        String label,
        String dispatch,
        String rule,
        String folder,
        boolean reference,
        RunSummary summary,
        GroupFigures group) {
      this(label, dispatch, rule, folder, reference, summary, group, 0);
    }

    boolean present() {
      return summary != null && group != null;
    }
  }

  /** A column of {@code reproduce-rules.csv} and the Markdown table. */
  record Column(
      String key,
      String label,
      String unit,
      double scale,
      int decimals,
      ToDoubleFunction<Setting> value) {}

  private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

  private final List<Setting> settings;
  private final Setting reference;
  private final String groups;
  private final List<Column> columns;

  public RuleTable(List<Setting> settings) {
    this.settings = List.copyOf(settings);
    this.reference = settings.stream().filter(Setting::reference).findFirst().orElse(null);
    this.groups =
        settings.stream()
            .filter(Setting::present)
            .findFirst()
            .map(s -> String.join("+", new java.util.TreeSet<>(s.group().groups())))
            .orElse("least-advantaged");
    this.columns =
        List.of(
            new Column(
                "meanGiniEnergyBurdenNetPayers",
                "Gini of burden, net payers",
                "",
                1,
                3,
                s -> s.summary().metric("meanGiniEnergyBurdenNetPayers")),
            new Column(
                "meanGiniEnergyBurden",
                "Gini of burden, all (where defined)",
                "",
                1,
                3,
                s -> s.summary().metric("meanGiniEnergyBurden")),
            new Column(
                "meanLeastAdvantagedEnergyBurden",
                groups + " mean burden",
                "% of income",
                100,
                3,
                s -> s.group().meanEnergyBurden()),
            new Column(
                "meanLeastAdvantagedBillEur",
                groups + " mean bill",
                "EUR/day",
                1,
                3,
                s -> s.group().meanBillEur()),
            new Column(
                "meanLargestEnergyBurden",
                "Largest burden",
                "% of income",
                100,
                2,
                s -> s.summary().metric("meanLargestEnergyBurden")),
            new Column(
                "meanShareEnergyBurdenAbove6Percent",
                "Above 6 %",
                "% of households",
                100,
                1,
                s -> s.summary().metric("meanShareEnergyBurdenAbove6Percent")),
            new Column(
                "meanShareEnergyBurdenAbove10Percent",
                "Above 10 %",
                "% of households",
                100,
                1,
                s -> s.summary().metric("meanShareEnergyBurdenAbove10Percent")),
            new Column(
                "priceOfFairnessRatioOfSums",
                "Price of fairness",
                "% of gain",
                100,
                2,
                s -> s.summary().metric("priceOfFairnessRatioOfSums")),
            new Column(
                "largestEnergyBurdenCut",
                "Largest burden cut vs S4",
                "%",
                100,
                1,
                this::largestCut),
            new Column(
                "leastAdvantagedEnergyBurdenCut",
                groups + " burden cut vs S4",
                "%",
                100,
                1,
                this::leastAdvantagedCut),
            new Column(
                "meanNetPayers",
                "Net payers",
                "households/day",
                1,
                1,
                s -> s.group().meanNetPayers()),
            new Column(
                "meanNegativeBurden",
                "Negative burdens",
                "households/day",
                1,
                1,
                s -> s.group().meanNegativeBurden()),
            new Column(
                "boundLargestEnergyBurden",
                "Largest burden, IR-only bound",
                "% of income",
                100,
                2,
                s -> s.group().boundLargestEnergyBurden()),
            new Column(
                "boundLeastAdvantagedEnergyBurden",
                groups + " burden at that bound",
                "% of income",
                100,
                3,
                s -> s.group().boundMeanEnergyBurden()));
  }

  public List<Setting> settings() {
    return settings;
  }

  /**
   * {@code 1 − L / L_S4} of the largest burden; NaN without a reference or when {@code L_S4 ≤ 0}.
   */
  double largestCut(Setting setting) {
    return cut(
        setting.summary().metric("meanLargestEnergyBurden"),
        reference == null || !reference.present()
            ? Double.NaN
            : reference.summary().metric("meanLargestEnergyBurden"));
  }

  /** {@code 1 − m / m_S4} of the least-advantaged mean burden; NaN when {@code m_S4 ≤ 0}. */
  double leastAdvantagedCut(Setting setting) {
    return cut(
        setting.group().meanEnergyBurden(),
        reference == null || !reference.present()
            ? Double.NaN
            : reference.group().meanEnergyBurden());
  }

  private static double cut(double value, double ref) {
    return Double.isNaN(value) || !(ref > 0) ? Double.NaN : 1 - value / ref;
  }

  /** Whether a setting meets the target; false when a figure is undefined. */
  boolean meetsTarget(Setting setting) {
    double pof = setting.summary().metric("priceOfFairnessRatioOfSums");
    return pof <= MAX_PRICE_OF_FAIRNESS + TOLERANCE
        && largestCut(setting) >= LARGEST_BURDEN_CUT - TOLERANCE
        && leastAdvantagedCut(setting) >= LEAST_ADVANTAGED_BURDEN_CUT - TOLERANCE;
  }

  /** {@code reproduce-rules.csv}: one row per setting, fractions as in summary.json (not × 100). */
  public String csv() {
    List<String> header = new ArrayList<>(List.of("setting", "dispatch", "rule", "folder"));
    columns.forEach(c -> header.add(c.key()));
    header.add("coreRowsDroppedDays");
    header.add("meetsTarget");
    StringWriter out = new StringWriter();
    try (CSVPrinter printer = new CSVPrinter(out, CSV)) {
      printer.printRecord(header);
      for (Setting setting : settings) {
        List<String> row =
            new ArrayList<>(
                List.of(setting.label(), setting.dispatch(), setting.rule(), setting.folder()));
        for (Column column : columns) {
          double value = setting.present() ? column.value().applyAsDouble(setting) : Double.NaN;
          row.add(Double.isNaN(value) ? "" : Numbers.format(value));
        }
        row.add(setting.present() ? Integer.toString(setting.rowsDroppedDays()) : "");
        row.add(setting.present() ? Boolean.toString(meetsTarget(setting)) : "");
        printer.printRecord(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** The Markdown section: table, definitions and reading. */
  public String markdown() {
    return markdown(
        "Settlement rules against cost-only Shapley (S4)",
        "Also in `reproduce-rules.csv` (fractions, not percentages).",
        "rules");
  }

  /**
   * The Markdown section under {@code ## title}, {@code note} after the introduction, the reading
   * under {@code ### Reading (readingName)}.
   */
  public String markdown(String title, String note, String readingName) {
    StringBuilder md = new StringBuilder("## ").append(title).append("\n\n");
    md.append(
            "Each row settles a dispatch (S4: cost-only, weights 1, no floor; S5: weights and Rawlsian floor) "
                + "by one rule (`settlement.rule`, config/README.md). Burden `b_i = B_i / y_i` after settlement, means over days; "
                + "the ")
        .append(groups)
        .append(" figures are over the ")
        .append(groups)
        .append(
            " households in every row (S5's least-advantaged groups). Cuts are `1 − value / value in S4`; "
                + "the target (issue 12) is a price of fairness ≤ 5 % of the gain with a largest-burden cut ≥ 50 % and a ")
        .append(groups)
        .append(" burden cut ≥ 30 %.")
        .append(note.isEmpty() ? "" : " " + note)
        .append("\n\n");
    md.append("| setting |");
    columns.forEach(
        c ->
            md.append(' ')
                .append(c.label())
                .append(c.unit().isEmpty() ? "" : " (" + c.unit() + ")")
                .append(" |"));
    md.append(" target |\n|---|");
    columns.forEach(c -> md.append("---:|"));
    md.append("---|\n");
    for (Setting setting : settings) {
      md.append("| ").append(setting.label()).append(" |");
      for (Column column : columns) {
        md.append(' ')
            .append(
                setting.present()
                    ? show(
                        column.value().applyAsDouble(setting) * column.scale(), column.decimals())
                    : "n/a")
            .append(" |");
      }
      md.append(' ')
          .append(
              !setting.present()
                  ? "n/a"
                  : setting.reference() ? "reference" : meetsTarget(setting) ? "**met**" : "no")
          .append(" |\n");
    }
    md.append("\nFolders: ");
    md.append(
            String.join(
                ", ", settings.stream().map(s -> s.label() + " = `" + s.folder() + "`").toList()))
        .append(".\n\n");
    md.append("### Reading (").append(readingName).append(")\n\n").append(reading()).append('\n');
    return md.toString();
  }

  /** Whether the target is met, by which setting, and what it does to each Gini and why. */
  String reading() {
    if (reference == null || !reference.present()) {
      return "Cost-only Shapley (S4) did not run, so the settings cannot be compared with it.";
    }
    double refLargest = reference.summary().metric("meanLargestEnergyBurden");
    double refGroup = reference.group().meanEnergyBurden();
    List<String> sentences = new ArrayList<>();
    sentences.add(
        "Cost-only Shapley (S4) leaves a largest burden of "
            + pct(refLargest, 2)
            + " of income and a "
            + groups
            + " mean burden of "
            + pct(refGroup, 3)
            + " (mean bill "
            + fixed(reference.group().meanBillEur(), 3)
            + " EUR/day).");
    List<Setting> met = new ArrayList<>();
    Setting bestLargest = null;
    Setting bestGroup = null;
    for (Setting setting : settings) {
      if (setting.reference() || !setting.present()) {
        continue;
      }
      if (meetsTarget(setting)) {
        met.add(setting);
      }
      if (setting.summary().metric("priceOfFairnessRatioOfSums")
          <= MAX_PRICE_OF_FAIRNESS + TOLERANCE) {
        if (bestLargest == null || largestCut(setting) > largestCut(bestLargest)) {
          bestLargest = setting;
        }
        if (bestGroup == null || leastAdvantagedCut(setting) > leastAdvantagedCut(bestGroup)) {
          bestGroup = setting;
        }
      }
    }
    if (!met.isEmpty()) {
      met.sort(
          java.util.Comparator.comparingDouble(
                  (Setting s) -> s.summary().metric("priceOfFairnessRatioOfSums"))
              .thenComparing(java.util.Comparator.comparingDouble(this::largestCut).reversed()));
      Setting best = met.get(0);
      sentences.add(
          "**The target is met** by "
              + best.label()
              + ": at a price of fairness of "
              + pct(best.summary().metric("priceOfFairnessRatioOfSums"), 2)
              + " of the gain it cuts the largest burden from "
              + pct(refLargest, 2)
              + " to "
              + pct(best.summary().metric("meanLargestEnergyBurden"), 2)
              + " (−"
              + pct(largestCut(best), 1)
              + ") and the "
              + groups
              + " mean burden from "
              + pct(refGroup, 3)
              + " to "
              + pct(best.group().meanEnergyBurden(), 3)
              + " (−"
              + pct(leastAdvantagedCut(best), 1)
              + "; mean bill "
              + fixed(best.group().meanBillEur(), 3)
              + " EUR/day)"
              + (met.size() > 1
                  ? "; also met by "
                      + String.join(
                          ", ", met.subList(1, met.size()).stream().map(Setting::label).toList())
                  : "")
              + ".");
      if (best.rowsDroppedDays() > 0) {
        sentences.add(
            "Its rawlsian LP dropped the coalition rows on "
                + best.rowsDroppedDays()
                + " of "
                + best.summary().days()
                + (best.summary().days() == 1 ? " day" : " days")
                + " (with weights or a floor in the dispatch the evaluated coalitions' rows have no common solution, "
                + "the core is empty), so on those days it settles under budget balance and individual rationality alone.");
      }
      sentences.add(ginis(best));
    } else {
      sentences.add("**The target is not met** by any setting here.");
      if (bestLargest != null) {
        sentences.add(
            "At a price of fairness ≤ 5 % the largest cut of the largest burden is "
                + pct(largestCut(bestLargest), 1)
                + " ("
                + bestLargest.label()
                + ", target 50 %) and the largest cut of the "
                + groups
                + " mean burden is "
                + pct(leastAdvantagedCut(bestGroup), 1)
                + " ("
                + bestGroup.label()
                + ", target 30 %); the frontier sweep "
                + "(`experiments/sweeps/equity-frontier.yaml`) shows what other weights and strengths reach.");
        sentences.add(ginis(bestLargest));
      } else {
        sentences.add("No setting has a defined price of fairness ≤ 5 %.");
      }
    }
    double bound = reference.group().boundLargestEnergyBurden();
    if (!Double.isNaN(bound)) {
      double boundCut = cut(bound, refLargest);
      double groupCut = cut(reference.group().boundMeanEnergyBurden(), refGroup);
      Setting sameDispatch = null;
      for (Setting setting : settings) {
        if (setting.present()
            && !setting.reference()
            && setting.dispatch().equals(reference.dispatch())
            && (sameDispatch == null || largestCut(setting) > largestCut(sameDispatch))) {
          sameDispatch = setting;
        }
      }
      boolean boundMeets =
          boundCut >= LARGEST_BURDEN_CUT - TOLERANCE
              && groupCut >= LEAST_ADVANTAGED_BURDEN_CUT - TOLERANCE;
      StringBuilder why =
          new StringBuilder(
              "What the cost-only dispatch allows: budget balance and individual rationality "
                  + "alone (B_i ≤ C0_i, no coalition rows) would let its bills bring the largest burden down to "
                  + pct(bound, 2)
                  + " (−"
                  + pct(boundCut, 1)
                  + ") with a "
                  + groups
                  + " mean burden of "
                  + pct(reference.group().boundMeanEnergyBurden(), 3)
                  + " (−"
                  + pct(groupCut, 1)
                  + ")");
      if (!boundMeets) {
        why.append(
            ", short of the target: individual rationality itself limits what any settlement of it can move.");
      } else if (sameDispatch != null
          && (largestCut(sameDispatch) < LARGEST_BURDEN_CUT - TOLERANCE
              || leastAdvantagedCut(sameDispatch) < LEAST_ADVANTAGED_BURDEN_CUT - TOLERANCE)) {
        why.append(", which would meet the target, but its best setting here, ")
            .append(sameDispatch.label())
            .append(", cuts the largest burden by only ")
            .append(pct(largestCut(sameDispatch), 1))
            .append(" and the ")
            .append(groups)
            .append(" mean burden by ")
            .append(pct(leastAdvantagedCut(sameDispatch), 1))
            .append(
                sameDispatch.rowsDroppedDays() < sameDispatch.summary().days()
                    ? ": the rawlsian rule keeps the coalition rows it evaluated (Σ_{i∈S} B_i ≤ Σ_{i∈S} C0_i − v(S)) where they "
                        + "have a common solution, as they do for the cost-only game, and they stop it from charging the "
                        + "households who could pay more."
                    : ".");
      } else {
        why.append(", which meets the target.");
      }
      sentences.add(why.toString());
    }
    for (Setting setting : settings) {
      if (setting.present()
          && !setting.reference()
          && !setting.dispatch().equals(reference.dispatch())
          && setting.rule().startsWith("weighted-shapley")) {
        double bill = setting.group().meanBillEur();
        sentences.add(
            "With the weighted Shapley settlement the "
                + setting.dispatch()
                + " dispatch leaves the "
                + groups
                + " mean bill at "
                + fixed(bill, 3)
                + " EUR/day against "
                + fixed(reference.group().meanBillEur(), 3)
                + " in S4 ("
                + (bill < reference.group().meanBillEur() - 5e-4
                    ? "lower"
                    : bill > reference.group().meanBillEur() + 5e-4
                        ? "higher: the settlement gives back what the weighted dispatch saved"
                        : "about the same")
                + ").");
      }
    }
    return String.join(" ", sentences);
  }

  /** What a setting does to each Gini, and the numbers that say why. */
  private String ginis(Setting s) {
    double netRef = reference.summary().metric("meanGiniEnergyBurdenNetPayers");
    double net = s.summary().metric("meanGiniEnergyBurdenNetPayers");
    double allRef = reference.summary().metric("meanGiniEnergyBurden");
    double all = s.summary().metric("meanGiniEnergyBurden");
    StringBuilder text =
        new StringBuilder("The same setting moves the Gini of burden among net payers from ")
            .append(fixed(netRef, 3))
            .append(" to ")
            .append(fixed(net, 3))
            .append(" (")
            .append(direction(net, netRef))
            .append(") and over all households from ")
            .append(fixed(allRef, 3))
            .append(" to ")
            .append(fixed(all, 3))
            .append(" (")
            .append(direction(all, allRef))
            .append("). Why: net payers go from ")
            .append(fixed(reference.group().meanNetPayers(), 1))
            .append(" to ")
            .append(fixed(s.group().meanNetPayers(), 1))
            .append(" households a day");
    if (net > netRef + 5e-4
        && s.group().meanNetPayers() < reference.group().meanNetPayers() - 0.05) {
      text.append(
          ", so the Gini among payers is over fewer, more unequal bills (the smallest bills become credits first)");
    } else if (net < netRef - 5e-4) {
      text.append(", and the top burdens move towards the rest of the payers");
    }
    double dNet = net - netRef;
    double dAll = all - allRef;
    text.append("; ")
        .append(fixed(reference.group().meanNegativeBurden(), 1))
        .append(" and ")
        .append(fixed(s.group().meanNegativeBurden(), 1))
        .append(
            " households a day have a negative burden (a credit: "
                + "PV owners earning more than they pay; individual rationality, B_i ≤ C0_i, protects it under every rule but market). "
                + "The all-household Gini counts these credits too (it divides by the mean absolute burden)");
    if (!Double.isNaN(dNet) && !Double.isNaN(dAll)) {
      text.append(", so it moves ")
          .append(Math.abs(dAll) < Math.abs(dNet) ? "less than" : "as much as or more than")
          .append(" the net-payer Gini (")
          .append(signed(dAll))
          .append(" against ")
          .append(signed(dNet))
          .append(")");
    }
    text.append('.');
    return text.toString();
  }

  private static String signed(double value) {
    return (value >= 0 ? "+" : "−") + fixed(Math.abs(value), 3);
  }

  private static String direction(double value, double ref) {
    if (Double.isNaN(value) || Double.isNaN(ref)) {
      return "undefined on every day";
    }
    return value < ref - 5e-4 ? "lower" : value > ref + 5e-4 ? "higher" : "about unchanged";
  }

  private static String pct(double fraction, int decimals) {
    return fixed(fraction * 100, decimals) + " %";
  }

  static String show(double value, int decimals) {
    return Double.isNaN(value) ? "undefined" : fixed(value, decimals);
  }

  static String fixed(double value, int decimals) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
    return text.matches("-0\\.?0*") ? text.substring(1) : text;
  }
}
