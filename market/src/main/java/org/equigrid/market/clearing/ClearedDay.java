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
 * @param aloneInDispatch per household, whether it ran alone in the dispatch (no trading, a
 *     degraded day, or absent from the pool) and so pays its own standalone peak charge
 */
public record ClearedDay(
    TradingDay day,
    EquitySettings equity,
    PricingRule pricingRule,
    double[] poolPriceEurPerKwh,
    List<ClearingResult> standalone,
    ClearingResult costMinimising,
    ClearingResult dispatch,
    boolean[] aloneInDispatch) {

  public ClearedDay {
    if (aloneInDispatch.length != standalone.size()) {
      throw new IllegalArgumentException("aloneInDispatch has " + aloneInDispatch.length + " entries for "
          + standalone.size() + " households; one per household is needed.");
    }
    aloneInDispatch = aloneInDispatch.clone();
  }

  /**
   * A cleared day whose households ran alone exactly where the dispatch holds their standalone
   * schedule itself (as {@link MarketClearing}'s standalone composites do).
   */
  public ClearedDay(
      TradingDay day, EquitySettings equity, PricingRule pricingRule, double[] poolPriceEurPerKwh,
      List<ClearingResult> standalone, ClearingResult costMinimising, ClearingResult dispatch) {
    this(day, equity, pricingRule, poolPriceEurPerKwh, standalone, costMinimising, dispatch,
        aloneByIdentity(standalone, dispatch));
  }

  private static boolean[] aloneByIdentity(List<ClearingResult> standalone, ClearingResult dispatch) {
    boolean[] alone = new boolean[standalone.size()];
    List<HouseholdSchedule> schedules = dispatch.schedules();
    for (int i = 0; i < alone.length && schedules.size() == alone.length; i++) {
      List<HouseholdSchedule> own = standalone.get(i).schedules();
      alone[i] = !own.isEmpty() && schedules.get(i) == own.get(0);
    }
    return alone;
  }

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

  /** Whether every household ran alone in the dispatch (a day without trading, or a degraded day). */
  public boolean everyoneAlone() {
    for (boolean alone : aloneInDispatch) {
      if (!alone) {
        return false;
      }
    }
    return true;
  }

  /**
   * Each household's share of the dispatch's peak charge (EUR), summing to {@link
   * ClearingResult#peakChargeEur()}. A household that ran alone ({@link #aloneInDispatch()}) pays its
   * own standalone peak charge; the rest of the charge is shared by the others pro rata to their
   * import in the interval where their total import peaks (the first such interval), equally when
   * they import nothing. NaN for every household when the dispatch has no schedules.
   */
  public double[] peakChargeShareEur() {
    int n = standalone.size();
    double[] share = new double[n];
    List<HouseholdSchedule> schedules = dispatch.schedules();
    if (schedules.size() != n) {
      java.util.Arrays.fill(share, Double.NaN);
      return share;
    }
    double remaining = dispatch.peakChargeEur();
    int together = 0;
    for (int i = 0; i < n; i++) {
      if (aloneInDispatch[i]) {
        share[i] = standalone.get(i).peakChargeEur();
        remaining -= share[i];
      } else {
        together++;
      }
    }
    if (together == 0) {
      return share;
    }
    int peakInterval = 0;
    double peakImport = -1;
    for (int t = 0; t < day.intervals(); t++) {
      double total = 0;
      for (int i = 0; i < n; i++) {
        total += aloneInDispatch[i] ? 0 : schedules.get(i).importKwh()[t];
      }
      if (total > peakImport) {
        peakImport = total;
        peakInterval = t;
      }
    }
    for (int i = 0; i < n; i++) {
      if (!aloneInDispatch[i]) {
        share[i] = peakImport > 0
            ? remaining * schedules.get(i).importKwh()[peakInterval] / peakImport
            : remaining / together;
      }
    }
    return share;
  }
}
