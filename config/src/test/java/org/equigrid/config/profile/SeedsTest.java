package org.equigrid.config.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class SeedsTest {
  @Test
  void derive_isDeterministicAndSeparatesStreams() {
    assertThat(Seeds.derive(1, "load:a", 3)).isEqualTo(Seeds.derive(1, "load:a", 3));
    assertThat(Seeds.derive(1, "load:a", 3)).isNotEqualTo(Seeds.derive(1, "load:a", 4));
    assertThat(Seeds.derive(1, "load:a", 3)).isNotEqualTo(Seeds.derive(1, "load:b", 3));
    assertThat(Seeds.derive(1, "load:a", 3)).isNotEqualTo(Seeds.derive(2, "load:a", 3));
  }

  @Test
  void gammaAndBeta_matchTheirMeansAndVariances() {
    RandomGenerator rng = Seeds.generator(5);
    for (double shape : new double[] {0.5, 1.0, 4.5}) {
      int n = 20000;
      double sum = 0;
      double squares = 0;
      for (int i = 0; i < n; i++) {
        double x = Seeds.gamma(rng, shape);
        sum += x;
        squares += x * x;
      }
      double mean = sum / n;
      // Gamma(k, 1): mean k, variance k; standard error of the mean sqrt(k / n)
      assertThat(mean).isCloseTo(shape, within(5 * Math.sqrt(shape / n)));
      assertThat(squares / n - mean * mean).isCloseTo(shape, within(0.1 * shape + 0.05));
    }
    double sum = 0;
    for (int i = 0; i < 20000; i++) {
      sum += Seeds.beta(rng, 2, 6);
    }
    assertThat(sum / 20000).isCloseTo(0.25, within(0.005));
  }
}
