package org.equigrid.market.clearing;

/**
 * Which of a battery household's optional rows {@link DayFormulation#withBattery} writes in one
 * interval: the caller's choice (which pairs are integer, which family the diagnosis relaxes).
 *
 * @param origin the origin rows (2a); false only when the diagnosis relaxes them
 * @param binaryRows the rows of {@code β} and {@code δ}; false only in the diagnosis
 * @param integerBeta whether {@code β} is integer (else continuous in [0, 1])
 * @param meterRows whether {@code δ} and its rows are written
 * @param integerDelta whether {@code δ} is integer
 */
record BatteryRows(
    boolean origin,
    boolean binaryRows,
    boolean integerBeta,
    boolean meterRows,
    boolean integerDelta) {

  /** Every row, the binaries relaxed to [0, 1]: the household LP of the decomposition. */
  static final BatteryRows RELAXED = new BatteryRows(true, true, false, true, false);

  /** Every row, the binaries integer: the household's MILP ({@link HouseholdMilp}). */
  static final BatteryRows INTEGER = new BatteryRows(true, true, true, true, true);
}
