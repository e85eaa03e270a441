package org.equigrid.market.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

class SurrogateModelTest {

  @Test
  void fit_exactLinearShares_recoversCoefficientsWithRSquaredOne() {
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(3);
    int n = 12;
    double[][] x = new double[n][3];
    double[] shares = new double[n];
    for (int i = 0; i < n; i++) {
      x[i][0] = rng.nextDouble(0, 6); // pv kWp
      x[i][1] = rng.nextDouble(0, 10); // battery kWh
      x[i][2] = rng.nextDouble(5, 15); // load kWh
      shares[i] = 0.5 + 0.2 * x[i][0] + 0.05 * x[i][1] - 0.03 * x[i][2];
    }
    SurrogateFit fit = SurrogateModel.fit(List.of("pvKwp", "batteryKwh", "loadKwh"), x, shares);

    assertThat(fit.intercept()).isCloseTo(0.5, within(1e-9));
    assertThat(fit.coefficients()).containsExactly(new double[] {0.2, 0.05, -0.03}, within(1e-9));
    assertThat(fit.rSquared()).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void attributions_sumToZeroOverHouseholds_andExplainDeviationFromMean() {
    double[][] x = {{0, 1}, {2, 1}, {4, 3}, {6, 2}, {1, 0}};
    double[] shares = {1.0, 1.4, 2.3, 2.5, 0.8};
    SurrogateFit fit = SurrogateModel.fit(List.of("a", "b"), x, shares);
    double meanShare = (1.0 + 1.4 + 2.3 + 2.5 + 0.8) / 5;
    double[] totals = new double[2];
    for (int i = 0; i < x.length; i++) {
      double[] attributions = fit.attributionsEur(x[i]);
      double predicted =
          fit.intercept() + fit.coefficients()[0] * x[i][0] + fit.coefficients()[1] * x[i][1];
      assertThat(meanShare + attributions[0] + attributions[1]).isCloseTo(predicted, within(1e-9));
      totals[0] += attributions[0];
      totals[1] += attributions[1];
    }
    assertThat(totals).containsExactly(new double[] {0, 0}, within(1e-9));
    assertThat(fit.rSquared()).isBetween(0.0, 1.0);
  }

  @Test
  void fit_constantFeature_isDroppedWithZeroCoefficient() {
    double[][] x = {{1, 5}, {2, 5}, {3, 5}, {4, 5}};
    double[] shares = {2, 4, 6, 8};
    SurrogateFit fit = SurrogateModel.fit(List.of("varies", "constant"), x, shares);
    assertThat(fit.coefficients()[0]).isCloseTo(2.0, within(1e-9));
    assertThat(fit.coefficients()[1]).isZero();
  }
}
