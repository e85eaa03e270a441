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

  /** {@code Σ_i C0_i}: every household alone, each with its own peak charge (EUR). */
  public double standaloneCostSumEur() {
    double sum = 0;
    for (ClearingResult alone : standalone) {
      sum += alone.totalCostEur();
    }
    return sum;
  }

  /**
   * {@code v_cost(N) = Σ_i C0_i − C*(N)}: the cooperative gain of the cost-minimising dispatch
   * (weights 1, {@code ρ = 0}, peak charge included), in EUR (DESIGN.md section 3c).
   */
  public double costMinimisingGainEur() {
    return standaloneCostSumEur() - costMinimising.totalCostEur();
  }

  /**
   * {@code v_{w,ρ}(N) = Σ_i C0_i − cost of the dispatch}: the cooperative gain of the dispatch that
   * is actually run (energy and peak charge), in EUR.
   */
  public double dispatchGainEur() {
    return standaloneCostSumEur() - dispatch.totalCostEur();
  }

  /**
   * The price of fairness in EUR, {@code v_cost(N) − v_{w,ρ}(N)} = the dispatch's cost minus the
   * cost-minimising cost (both with the peak charge): the gain given up for the equity settings.
   */
  public double priceOfFairnessEur() {
    return dispatch.totalCostEur() - costMinimising.totalCostEur();
  }

  /**
   * Whether the dispatch is every household standalone (a day without trading, or a degraded day):
   * its schedules are the standalone ones.
   */
  public boolean everyoneAlone() {
    List<HouseholdSchedule> schedules = dispatch.schedules();
    if (schedules.size() != standalone.size()) {
      return false;
    }
    for (int i = 0; i < schedules.size(); i++) {
      List<HouseholdSchedule> alone = standalone.get(i).schedules();
      if (alone.isEmpty() || schedules.get(i) != alone.get(0)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Each household's share of the dispatch's peak charge (EUR), summing to {@link
   * ClearingResult#peakChargeEur()}: when {@link #everyoneAlone()}, its own standalone peak charge
   * (what it pays alone); otherwise pro rata to its import in the community's peak interval (the
   * first interval of highest total import), split equally when nobody imports. NaN for every
   * household when the dispatch has no schedules.
   */
  public double[] peakChargeShareEur() {
    int n = standalone.size();
    double[] share = new double[n];
    List<HouseholdSchedule> schedules = dispatch.schedules();
    if (schedules.size() != n) {
      java.util.Arrays.fill(share, Double.NaN);
      return share;
    }
    if (everyoneAlone()) {
      for (int i = 0; i < n; i++) {
        share[i] = standalone.get(i).peakChargeEur();
      }
      return share;
    }
    double charge = dispatch.peakChargeEur();
    int peakInterval = 0;
    double peakImport = -1;
    for (int t = 0; t < day.intervals(); t++) {
      double total = 0;
      for (HouseholdSchedule schedule : schedules) {
        total += schedule.importKwh()[t];
      }
      if (total > peakImport) {
        peakImport = total;
        peakInterval = t;
      }
    }
    for (int i = 0; i < n; i++) {
      share[i] = peakImport > 0
          ? charge * schedules.get(i).importKwh()[peakInterval] / peakImport
          : charge / n;
    }
    return share;
  }
}
