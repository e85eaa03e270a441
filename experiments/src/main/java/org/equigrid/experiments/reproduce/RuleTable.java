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

  static final double TOLERANCE = 1e-9;

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

  static double cut(double value, double ref) {
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
    return new RuleReading(this).text();
  }

  Setting reference() {
    return reference;
  }

  /** The least-advantaged groups, joined with {@code +}. */
  String groups() {
    return groups;
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
