package org.equigrid.market.equity;

import java.util.List;
import org.equigrid.market.metrics.GroupMeans;
import org.equigrid.market.metrics.Index;

/**
 * Equity of one settled day (DESIGN.md section 4). Energy burden is the bill over daily income,
 * {@code b_i = B_i / y_i} (after settlement) or {@code dispatchCost_i / y_i} (before settlement,
 * the dispatch's own bill with its peak charge share). Every index names what it is of and over
 * whom; indices undefined for the data are undefined {@link Index} values with the reason.
 *
 * @param energyBurden {@code b_i = B_i / y_i} per household, in household order
 * @param relativeSavingsAfterSettlement {@code u_i^B = (C0_i − B_i) / max(|C0_i|, ε)} per household
 * @param giniEnergyBurden Gini of {@code b} over all households
 * @param giniEnergyBurdenBeforeSettlement Gini of {@code dispatchCost_i / y_i} over all households
 * @param giniEnergyBurdenNetPayers Gini of {@code b} over the net-paying households ({@code B_i >
 *     0}); undefined when there is none
 * @param giniBill Gini of {@code B} over all households
 * @param giniShares Gini of the settlement shares {@code φ_i = C0_i − B_i} over all households
 * @param giniSavings Gini of {@code savingsEur = C0_i − dispatchCost_i} (before settlement) over
 *     all households
 * @param giniRenewableAccess Gini of the renewable access {@code a} over all households
 * @param jainEnergyBurden Jain's index of {@code b} over all households (undefined for negative
 *     burdens)
 * @param theilEnergyBurden Theil T index of {@code b} over all households (undefined for negative
 *     burdens)
 * @param rawlsianPopulation who the Rawlsian minimum and the least-advantaged means are over: the
 *     least-advantaged groups joined by {@code +} (e.g. {@code LOW}), or {@code all} when none is
 *     marked
 * @param rawlsianMinimumBeforeSettlement {@code min u_i = (C0_i − dispatchCost_i) / max(|C0_i|, ε)}
 *     over {@code rawlsianPopulation} (DESIGN.md section 2's floor, on the dispatch)
 * @param rawlsianMinimumAfterSettlement {@code min u_i^B} over {@code rawlsianPopulation}
 * @param largestEnergyBurden {@code max_i b_i} over all households
 * @param largestEnergyBurdenHousehold the id of the household with the largest burden (the first in
 *     household order on a tie)
 * @param shareEnergyBurdenAbove6Percent share of all households with {@code b_i > 0.06}
 * @param shareEnergyBurdenAbove10Percent share of all households with {@code b_i > 0.10}
 * @param leastAdvantagedMeanEnergyBurden mean {@code b_i} over {@code rawlsianPopulation}
 * @param leastAdvantagedMeanBillEur mean {@code B_i} over {@code rawlsianPopulation}
 * @param groups per group, sorted by name
 */
public record DayEquity(
    double[] energyBurden,
    double[] relativeSavingsAfterSettlement,
    Index giniEnergyBurden,
    Index giniEnergyBurdenBeforeSettlement,
    Index giniEnergyBurdenNetPayers,
    Index giniBill,
    Index giniShares,
    Index giniSavings,
    Index giniRenewableAccess,
    Index jainEnergyBurden,
    Index theilEnergyBurden,
    String rawlsianPopulation,
    Index rawlsianMinimumBeforeSettlement,
    Index rawlsianMinimumAfterSettlement,
    double largestEnergyBurden,
    String largestEnergyBurdenHousehold,
    double shareEnergyBurdenAbove6Percent,
    double shareEnergyBurdenAbove10Percent,
    Index leastAdvantagedMeanEnergyBurden,
    Index leastAdvantagedMeanBillEur,
    List<GroupEquity> groups) {

  /** The energy-poverty thresholds of the burden shares, as fractions of daily income. */
  public static final double BURDEN_THRESHOLD_6_PERCENT = 0.06;

  /** See {@link #BURDEN_THRESHOLD_6_PERCENT}. */
  public static final double BURDEN_THRESHOLD_10_PERCENT = 0.10;

  /** {@link #rawlsianPopulation()} when no group is marked least advantaged. */
  public static final String ALL_HOUSEHOLDS = "all";

  public DayEquity {
    groups = List.copyOf(groups);
  }

  /**
   * A group's position after settlement; gaps are the group mean over the community mean, undefined
   * when the community mean is ≤ 0 or near zero (see {@link GroupMeans}).
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
      Index energyBurdenGap,
      double meanRenewableAccess,
      Index renewableAccessGap) {}
}
