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
 * @param standaloneCostEur {@code Σ_i C0_i}
 * @param communityCostEur the dispatch's energy cost plus peak charge
 * @param cooperativeGainEur {@code v(N) = Σ_i C0_i − communityCost}
 * @param cooperativeGainShare {@code v(N) / Σ_i C0_i}
 * @param priceOfFairness {@code (cost(w,ρ) − cost(1,0)) / cost(1,0)}
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
    double cooperativeGainShare,
    double priceOfFairness,
    boolean degraded) {}
