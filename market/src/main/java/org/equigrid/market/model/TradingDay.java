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
    ModelValidation.day(intervalHours, households, loadKwh, pvKwh, initialSocKwh);
    loadKwh = ModelValidation.profile(loadKwh, tariff.intervals(), "loadKwh");
    pvKwh = ModelValidation.profile(pvKwh, tariff.intervals(), "pvKwh");
    initialSocKwh = initialSocKwh.clone();
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
