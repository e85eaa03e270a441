package org.equigrid.market.game;

import java.util.Objects;

/**
 * The Kalai–Samet law of weighted random orders, shared by the exact and sampled weighted Shapley
 * values and by everything that re-weights sampled orders: an order is built from last to first,
 * each time picking among the remaining players {@code j} with probability {@code λ_j / Σ remaining
 * λ}.
 */
public final class WeightedOrders {

  private WeightedOrders() {}

  /**
   * {@code ln p_λ(σ)} of an order listed first to last: {@code Σ_k ln(λ_{σ_k} / Λ_k)} with {@code
   * Λ_k} the weight of the first {@code k} players.
   */
  public static double logProbability(int[] order, double[] lambda) {
    Objects.requireNonNull(order, "order");
    double prefix = 0;
    double log = 0;
    for (int player : order) {
      double w = lambda[player];
      prefix += w;
      log += Math.log(w) - Math.log(prefix);
    }
    return log;
  }
}
