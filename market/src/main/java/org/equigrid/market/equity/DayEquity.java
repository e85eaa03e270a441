package org.equigrid.market.equity;

import java.util.List;
import java.util.SortedMap;

/**
 * Equity of one settled day (DESIGN.md section 4). Energy burden is the bill over income,
 * {@code b_i = B_i / y_i}; savings are the shares {@code φ_i = C0_i − B_i}. Indices that are
 * undefined for the data (a Gini of values with a mean ≤ 0, a Theil or Jain index of negative
 * values) are NaN.
 *
 * @param energyBurden {@code b_i} per household, in household order
 * @param relativeSavings {@code φ_i / max(|C0_i|, ε)} per household
 * @param giniEnergyBurden Gini of {@code b}
 * @param giniEnergyBurdenBeforeSettlement Gini of {@code C_i / y_i} (the dispatch's energy costs)
 * @param giniBill Gini of {@code B}
 * @param giniSavings Gini of {@code φ}
 * @param giniRenewableAccess Gini of the renewable access {@code a}
 * @param jainEnergyBurden Jain's index of {@code b}
 * @param theilEnergyBurden Theil T index of {@code b}
 * @param rawlsianMinimumRelativeSavings {@code min_i} relative savings after settlement
 * @param groups per group, sorted by name
 */
public record DayEquity(
    double[] energyBurden,
    double[] relativeSavings,
    double giniEnergyBurden,
    double giniEnergyBurdenBeforeSettlement,
    double giniBill,
    double giniSavings,
    double giniRenewableAccess,
    double jainEnergyBurden,
    double theilEnergyBurden,
    double rawlsianMinimumRelativeSavings,
    List<GroupEquity> groups) {

  public DayEquity {
    groups = List.copyOf(groups);
  }

  /**
   * A group's position after settlement; gaps are the group mean over the community mean.
   *
   * @param group group name
   * @param meanBillEur mean {@code B_i}
   * @param meanShareEur mean {@code φ_i}
   * @param meanEnergyBurden mean {@code b_i}
   * @param energyBurdenGap mean burden / community mean burden
   * @param meanRenewableAccess mean {@code a_i}
   * @param renewableAccessGap mean access / community mean access
   */
  public record GroupEquity(
      String group,
      double meanBillEur,
      double meanShareEur,
      double meanEnergyBurden,
      double energyBurdenGap,
      double meanRenewableAccess,
      double renewableAccessGap) {}

  /** Per-group means as a map, for callers that look groups up by name. */
  public static SortedMap<String, Double> byGroup(double[] values, String[] groups) {
    return GroupMeans.of(values, groups);
  }
}
