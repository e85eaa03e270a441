package org.equigrid.config.profile;

import java.util.random.RandomGenerator;

/**
 * Seeded synthetic PV output (formulas in config/README.md). Per kWp and interval: {@code G[t] =
 * systemFactor · k_d · ∫ max(0, sin e(τ)) dτ} over the interval, where {@code e} is the solar
 * elevation at the configured latitude in local solar time and {@code k_d} the day's clearness, one
 * Beta draw per day shared by the whole community, with a mean that moves between {@code
 * clearnessWinter} (day 355) and {@code clearnessSummer} (day 172).
 *
 * @param latitudeDeg site latitude in degrees north, in (-66, 66)
 * @param systemFactor kWh per kWp and hour of {@code sin e = 1} under a clear sky (tilt gain minus
 *     losses)
 * @param clearnessSummer mean clearness at the summer solstice, in (0, 1)
 * @param clearnessWinter mean clearness at the winter solstice, in (0, 1)
 * @param clearnessConcentration {@code a + b} of the Beta draw; larger is steadier weather
 */
public record SolarModel(
    double latitudeDeg,
    double systemFactor,
    double clearnessSummer,
    double clearnessWinter,
    double clearnessConcentration) {

  private static final int SAMPLES_PER_HOUR = 12;

  public SolarModel {
    if (!(latitudeDeg > -66 && latitudeDeg < 66)) {
      throw new IllegalArgumentException("latitudeDeg (" + latitudeDeg + ") must be in (-66, 66)");
    }
    if (!(systemFactor > 0)) {
      throw new IllegalArgumentException("systemFactor (" + systemFactor + ") must be > 0");
    }
    if (!(clearnessSummer > 0
        && clearnessSummer < 1
        && clearnessWinter > 0
        && clearnessWinter < 1)) {
      throw new IllegalArgumentException("clearness means must be in (0, 1)");
    }
    if (!(clearnessConcentration > 0)) {
      throw new IllegalArgumentException("clearnessConcentration must be > 0");
    }
  }

  public static SolarModel defaults() {
    return new SolarModel(50.0, 0.85, 0.75, 0.45, 6.0);
  }

  /** Sine of the solar elevation at {@code hour} (local solar time, 0..24) of a day of the year. */
  public double sinElevation(int dayOfYear, double hour) {
    double declination = Math.toRadians(23.44) * Math.sin(2 * Math.PI * (284 + dayOfYear) / 365.0);
    double hourAngle = Math.toRadians(15 * (hour - 12));
    double lat = Math.toRadians(latitudeDeg);
    return Math.sin(lat) * Math.sin(declination)
        + Math.cos(lat) * Math.cos(declination) * Math.cos(hourAngle);
  }

  /** Clear-sky output in kWh per kWp for each interval of a day (clearness 1). */
  public double[] clearSkyKwhPerKwp(int dayOfYear, int intervalsPerDay) {
    double intervalHours = 24.0 / intervalsPerDay;
    int samples = Math.max(1, (int) Math.round(SAMPLES_PER_HOUR * intervalHours));
    double step = intervalHours / samples;
    double[] result = new double[intervalsPerDay];
    for (int t = 0; t < intervalsPerDay; t++) {
      double sum = 0;
      for (int s = 0; s < samples; s++) {
        sum += Math.max(0, sinElevation(dayOfYear, t * intervalHours + (s + 0.5) * step));
      }
      result[t] = systemFactor * sum * step;
    }
    return result;
  }

  /** Mean clearness of a day of the year. */
  public double meanClearness(int dayOfYear) {
    double mid = (clearnessSummer + clearnessWinter) / 2;
    double amplitude = (clearnessSummer - clearnessWinter) / 2;
    return mid + amplitude * Math.cos(2 * Math.PI * (dayOfYear - 172) / 365.0);
  }

  /** The day's clearness {@code k_d}: one seeded Beta draw per run seed and day index. */
  public double clearness(long seed, int dayIndex, int dayOfYear) {
    RandomGenerator rng = Seeds.generator(Seeds.derive(seed, "clearness", dayIndex));
    double mean = meanClearness(dayOfYear);
    return Seeds.beta(rng, mean * clearnessConcentration, (1 - mean) * clearnessConcentration);
  }

  /** PV output in kWh per kWp for each interval of one day of the run. */
  public double[] dayKwhPerKwp(long seed, int dayIndex, int dayOfYear, int intervalsPerDay) {
    double[] clearSky = clearSkyKwhPerKwp(dayOfYear, intervalsPerDay);
    double k = clearness(seed, dayIndex, dayOfYear);
    for (int t = 0; t < clearSky.length; t++) {
      clearSky[t] *= k;
    }
    return clearSky;
  }
}
