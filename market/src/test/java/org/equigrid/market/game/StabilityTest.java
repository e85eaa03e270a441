package org.equigrid.market.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class StabilityTest {

  private static final double LP_TOL = 1e-6;

  @Test
  void coreCheck_gloveGame_coreIsOneZeroZeroAndShapleyIsBlockedByAPair() {
    TabularGame glove = TestGames.glove(2);
    assertThat(CoreCheck.check(glove, new double[] {1, 0, 0}, 1e-12).inCore()).isTrue();

    CoreReport shapley = CoreCheck.check(glove, ShapleyValue.shapley(glove), 1e-12);
    assertThat(shapley.inCore()).isFalse();
    assertThat(shapley.mostViolated()).isEqualTo(0b011); // {left, right1}, lowest mask of the tie
    assertThat(shapley.maxExcess()).isCloseTo(1.0 / 6, within(1e-12));
    assertThat(shapley.efficiencyGap()).isCloseTo(0, within(1e-12));
  }

  @Test
  void coreCheck_inefficientAllocation_isNotInCore() {
    CoreReport report = CoreCheck.check(TestGames.glove(2), new double[] {1, 0.5, 0}, 1e-9);
    assertThat(report.inCore()).isFalse();
    assertThat(report.efficiencyGap()).isCloseTo(0.5, within(1e-12));
    assertThat(report.maxExcess()).isCloseTo(0, within(1e-12)); // {left, right2} gets exactly 1
  }

  @Test
  void coreCheck_convexGames_containTheirShapleyValue() {
    for (long seed = 1; seed <= 10; seed++) {
      TabularGame game = TestGames.randomConvex(6, seed);
      assertThat(CoreCheck.check(game, ShapleyValue.shapley(game), 1e-9).inCore()).isTrue();
    }
  }

  @Test
  void leastCore_gloveGame_isZero() {
    assertThat(Nucleolus.leastCore(TestGames.glove(2)).epsilon()).isCloseTo(0, within(LP_TOL));
  }

  @Test
  void nucleolus_gloveGame_isOneZeroZero() {
    assertThat(Nucleolus.nucleolus(TestGames.glove(2)))
        .containsExactly(new double[] {1, 0, 0}, within(LP_TOL));
    assertThat(Nucleolus.prenucleolus(TestGames.glove(2)))
        .containsExactly(new double[] {1, 0, 0}, within(LP_TOL));
  }

  @Test
  void leastCore_threePlayerMajority_hasEmptyCoreWithEpsilonOneThird() {
    TabularGame majority = TestGames.majority(3);
    LeastCore leastCore = Nucleolus.leastCore(majority);
    assertThat(leastCore.epsilon()).isCloseTo(1.0 / 3, within(LP_TOL));
    assertThat(TestGames.sum(leastCore.allocation())).isCloseTo(1, within(LP_TOL));
    assertThat(Nucleolus.nucleolus(majority))
        .containsExactly(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, within(LP_TOL));
    assertThat(CoreCheck.check(majority, Nucleolus.nucleolus(majority), 1e-9).inCore()).isFalse();
  }

  @Test
  void nucleolus_aumannMaschlerBankruptcy_isTheTalmudRule() {
    double[] claims = {100, 200, 300};
    assertThat(Nucleolus.nucleolus(TestGames.bankruptcy(100, claims)))
        .containsExactly(new double[] {100.0 / 3, 100.0 / 3, 100.0 / 3}, within(1e-5));
    assertThat(Nucleolus.nucleolus(TestGames.bankruptcy(200, claims)))
        .containsExactly(new double[] {50, 75, 75}, within(1e-5));
    assertThat(Nucleolus.nucleolus(TestGames.bankruptcy(300, claims)))
        .containsExactly(new double[] {50, 100, 150}, within(1e-5));
  }

  @Test
  void nucleolus_symmetricTwelvePlayerGame_isEqualSplit() {
    // Highly degenerate: all coalitions of one size are tied at every stage.
    int n = 12;
    TabularGame game = TestGames.of(n, mask -> Math.pow(Long.bitCount(mask), 1.5));
    double[] expected = new double[n];
    Arrays.fill(expected, Math.pow(n, 1.5) / n);
    assertThat(Nucleolus.nucleolus(game)).containsExactly(expected, within(LP_TOL));
  }

  @Test
  void nucleolus_zeroGame_isZero() {
    assertThat(Nucleolus.nucleolus(TestGames.of(4, mask -> 0)))
        .containsExactly(new double[4], within(LP_TOL));
  }

  @Test
  void nucleolus_randomGames_isLexicographicallyMinimalAgainstPerturbations() {
    for (long seed = 1; seed <= 6; seed++) {
      int n = 4;
      TabularGame game = TestGames.randomConvex(n, seed);
      double[] nucleolus = Nucleolus.nucleolus(game);
      assertThat(TestGames.sum(nucleolus)).isCloseTo(game.value((1 << n) - 1), within(LP_TOL));
      assertThat(CoreCheck.check(game, nucleolus, 1e-6).inCore()).isTrue(); // convex: core ≠ ∅
      double[] reference = sortedExcesses(game, nucleolus);
      RandomGenerator rng = TestGames.rng(seed);
      for (int trial = 0; trial < 2000; trial++) {
        double[] other = nucleolus.clone();
        double scale = trial % 2 == 0 ? 1e-2 : 0.3;
        int i = rng.nextInt(n);
        int j = (i + 1 + rng.nextInt(n - 1)) % n;
        double step = scale * (rng.nextDouble() - 0.5);
        other[i] += step;
        other[j] -= step; // stays efficient
        boolean imputation = true;
        for (int k = 0; k < n; k++) {
          imputation &= other[k] >= game.value(1L << k);
        }
        if (imputation) {
          assertThat(compareLex(sortedExcesses(game, other), reference))
              .as("seed %d trial %d", seed, trial)
              .isGreaterThanOrEqualTo(0);
        }
      }
    }
  }

  @Test
  void nucleolus_noImputation_isRejected() {
    TabularGame game = TestGames.of(2, mask -> mask == 3 ? 1 : 2);
    assertThatThrownBy(() -> Nucleolus.nucleolus(game))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no imputation");
  }

  @Test
  void nucleolus_individualRationalityBinds_differsFromPrenucleolus() {
    // v({1}) = 0.5, v({2,3}) = 1 = v(N), all else 0. Pre-nucleolus: min max(0.5 − x1, x1) gives
    // x1 = 0.25 < v({1}); the nucleolus keeps x1 >= 0.5 and splits the rest equally.
    TabularGame game =
        TestGames.of(3, mask -> mask == 0b001 ? 0.5 : mask == 0b110 || mask == 0b111 ? 1 : 0);
    assertThat(Nucleolus.nucleolus(game))
        .containsExactly(new double[] {0.5, 0.25, 0.25}, within(LP_TOL));
    assertThat(Nucleolus.prenucleolus(game))
        .containsExactly(new double[] {0.25, 0.375, 0.375}, within(LP_TOL));
  }

  private static double[] sortedExcesses(CoalitionGame game, double[] x) {
    int n = game.players();
    int full = (1 << n) - 1;
    double[] excess = new double[full - 1];
    for (int mask = 1; mask < full; mask++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        if ((mask >> i & 1) != 0) {
          sum += x[i];
        }
      }
      excess[mask - 1] = game.value(mask) - sum;
    }
    Arrays.sort(excess);
    for (int l = 0, r = excess.length - 1; l < r; l++, r--) { // descending
      double t = excess[l];
      excess[l] = excess[r];
      excess[r] = t;
    }
    return excess;
  }

  /** Lexicographic comparison with a tolerance: negative if {@code a} is smaller. */
  private static int compareLex(double[] a, double[] b) {
    for (int k = 0; k < a.length; k++) {
      if (a[k] < b[k] - 1e-7) {
        return -1;
      }
      if (a[k] > b[k] + 1e-7) {
        return 1;
      }
    }
    return 0;
  }
}
