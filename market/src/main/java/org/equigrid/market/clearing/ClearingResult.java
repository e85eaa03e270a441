package org.equigrid.market.clearing;

import java.util.List;

/**
 * The cleared day of a coalition.
 *
 * @param report solver outcome; when it has no solution the schedules are empty
 * @param poolPriceEurPerKwh {@code p[t]} used
 * @param schedules one per member, in member order
 * @param peakKw the coalition's highest import {@code max_t Σ imp / Δt}
 * @param gridCostEur {@code Σ_i Σ_t (πimp·imp − πexp·exp)}: what the coalition pays the grid for
 *     energy (equals {@code Σ_i C_i} because pool payments cancel)
 * @param peakChargeEur {@code πpk · peak}
 * @param rawlsianFloor {@code z} (NaN when {@code ρ = 0})
 */
public record ClearingResult(
    SolverReport report,
    double[] poolPriceEurPerKwh,
    List<HouseholdSchedule> schedules,
    double peakKw,
    double gridCostEur,
    double peakChargeEur,
    double rawlsianFloor) {

  /** The same result with another solver report. */
  public ClearingResult withReport(SolverReport newReport) {
    return new ClearingResult(
        newReport,
        poolPriceEurPerKwh,
        schedules,
        peakKw,
        gridCostEur,
        peakChargeEur,
        rawlsianFloor);
  }

  /**
   * What the coalition really pays: energy plus peak charge. This is {@code C*(S)} when
   * cost-minimising.
   */
  public double totalCostEur() {
    return gridCostEur + peakChargeEur;
  }
}
