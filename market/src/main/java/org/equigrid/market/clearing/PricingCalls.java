package org.equigrid.market.clearing;

/**
 * The pricing problems the decomposition's master poses to the households ({@link
 * HouseholdBlock.PricingCall}): per interval the cost of each flow at given duals, with the pool's
 * open intervals and the directions fixed so far ({@link DirectionFixes}), and the priced cost of a
 * column at those duals. The reduced cost of a column {@code x} of household {@code k} is {@code
 * (w_k − μ_k)·C(x) − Σ_t π_t·(sell − buy)_t + Σ_t ψ_t·imp_t/Δt − σ_k}.
 */
final class PricingCalls {

  private final DecompositionData data;
  private final DirectionFixes directions;

  PricingCalls(DecompositionData data, DirectionFixes directions) {
    this.data = data;
    this.directions = directions;
  }

  /**
   * The first call: household {@code k}'s schedule without trading, the peak charge spread over the
   * intervals ({@code πpk/Δt/T} EUR per kWh imported).
   */
  HouseholdBlock.PricingCall first(int k) {
    int intervals = data.intervals();
    double peakShare = data.day().tariff().peakChargeEurPerKw() / data.dt() / intervals;
    double[] costImp = new double[intervals];
    double[] costExp = new double[intervals];
    for (int t = 0; t < intervals; t++) {
      costImp[t] = data.weight()[k] * data.priceImp()[t] + peakShare;
      costExp[t] = -data.weight()[k] * data.priceExp()[t];
    }
    return call(k, costImp, costExp, new double[intervals], new double[intervals], false);
  }

  /**
   * A fresh column without trading for household {@code k} after a rounding pass (so the pool stays
   * balanced with the others' columns), respecting the fixed directions.
   */
  HouseholdBlock.PricingCall noTrade(int k) {
    int intervals = data.intervals();
    double[] costImp = new double[intervals];
    double[] costExp = new double[intervals];
    for (int t = 0; t < intervals; t++) {
      costImp[t] = data.weight()[k] * data.priceImp()[t];
      costExp[t] = -data.weight()[k] * data.priceExp()[t];
    }
    return call(k, costImp, costExp, new double[intervals], new double[intervals], false);
  }

  /**
   * Household {@code k}'s pricing problem at the duals {@code at}, trading where the pool opens.
   */
  HouseholdBlock.PricingCall at(int k, MasterLp.Duals at) {
    int intervals = data.intervals();
    double scale = data.weight()[k] - at.floor()[k];
    double[] costImp = new double[intervals];
    double[] costExp = new double[intervals];
    double[] costBuy = new double[intervals];
    double[] costSell = new double[intervals];
    for (int t = 0; t < intervals; t++) {
      costImp[t] = scale * data.priceImp()[t] + at.peak()[t] / data.dt();
    }
    for (int t = 0; t < intervals; t++) {
      costExp[t] = -scale * data.priceExp()[t];
    }
    for (int t = 0; t < intervals; t++) {
      costBuy[t] = scale * data.pool()[t] + at.pool()[t];
    }
    for (int t = 0; t < intervals; t++) {
      costSell[t] = -scale * data.pool()[t] - at.pool()[t];
    }
    return call(k, costImp, costExp, costBuy, costSell, true);
  }

  private HouseholdBlock.PricingCall call(
      int k,
      double[] costImp,
      double[] costExp,
      double[] costBuy,
      double[] costSell,
      boolean trade) {
    return new HouseholdBlock.PricingCall(
        costImp,
        costExp,
        costBuy,
        costSell,
        trade ? data.inPool().clone() : new boolean[data.intervals()],
        directions.charge(k),
        directions.grid(k),
        directions.starts(k));
  }

  /**
   * The column's priced cost {@code (w − μ)·C(x) − π·(sell − buy) + ψ·imp/Δt} at the duals {@code
   * at}.
   */
  double value(HouseholdBlock.Column column, int k, MasterLp.Duals at) {
    double[] priceImp = data.priceImp();
    double[] priceExp = data.priceExp();
    double[] pool = data.pool();
    double scale = data.weight()[k] - at.floor()[k];
    double[][] v = column.values();
    double value = 0;
    for (int t = 0; t < data.intervals(); t++) {
      value +=
          (scale * priceImp[t] + at.peak()[t] / data.dt()) * v[HouseholdBlock.IMP][t]
              - scale * priceExp[t] * v[HouseholdBlock.EXP][t]
              + (scale * pool[t] + at.pool()[t])
                  * (v[HouseholdBlock.BUY][t] - v[HouseholdBlock.SELL][t]);
    }
    return value;
  }
}
