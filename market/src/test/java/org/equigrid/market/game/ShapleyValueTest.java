package org.equigrid.market.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShapleyValueTest {

  private static final double TOL = 1e-9;

  @Test
  void shapley_gloveGameOneLeftTwoRight_isTwoThirdsOneSixthOneSixth() {
    assertThat(ShapleyValue.shapley(TestGames.glove(2)))
        .containsExactly(new double[] {2.0 / 3, 1.0 / 6, 1.0 / 6}, within(TOL));
  }

  @Test
  void shapley_airportGame_matchesLittlechildOwen() {
    double[] costs = {1, 3, 4, 8, 9};
    double[] expected = new double[costs.length];
    double previous = 0;
    double cumulative = 0;
    for (int k = 0; k < costs.length; k++) {
      cumulative += (costs[k] - previous) / (costs.length - k); // shared by players k..n−1
      previous = costs[k];
      expected[k] = cumulative;
    }
    assertThat(ShapleyValue.shapley(TestGames.airport(costs)))
        .containsExactly(expected, within(TOL));
    assertThat(expected[0]).isCloseTo(0.2, within(TOL)); // 1/5
  }

  @Test
  void shapley_randomGames_equalsAverageOverAllPermutations() {
    for (long seed = 1; seed <= 5; seed++) {
      TabularGame game = TestGames.random(5, seed);
      assertThat(ShapleyValue.shapley(game))
          .containsExactly(byPermutations(game, new double[] {1, 1, 1, 1, 1}), within(TOL));
    }
  }

  @Test
  void shapley_randomGames_satisfyEfficiencySymmetryNullPlayerAdditivity() {
    int n = 7;
    for (long seed = 10; seed < 20; seed++) {
      TabularGame v = TestGames.random(n, seed);
      TabularGame w = TestGames.random(n, seed + 1000);
      double[] phi = ShapleyValue.shapley(v);
      // efficiency
      assertThat(TestGames.sum(phi)).isCloseTo(v.value((1L << n) - 1), within(TOL));
      // additivity
      TabularGame sum = TestGames.of(n, mask -> v.value(mask) + w.value(mask));
      double[] phiW = ShapleyValue.shapley(w);
      double[] phiSum = ShapleyValue.shapley(sum);
      for (int i = 0; i < n; i++) {
        assertThat(phiSum[i]).isCloseTo(phi[i] + phiW[i], within(TOL));
      }
      // symmetry: players 0 and 1 interchangeable
      TabularGame symmetric = TestGames.of(n, mask -> (v.value(mask) + v.value(swap01(mask))) / 2);
      double[] phiSym = ShapleyValue.shapley(symmetric);
      assertThat(phiSym[0]).isCloseTo(phiSym[1], within(TOL));
      // null player 3: v(S) ignores player 3
      TabularGame withNull = TestGames.of(n, mask -> v.value(mask & ~(1L << 3)));
      assertThat(ShapleyValue.shapley(withNull)[3]).isCloseTo(0, within(TOL));
    }
  }

  @Test
  void shapley_twentyPlayerAdditiveGame_givesEachItsStandaloneValue() {
    int n = 20;
    double[] own = new double[n];
    for (int i = 0; i < n; i++) {
      own[i] = i + 0.5;
    }
    CoalitionGame additive =
        new CoalitionGame() {
          @Override
          public int players() {
            return n;
          }

          @Override
          public double value(long coalition) {
            double sum = 0;
            for (long rest = coalition; rest != 0; rest &= rest - 1) {
              sum += own[Long.numberOfTrailingZeros(rest)];
            }
            return sum;
          }
        };
    assertThat(ShapleyValue.shapley(additive)).containsExactly(own, within(1e-7));
  }

  @Test
  void harsanyiDividends_sumOverSubsets_reconstructsTheGame() {
    int n = 6;
    TabularGame game = TestGames.random(n, 42);
    double[] dividends = ShapleyValue.harsanyiDividends(game);
    for (int mask = 1; mask < 1 << n; mask++) {
      double sum = 0;
      for (int t = mask; t != 0; t = (t - 1) & mask) {
        sum += dividends[t];
      }
      assertThat(sum).isCloseTo(game.value(mask), within(TOL));
    }
    assertThat(dividends[0]).isZero();
  }

  @Test
  void weightedShapley_equalWeights_equalsShapley() {
    for (long seed = 1; seed <= 5; seed++) {
      TabularGame game = TestGames.random(8, seed);
      double[] weights = new double[8];
      java.util.Arrays.fill(weights, 2.5);
      assertThat(ShapleyValue.weightedShapley(game, weights))
          .containsExactly(ShapleyValue.shapley(game), within(TOL));
    }
  }

  @Test
  void weightedShapley_unanimityGame_isWeightShareWithinCarrier() {
    double[] weights = {1, 2, 3, 0.5, 4};
    long carrier = 0b01101; // players 0, 2, 3
    double[] phi = ShapleyValue.weightedShapley(TestGames.unanimity(5, carrier), weights);
    double total = 1 + 3 + 0.5;
    assertThat(phi)
        .containsExactly(new double[] {1 / total, 0, 3 / total, 0.5 / total, 0}, within(TOL));
  }

  @Test
  void weightedShapley_randomGames_equalsWeightedRandomOrderDefinition() {
    double[] weights = {1, 2, 0.5, 3, 1.5};
    for (long seed = 1; seed <= 3; seed++) {
      TabularGame game = TestGames.random(5, seed);
      assertThat(ShapleyValue.weightedShapley(game, weights))
          .containsExactly(byPermutations(game, weights), within(TOL));
    }
  }

  @Test
  void weightedShapley_nonPositiveWeight_isRejectedWithTheValue() {
    assertThatThrownBy(
            () -> ShapleyValue.weightedShapley(TestGames.glove(2), new double[] {1, 0, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("weights[1] (0.0)");
  }

  /**
   * Independent reference: expected marginal contribution over all orders, each order's probability
   * built from last to first as {@code λ_j / Σ_remaining λ}.
   */
  private static double[] byPermutations(CoalitionGame game, double[] weights) {
    int n = game.players();
    double[] phi = new double[n];
    for (int[] order : permutations(n)) {
      double probability = 1;
      double remaining = 0;
      for (double w : weights) {
        remaining += w;
      }
      for (int k = n - 1; k >= 0; k--) {
        probability *= weights[order[k]] / remaining;
        remaining -= weights[order[k]];
      }
      long coalition = 0;
      for (int k = 0; k < n; k++) {
        double before = game.value(coalition);
        coalition |= 1L << order[k];
        phi[order[k]] += probability * (game.value(coalition) - before);
      }
    }
    return phi;
  }

  private static List<int[]> permutations(int n) {
    List<int[]> out = new ArrayList<>();
    permute(new int[n], new boolean[n], 0, out);
    return out;
  }

  private static void permute(int[] current, boolean[] used, int k, List<int[]> out) {
    if (k == current.length) {
      out.add(current.clone());
      return;
    }
    for (int i = 0; i < current.length; i++) {
      if (!used[i]) {
        used[i] = true;
        current[k] = i;
        permute(current, used, k + 1, out);
        used[i] = false;
      }
    }
  }

  private static long swap01(long mask) {
    long b0 = mask & 1;
    long b1 = (mask >> 1) & 1;
    return (mask & ~3L) | (b0 << 1) | b1;
  }
}
