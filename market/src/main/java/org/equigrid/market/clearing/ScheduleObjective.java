package org.equigrid.market.clearing;

/**
 * The community objective of feasible schedules, as the decomposition's master measures it: what a
 * restored schedule ({@link ImbalanceRestoration}) or a restricted master IP's answer ({@link
 * PriceAndBranch}) is worth as an upper bound.
 */
final class ScheduleObjective {

  private ScheduleObjective() {}

  /** {@code Σ_k w_k·C_k + πpk·max_t Σ_k imp/Δt} of feasible schedules (no floor). */
  static double of(DecompositionData data, ClearingModel.RawSolution raw) {
    double[] priceImp = data.priceImp();
    double[] priceExp = data.priceExp();
    double[] pool = data.pool();
    double[] weight = data.weight();
    double value = 0;
    double peak = 0;
    for (int t = 0; t < data.intervals(); t++) {
      double imports = 0;
      for (int k = 0; k < data.memberCount(); k++) {
        value +=
            weight[k]
                * (priceImp[t] * raw.imp()[k][t]
                    - priceExp[t] * raw.exp()[k][t]
                    + pool[t] * (raw.buy()[k][t] - raw.sell()[k][t]));
        imports += raw.imp()[k][t];
      }
      peak = Math.max(peak, imports / data.dt());
    }
    return value + data.day().tariff().peakChargeEurPerKw() * peak;
  }

  /**
   * {@code Σ_k w_k·C_k + πpk·peak − ρ·z} of the schedules {@code flows[flow][k][t]}, {@code z} the
   * smallest relative saving of the protected members (the master's objective at its best floor).
   */
  static double withFloor(DecompositionData data, SolverOptions options, double[][][] flows) {
    double value = of(data, ColumnPool.raw(flows));
    ClearingRequest request = data.request();
    if (ClearingModel.hasFloor(request)) {
      double[] priceImp = data.priceImp();
      double[] priceExp = data.priceExp();
      double[] pool = data.pool();
      double floor = MasterLp.FLOOR_BOUND;
      for (int k = 0; k < data.memberCount(); k++) {
        double standalone = request.standaloneCostEur()[k];
        if (request.protectedMember()[k] && Double.isFinite(standalone)) {
          double cost = 0;
          for (int t = 0; t < data.intervals(); t++) {
            cost +=
                priceImp[t] * flows[HouseholdBlock.IMP][k][t]
                    - priceExp[t] * flows[HouseholdBlock.EXP][k][t]
                    + pool[t]
                        * (flows[HouseholdBlock.BUY][k][t] - flows[HouseholdBlock.SELL][k][t]);
          }
          floor =
              Math.min(
                  floor,
                  (standalone - cost) / Math.max(Math.abs(standalone), options.epsilonEur()));
        }
      }
      value -= request.rawlsianStrengthEur() * floor;
    }
    return value;
  }
}
