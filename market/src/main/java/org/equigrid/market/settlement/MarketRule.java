package org.equigrid.market.settlement;

import org.equigrid.market.settlement.DaySettlement.RuleOutcome;

/**
 * {@code market}: each household pays the dispatch's own energy cost {@code C_i} (at pool prices)
 * plus its share of the peak charge ({@link
 * org.equigrid.market.clearing.ClearedDay#peakChargeShareEur(double, double[][], boolean[],
 * double[])}), {@code B_i = C_i + share_i}: the "before settlement" dispatch cost. Whatever {@code
 * Σ C_i} misses of the real energy cost (pool payments cancel up to the solver's tolerance) is
 * shared equally, so {@code Σ B_i} is the real cost.
 */
record MarketRule() implements SettlementRule {

  @Override
  public Bills bills(RuleInput input) {
    int n = input.households();
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(input.peakChargeShareEur()[i])) {
        throw new IllegalStateException(
            "the market rule needs the dispatch of every household; household "
                + i
                + " has no schedule");
      }
    }
    double[] bills = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      bills[i] = input.energyCostEur()[i] + input.peakChargeShareEur()[i];
      sum += bills[i];
    }
    double residual = (input.realCostEur() - sum) / n;
    for (int i = 0; i < n; i++) {
      bills[i] += residual;
    }
    return new Bills(bills, RuleOutcome.plain(SettlementSettings.Rule.MARKET.fileName()));
  }
}
