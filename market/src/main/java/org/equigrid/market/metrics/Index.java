package org.equigrid.market.metrics;

/**
 * A number that may be undefined for the data, with the reason. Every index or ratio of the results
 * (Gini, Jain, Theil, Rawlsian minimum, group gaps, the price of fairness) uses it, so an undefined
 * value is never a huge number or a silent NaN: in CSV it is an empty cell, in JSON {@code null}
 * beside a {@code <name>UndefinedReason} string.
 *
 * @param value the value; NaN exactly when undefined
 * @param undefinedReason why the value is undefined; {@code null} when it is defined
 */
public record Index(double value, String undefinedReason) {

  public Index {
    ValueChecks.index(value, undefinedReason);
    if (undefinedReason != null) {
      value = Double.NaN;
    }
  }

  /** A defined value (must be finite). */
  public static Index of(double value) {
    return new Index(value, null);
  }

  /** An undefined value and why. */
  public static Index undefined(String reason) {
    return new Index(Double.NaN, reason);
  }

  public boolean defined() {
    return undefinedReason == null;
  }

  /** The value when defined, else {@code fallback}. */
  public double orElse(double fallback) {
    return defined() ? value : fallback;
  }
}
