package org.equigrid.agents.household;

import java.util.Objects;

/**
 * An appliance whose cycle may run at any time inside a window (a dishwasher, a washing machine, an
 * electric-vehicle charge). It runs once a day, without interruption, at constant power.
 *
 * @param name label used in notes
 * @param earliestStartInterval first interval the cycle may start in
 * @param latestEndInterval the cycle must be finished before this interval (exclusive end)
 * @param energyPerCycleKwh energy of one cycle
 * @param powerCapKw the most it draws; the cycle lasts {@code ceil(energy / (cap · Δt))} intervals
 */
public record DeferrableAppliance(
    String name,
    int earliestStartInterval,
    int latestEndInterval,
    double energyPerCycleKwh,
    double powerCapKw) {

  public DeferrableAppliance {
    Objects.requireNonNull(name, "name");
    if (earliestStartInterval < 0 || latestEndInterval <= earliestStartInterval) {
      throw new IllegalArgumentException(
          "appliance "
              + name
              + " needs 0 <= earliestStartInterval ("
              + earliestStartInterval
              + ") < latestEndInterval ("
              + latestEndInterval
              + ")");
    }
    if (!(energyPerCycleKwh > 0) || !(powerCapKw > 0)) {
      throw new IllegalArgumentException(
          "appliance "
              + name
              + " needs energyPerCycleKwh ("
              + energyPerCycleKwh
              + ") > 0 and powerCapKw ("
              + powerCapKw
              + ") > 0");
    }
  }

  /** How many intervals one cycle lasts. */
  public int durationIntervals(double intervalHours) {
    return (int) Math.ceil(energyPerCycleKwh / (powerCapKw * intervalHours) - 1e-9);
  }

  /** The latest start that still ends in the window. */
  public int latestStartInterval(double intervalHours) {
    return latestEndInterval - durationIntervals(intervalHours);
  }
}
