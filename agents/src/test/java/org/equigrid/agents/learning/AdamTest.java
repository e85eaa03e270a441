package org.equigrid.agents.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AdamTest {

  @Test
  void step_twoSteps_matchHandComputedBiasCorrectedUpdates() {
    Adam adam = new Adam(1, 1e-8);
    double[] p = {1.0};
    adam.step(p, new double[] {0.5}, 0.1);
    // m = 0.05, v = 0.00025; m̂ = 0.5, v̂ = 0.25 → p = 1 − 0.1·0.5/(0.5 + 1e-8)
    assertThat(p[0]).isCloseTo(1.0 - 0.1 * 0.5 / (0.5 + 1e-8), within(1e-15));
    adam.step(p, new double[] {-1.0}, 0.1);
    double m = 0.9 * 0.05 + 0.1 * -1.0;
    double v = 0.999 * 0.00025 + 0.001 * 1.0;
    double expected =
        1.0
            - 0.1 * 0.5 / (0.5 + 1e-8)
            - 0.1 / (1 - 0.81) * m / (Math.sqrt(v) / Math.sqrt(1 - 0.999 * 0.999) + 1e-8);
    assertThat(p[0]).isCloseTo(expected, within(1e-15));
    assertThat(adam.stepCount()).isEqualTo(2);
  }

  @Test
  void clipGlobalNorm_largeGradient_scaledToMaxNorm() {
    double[] g = {3.0, 4.0};
    assertThat(Adam.clipGlobalNorm(g, 0.5)).isEqualTo(5.0);
    assertThat(Math.hypot(g[0], g[1])).isCloseTo(0.5, within(1e-6));
    assertThat(g[0] / g[1]).isCloseTo(0.75, within(1e-15));
  }

  @Test
  void clipGlobalNorm_smallGradient_unchanged() {
    double[] g = {0.1, 0.2};
    Adam.clipGlobalNorm(g, 0.5);
    assertThat(g).containsExactly(0.1, 0.2);
  }
}
