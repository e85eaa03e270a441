package org.equigrid.experiments.output;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Stable number formatting for results files: fixed significant decimals, no negative zero. */
public final class Numbers {

  private static final int DECIMALS = 6;

  private Numbers() {}

  /** The value rounded half-even to 6 decimals, trailing zeros removed; NaN and infinities by name. */
  public static String format(double value) {
    if (!Double.isFinite(value)) {
      return Double.isNaN(value) ? "NaN" : (value > 0 ? "Infinity" : "-Infinity");
    }
    BigDecimal rounded = new BigDecimal(value).setScale(DECIMALS, RoundingMode.HALF_EVEN);
    if (rounded.signum() == 0) {
      return "0";
    }
    return rounded.stripTrailingZeros().toPlainString();
  }

  /** The value rounded as {@link #format}, as a double (for JSON). */
  public static double round(double value) {
    if (!Double.isFinite(value)) {
      return value;
    }
    double rounded = new BigDecimal(value).setScale(DECIMALS, RoundingMode.HALF_EVEN).doubleValue();
    return rounded == 0 ? 0.0 : rounded;
  }
}
