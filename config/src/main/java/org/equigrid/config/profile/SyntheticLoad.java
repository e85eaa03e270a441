package org.equigrid.config.profile;

import java.util.random.RandomGenerator;

/**
 * Seeded synthetic household load (formulas in config/README.md): {@code L[t] = annualKwh/365 ·
 * season(doy) · level_d · shape(hour(t)) · Δt/24 · noise_t}, with {@code season(doy) = 1 +
 * A·cos(2π(doy − 15)/365)} (highest mid-January), a day level {@code exp(σd·z − σd²/2)} and
 * interval noise {@code exp(σ·z − σ²/2)}, both with mean 1.
 *
 * @param seasonalAmplitude {@code A}, in [0, 1)
 * @param dailyNoise {@code σd}, standard deviation of the log day level
 * @param intervalNoise {@code σ}, standard deviation of the log interval noise
 */
public record SyntheticLoad(double seasonalAmplitude, double dailyNoise, double intervalNoise) {

  public SyntheticLoad {
    if (!(seasonalAmplitude >= 0 && seasonalAmplitude < 1)) {
      throw new IllegalArgumentException(
          "seasonalAmplitude (" + seasonalAmplitude + ") must be in [0, 1)");
    }
    if (!(dailyNoise >= 0) || !(intervalNoise >= 0)) {
      throw new IllegalArgumentException("noise levels must be >= 0");
    }
  }

  public static SyntheticLoad defaults() {
    return new SyntheticLoad(0.25, 0.10, 0.20);
  }

  /** The seasonal factor of a day of the year; its mean over the year is 1. */
  public double seasonFactor(int dayOfYear) {
    return 1 + seasonalAmplitude * Math.cos(2 * Math.PI * (dayOfYear - 15) / 365.0);
  }

  /**
   * One household's load for one day in kWh per interval.
   *
   * @param seed the run seed
   * @param householdId names the household's noise stream
   */
  public double[] dayKwh(
      long seed,
      String householdId,
      double annualKwh,
      LoadShape shape,
      int dayIndex,
      int dayOfYear,
      int intervalsPerDay) {
    RandomGenerator rng = Seeds.generator(Seeds.derive(seed, "load:" + householdId, dayIndex));
    double intervalHours = 24.0 / intervalsPerDay;
    double level = Math.exp(dailyNoise * rng.nextGaussian() - dailyNoise * dailyNoise / 2);
    double dayKwh = annualKwh / 365.0 * seasonFactor(dayOfYear) * level;
    double[] result = new double[intervalsPerDay];
    for (int t = 0; t < intervalsPerDay; t++) {
      int hour = (int) Math.floor(t * intervalHours + 1e-9);
      double noise =
          Math.exp(intervalNoise * rng.nextGaussian() - intervalNoise * intervalNoise / 2);
      result[t] = dayKwh * shape.hourFactor(hour) * intervalHours / 24.0 * noise;
    }
    return result;
  }
}
