package org.equigrid.market.metrics;

/**
 * The community's day, before settlement (DESIGN.md section 4).
 *
 * @param loadKwh total load
 * @param pvKwh total PV generation
 * @param importKwh total grid import
 * @param exportKwh total grid export
 * @param poolTradedKwh energy traded through the pool
 * @param curtailedKwh PV curtailed
 * @param baselinePeakKw no-DER baseline: {@code max_t Σ_i L / Δt}
 * @param standalonePeakKw no cooperation: {@code max_t Σ_i imp_alone / Δt}
 * @param peakKw the dispatch's {@code max_t Σ_i imp / Δt}
 * @param peakReductionVsBaseline {@code 1 − peak / baselinePeak}
 * @param peakReductionVsStandalone {@code 1 − peak / standalonePeak}
 * @param solarUtilisation PV used inside the community / PV generated: {@code (G − cur − exp) / G}
 * @param selfSufficiency {@code 1 − import / load}
 * @param standaloneCostEur {@code Σ_i C0_i} (each with its own peak charge)
 * @param communityCostEur the dispatch's energy cost plus peak charge
 * @param cooperativeGainEur {@code v_{w,ρ}(N) = Σ_i C0_i − communityCost}
 * @param cooperativeGainShare {@code v_{w,ρ}(N) / Σ_i C0_i}; undefined when {@code Σ_i C0_i ≤ ε}
 * @param costMinimisingCostEur {@code C*(N)}: the cost-minimising dispatch's energy cost plus peak
 *     charge (weights 1, {@code ρ = 0})
 * @param costMinimisingGainEur {@code v_cost(N) = Σ_i C0_i − C*(N)}
 * @param priceOfFairnessEur {@code v_cost(N) − v_{w,ρ}(N)} = communityCost − costMinimisingCost
 * @param priceOfFairness {@code priceOfFairnessEur / v_cost(N)} (share of the cost-minimising gain
 *     given up), see {@link PriceOfFairness}
 * @param degraded whether the community clearing failed and every household ran alone
 */
public record CommunityDayMetrics(
    double loadKwh,
    double pvKwh,
    double importKwh,
    double exportKwh,
    double poolTradedKwh,
    double curtailedKwh,
    double baselinePeakKw,
    double standalonePeakKw,
    double peakKw,
    double peakReductionVsBaseline,
    double peakReductionVsStandalone,
    double solarUtilisation,
    double selfSufficiency,
    double standaloneCostEur,
    double communityCostEur,
    double cooperativeGainEur,
    Index cooperativeGainShare,
    double costMinimisingCostEur,
    double costMinimisingGainEur,
    double priceOfFairnessEur,
    Index priceOfFairness,
    boolean degraded) {}
