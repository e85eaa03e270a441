package org.equigrid.market.metrics;

/**
 * The input checks of the indices ({@link Index}, {@link GroupMeans}, {@code equity.Inequality}),
 * with their messages, kept out of the formulas: each throws {@link IllegalArgumentException}
 * naming the entry and its value.
 */
public final class ValueChecks {

  private ValueChecks() {}

  /**
   * At least one value, every one finite.
   *
   * @param whatNeedsThem the start of the message for no values, e.g. {@code "Group means need"}
   */
  public static void finite(double[] values, String whatNeedsThem) {
    if (values.length == 0) {
      throw new IllegalArgumentException(whatNeedsThem + " at least one value, got none.");
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new IllegalArgumentException("values[" + i + "] (" + values[i] + ") must be finite.");
      }
    }
  }

  /** One non-null group per value. */
  static void groups(String[] groups, int values) {
    if (groups.length != values) {
      throw new IllegalArgumentException(
          "groups has "
              + groups.length
              + " entries, values "
              + values
              + "; one group per"
              + " value is needed.");
    }
    for (int i = 0; i < groups.length; i++) {
      if (groups[i] == null) {
        throw new IllegalArgumentException("groups[" + i + "] is null; every value needs a group.");
      }
    }
  }

  /** A defined {@link Index} has a finite value; an undefined one a reason that is not blank. */
  static void index(double value, String undefinedReason) {
    if (undefinedReason == null && !Double.isFinite(value)) {
      throw new IllegalArgumentException(
          "A defined index needs a finite value, got "
              + value
              + ".\nMaybe use Index.undefined(reason)?");
    }
    if (undefinedReason != null && undefinedReason.isBlank()) {
      throw new IllegalArgumentException("An undefined index needs a reason, got a blank one.");
    }
  }

  /** {@code value}, which must be {@code > 0} ({@code name} says what it is). */
  static double positive(double value, String name) {
    if (!(value > 0)) {
      throw new IllegalArgumentException(name + " (" + value + ") must be > 0");
    }
    return value;
  }
}
