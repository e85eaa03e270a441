package org.equigrid.market.equity;

import java.util.Locale;
import org.equigrid.market.metrics.Index;
import org.equigrid.market.metrics.UndefinedReasons;
import org.equigrid.market.metrics.ValueChecks;

/**
 * Inequality indices of a distribution {@code x_1..x_n}. Every method rejects an empty array and
 * non-finite entries; where an index is undefined for the data it returns an undefined {@link
 * Index} with the reason (its text from {@link UndefinedReasons}).
 */
public final class Inequality {

  private Inequality() {}

  /**
   * The Gini coefficient {@code G = Σ_i Σ_j |x_i − x_j| / (2 n² mean)}, computed in {@code O(n log
   * n)} from the sorted values as {@code Σ_k (2k − n − 1) x_(k) / (n Σ x)}. 0 for equal values,
   * {@code (n−1)/n} when one holds everything.
   *
   * <p>Undefined when the mean is ≤ 0. With some negative entries and a positive mean, the mean in
   * the denominator is replaced by the mean absolute value {@code (T+ + |T−|) / n} (Raffinetti,
   * Siletti and Vernizzi, 2015), which keeps {@code G} in [0, 1] and equals the classic index when
   * no entry is negative.
   */
  public static Index gini(double[] values) {
    ValueChecks.finite(values, "An inequality index needs");
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    double sum = 0;
    double total = 0;
    double weighted = 0;
    for (int k = 0; k < n; k++) {
      sum += sorted[k];
      total += Math.abs(sorted[k]);
      weighted += (2.0 * (k + 1) - n - 1) * sorted[k];
    }
    if (!(sum > 0)) {
      return Index.undefined(UndefinedReasons.text(UndefinedReasons.MEAN_NOT_POSITIVE, sum / n));
    }
    return Index.of(Math.max(0, weighted / (n * total)));
  }

  /**
   * Jain's fairness index {@code (Σ x)² / (n Σ x²)}: 1 for equal values, {@code 1/n} when one holds
   * everything. Undefined for negative values and when all are zero.
   */
  public static Index jain(double[] values) {
    Index undefined = nonNegativeNotAllZero(values);
    if (undefined != null) {
      return undefined;
    }
    double sum = 0;
    double sumSquares = 0;
    for (double x : values) {
      sum += x;
      sumSquares += x * x;
    }
    return Index.of(sum * sum / (values.length * sumSquares));
  }

  /**
   * Theil's T index {@code (1/n) Σ (x_i/μ) ln(x_i/μ)}: 0 for equal values, {@code ln n} when one
   * holds everything. Zero entries contribute 0 (the limit of {@code x ln x} at 0). Undefined for
   * negative values and when all are zero.
   */
  public static Index theil(double[] values) {
    Index undefined = nonNegativeNotAllZero(values);
    if (undefined != null) {
      return undefined;
    }
    double sum = 0;
    for (double x : values) {
      sum += x;
    }
    double mean = sum / values.length;
    double total = 0;
    for (double x : values) {
      if (x > 0) {
        double ratio = x / mean;
        total += ratio * Math.log(ratio);
      }
    }
    return Index.of(Math.max(0, total / values.length));
  }

  private static Index nonNegativeNotAllZero(double[] values) {
    ValueChecks.finite(values, "An inequality index needs");
    int negative = 0;
    boolean allZero = true;
    for (double x : values) {
      negative += x < 0 ? 1 : 0;
      allZero &= x == 0;
    }
    if (negative > 0) {
      return Index.undefined(
          String.format(Locale.ROOT, UndefinedReasons.NEGATIVE_VALUES, negative, values.length));
    }
    return allZero ? Index.undefined(UndefinedReasons.ALL_ZERO) : null;
  }
}
