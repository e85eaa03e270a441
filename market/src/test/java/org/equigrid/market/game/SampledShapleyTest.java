package org.equigrid.market.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampledShapleyTest {

  /**
   * The gain floor (session 13): with tolerance 1 % and shares summing to v(N) = 5.33 EUR the rule
   * allows 0.0533 EUR; floored at a cost-minimising gain of 17.8 EUR it allows 0.178 EUR; a floor
   * below 1 % of v(N) (2 EUR: 0.02) leaves 0.0533; a scale of 0 or less leaves the rule as it is.
   */
  @Test
  void allowedHalfWidth_gainFloor_largerOfTheGainAndTheFloorScale() {
    SamplingOptions rule = new SamplingOptions(0, 1e-4, 40, 2000, true, 0.01);
    double[] shares = {2.0, 3.0, 0.33};

    assertThat(SampledShapley.allowedHalfWidth(shares, rule)).isCloseTo(0.0533, within(1e-12));
    assertThat(SampledShapley.allowedHalfWidth(shares, rule.withGainFloor(17.8)))
        .isCloseTo(0.178, within(1e-12));
    assertThat(SampledShapley.allowedHalfWidth(shares, rule.withGainFloor(2.0)))
        .isCloseTo(0.0533, within(1e-12));
    assertThat(rule.withGainFloor(0)).isSameAs(rule);
    assertThat(rule.withGainFloor(-3)).isSameAs(rule);
    assertThat(rule.withGainFloor(17.8).maxOrders()).isEqualTo(2000);
  }

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
        weights == null ? ShapleyValue.shapley(game) : ShapleyValue.weightedShapley(game, weights);
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

  @Test
  void estimate_marginalGameOfATable_equalsValueCallsOrderByOrder() {
    TabularGame game = TestGames.random(6, 3);
    SampledShares byValues =
        SampledShapley.estimate(
            LargeCoalitionGame.of(game),
            WEIGHTS,
            SamplingOptions.fixedOrders(40),
            TestGames.rng(5));
    SampledShares byOrders =
        SampledShapley.estimate(
            marginalsOf(game), WEIGHTS, SamplingOptions.fixedOrders(40), TestGames.rng(5));
    assertThat(byOrders.mean()).containsExactly(byValues.mean(), within(1e-12));
    assertThat(byOrders.standardError()).containsExactly(byValues.standardError(), within(1e-12));
  }

  @Test
  void estimate_controlVariateIsTheGameItself_returnsItsExactValueWithoutSamplingError() {
    TabularGame game = TestGames.random(6, 4);
    double[] exact = ShapleyValue.weightedShapley(game, WEIGHTS);
    ControlVariate itself = new ControlVariate(marginalsOf(game), exact, new double[6], 0);
    SampledShares shares =
        SampledShapley.estimate(
            LargeCoalitionGame.of(game),
            WEIGHTS,
            new SamplingOptions(0.01, 0, 4, 1000, true),
            TestGames.rng(9),
            OrderObserver.none(),
            itself);
    assertThat(shares.mean()).containsExactly(exact, within(1e-12));
    assertThat(shares.standardError()).containsOnly(0.0);
    assertThat(shares.orders()).isEqualTo(4);
    assertThat(shares.converged()).isTrue();
  }

  @Test
  void estimate_withCorrelatedControlVariate_coversExactValueAndNarrowsIntervals() {
    int n = 6;
    TabularGame game = TestGames.random(n, 7);
    TabularGame noise = TestGames.random(n, 8);
    // v' = 0.9 v + 0.1 (another game): correlated with v, different Shapley value
    TabularGame cheap = TestGames.of(n, mask -> 0.9 * game.value(mask) + 0.1 * noise.value(mask));
    double[] exact = ShapleyValue.weightedShapley(game, WEIGHTS);
    ControlVariate variate =
        new ControlVariate(
            marginalsOf(cheap), ShapleyValue.weightedShapley(cheap, WEIGHTS), new double[n], 0);
    int seeds = 200;
    int covered = 0;
    double withSe = 0;
    double withoutSe = 0;
    for (long seed = 0; seed < seeds; seed++) {
      SampledShares with =
          SampledShapley.estimate(
              LargeCoalitionGame.of(game),
              WEIGHTS,
              SamplingOptions.fixedOrders(100),
              TestGames.rng(2000 + seed),
              OrderObserver.none(),
              variate);
      SampledShares without =
          SampledShapley.estimate(
              LargeCoalitionGame.of(game),
              WEIGHTS,
              SamplingOptions.fixedOrders(100),
              TestGames.rng(2000 + seed));
      assertThat(TestGames.sum(with.mean())).isCloseTo(game.value(63), within(1e-9));
      for (int i = 0; i < n; i++) {
        if (with.lower95()[i] <= exact[i] && exact[i] <= with.upper95()[i]) {
          covered++;
        }
        withSe += with.standardError()[i];
        withoutSe += without.standardError()[i];
      }
    }
    assertThat((double) covered / (seeds * n)).isBetween(0.90, 0.99);
    assertThat(withSe).isLessThan(0.5 * withoutSe);
  }

  @Test
  void estimate_sampledControlVariate_addsItsErrorInQuadrature() {
    TabularGame game = TestGames.random(6, 11);
    ControlVariate variate =
        ControlVariate.sampled(
            marginalsOf(game), WEIGHTS, SamplingOptions.fixedOrders(50), TestGames.rng(1));
    SampledShares shares =
        SampledShapley.estimate(
            LargeCoalitionGame.of(game),
            WEIGHTS,
            SamplingOptions.fixedOrders(20),
            TestGames.rng(2),
            OrderObserver.none(),
            variate);
    // the residual of a game against itself is 0 along every order: only φ''s error is left
    assertThat(shares.mean()).containsExactly(variate.shares(), within(1e-12));
    assertThat(shares.standardError()).containsExactly(variate.standardError(), within(1e-15));
    assertThat(variate.orders()).isEqualTo(50);
  }

  @Test
  void estimateWithFittedControls_scaledNoisyControls_coverExactValueSumToGrandValueAndNarrow() {
    int n = 6;
    TabularGame game = TestGames.random(n, 7);
    TabularGame noise = TestGames.random(n, 8);
    TabularGame other = TestGames.random(n, 9);
    // v' = 0.4 v + 0.1 noise: correlated, with a coefficient far from 1 (β = 1 would add variance)
    TabularGame cheap = TestGames.of(n, mask -> 0.4 * game.value(mask) + 0.1 * noise.value(mask));
    double[] exact = ShapleyValue.weightedShapley(game, WEIGHTS);
    List<ControlVariate> controls =
        List.of(
            new ControlVariate(
                marginalsOf(cheap), ShapleyValue.weightedShapley(cheap, WEIGHTS), new double[n], 0),
            new ControlVariate(
                marginalsOf(other),
                ShapleyValue.weightedShapley(other, WEIGHTS),
                new double[n],
                0));
    int seeds = 200;
    int covered = 0;
    double withSe = 0;
    double withoutSe = 0;
    double meanError = 0;
    for (long seed = 0; seed < seeds; seed++) {
      SampledShares with =
          FittedControls.estimate(
              marginalsOf(game),
              WEIGHTS,
              SamplingOptions.fixedOrders(100),
              TestGames.rng(3000 + seed),
              OrderObserver.none(),
              controls);
      SampledShares without =
          SampledShapley.estimate(
              LargeCoalitionGame.of(game),
              WEIGHTS,
              SamplingOptions.fixedOrders(100),
              TestGames.rng(3000 + seed));
      assertThat(TestGames.sum(with.mean())).isCloseTo(game.value(63), within(1e-9));
      for (int i = 0; i < n; i++) {
        if (with.lower95()[i] <= exact[i] && exact[i] <= with.upper95()[i]) {
          covered++;
        }
        withSe += with.standardError()[i];
        withoutSe += without.standardError()[i];
        meanError += (with.mean()[i] - exact[i]) / (seeds * n);
      }
    }
    assertThat((double) covered / (seeds * n)).isBetween(0.90, 0.99);
    assertThat(withSe).isLessThan(0.5 * withoutSe);
    // unbiased: the mean error over 1,200 estimates is far below one standard error
    assertThat(Math.abs(meanError)).isLessThan(0.2 * withSe / (seeds * n));
  }

  @Test
  void estimateWithFittedControls_noControls_equalsPlainSampling() {
    TabularGame game = TestGames.random(6, 12);
    SampledShares fitted =
        FittedControls.estimate(
            marginalsOf(game),
            WEIGHTS,
            SamplingOptions.fixedOrders(40),
            TestGames.rng(5),
            OrderObserver.none(),
            List.of());
    SampledShares plain =
        SampledShapley.estimate(
            LargeCoalitionGame.of(game),
            WEIGHTS,
            SamplingOptions.fixedOrders(40),
            TestGames.rng(5));
    assertThat(fitted.mean()).containsExactly(plain.mean(), within(1e-12));
    assertThat(fitted.standardError()).containsExactly(plain.standardError(), within(1e-12));
  }

  @Test
  void regressionMoments_exactLinearRelation_recoversCoefficients() {
    FittedControls.RegressionMoments moments = new FittedControls.RegressionMoments(2);
    double[][] x = new double[2][1];
    double[][] points = {{1, 0}, {0, 1}, {2, 3}, {-1, 4}, {5, -2}};
    for (double[] point : points) {
      x[0][0] = point[0];
      x[1][0] = point[1];
      moments.add(7 + 2 * point[0] - point[1], x, 0); // y = 7 + 2 x1 − x2
    }
    double[] beta = new double[2];
    moments.coefficients(beta);
    assertThat(beta).containsExactly(new double[] {2, -1}, within(1e-6));
  }

  /** A table seen as a game of whole orders. */
  private static MarginalGame marginalsOf(TabularGame game) {
    return new MarginalGame() {
      @Override
      public int players() {
        return game.players();
      }

      @Override
      public void marginals(int[] order, double[] marginal) {
        long mask = 0;
        for (int player : order) {
          double before = game.value(mask);
          mask |= 1L << player;
          marginal[player] = game.value(mask) - before;
        }
      }
    };
  }

  private static SamplingOptions plain(long orders) {
    return new SamplingOptions(0, 0, Math.max(4, orders), Math.max(4, orders), false);
  }
}
