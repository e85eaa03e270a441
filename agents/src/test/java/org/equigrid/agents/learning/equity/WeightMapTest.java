package org.equigrid.agents.learning.equity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

class WeightMapTest {

  private static final Map<String, Double> SHARES = Map.of("HIGH", 0.2, "LOW", 0.4, "MIDDLE", 0.4);

  private static WeightMap map(double min, double max) {
    return new WeightMap(new java.util.TreeMap<>(SHARES), min, max);
  }

  @Test
  void weights_randomActions_meanOneAndWithinBounds() {
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(7);
    for (double[] bounds : new double[][] {{0.5, 2.0}, {0.8, 1.5}, {0.25, 4.0}, {1.0, 1.0}}) {
      WeightMap map = map(bounds[0], bounds[1]);
      for (int k = 0; k < 2000; k++) {
        double[] action = {
          rng.nextDouble(-1.5, 1.5), rng.nextDouble(-1.5, 1.5), rng.nextDouble(-1.5, 1.5)
        };
        double[] w = map.weights(action);
        assertThat(map.populationMean(w)).isCloseTo(1.0, within(1e-9));
        for (double x : w) {
          assertThat(x).isBetween(bounds[0], bounds[1]);
        }
      }
    }
  }

  @Test
  void weights_extremeActions_hitTheBoundsWithMeanOne() {
    WeightMap map = map(0.5, 2.0);
    // HIGH, LOW, MIDDLE: LOW and MIDDLE at +1 (80 % of the population) cannot both reach 2
    double[] w = map.weights(new double[] {-1, 1, 1});
    assertThat(w[0]).isCloseTo(0.5, within(1e-12));
    assertThat(w[1]).isCloseTo((1 - 0.2 * 0.5) / 0.8, within(1e-9));
    assertThat(w[2]).isCloseTo(w[1], within(1e-12));
  }

  @Test
  void weights_zeroAction_allOne_andActionInvertsFeasibleWeights() {
    WeightMap map = map(0.5, 2.0);
    assertThat(map.weights(new double[3])).containsExactly(new double[] {1, 1, 1}, within(1e-12));
    Map<String, Double> statics = new LinkedHashMap<>();
    double mean = 0.2 * 0.6 + 0.4 * 1.4 + 0.4 * 1.0;
    statics.put("HIGH", 0.6 / mean);
    statics.put("LOW", 1.4 / mean);
    statics.put("MIDDLE", 1.0 / mean);
    double[] back = map.weights(map.action(statics));
    assertThat(back)
        .containsExactly(new double[] {0.6 / mean, 1.4 / mean, 1.0 / mean}, within(1e-9));
  }

  @Test
  void weights_largerAction_neverSmallerWeight() {
    WeightMap map = map(0.5, 2.0);
    double[] a = map.weights(new double[] {0.1, 0.7, -0.3});
    assertThat(a[1]).isGreaterThan(a[0]).isGreaterThan(0);
    assertThat(a[0]).isGreaterThan(a[2]);
  }
}
