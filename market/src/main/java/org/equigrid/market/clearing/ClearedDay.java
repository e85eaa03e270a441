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
 * @param standalone per household, its own optimum ({@code S = {i}}); {@code C0_i} is its {@link
 *     ClearingResult#totalCostEur()}
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
    ClearedDayChecks.alone(aloneInDispatch.length, standalone.size());
    aloneInDispatch = aloneInDispatch.clone();
  }

  /**
   * A cleared day whose households ran alone exactly where the dispatch holds their standalone
   * schedule itself (as {@link MarketClearing}'s standalone composites do).
   */
  public ClearedDay(
      TradingDay day,
      EquitySettings equity,
      PricingRule pricingRule,
      double[] poolPriceEurPerKwh,
      List<ClearingResult> standalone,
      ClearingResult costMinimising,
      ClearingResult dispatch) {
    this(
        day,
        equity,
        pricingRule,
        poolPriceEurPerKwh,
        standalone,
        costMinimising,
        dispatch,
        ClearedDaySchedules.aloneByIdentity(standalone, dispatch));
  }

  /**
   * Whether the dispatch solve had no solution and the day was run with every household standalone
   * (see {@link MarketClearing}).
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
   * Whether every household ran alone in the dispatch (a day without trading, or a degraded day).
   */
  public boolean everyoneAlone() {
    for (boolean alone : aloneInDispatch) {
      if (!alone) {
        return false;
      }
    }
    return true;
  }

  /**
   * Two intervals whose community import differs by at most this much (kWh) are both the peak
   * interval: the solver's tolerance, so that a flat peak counts as one whatever vertex it returns.
   */
  public static final double PEAK_TIE_KWH = 1e-6;

  /**
   * Each household's share of the dispatch's peak charge (EUR), summing to {@link
   * ClearingResult#peakChargeEur()}: {@link #peakChargeShareEur(double, double[][], boolean[],
   * double[])} on this day. NaN for every household when the dispatch has no schedules.
   */
  public double[] peakChargeShareEur() {
    return ClearedDaySchedules.peakChargeShareEur(this);
  }

  /**
   * The one peak-charge share of the platform (DESIGN.md section 3b; the {@code market} rule's bill
   * and the "before settlement" dispatch cost both use it). A household that ran alone pays its own
   * standalone peak charge {@code ownPeakChargeEur[i]}. The rest, {@code R = peakChargeEur −
   * Σ_alone own}, is shared by the others ({@code P}) pro rata to their import in the peak
   * intervals of {@code P}: every interval {@code t} whose import {@code Σ_{j∈P} imp[j][t]} is
   * within {@value #PEAK_TIE_KWH} kWh of the largest. Tied peak intervals count together, so the
   * share does not depend on the order of intervals: {@code a_i = Σ_{t peak} imp[i][t] / Σ_{j∈P}
   * Σ_{t peak} imp[j][t]}. When {@code P} imports nothing at its peak (so nothing all day), equal
   * shares {@code R / |P|}.
   *
   * @param peakChargeEur the dispatch's peak charge (EUR)
   * @param importKwh {@code imp[i][t]} of the dispatch, per household
   * @param alone per household, whether it ran alone in the dispatch
   * @param ownPeakChargeEur per household, its standalone peak charge (EUR; read only where alone)
   * @return per household, its share (EUR)
   */
  public static double[] peakChargeShareEur(
      double peakChargeEur, double[][] importKwh, boolean[] alone, double[] ownPeakChargeEur) {
    int n = importKwh.length;
    ClearedDayChecks.peakShareInputs(n, alone.length, ownPeakChargeEur.length);
    double[] share = new double[n];
    double remaining = peakChargeEur;
    int together = 0;
    int intervals = 0;
    for (int i = 0; i < n; i++) {
      if (alone[i]) {
        share[i] = ownPeakChargeEur[i];
        remaining -= share[i];
      } else {
        together++;
        intervals = importKwh[i].length;
      }
    }
    if (together == 0) {
      return share;
    }
    double[] community = new double[intervals];
    double peak = Double.NEGATIVE_INFINITY;
    for (int t = 0; t < intervals; t++) {
      for (int i = 0; i < n; i++) {
        community[t] += alone[i] ? 0 : importKwh[i][t];
      }
      peak = Math.max(peak, community[t]);
    }
    double[] atPeak = new double[n];
    double totalAtPeak = 0;
    for (int i = 0; i < n; i++) {
      if (!alone[i]) {
        for (int t = 0; t < intervals; t++) {
          if (community[t] >= peak - PEAK_TIE_KWH) {
            atPeak[i] += Math.max(0, importKwh[i][t]);
          }
        }
        totalAtPeak += atPeak[i];
      }
    }
    for (int i = 0; i < n; i++) {
      if (!alone[i]) {
        share[i] = totalAtPeak > 0 ? remaining * atPeak[i] / totalAtPeak : remaining / together;
      }
    }
    return share;
  }
}
