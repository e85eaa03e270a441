package org.equigrid.market.model;

import java.util.List;

/**
 * A household's flexible demand (docs/model.md, "Flexible demand"): loads whose timing the clearing
 * chooses, on top of the fixed load {@code L[i,t]}. {@link #NONE} for a household without any.
 *
 * @param ev the electric vehicle, or null for none
 * @param appliances the deferrable appliances (null is read as none), each run once a day
 */
public record FlexibleDemand(ElectricVehicle ev, List<Appliance> appliances) {

  /** No flexible demand: the household's load is its fixed profile. */
  public static final FlexibleDemand NONE = new FlexibleDemand(null, List.of());

  public FlexibleDemand {
    appliances = appliances == null ? List.of() : List.copyOf(appliances);
  }

  /** An electric vehicle only (or none). */
  public FlexibleDemand(ElectricVehicle ev) {
    this(ev, List.of());
  }

  /** Whether there is any flexible load. */
  public boolean any() {
    return ev != null || !appliances.isEmpty();
  }

  /** Whether there is a deferrable appliance (start binaries in the clearing). */
  public boolean hasAppliances() {
    return !appliances.isEmpty();
  }

  /**
   * The flexible energy of the day (kWh), a fixed total whatever its timing: the EV's {@code E}
   * plus each appliance's {@code P_a · durationHours}.
   */
  public double energyKwh() {
    double total = ev == null ? 0 : ev.energyKwh();
    for (Appliance appliance : appliances) {
      total += appliance.energyKwh();
    }
    return total;
  }

  /**
   * The most the flexible load can draw in interval {@code t} (kWh): the EV's {@code P·Δt} where
   * plugged in plus {@code P_a·Δt} of each appliance that may be running then.
   */
  public double capKwh(int t, double intervalHours) {
    double cap = ev != null && ev.plugged(t, intervalHours) ? ev.maxPowerKw() * intervalHours : 0;
    for (Appliance appliance : appliances) {
      if (appliance.canRun(t, intervalHours)) {
        cap += appliance.powerKw() * intervalHours;
      }
    }
    return cap;
  }
}
