package org.equigrid.market.metrics;

/**
 * A socio-economic group's day, before settlement. Gaps are group mean divided by community mean (1
 * means on par), undefined when the community mean is ≤ 0 or near zero (see {@link
 * org.equigrid.market.equity.GroupMeans#relativeToCommunity(double[], String[])}).
 *
 * @param group group name
 * @param households number of households
 * @param meanEnergyCostEur mean {@code C_i} (energy only)
 * @param meanDispatchCostEur mean {@code dispatchCost_i} (energy and peak charge share)
 * @param meanSavingsEur mean {@code savingsEur = C0_i − dispatchCost_i}
 * @param meanRenewableAccess mean {@code a_i}
 * @param renewableAccessGap mean access / community mean access
 * @param meanEnergyBurden mean {@code dispatchCost_i / y_i}
 * @param energyBurdenGap mean burden / community mean burden
 */
public record GroupDayMetrics(
    String group,
    int households,
    double meanEnergyCostEur,
    double meanDispatchCostEur,
    double meanSavingsEur,
    double meanRenewableAccess,
    Index renewableAccessGap,
    double meanEnergyBurden,
    Index energyBurdenGap) {}
