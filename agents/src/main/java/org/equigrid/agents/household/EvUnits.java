package org.equigrid.agents.household;

import org.equigrid.market.model.ElectricVehicle;

/**
 * An EV's charging (docs/model.md, "Flexible demand", F3: {@code Σ_t ev[t] = E}, {@code 0 <= ev[t]
 * <= P·Δt·plugged[t]}) in whole units for {@link HouseholdScheduler}'s integer model. The unit is
 * {@code E/N} for the smallest {@code N >= E/stepKwh} whose per-interval caps {@code
 * floor(P·Δt·N/E)} still hold {@code N} units in the plugged intervals (a multiple of the plugged
 * count always does), so the charged energy is exactly {@code E} and a unit is at most {@code
 * stepKwh}. Which interval is plugged in is {@link ElectricVehicle#plugged}'s answer, nothing else.
 *
 * @param unitKwh the energy of one unit, {@code E/N}
 * @param units {@code N}, the units to charge by departure
 * @param capUnits per interval the most units it may charge, 0 where it is not plugged in
 */
record EvUnits(double unitKwh, int units, int[] capUnits) {

  /** The EV's units over a day of {@code intervals}, or null when its energy cannot fit. */
  static EvUnits of(ElectricVehicle ev, int intervals, double intervalHours, double stepKwh) {
    int plugged = 0;
    for (int t = 0; t < intervals; t++) {
      plugged += ev.plugged(t, intervalHours) ? 1 : 0;
    }
    double capKwh = ev.maxPowerKw() * intervalHours;
    if (plugged == 0 || ev.energyKwh() > plugged * capKwh + 1e-9) {
      return null;
    }
    int units = Math.max(1, (int) Math.ceil(ev.energyKwh() / stepKwh - 1e-9));
    if (plugged * cap(capKwh, ev.energyKwh(), units) < units) {
      units = plugged * ((units + plugged - 1) / plugged);
    }
    int perInterval = cap(capKwh, ev.energyKwh(), units);
    int[] caps = new int[intervals];
    for (int t = 0; t < intervals; t++) {
      caps[t] = ev.plugged(t, intervalHours) ? perInterval : 0;
    }
    return new EvUnits(ev.energyKwh() / units, units, caps);
  }

  private static int cap(double capKwh, double energyKwh, int units) {
    return (int) Math.floor(capKwh * units / energyKwh + 1e-9);
  }

  /**
   * The cheapest charging at the integer cost of a unit in each interval: the cheapest plugged
   * intervals filled first (ties to the earlier), units per interval. Exact for this model: every
   * unit weighs the same, so a cheaper interval is never left for a dearer one.
   */
  int[] cheapest(int[] unitCost) {
    Integer[] order = new Integer[capUnits.length];
    for (int t = 0; t < order.length; t++) {
      order[t] = t;
    }
    java.util.Arrays.sort(
        order, java.util.Comparator.<Integer>comparingInt(t -> unitCost[t]).thenComparing(t -> t));
    int[] charge = new int[capUnits.length];
    int left = units;
    for (int t : order) {
      int take = Math.min(left, capUnits[t]);
      charge[t] = take;
      left -= take;
    }
    return charge;
  }
}
