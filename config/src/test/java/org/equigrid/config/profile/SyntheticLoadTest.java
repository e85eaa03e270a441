package org.equigrid.config.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SyntheticLoadTest {
  @Test
  void dayKwh_withoutNoise_isAnnualOver365TimesSeasonTimesShape() {
    SyntheticLoad load = new SyntheticLoad(0.25, 0, 0);
    double[] day = load.dayKwh(1, "h001", 3650, LoadShape.WORKING, 0, 15, 24);
    // day 15: season 1.25, so 10 kWh · 1.25 = 12.5 kWh over the day
    assertThat(Arrays.stream(day).sum()).isCloseTo(12.5, within(1e-9));
    assertThat(day[19]).isCloseTo(12.5 / 24 * LoadShape.WORKING.hourFactor(19), within(1e-12));
    double[] july = load.dayKwh(1, "h001", 3650, LoadShape.FLAT, 0, 197, 96);
    assertThat(Arrays.stream(july).sum())
        .isCloseTo(10 * (1 + 0.25 * Math.cos(2 * Math.PI * 182 / 365.0)), within(1e-9));
  }

  @Test
  void annualEnergy_withNoise_isCloseToAnnualKwh() {
    SyntheticLoad load = SyntheticLoad.defaults();
    for (long seed = 1; seed <= 5; seed++) {
      double total = 0;
      for (int d = 0; d < 365; d++) {
        total += Arrays.stream(load.dayKwh(seed, "x", 3500, LoadShape.AT_HOME, d, d + 1, 24)).sum();
      }
      // day level sd 0.10 over 365 days: relative sd of the total about 0.5 %
      assertThat(total).isCloseTo(3500, within(3500 * 0.03));
    }
  }

  @Test
  void shapes_haveMeanOne_andWorkingPeaksInTheEvening() {
    for (LoadShape shape : LoadShape.values()) {
      double sum = 0;
      for (int h = 0; h < 24; h++) {
        sum += shape.hourFactor(h);
      }
      assertThat(sum / 24).isCloseTo(1, within(1e-12));
    }
    assertThat(LoadShape.WORKING.hourFactor(19))
        .isGreaterThan(LoadShape.WORKING.hourFactor(12) * 2);
    assertThat(LoadShape.AT_HOME.hourFactor(12)).isGreaterThan(LoadShape.WORKING.hourFactor(12));
  }

  @Test
  void dayKwh_dependsOnSeedHouseholdAndDay() {
    SyntheticLoad load = SyntheticLoad.defaults();
    double[] base = load.dayKwh(1, "a", 3000, LoadShape.WORKING, 0, 1, 24);
    assertThat(load.dayKwh(1, "a", 3000, LoadShape.WORKING, 0, 1, 24)).containsExactly(base);
    assertThat(load.dayKwh(2, "a", 3000, LoadShape.WORKING, 0, 1, 24)).isNotEqualTo(base);
    assertThat(load.dayKwh(1, "b", 3000, LoadShape.WORKING, 0, 1, 24)).isNotEqualTo(base);
    assertThat(load.dayKwh(1, "a", 3000, LoadShape.WORKING, 1, 1, 24)).isNotEqualTo(base);
  }
}
