package org.equigrid.market.metrics;

/**
 * A socio-economic group's day, before settlement. Gaps are group mean divided by community mean
 * (1 means on par).
 *
 * @param group group name
 * @param households number of households
 * @param meanEnergyCostEur mean {@code C_i}
 * @param meanSavingsEur mean {@code C0_i − C_i}
 * @param meanRenewableAccess mean {@code a_i}
 * @param renewableAccessGap mean access / community mean access
 * @param meanEnergyBurden mean {@code C_i / y_i}
 * @param energyBurdenGap mean burden / community mean burden
 */
public record GroupDayMetrics(
    String group,
    int households,
    double meanEnergyCostEur,
    double meanSavingsEur,
    double meanRenewableAccess,
    double renewableAccessGap,
    double meanEnergyBurden,
    double energyBurdenGap) {}
