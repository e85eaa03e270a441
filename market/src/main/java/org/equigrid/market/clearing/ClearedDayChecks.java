package org.equigrid.market.clearing;

/** The input checks of {@link ClearedDay}, with their messages, kept out of its definitions. */
final class ClearedDayChecks {

  private ClearedDayChecks() {}

  /** One alone flag per household. */
  static void alone(int flags, int households) {
    if (flags != households) {
      throw new IllegalArgumentException(
          "aloneInDispatch has "
              + flags
              + " entries for "
              + households
              + " households; one per household is needed.");
    }
  }

  /** One import row, alone flag and own peak charge per household. */
  static void peakShareInputs(int n, int flags, int ownPeakCharges) {
    if (flags != n || ownPeakCharges != n) {
      throw new IllegalArgumentException(
          "peak-charge share: "
              + n
              + " import rows, "
              + flags
              + " alone flags and "
              + ownPeakCharges
              + " own peak charges; one each per household is needed.");
    }
  }
}
