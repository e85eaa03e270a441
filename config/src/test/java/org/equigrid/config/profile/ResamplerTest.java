package org.equigrid.config.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class ResamplerTest {
  @Test
  void energy_refineAndAggregate_byHand() {
    assertThat(Resampler.energy(new double[] {4, 8}, 60, 15))
        .containsExactly(1, 1, 1, 1, 2, 2, 2, 2);
    assertThat(Resampler.energy(new double[] {1, 2, 3, 4, 5, 6}, 20, 60)).containsExactly(6, 15);
    assertThat(Resampler.intensive(new double[] {1, 2, 3, 4, 5, 6}, 20, 60)).containsExactly(2, 5);
    assertThat(Resampler.intensive(new double[] {0.3}, 60, 30)).containsExactly(0.3, 0.3);
  }

  @Test
  void energy_betweenFifteenAndTwenty_goesThroughFiveMinutes() {
    // 3 × 20 min = 60 min = 4 × 15 min; via 5 min: 0.75 ×4, 1.5 ×4, 2.25 ×4, then sums of three
    assertThat(Resampler.energy(new double[] {3, 6, 9}, 20, 15))
        .containsExactly(2.25, 3.75, 5.25, 6.75);
  }

  @Test
  void energy_conservesTotalsOverRandomSeries() {
    int[] lengths = {1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60};
    for (long seed = 0; seed < 20; seed++) {
      RandomGenerator rng = Seeds.generator(seed);
      int from = lengths[rng.nextInt(lengths.length)];
      int to = lengths[rng.nextInt(lengths.length)];
      double[] values = new double[24 * 60 / from];
      for (int i = 0; i < values.length; i++) {
        values[i] = rng.nextDouble() * 3;
      }
      double[] resampled = Resampler.energy(values, from, to);
      assertThat(resampled).hasSize(24 * 60 / to);
      assertThat(Arrays.stream(resampled).sum())
          .isCloseTo(Arrays.stream(values).sum(), within(1e-9));
      double[] back = Resampler.energy(Resampler.energy(values, from, 1), 1, from);
      for (int i = 0; i < values.length; i++) {
        assertThat(back[i]).isCloseTo(values[i], within(1e-9));
      }
    }
  }
}
