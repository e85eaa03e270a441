package org.equigrid.market.equity;

import java.util.Arrays;

/**
 * Inequality indices of a distribution {@code x_1..x_n}. Every method rejects an empty array and
 * non-finite entries; where an index is undefined for the data it returns {@code NaN}, as stated
 * per method, so a day with no meaningful value stays visible in a time series.
 */
public final class Inequality {

  private Inequality() {}

  /**
   * The Gini coefficient {@code G = Σ_i Σ_j |x_i − x_j| / (2 n² mean)}, computed in {@code O(n log
   * n)} from the sorted values as {@code Σ_k (2k − n − 1) x_(k) / (n Σ x)}. 0 for equal values,
   * {@code (n−1)/n} when one holds everything.
   *
   * <p>With negative entries (a household whose bill is a credit), the mean in the denominator is
   * replaced by the mean absolute value {@code (T+ + |T−|) / n} (Raffinetti, Siletti and Vernizzi,
   * 2015), which keeps {@code G} in [0, 1] and equals the classic index when no entry is negative.
   *
   * @return {@code NaN} when every entry is zero (the index is not defined)
   */
  public static double gini(double[] values) {
    check(values);
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double total = 0;
    double weighted = 0;
    for (int k = 0; k < n; k++) {
      total += Math.abs(sorted[k]);
      weighted += (2.0 * (k + 1) - n - 1) * sorted[k];
    }
    if (!(total > 0)) {
      return Double.NaN;
    }
    return Math.max(0, weighted / (n * total));
  }

  /**
   * Jain's fairness index {@code (Σ x)² / (n Σ x²)}: 1 for equal values, {@code 1/n} when one holds
   * everything.
   *
   * @return {@code NaN} when an entry is negative or all are zero
   */
  public static double jain(double[] values) {
    check(values);
    double sum = 0;
    double sumSquares = 0;
    for (double x : values) {
      if (x < 0) {
        return Double.NaN;
      }
      sum += x;
      sumSquares += x * x;
    }
    if (sumSquares == 0) {
      return Double.NaN;
    }
    return sum * sum / (values.length * sumSquares);
  }

  /**
   * Theil's T index {@code (1/n) Σ (x_i/μ) ln(x_i/μ)}: 0 for equal values, {@code ln n} when one
   * holds everything. Zero entries contribute 0 (the limit of {@code x ln x} at 0).
   *
   * @return {@code NaN} when an entry is negative or all are zero
   */
  public static double theil(double[] values) {
    check(values);
    double sum = 0;
    for (double x : values) {
      if (x < 0) {
        return Double.NaN;
      }
      sum += x;
    }
    if (sum == 0) {
      return Double.NaN;
    }
    double mean = sum / values.length;
    double total = 0;
    for (double x : values) {
      if (x > 0) {
        double ratio = x / mean;
        total += ratio * Math.log(ratio);
      }
    }
    return Math.max(0, total / values.length);
  }

  /** The Rawlsian minimum {@code min_i x_i} (e.g. of relative savings {@code u_i}). */
  public static double rawlsianMinimum(double[] values) {
    check(values);
    double min = Double.POSITIVE_INFINITY;
    for (double x : values) {
      min = Math.min(min, x);
    }
    return min;
  }

  /** The arithmetic mean. */
  public static double mean(double[] values) {
    check(values);
    double sum = 0;
    for (double x : values) {
      sum += x;
    }
    return sum / values.length;
  }

  static void check(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("An inequality index needs at least one value, got none.");
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException("values[" + i + "] (" + values[i] + ") must be finite.");
      }
    }
  }
}
