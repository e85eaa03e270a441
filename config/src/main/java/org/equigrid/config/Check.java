package org.equigrid.config;

/**
 * A range rule for a number: returns {@code null} when the value is fine, else the problem text.
 */
@FunctionalInterface
interface Check {
  String problem(double value);

  Check ANY = value -> null;

  Check POSITIVE =
      value -> value > 0 ? null : Messages.MUST_BE_POSITIVE + (value < 0 ? maybe(-value) : "");

  Check NON_NEGATIVE = value -> value >= 0 ? null : Messages.MUST_BE_NON_NEGATIVE + maybe(-value);

  Check FRACTION =
      value -> {
        if (value >= 0 && value <= 1) {
          return null;
        }
        if (value > 1 && value <= 100) {
          return Messages.MUST_BE_FRACTION + " (a fraction, not a percentage)" + maybe(value / 100);
        }
        return Messages.MUST_BE_FRACTION + (value < 0 && value >= -1 ? maybe(-value) : "");
      };

  Check EFFICIENCY =
      value -> {
        if (value > 0 && value <= 1) {
          return null;
        }
        if (value > 1 && value <= 100) {
          return Messages.MUST_BE_EFFICIENCY
              + " (a fraction, not a percentage)"
              + maybe(value / 100);
        }
        return Messages.MUST_BE_EFFICIENCY;
      };

  /**
   * A price in EUR per kWh (or a peak charge in EUR per kW): 0 to {@value #MAX_PRICE_EUR}; far
   * above any market's price cap, and beyond it the solvers' tolerances fail (a price of 1e9 made a
   * settlement MILP run past its time limit).
   */
  double MAX_PRICE_EUR = 1000;

  Check PRICE =
      value ->
          value >= 0 && value <= MAX_PRICE_EUR
              ? null
              : Messages.OUT_OF_RANGE
                  + " [0, 1000] EUR"
                  + (value < 0 && value >= -MAX_PRICE_EUR ? maybe(-value) : "");

  static Check between(double min, double max) {
    return value ->
        value >= min && value <= max
            ? null
            : Messages.OUT_OF_RANGE + " [" + format(min) + ", " + format(max) + "]";
  }

  static String maybe(double value) {
    if (WrittenValues.finite(value) != null) {
      return ""; // no advice to write a huge number
    }
    return ". " + Messages.MAYBE + " " + format(value) + "?";
  }

  /** A number as a reader would write it: {@code 5} for whole numbers, else the shortest form. */
  static String format(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }
}
