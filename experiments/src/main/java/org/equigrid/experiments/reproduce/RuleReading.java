package org.equigrid.experiments.reproduce;

import static org.equigrid.experiments.reproduce.RuleTable.LARGEST_BURDEN_CUT;
import static org.equigrid.experiments.reproduce.RuleTable.LEAST_ADVANTAGED_BURDEN_CUT;
import static org.equigrid.experiments.reproduce.RuleTable.MAX_PRICE_OF_FAIRNESS;
import static org.equigrid.experiments.reproduce.RuleTable.TOLERANCE;
import static org.equigrid.experiments.reproduce.RuleTable.cut;
import static org.equigrid.experiments.reproduce.RuleTable.fixed;

import java.util.ArrayList;
import java.util.List;
import org.equigrid.experiments.reproduce.RuleTable.Setting;

/**
 * The reading under {@link RuleTable}, written from its numbers: whether issue 12's target is met
 * and by which setting, what the best setting does to each Gini and why, and what the cost-only
 * dispatch allows at most under budget balance and individual rationality alone.
 */
final class RuleReading {

  private final RuleTable table;
  private final List<Setting> settings;
  private final Setting reference;
  private final String groups;

  RuleReading(RuleTable table) {
    this.table = table;
    this.settings = table.settings();
    this.reference = table.reference();
    this.groups = table.groups();
  }

  /** Whether the target is met, by which setting, and what it does to each Gini and why. */
  String text() {
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
      if (table.meetsTarget(setting)) {
        met.add(setting);
      }
      if (setting.summary().metric("priceOfFairnessRatioOfSums")
          <= MAX_PRICE_OF_FAIRNESS + TOLERANCE) {
        if (bestLargest == null || table.largestCut(setting) > table.largestCut(bestLargest)) {
          bestLargest = setting;
        }
        if (bestGroup == null
            || table.leastAdvantagedCut(setting) > table.leastAdvantagedCut(bestGroup)) {
          bestGroup = setting;
        }
      }
    }
    if (!met.isEmpty()) {
      met.sort(
          java.util.Comparator.comparingDouble(
                  (Setting s) -> s.summary().metric("priceOfFairnessRatioOfSums"))
              .thenComparing(java.util.Comparator.comparingDouble(table::largestCut).reversed()));
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
              + pct(table.largestCut(best), 1)
              + ") and the "
              + groups
              + " mean burden from "
              + pct(refGroup, 3)
              + " to "
              + pct(best.group().meanEnergyBurden(), 3)
              + " (−"
              + pct(table.leastAdvantagedCut(best), 1)
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
                + pct(table.largestCut(bestLargest), 1)
                + " ("
                + bestLargest.label()
                + ", target 50 %) and the largest cut of the "
                + groups
                + " mean burden is "
                + pct(table.leastAdvantagedCut(bestGroup), 1)
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
            && (sameDispatch == null
                || table.largestCut(setting) > table.largestCut(sameDispatch))) {
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
          && (table.largestCut(sameDispatch) < LARGEST_BURDEN_CUT - TOLERANCE
              || table.leastAdvantagedCut(sameDispatch)
                  < LEAST_ADVANTAGED_BURDEN_CUT - TOLERANCE)) {
        why.append(", which would meet the target, but its best setting here, ")
            .append(sameDispatch.label())
            .append(", cuts the largest burden by only ")
            .append(pct(table.largestCut(sameDispatch), 1))
            .append(" and the ")
            .append(groups)
            .append(" mean burden by ")
            .append(pct(table.leastAdvantagedCut(sameDispatch), 1))
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
}
