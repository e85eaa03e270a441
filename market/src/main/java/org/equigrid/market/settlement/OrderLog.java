package org.equigrid.market.settlement;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.equigrid.market.game.OrderObserver;

/**
 * Keeps what the settlement needs of the sampler's random orders: the predecessors of every
 * household in the first orders (for counterfactual shares), and, over all orders, the
 * likelihood-ratio weighted marginal contributions that re-weight the orders to the neutral weight
 * {@code λ_i = 1} of each household.
 *
 * <p>An order is built from last to first, picking among the remaining players {@code j} with
 * probability {@code λ_j / Σ remaining λ}, so its probability is {@code Π_k λ_{σ_k} / Λ_k} with
 * {@code Λ_k} the weight of the first {@code k} players. Changing only {@code λ_i} to 1 multiplies
 * it by {@code (1/λ_i) · Π_{k ≥ pos(i)} Λ_k / (Λ_k + 1 − λ_i)} — the ratio of {@link
 * org.equigrid.market.game.WeightedOrders#logProbability} under the two weightings, computed here
 * for one changed weight in {@code O(n)}.
 */
final class OrderLog implements OrderObserver {

  private final double[] lambda;
  private final int keep;
  private final List<int[]> kept = new ArrayList<>();
  private final double[] weightedMarginal;
  private final double[] ratioSum;

  OrderLog(int players, double[] lambda, int keep) {
    this.lambda = lambda.clone();
    this.keep = keep;
    this.weightedMarginal = new double[players];
    this.ratioSum = new double[players];
  }

  @Override
  public void order(int[] order, double[] marginal) {
    if (kept.size() < keep) {
      kept.add(order.clone());
    }
    int n = order.length;
    double[] prefix = new double[n];
    double running = 0;
    for (int k = 0; k < n; k++) {
      running += lambda[order[k]];
      prefix[k] = running;
    }
    for (int position = 0; position < n; position++) {
      int i = order[position];
      if (lambda[i] == 1.0) {
        continue;
      }
      double ratio = 1.0 / lambda[i];
      for (int k = position; k < n; k++) {
        ratio *= prefix[k] / (prefix[k] + 1.0 - lambda[i]);
      }
      weightedMarginal[i] += ratio * marginal[i];
      ratioSum[i] += ratio;
    }
  }

  /** Self-normalised importance estimate of household {@code i}'s share with {@code λ_i = 1}. */
  double neutralShare(int i) {
    return ratioSum[i] > 0 ? weightedMarginal[i] / ratioSum[i] : Double.NaN;
  }

  /** The predecessors of {@code household} in each kept order. */
  List<BitSet> predecessors(int household) {
    List<BitSet> result = new ArrayList<>(kept.size());
    for (int[] order : kept) {
      BitSet before = new BitSet(order.length);
      for (int player : order) {
        if (player == household) {
          break;
        }
        before.set(player);
      }
      result.add(before);
    }
    return result;
  }
}
