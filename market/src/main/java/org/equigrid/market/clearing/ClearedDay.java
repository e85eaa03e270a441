package org.equigrid.market.clearing;

import java.util.List;
import org.equigrid.market.model.EquitySettings;
import org.equigrid.market.model.TradingDay;

/**
 * A day cleared three ways: every household alone, the community cost-minimising (weights 1, no
 * floor), and the community under the equity settings (the dispatch that is actually run).
 *
 * @param day the day
 * @param equity the equity settings of the real dispatch
 * @param pricingRule the pool pricing rule
 * @param poolPriceEurPerKwh {@code p[t]}
 * @param standalone per household, its own optimum ({@code S = {i}}); {@code C0_i} is its
 *     {@link ClearingResult#totalCostEur()}
 * @param costMinimising the community optimum with weights 1 and {@code ρ = 0}
 * @param dispatch the community under {@code equity} (the same object as {@code costMinimising}
 *     when the settings are neutral)
 */
public record ClearedDay(
    TradingDay day,
    EquitySettings equity,
    PricingRule pricingRule,
    double[] poolPriceEurPerKwh,
    List<ClearingResult> standalone,
    ClearingResult costMinimising,
    ClearingResult dispatch) {

  /**
   * Whether the dispatch solve had no solution and the day was run with every household
   * standalone (see {@link MarketClearing}).
   */
  public boolean degraded() {
    return !dispatch.report().status().hasSolution();
  }

  /** {@code C0_i}: standalone cost including the household's own peak charge. */
  public double standaloneCostEur(int household) {
    return standalone.get(household).totalCostEur();
  }

  /** {@code (cost(w,ρ) − cost(1,0)) / cost(1,0)} on the community's real cost (energy + peak). */
  public double priceOfFairness() {
    double neutral = costMinimising.totalCostEur();
    return (dispatch.totalCostEur() - neutral) / Math.max(Math.abs(neutral), 1e-9);
  }
}
