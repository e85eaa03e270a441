package org.equigrid.market.metrics;

/**
 * One household's day, before settlement.
 *
 * @param householdIndex index into the day's households
 * @param id household id
 * @param group socio-economic group
 * @param loadKwh {@code Σ_t L}
 * @param pvKwh {@code Σ_t G}
 * @param importKwh grid import
 * @param exportKwh grid export
 * @param boughtKwh bought from the pool
 * @param soldKwh sold to the pool
 * @param curtailedKwh PV curtailed
 * @param ownPvUsedKwh PV kept at home (consumed or stored): {@code G − cur − exp − sell}, at most
 *     {@code L + ch}
 * @param standaloneCostEur {@code C0_i} (energy and own peak charge, alone)
 * @param energyCostEur {@code C_i} in the community dispatch (before settlement), energy only
 * @param peakChargeShareEur the household's share of the dispatch's peak charge (see {@link
 *     org.equigrid.market.clearing.ClearedDay#peakChargeShareEur()})
 * @param dispatchCostEur {@code C_i} plus the peak charge share: the dispatch's own bill, like
 *     {@code C0_i} with a peak charge (the households' dispatch costs sum to the community cost)
 * @param savingsEur {@code C0_i − dispatchCost_i} (like with like: both with the peak charge; 0 for
 *     every household on a day without trading)
 * @param relativeSavings {@code u_i = savingsEur / max(|C0_i|, ε)}
 * @param renewableAccess {@code a_i}: share of the load served by local energy. Energy in an
 *     interval is taken as mixed: the local share of the household's supply is {@code (G − cur +
 *     buy + dis) / (G − cur + buy + dis + imp)} (pool energy is local by the origin constraint,
 *     battery energy counts as local), and {@code a_i = Σ_t L·share / Σ_t L}, in [0, 1]
 * @param energyBurden {@code dispatchCost_i / y_i}, before settlement
 */
public record HouseholdDayMetrics(
    int householdIndex,
    String id,
    String group,
    double loadKwh,
    double pvKwh,
    double importKwh,
    double exportKwh,
    double boughtKwh,
    double soldKwh,
    double curtailedKwh,
    double ownPvUsedKwh,
    double standaloneCostEur,
    double energyCostEur,
    double peakChargeShareEur,
    double dispatchCostEur,
    double savingsEur,
    double relativeSavings,
    double renewableAccess,
    double energyBurden) {}
