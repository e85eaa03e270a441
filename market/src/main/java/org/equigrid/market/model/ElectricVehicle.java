package org.equigrid.market.model;

/**
 * A household's electric vehicle as flexible demand (docs/model.md, "Flexible demand"): it must be
 * charged with {@code energyKwh} within its plug-in window, at most {@code maxPowerKw}, at any
 * split over the plugged intervals (continuous, an LP).
 *
 * <p>The window is in hours of the trading day: interval {@code t} (starting at hour {@code h =
 * t·Δt}) is plugged in iff {@code arrivalHour <= h < departureHour}, or, for a window that wraps
 * midnight ({@code arrivalHour > departureHour}), iff {@code h >= arrivalHour} or {@code h <
 * departureHour}. The day is the horizon: a wrapping window is the evening and the morning of the
 * same day.
 *
 * @param energyKwh {@code E_i^ev}, the energy charged by departure; > 0
 * @param maxPowerKw {@code P_i^ev}, the charging power limit; > 0
 * @param arrivalHour hour of the day the vehicle is plugged in, in [0, 23]
 * @param departureHour hour of the day it leaves, in [0, 23], different from {@code arrivalHour}
 */
public record ElectricVehicle(
    double energyKwh, double maxPowerKw, int arrivalHour, int departureHour) {

  public ElectricVehicle {
    ModelValidation.electricVehicle(energyKwh, maxPowerKw, arrivalHour, departureHour);
  }

  /** The hours of the plug-in window, {@code (departure − arrival) mod 24}. */
  public int windowHours() {
    return Math.floorMod(departureHour - arrivalHour, 24);
  }

  /** Whether the interval starting at {@code hourOfDay} is in the plug-in window. */
  public boolean pluggedAt(double hourOfDay) {
    if (arrivalHour < departureHour) {
      return hourOfDay >= arrivalHour && hourOfDay < departureHour;
    }
    return hourOfDay >= arrivalHour || hourOfDay < departureHour;
  }

  /** Whether interval {@code t} of a day of {@code intervalHours} intervals is plugged in. */
  public boolean plugged(int t, double intervalHours) {
    return pluggedAt(t * intervalHours);
  }
}
