package org.equigrid.market.settlement;

import org.equigrid.market.game.SamplingOptions;

/**
 * How a day is settled.
 *
 * @param exactMaxHouseholds communities up to this size get the exact (weighted) Shapley value by
 *     enumerating every coalition ({@code 2^n} LPs); larger ones are sampled
 * @param sampling the sampler's stopping rule for larger communities
 * @param counterfactualOrders random orders used to estimate each counterfactual share (paired
 *     with the settlement's own orders, so their difference has a small error)
 * @param threads coalition LPs solved in parallel (exact method)
 */
public record SettlementOptions(
    int exactMaxHouseholds, SamplingOptions sampling, int counterfactualOrders, int threads) {

  public SettlementOptions {
    if (exactMaxHouseholds < 1 || exactMaxHouseholds > 16) {
      throw new IllegalArgumentException(
          "exactMaxHouseholds (" + exactMaxHouseholds + ") must be in [1, 16]");
    }
    if (counterfactualOrders < 2) {
      throw new IllegalArgumentException(
          "counterfactualOrders (" + counterfactualOrders + ") must be >= 2");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads (" + threads + ") must be >= 1");
    }
  }

  /**
   * Exact up to 10 households; beyond, sampled to a 95 % half-width of 5 % of the mean absolute
   * share (at least 40, at most 120 orders: about {@code 120·(n−2)} coalition LPs a day, whatever
   * is reached is reported with its standard errors); 20 orders per counterfactual.
   */
  public static SettlementOptions defaults() {
    return new SettlementOptions(
        10,
        new SamplingOptions(0.05, 1e-4, 40, 120, true),
        20,
        Runtime.getRuntime().availableProcessors());
  }
}
