package org.equigrid.market.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class SampledShapleyTest {

  private static final double[] WEIGHTS = {1, 3, 0.5, 2, 1, 1.5};

  @Test
  void estimate_everyRun_sumsToGrandCoalitionValue() {
    for (long seed = 1; seed <= 20; seed++) {
      TabularGame game = TestGames.random(6, seed);
      double grand = game.value(63);
      SamplingOptions options = seed % 2 == 0 ? SamplingOptions.fixedOrders(10) : plain(11);
      SampledShares plain = SampledShapley.shapley(game, options, TestGames.rng(seed));
      SampledShares weighted =
          SampledShapley.weightedShapley(game, WEIGHTS, options, TestGames.rng(seed));
      assertThat(TestGames.sum(plain.mean())).isCloseTo(grand, within(1e-9));
      assertThat(TestGames.sum(weighted.mean())).isCloseTo(grand, within(1e-9));
    }
  }

  @Test
  void estimate_over200Seeds_95PercentIntervalsCoverExactShapley() {
    assertCoverage(null);
  }

  @Test
  void estimate_over200Seeds_95PercentIntervalsCoverExactWeightedShapley() {
    assertCoverage(WEIGHTS);
  }

  private static void assertCoverage(double[] weights) {
    int n = 6;
    TabularGame game = TestGames.random(n, 7);
    double[] exact =
        weights == null
            ? ShapleyValue.shapley(game)
            : ShapleyValue.weightedShapley(game, weights);
    int seeds = 200;
    int covered = 0;
    for (long seed = 0; seed < seeds; seed++) {
      SampledShares shares =
          SampledShapley.estimate(
              LargeCoalitionGame.of(game),
              weights,
              SamplingOptions.fixedOrders(200),
              TestGames.rng(1000 + seed));
      for (int i = 0; i < n; i++) {
        if (shares.lower95()[i] <= exact[i] && exact[i] <= shares.upper95()[i]) {
          covered++;
        }
      }
    }
    // 1200 intervals; binomial(1200, 0.95) has sd 0.0063, the band allows for the dependence
    // between the players of one run.
    assertThat((double) covered / (seeds * n)).isBetween(0.90, 0.99);
  }

  @Test
  void estimate_withoutAntithetic_lastPlayerOfUnanimityOfAllFollowsWeights() {
    // In u_N only the last player of an order contributes, so φ_i = P(last = i) = λ_i / Σ λ.
    TabularGame game = TestGames.unanimity(6, 63);
    SampledShares shares =
        SampledShapley.weightedShapley(game, WEIGHTS, plain(40_000), TestGames.rng(3));
    double total = TestGames.sum(WEIGHTS);
    for (int i = 0; i < 6; i++) {
      assertThat(shares.mean()[i])
          .isCloseTo(WEIGHTS[i] / total, within(4 * shares.standardError()[i]));
    }
  }

  @Test
  void estimate_antitheticEqualWeights_pairsEachOrderWithItsReverse() {
    // Two players have two orders; an antithetic pair is both of them, so each pair is exact and
    // the standard error is zero (independent orders would give a positive one).
    TabularGame twoPlayers = TestGames.of(2, mask -> mask == 3 ? 5 : mask == 1 ? 1 : 0);
    SampledShares shares =
        SampledShapley.shapley(twoPlayers, SamplingOptions.fixedOrders(4), TestGames.rng(1));
    assertThat(shares.mean()).containsExactly(new double[] {3, 2}, within(1e-12));
    assertThat(shares.standardError()).containsExactly(new double[] {0, 0}, within(1e-12));
  }

  @Test
  void estimate_withTolerance_convergesWithinIt() {
    TabularGame game = TestGames.glove(4);
    SamplingOptions options = new SamplingOptions(0.02, 1e-6, 100, 1_000_000, true);
    SampledShares shares = SampledShapley.shapley(game, options, TestGames.rng(5));
    double meanAbs = TestGames.sum(shares.mean()) / 5; // shares are nonnegative here
    assertThat(shares.converged()).isTrue();
    assertThat(shares.orders()).isLessThan(1_000_000);
    assertThat(shares.maxHalfWidth95()).isLessThanOrEqualTo(0.02 * meanAbs);
    double[] exact = ShapleyValue.shapley(game);
    for (int i = 0; i < 5; i++) {
      assertThat(shares.mean()[i]).isCloseTo(exact[i], within(5 * shares.standardError()[i]));
    }
  }

  @Test
  void estimate_sameSeed_sameResult() {
    TabularGame game = TestGames.random(5, 9);
    SampledShares a = SampledShapley.shapley(game, SamplingOptions.defaults(), TestGames.rng(11));
    SampledShares b = SampledShapley.shapley(game, SamplingOptions.defaults(), TestGames.rng(11));
    assertThat(a.mean()).containsExactly(b.mean());
    assertThat(a.orders()).isEqualTo(b.orders());
  }

  @Test
  void estimate_largeGameBeyond63Players_isEfficientAndSymmetric() {
    int n = 100;
    // v(S) = |S|^2: symmetric, every player's Shapley value is n.
    LargeCoalitionGame game =
        new LargeCoalitionGame() {
          @Override
          public int players() {
            return n;
          }

          @Override
          public double value(BitSet coalition) {
            return Math.pow(coalition.cardinality(), 2);
          }
        };
    SampledShares shares =
        SampledShapley.estimate(game, null, SamplingOptions.fixedOrders(200), TestGames.rng(2));
    assertThat(TestGames.sum(shares.mean())).isCloseTo(n * n, within(1e-6));
    for (int i = 0; i < n; i++) {
      assertThat(shares.mean()[i]).isCloseTo(n, within(6 * shares.standardError()[i] + 1e-9));
    }
  }

  @Test
  void sortByKey_ordersIndicesByIncreasingKey() {
    double[] keys = {0.5, -1, 3, 0.5, -7, 2};
    int[] order = new int[6];
    SampledShapley.sortByKey(order, new int[6], keys);
    assertThat(order).containsExactly(4, 1, 0, 3, 5, 2);
  }

  private static SamplingOptions plain(long orders) {
    return new SamplingOptions(0, 0, Math.max(4, orders), Math.max(4, orders), false);
  }
}
