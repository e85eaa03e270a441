package org.equigrid.config.profile;

/**
 * Changes the interval length of a series (through the greatest common divisor when neither length
 * divides the other; a trailing partial interval is dropped). Energy series are summed when
 * aggregating and split evenly when refining, so the total is conserved; intensive series (prices)
 * are averaged and repeated.
 */
public final class Resampler {
  private Resampler() {}

  /** Energy per interval (kWh) from {@code fromMinutes} to {@code toMinutes} intervals. */
  public static double[] energy(double[] values, int fromMinutes, int toMinutes) {
    return resample(values, fromMinutes, toMinutes, true);
  }

  /** A rate or price per interval (EUR/kWh, kW) from {@code fromMinutes} to {@code toMinutes}. */
  public static double[] intensive(double[] values, int fromMinutes, int toMinutes) {
    return resample(values, fromMinutes, toMinutes, false);
  }

  private static double[] resample(
      double[] values, int fromMinutes, int toMinutes, boolean energy) {
    if (fromMinutes <= 0 || toMinutes <= 0) {
      throw new IllegalArgumentException("interval lengths must be > 0");
    }
    if (fromMinutes == toMinutes) {
      return values.clone();
    }
    if (toMinutes % fromMinutes != 0 && fromMinutes % toMinutes != 0) {
      int common = gcd(fromMinutes, toMinutes);
      return resample(resample(values, fromMinutes, common, energy), common, toMinutes, energy);
    }
    if (toMinutes > fromMinutes) {
      int factor = toMinutes / fromMinutes;
      double[] result = new double[values.length / factor];
      for (int i = 0; i < result.length; i++) {
        double sum = 0;
        for (int j = 0; j < factor; j++) {
          sum += values[i * factor + j];
        }
        result[i] = energy ? sum : sum / factor;
      }
      return result;
    }
    int factor = fromMinutes / toMinutes;
    double[] result = new double[values.length * factor];
    for (int i = 0; i < values.length; i++) {
      double part = energy ? values[i] / factor : values[i];
      for (int j = 0; j < factor; j++) {
        result[i * factor + j] = part;
      }
    }
    return result;
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
