package org.equigrid.experiments.output;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Stable number formatting for results files: fixed significant decimals, no negative zero. */
public final class Numbers {

  private static final int DECIMALS = 6;

  private Numbers() {}

  /**
   * The value rounded half-even to 6 decimals, trailing zeros removed; a value that is not finite
   * (undefined or not applicable) is an empty cell.
   */
  public static String format(double value) {
    if (!Double.isFinite(value)) {
      return "";
    }
    BigDecimal rounded = new BigDecimal(value).setScale(DECIMALS, RoundingMode.HALF_EVEN);
    if (rounded.signum() == 0) {
      return "0";
    }
    return rounded.stripTrailingZeros().toPlainString();
  }

  /**
   * The value with 6 fixed decimals (the negotiation files' columns line up), a value that rounds
   * to zero written {@code 0.000000} whatever its sign, and an empty cell when it is not finite
   * (undefined or not applicable).
   */
  public static String fixed6(double value) {
    if (!Double.isFinite(value)) {
      return "";
    }
    String text = String.format(java.util.Locale.ROOT, "%.6f", value);
    return text.equals("-0.000000") ? "0.000000" : text;
  }

  /** The value rounded as {@link #format}, as a double (for JSON). */
  public static double round(double value) {
    if (!Double.isFinite(value)) {
      return value;
    }
    double rounded = new BigDecimal(value).setScale(DECIMALS, RoundingMode.HALF_EVEN).doubleValue();
    return rounded == 0 ? 0.0 : rounded;
  }

  /**
   * A possibly undefined index: {@link #format(double)} of its value, or an empty cell when
   * undefined.
   */
  public static String format(org.equigrid.market.metrics.Index index) {
    return index.defined() ? format(index.value()) : "";
  }

  /** An index's reason as a CSV cell: empty when it is defined. */
  public static String reason(org.equigrid.market.metrics.Index index) {
    return index.defined() ? "" : index.undefinedReason();
  }

  /**
   * Puts an index into a JSON object: {@code key} with the rounded value, or {@code key: null} and
   * {@code keyUndefinedReason} with the reason when it is undefined.
   */
  public static void put(
      com.fasterxml.jackson.databind.node.ObjectNode node,
      String key,
      org.equigrid.market.metrics.Index index) {
    if (index.defined()) {
      node.put(key, round(index.value()));
    } else {
      node.putNull(key);
      node.put(key + UNDEFINED_REASON, index.undefinedReason());
    }
  }

  /**
   * Puts a number into a JSON object, rounded as {@link #round}; {@code null} when it is not finite
   * (a value that does not apply, such as the LP bound of a day without trading).
   */
  public static void put(
      com.fasterxml.jackson.databind.node.ObjectNode node, String key, double value) {
    if (Double.isFinite(value)) {
      node.put(key, round(value));
    } else {
      node.putNull(key);
    }
  }

  /** Suffix of the key that says why an index beside it is undefined. */
  public static final String UNDEFINED_REASON = "UndefinedReason";
}
