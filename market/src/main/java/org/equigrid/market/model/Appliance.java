package org.equigrid.market.model;

/**
 * A deferrable appliance as flexible demand (docs/model.md, "Flexible demand", F4–F6): it runs once
 * a day, uninterrupted, at constant power {@code powerKw} for {@code durationHours}, starting and
 * ending inside its window {@code [earliestStartHour, latestEndHour]}; the clearing chooses the
 * start (a binary per feasible start interval, an MILP).
 *
 * <p>The window is in whole hours of the trading day and does not wrap midnight ({@code
 * earliestStartHour < latestEndHour}). Interval {@code t} (starting at hour {@code h = t·Δt}) is a
 * feasible start iff {@code h >= earliestStartHour} and {@code h + d·Δt <= latestEndHour}, with
 * {@code d} the duration in intervals ({@link #durationIntervals}); {@code durationHours} must be a
 * whole number of intervals of the day.
 *
 * @param name the appliance's name (for messages), not blank
 * @param powerKw {@code P_a}, its constant power while running; > 0
 * @param durationHours how long it runs; > 0, at most the window
 * @param earliestStartHour the earliest hour it may start, in [0, 23]
 * @param latestEndHour the hour by which it must have finished, in [1, 24], after {@code
 *     earliestStartHour}
 */
public record Appliance(
    String name, double powerKw, double durationHours, int earliestStartHour, int latestEndHour) {

  public Appliance {
    ModelValidation.appliance(name, powerKw, durationHours, earliestStartHour, latestEndHour);
  }

  /** The energy of one run (kWh): {@code P_a · durationHours}. */
  public double energyKwh() {
    return powerKw * durationHours;
  }

  /**
   * Its duration {@code d_a} in intervals of {@code intervalHours}.
   *
   * @throws IllegalArgumentException if {@code durationHours} is not a whole number of intervals
   */
  public int durationIntervals(double intervalHours) {
    double intervals = durationHours / intervalHours;
    long whole = Math.round(intervals);
    if (Math.abs(intervals - whole) > 1e-9) {
      throw new IllegalArgumentException(
          "appliance "
              + name
              + ": durationHours ("
              + durationHours
              + ") must be a whole number of intervals of "
              + intervalHours
              + " h");
    }
    return (int) whole;
  }

  /** Whether it may start in interval {@code t} of a day of {@code intervalHours} intervals. */
  public boolean canStart(int t, double intervalHours) {
    double hour = t * intervalHours;
    double end = hour + durationIntervals(intervalHours) * intervalHours;
    return hour >= earliestStartHour - 1e-9 && end <= latestEndHour + 1e-9;
  }

  /** Whether it may be running in interval {@code t}: some feasible start covers it. */
  public boolean canRun(int t, double intervalHours) {
    int d = durationIntervals(intervalHours);
    for (int k = Math.max(0, t - d + 1); k <= t; k++) {
      if (canStart(k, intervalHours)) {
        return true;
      }
    }
    return false;
  }
}
