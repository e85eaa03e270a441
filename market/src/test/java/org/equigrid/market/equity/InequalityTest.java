package org.equigrid.market.equity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.equigrid.market.metrics.Index;
import org.equigrid.market.metrics.UndefinedReasons;
import org.junit.jupiter.api.Test;

class InequalityTest {

  private static final double TOL = 1e-12;

  @Test
  void gini_knownValues() {
    assertThat(Inequality.gini(new double[] {1, 2, 3, 4, 5}).value())
        .isCloseTo(4.0 / 15, within(TOL));
    assertThat(Inequality.gini(new double[] {0, 0, 0, 1}).value()).isCloseTo(0.75, within(TOL));
    assertThat(Inequality.gini(new double[] {3, 3, 3}).value()).isCloseTo(0, within(TOL));
    assertThat(Inequality.gini(new double[] {5, 4, 3, 2, 1}).value())
        .isCloseTo(4.0 / 15, within(TOL));
    assertThat(Inequality.gini(new double[] {7}).value()).isCloseTo(0, within(TOL));
  }

  @Test
  void gini_meanNotPositive_isUndefinedWithTheMean() {
    assertThat(Inequality.gini(new double[] {0, 0}).defined()).isFalse();
    assertThat(Inequality.gini(new double[] {0, 0}).undefinedReason())
        .isEqualTo(String.format(UndefinedReasons.MEAN_NOT_POSITIVE, "0"));
    // {−3, 1}: mean −1
    Index negative = Inequality.gini(new double[] {-3, 1});
    assertThat(negative.value()).isNaN();
    assertThat(negative.undefinedReason())
        .isEqualTo(String.format(UndefinedReasons.MEAN_NOT_POSITIVE, "-1"));
    assertThat(Inequality.gini(new double[] {-1, 1}).undefinedReason()).isNotNull(); // mean 0
  }

  @Test
  void gini_negativeEntries_useMeanAbsoluteValue() {
    // ΣΣ|xi − xj| = 2·(3 + 6 + 3) = 24; n = 3; mean |x| = 8/3 → 24 / (2·9·8/3) = 0.5
    assertThat(Inequality.gini(new double[] {-1, 2, 5}).value()).isCloseTo(0.5, within(TOL));
    // {−1, 3}: ΣΣ = 8, mean |x| = 2 → 8 / (2·4·2) = 0.5
    assertThat(Inequality.gini(new double[] {-1, 3}).value()).isCloseTo(0.5, within(TOL));
  }

  @Test
  void gini_randomData_matchesQuadraticDefinition() {
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(17);
    for (int trial = 0; trial < 50; trial++) {
      int n = 1 + rng.nextInt(200);
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = trial % 3 == 0 ? rng.nextInt(4) : rng.nextDouble() * 100; // ties in every third
      }
      if (quadraticMean(x) > 0) {
        assertThat(Inequality.gini(x).value()).isCloseTo(quadraticGini(x), within(1e-10));
      }
    }
  }

  @Test
  void jain_knownValues() {
    assertThat(Inequality.jain(new double[] {2, 2, 2, 2}).value()).isCloseTo(1, within(TOL));
    assertThat(Inequality.jain(new double[] {0, 0, 0, 1}).value()).isCloseTo(0.25, within(TOL));
    // (1+2+3)^2 / (3 * 14) = 36/42
    assertThat(Inequality.jain(new double[] {1, 2, 3}).value()).isCloseTo(36.0 / 42, within(TOL));
    assertThat(Inequality.jain(new double[] {0, 0}).undefinedReason())
        .isEqualTo(UndefinedReasons.ALL_ZERO);
    assertThat(Inequality.jain(new double[] {-1, 2, -3}).undefinedReason())
        .isEqualTo(String.format(UndefinedReasons.NEGATIVE_VALUES, 2, 3));
    assertThat(Inequality.jain(new double[] {-1, 2}).value()).isNaN();
  }

  @Test
  void theil_knownValues() {
    assertThat(Inequality.theil(new double[] {4, 4, 4}).value()).isCloseTo(0, within(TOL));
    assertThat(Inequality.theil(new double[] {0, 0, 0, 1}).value())
        .isCloseTo(Math.log(4), within(TOL));
    // {1, 3}: mean 2; (0.5 ln 0.5 + 1.5 ln 1.5) / 2
    double expected = (0.5 * Math.log(0.5) + 1.5 * Math.log(1.5)) / 2;
    assertThat(Inequality.theil(new double[] {1, 3}).value()).isCloseTo(expected, within(TOL));
    assertThat(Inequality.theil(new double[] {-1, 3}).undefinedReason())
        .isEqualTo(String.format(UndefinedReasons.NEGATIVE_VALUES, 1, 2));
    assertThat(Inequality.theil(new double[] {0, 0}).undefinedReason())
        .isEqualTo(UndefinedReasons.ALL_ZERO);
  }

  @Test
  void indices_emptyOrNonFinite_areRejected() {
    assertThatThrownBy(() -> Inequality.gini(new double[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one value");
    assertThatThrownBy(() -> Inequality.theil(new double[] {1, Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("values[1] (NaN)");
  }

  private static double quadraticGini(double[] x) {
    double sum = 0;
    for (double xi : x) {
      for (double xj : x) {
        sum += Math.abs(xi - xj);
      }
    }
    return sum / (2.0 * x.length * x.length * quadraticMean(x));
  }

  private static double quadraticMean(double[] x) {
    double s = 0;
    for (double xi : x) {
      s += xi;
    }
    return s / x.length;
  }
}
