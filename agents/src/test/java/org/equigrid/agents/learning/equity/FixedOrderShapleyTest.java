package org.equigrid.agents.learning.equity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.BitSet;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.equigrid.market.game.ShapleyValue;
import org.equigrid.market.game.TabularGame;
import org.junit.jupiter.api.Test;

class FixedOrderShapleyTest {

  private static final int N = 6;

  /** A random superadditive-ish game: v(S) = (Σ_{i∈S} a_i)^1.3 − Σ a_i. */
  private static TabularGame game(long seed) {
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    double[] a = new double[N];
    for (int i = 0; i < N; i++) {
      a[i] = rng.nextDouble(0.5, 3.0);
    }
    double[] table = new double[1 << N];
    for (int mask = 1; mask < table.length; mask++) {
      double sum = 0;
      for (int i = 0; i < N; i++) {
        if ((mask & (1 << i)) != 0) {
          sum += a[i];
        }
      }
      table[mask] = Integer.bitCount(mask) == 1 ? 0 : Math.pow(sum, 1.3) - sum;
    }
    return TabularGame.of(N, table);
  }

  @Test
  void shares_manyOrders_matchExactWeightedShapleyAndAreEfficient_overSeeds() {
    double[] neutral = {1, 1, 1, 1, 1, 1};
    double[] proposal = {1.4, 1.4, 1.0, 1.0, 0.6, 0.6};
    double[] inverse = {1 / 1.4, 1 / 1.4, 1.0, 1.0, 1 / 0.6, 1 / 0.6};
    double[] target = {1.8, 0.9, 1.2, 0.7, 0.5, 1.1};
    int within = 0;
    for (long seed = 1; seed <= 5; seed++) {
      TabularGame g = game(seed);
      double grand = g.value((1L << N) - 1);
      FixedOrderShapley estimate =
          new FixedOrderShapley(
              N,
              s -> g.value(s.toLongArray()[0]),
              List.of(neutral, proposal, inverse),
              6000,
              RandomGeneratorFactory.of("L64X128MixRandom").create(seed));
      double[] exact = ShapleyValue.weightedShapley(g, target);
      double[] phi = estimate.shares(target, grand);
      double sum = 0;
      double worst = 0;
      for (int i = 0; i < N; i++) {
        sum += phi[i];
        worst = Math.max(worst, Math.abs(phi[i] - exact[i]) / Math.max(1e-9, Math.abs(exact[i])));
      }
      assertThat(sum).isCloseTo(grand, within(1e-9));
      assertThat(estimate.effectiveOrders(target)).isGreaterThan(500);
      if (worst < 0.05) {
        within++;
      }
    }
    assertThat(within).as("seeds within 5 %% of the exact shares").isGreaterThanOrEqualTo(4);
  }

  @Test
  void logProbability_ordersOfThreePlayers_sumToOne() {
    double[] lambda = {2.0, 0.5, 1.0};
    int[][] orders = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
    double total = 0;
    for (int[] order : orders) {
      total += Math.exp(org.equigrid.market.game.WeightedOrders.logProbability(order, lambda));
    }
    assertThat(total).isCloseTo(1.0, within(1e-12));
    // last player 0 with probability 2 / 3.5, then 1 before 2... order (1, 2, 0): 2/3.5 · 1/1.5
    assertThat(
            Math.exp(
                org.equigrid.market.game.WeightedOrders.logProbability(
                    new int[] {1, 2, 0}, lambda)))
        .isCloseTo(2 / 3.5 * (1.0 / 1.5), within(1e-12));
  }

  @Test
  void shares_sameOrders_reuseTheSameCoalitions() {
    TabularGame g = game(3);
    BitSet seen = new BitSet();
    int[] calls = {0};
    FixedOrderShapley estimate =
        new FixedOrderShapley(
            N,
            s -> {
              calls[0]++;
              seen.set((int) s.toLongArray()[0]);
              return g.value(s.toLongArray()[0]);
            },
            List.of(new double[] {1, 1, 1, 1, 1, 1}),
            10,
            RandomGeneratorFactory.of("L64X128MixRandom").create(1));
    int before = calls[0];
    estimate.shares(new double[] {2, 1, 1, 0.5, 0.5, 1}, 10.0);
    estimate.shares(new double[] {0.5, 1, 1, 2, 2, 1}, 10.0);
    assertThat(calls[0]).isEqualTo(before).isEqualTo(10 * (N - 2));
  }
}
