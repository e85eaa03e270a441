package org.equigrid.config.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SolarModelTest {
  private final SolarModel model = SolarModel.defaults();

  @Test
  void sinElevation_noonAtEquinox_isCosLatitude() {
    // day 81 (about 22 March): declination = 23.44° sin(2π·365/365) = 0
    assertThat(model.sinElevation(81, 12)).isCloseTo(Math.cos(Math.toRadians(50)), within(1e-9));
    // summer solstice noon: elevation 90 − 50 + 23.44
    assertThat(Math.toDegrees(Math.asin(model.sinElevation(172, 12))))
        .isCloseTo(63.44, within(0.05));
  }

  @Test
  void clearSky_zeroAtNight_dayLengthMatchesSunriseFormula() {
    double[] june = model.clearSkyKwhPerKwp(172, 24);
    assertThat(june[0]).isZero();
    assertThat(june[23]).isZero();
    assertThat(june[12]).isGreaterThan(june[8]);
    // day length at 50°N on 21 June: 2/15 · acos(−tan φ tan δ) in hours ≈ 16.3 h
    double delta = Math.toRadians(23.44);
    double expected =
        2 / 15.0 * Math.toDegrees(Math.acos(-Math.tan(Math.toRadians(50)) * Math.tan(delta)));
    double[] fine = model.clearSkyKwhPerKwp(172, 1440);
    long sunMinutes = Arrays.stream(fine).filter(v -> v > 0).count();
    assertThat(sunMinutes / 60.0).isCloseTo(expected, within(0.1));
  }

  @Test
  void clearSky_integratesSinElevation_symmetricAroundNoon() {
    double[] hourly = model.clearSkyKwhPerKwp(100, 24);
    for (int t = 0; t < 12; t++) {
      assertThat(hourly[t]).isCloseTo(hourly[23 - t], within(1e-12));
    }
    // midpoint rule with 12 samples per hour against a 3600-sample integral
    double sum = 0;
    for (int s = 0; s < 3600; s++) {
      sum += Math.max(0, model.sinElevation(100, 12 + (s + 0.5) / 3600.0));
    }
    assertThat(hourly[12]).isCloseTo(model.systemFactor() * sum / 3600.0, within(1e-4));
  }

  @Test
  void annualYield_at50North_isTypicalOfCentralEurope() {
    double total = 0;
    for (int d = 0; d < 365; d++) {
      total += Arrays.stream(model.dayKwhPerKwp(42, d, d + 1, 24)).sum();
    }
    assertThat(total).isBetween(900.0, 1100.0);
  }

  @Test
  void clearness_overManySeeds_hasTheSeasonalMean() {
    for (int dayOfYear : new int[] {172, 355}) {
      double sum = 0;
      int draws = 4000;
      for (int seed = 0; seed < draws; seed++) {
        double k = model.clearness(seed, 0, dayOfYear);
        assertThat(k).isBetween(0.0, 1.0);
        sum += k;
      }
      // Beta(a, b) with a + b = 6 has sd <= 0.19: the mean of 4000 draws is within 0.015 (5 sigma)
      assertThat(sum / draws).isCloseTo(model.meanClearness(dayOfYear), within(0.015));
    }
    assertThat(model.meanClearness(172)).isCloseTo(0.75, within(1e-12));
    assertThat(model.meanClearness(355)).isCloseTo(0.45, within(0.001));
  }
}
