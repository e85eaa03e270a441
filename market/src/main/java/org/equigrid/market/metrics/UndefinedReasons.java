package org.equigrid.market.metrics;

import java.util.Locale;

/**
 * Why an index is undefined: the texts of {@link Index#undefinedReason()} for the metrics, the
 * price of fairness and the equity indices, each completed with its values by {@link #text} (or
 * {@link String#format} with {@link Locale#ROOT}), and how numbers are written in them. The
 * conditions under which an index is undefined stay with the index; only the words are here.
 */
public final class UndefinedReasons {

  /** Reason of an undefined cooperative gain share: {@code Σ C0_i} and {@code ε}, in EUR. */
  public static final String GAIN_SHARE_UNDEFINED =
      "undefined: the standalone cost sum (%s EUR) is <= epsilonEur (%s EUR)";

  /** Reason of a gap on a day whose dispatch has no solution (costs are NaN). */
  public static final String NOT_FINITE =
      "undefined: the day's dispatch costs are not finite (no solution)";

  /** Reason of a gap whose community mean is ≤ 0. */
  public static final String GAP_MEAN_NOT_POSITIVE = "undefined: the community mean (%s) is <= 0";

  /** Reason of a gap whose community mean is tiny against the values' mean absolute value. */
  public static final String GAP_MEAN_NEAR_ZERO =
      "undefined: the community mean (%s) is below %s of the mean absolute value (%s)";

  /** Reason of an undefined day: {@code v_cost(N)} and {@code ε}, in EUR. */
  public static final String NO_GAIN =
      "undefined: the cost-minimising gain v_cost(N) (%s EUR) is <= epsilonEur (%s EUR), no gain to give up";

  /** Reason of an undefined run-level figure: no day had a defined price of fairness. */
  public static final String NO_DEFINED_DAY =
      "undefined: no day has a cost-minimising gain v_cost(N) above epsilonEur";

  /** Reason of a Gini whose mean is ≤ 0 (the classic index divides by the mean). */
  public static final String MEAN_NOT_POSITIVE = "undefined: the mean (%s) is <= 0";

  /** Reason of a Jain or Theil index of data with negative values. */
  public static final String NEGATIVE_VALUES =
      "undefined for negative values: %d of %d values are < 0";

  /** Reason of a Jain or Theil index of data that are all zero. */
  public static final String ALL_ZERO = "undefined: every value is 0";

  /** Reason of an index over the least-advantaged groups when no household belongs to them. */
  public static final String NO_LEAST_ADVANTAGED =
      "undefined: no household belongs to the least-advantaged groups %s";

  /** Reason of the Gini of burden among net payers when nobody pays a positive bill. */
  public static final String NO_NET_PAYER = "undefined: no household has a positive bill B_i";

  private UndefinedReasons() {}

  /** {@link #NO_LEAST_ADVANTAGED} completed with the groups. */
  public static String noLeastAdvantaged(java.util.Set<String> groups) {
    return String.format(Locale.ROOT, NO_LEAST_ADVANTAGED, groups);
  }

  /** {@code reason} completed with {@code values}, each written by {@link #number}. */
  public static String text(String reason, double... values) {
    Object[] numbers = new Object[values.length];
    for (int k = 0; k < values.length; k++) {
      numbers[k] = number(values[k]);
    }
    return String.format(Locale.ROOT, reason, numbers);
  }

  /**
   * A number as undefined reasons write it: 6 significant digits, plain notation; below 1e-12 in
   * magnitude (rounding residue of a difference of sums), 0.
   */
  public static String number(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    if (Math.abs(value) < 1e-12) {
      return "0";
    }
    return new java.math.BigDecimal(value)
        .round(new java.math.MathContext(6))
        .stripTrailingZeros()
        .toPlainString();
  }
}
