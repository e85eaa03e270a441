package org.equigrid.market.model;

import java.util.List;
import java.util.Objects;

/**
 * Everything the clearing of one day needs besides the equity settings: the community, its
 * profiles, the tariff and the batteries' state of charge at the start of the day.
 *
 * <p>Households are indexed {@code 0..n-1} in the order of {@link #households()}; the arrays are
 * {@code [household][interval]}. The arrays are copied on construction; do not modify what the
 * accessors return.
 *
 * @param dayIndex 0-based day of the run
 * @param dayOfYear 1..366, for calendar features and seasons
 * @param intervalHours {@code Δt}
 * @param households the participants, in a fixed order
 * @param loadKwh {@code L[i][t]}
 * @param pvKwh {@code G[i][t]}
 * @param initialSocKwh state of charge at the start of the day per household (0 without battery)
 * @param tariff the grid tariff
 */
public record TradingDay(
    int dayIndex,
    int dayOfYear,
    double intervalHours,
    List<Household> households,
    double[][] loadKwh,
    double[][] pvKwh,
    double[] initialSocKwh,
    Tariff tariff) {

  public TradingDay {
    households = List.copyOf(households);
    Objects.requireNonNull(tariff, "tariff");
    int n = households.size();
    int intervals = tariff.intervals();
    if (!(intervalHours > 0)) {
      throw new IllegalArgumentException("intervalHours (" + intervalHours + ") must be > 0");
    }
    if (loadKwh.length != n || pvKwh.length != n || initialSocKwh.length != n) {
      throw new IllegalArgumentException("profiles must have one row per household (" + n + ")");
    }
    loadKwh = copy(loadKwh, intervals, "loadKwh");
    pvKwh = copy(pvKwh, intervals, "pvKwh");
    initialSocKwh = initialSocKwh.clone();
  }

  private static double[][] copy(double[][] rows, int intervals, String name) {
    double[][] result = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != intervals) {
        throw new IllegalArgumentException(
            name + "[" + i + "] has " + rows[i].length + " intervals, the tariff has " + intervals);
      }
      for (int t = 0; t < intervals; t++) {
        if (!(rows[i][t] >= 0) || !Double.isFinite(rows[i][t])) {
          throw new IllegalArgumentException(
              name + "[" + i + "][" + t + "] (" + rows[i][t] + ") must be finite and >= 0");
        }
      }
      result[i] = rows[i].clone();
    }
    return result;
  }

  /**
   * The same day (index, day of the year, interval length, tariff) for other households: {@code
   * households} with their own load, PV and starting state of charge, in the same order.
   */
  public TradingDay withHouseholds(
      List<Household> households, double[][] loadKwh, double[][] pvKwh, double[] initialSocKwh) {
    return new TradingDay(
        dayIndex, dayOfYear, intervalHours, households, loadKwh, pvKwh, initialSocKwh, tariff);
  }

  public int householdCount() {
    return households.size();
  }

  public int intervals() {
    return tariff.intervals();
  }
}
