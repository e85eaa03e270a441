package org.equigrid.agents.learning.equity;

import java.util.BitSet;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;
import org.equigrid.market.game.WeightedOrders;
import org.equigrid.market.settlement.CoalitionValues;

/**
 * A weighted Shapley estimate from a fixed set of random orders per day, re-weighted by importance
 * sampling so that every weight setting reuses the same coalitions (and so the same cached LPs).
 *
 * <p>The orders are drawn once from a defensive mixture {@code q} of Kalai–Samet order
 * distributions (each order built from last to first, picking a remaining player with probability
 * {@code λ_j / Σ remaining λ}) under a few proposal weight vectors. For target weights {@code λ},
 * {@code φ_i = Σ_k r_k m_k[i] / Σ_k r_k} with {@code r_k = p_λ(π_k) / q(π_k)} (self-normalised).
 * Each order's marginal contributions sum to {@code v(N)}, so the estimate is efficient. The
 * estimate is a smooth, deterministic function of the weights; its bias shrinks with the number of
 * orders and with the effective sample size, reported by {@link #effectiveOrders}.
 */
final class FixedOrderShapley {

  private final int players;
  private final int[][] orders;

  /** marginal contributions with {@code v(N)} left out of the last player's. */
  private final double[][] partialMarginals;

  private final double[] logProposal;

  FixedOrderShapley(
      CoalitionValues values, List<double[]> proposals, int orderCount, RandomGenerator rng) {
    this(values.players(), values::value, proposals, orderCount, rng);
  }

  /**
   * @param values {@code v(S)} for {@code 2 <= |S| <= n − 1} (the sets are not modified)
   */
  FixedOrderShapley(
      int players,
      ToDoubleFunction<BitSet> values,
      List<double[]> proposals,
      int orderCount,
      RandomGenerator rng) {
    this.players = players;
    this.orders = new int[orderCount][];
    this.partialMarginals = new double[orderCount][players];
    this.logProposal = new double[orderCount];
    for (int k = 0; k < orderCount; k++) {
      orders[k] = sampleOrder(proposals.get(k % proposals.size()), rng);
    }
    for (int k = 0; k < orderCount; k++) {
      BitSet coalition = new BitSet(players);
      double previous = 0;
      for (int j = 0; j < players - 1; j++) {
        coalition.set(orders[k][j]);
        double value = j == 0 ? 0.0 : values.applyAsDouble(coalition);
        partialMarginals[k][orders[k][j]] = value - previous;
        previous = value;
      }
      partialMarginals[k][orders[k][players - 1]] = -previous;
      double[] logs = new double[proposals.size()];
      for (int m = 0; m < logs.length; m++) {
        logs[m] = WeightedOrders.logProbability(orders[k], proposals.get(m));
      }
      logProposal[k] = logSumExp(logs) - Math.log(logs.length);
    }
  }

  int orders() {
    return orders.length;
  }

  /** The estimated weighted Shapley shares for household weights {@code lambda}. */
  double[] shares(double[] lambda, double grandValueEur) {
    double[] r = ratios(lambda);
    double[] phi = new double[players];
    for (int k = 0; k < orders.length; k++) {
      for (int i = 0; i < players; i++) {
        phi[i] += r[k] * partialMarginals[k][i];
      }
      phi[orders[k][players - 1]] += r[k] * grandValueEur;
    }
    return phi;
  }

  /** Kish's effective number of orders {@code (Σ r)² / Σ r²} for the target weights. */
  double effectiveOrders(double[] lambda) {
    double[] r = ratios(lambda);
    double sumSquares = 0;
    for (double x : r) {
      sumSquares += x * x;
    }
    return 1 / sumSquares;
  }

  /** Normalised importance ratios (sum 1). */
  private double[] ratios(double[] lambda) {
    double[] log = new double[orders.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < orders.length; k++) {
      log[k] = WeightedOrders.logProbability(orders[k], lambda) - logProposal[k];
      max = Math.max(max, log[k]);
    }
    double[] r = new double[orders.length];
    double sum = 0;
    for (int k = 0; k < orders.length; k++) {
      r[k] = Math.exp(log[k] - max);
      sum += r[k];
    }
    for (int k = 0; k < orders.length; k++) {
      r[k] /= sum;
    }
    return r;
  }

  /** An order (first to last) built from last to first with probabilities {@code λ_j / Σ λ}. */
  private int[] sampleOrder(double[] lambda, RandomGenerator rng) {
    int[] remaining = new int[players];
    double total = 0;
    for (int i = 0; i < players; i++) {
      remaining[i] = i;
      total += lambda[i];
    }
    int[] order = new int[players];
    int left = players;
    for (int position = players - 1; position >= 0; position--) {
      double u = rng.nextDouble() * total;
      int pick = left - 1;
      double acc = 0;
      for (int j = 0; j < left; j++) {
        acc += lambda[remaining[j]];
        if (u < acc) {
          pick = j;
          break;
        }
      }
      int player = remaining[pick];
      order[position] = player;
      total -= lambda[player];
      remaining[pick] = remaining[left - 1];
      left--;
      // keep the remaining players sorted so the draw does not depend on earlier swaps' history
      java.util.Arrays.sort(remaining, 0, left);
    }
    return order;
  }

  private static double logSumExp(double[] x) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (double v : x) {
      sum += Math.exp(v - max);
    }
    return max + Math.log(sum);
  }
}
