package org.equigrid.market.settlement;

import org.equigrid.market.settlement.DaySettlement.RuleOutcome;

/**
 * {@code market}: each household pays the dispatch's own energy cost {@code C_i} (at pool prices)
 * plus a share of the community's peak charge, {@code B_i = C_i + a_i · peak charge}.
 *
 * <p>The share {@code a_i} is pro rata to the household's import in the peak intervals: the
 * intervals whose community import is within {@value #PEAK_TIE_KWH} kWh of the largest (ties
 * count together). If nobody imports then (imports are not negative, so nobody imports all day
 * and the peak charge is 0), equal. Whatever {@code Σ C_i} misses of the real energy cost (pool
 * payments cancel up to the solver's tolerance) is shared equally, so {@code Σ B_i} is the real
 * cost.
 */
record MarketRule() implements SettlementRule {

  static final double PEAK_TIE_KWH = 1e-9;

  @Override
  public Bills bills(RuleInput input) {
    int n = input.households();
    for (int i = 0; i < n; i++) {
      if (input.importKwh()[i] == null) {
        throw new IllegalStateException("the market rule needs the dispatch of every household; household " + i
            + " has no schedule");
      }
    }
    double[] share = peakShares(input.importKwh());
    double[] bills = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      bills[i] = input.energyCostEur()[i] + share[i] * input.peakChargeEur();
      sum += bills[i];
    }
    double residual = (input.realCostEur() - sum) / n;
    for (int i = 0; i < n; i++) {
      bills[i] += residual;
    }
    return new Bills(bills, RuleOutcome.plain(SettlementSettings.Rule.MARKET.fileName()));
  }

  /** Each household's part {@code a_i} of the peak charge, summing to 1. */
  static double[] peakShares(double[][] importKwh) {
    int n = importKwh.length;
    int intervals = n == 0 ? 0 : importKwh[0].length;
    double[] community = new double[intervals];
    double peak = Double.NEGATIVE_INFINITY;
    for (int t = 0; t < intervals; t++) {
      for (double[] household : importKwh) {
        community[t] += household[t];
      }
      peak = Math.max(peak, community[t]);
    }
    double[] atPeak = new double[n];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < intervals; t++) {
        if (community[t] >= peak - PEAK_TIE_KWH) {
          atPeak[i] += importKwh[i][t];
        }
      }
    }
    double[] share = proRata(atPeak);
    if (share == null) {
      share = new double[n];
      java.util.Arrays.fill(share, 1.0 / n);
    }
    return share;
  }

  private static double[] proRata(double[] amounts) {
    double total = 0;
    for (double amount : amounts) {
      total += Math.max(0, amount);
    }
    if (!(total > 0)) {
      return null;
    }
    double[] share = new double[amounts.length];
    for (int i = 0; i < amounts.length; i++) {
      share[i] = Math.max(0, amounts[i]) / total;
    }
    return share;
  }
}
