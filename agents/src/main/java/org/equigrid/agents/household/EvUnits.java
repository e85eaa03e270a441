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
   * The cheapest charging at the integer cost of a unit in each interval, each interval's units
   * within {@code lo[t]..hi[t]} (the caps, or a trust region inside them): every interval gets its
   * {@code lo[t]}, the rest goes to the cheapest intervals first. Exact for this model: every unit
   * weighs the same, so a cheaper interval is never left for a dearer one. Among intervals of equal
   * cost (a flat night tariff) the units are spread evenly, one at a time in interval order, so the
   * household's own draw is as flat as its optimum allows rather than all of it in the first hours;
   * the rule is deterministic.
   *
   * @return units per interval, or null when {@code lo} and {@code hi} do not hold {@link #units}
   */
  int[] cheapest(int[] unitCost, int[] lo, int[] hi) {
    int[] charge = lo.clone();
    int left = units - java.util.Arrays.stream(lo).sum();
    boolean[] done = new boolean[capUnits.length];
    while (left > 0) {
      int cost = Integer.MAX_VALUE;
      for (int t = 0; t < capUnits.length; t++) {
        if (!done[t] && charge[t] < hi[t]) {
          cost = Math.min(cost, unitCost[t]);
        }
      }
      if (cost == Integer.MAX_VALUE) {
        return null;
      }
      boolean placed = true;
      while (left > 0 && placed) {
        placed = false;
        for (int t = 0; t < capUnits.length && left > 0; t++) {
          if (!done[t] && unitCost[t] == cost && charge[t] < hi[t]) {
            charge[t]++;
            left--;
            placed = true;
          }
        }
      }
      for (int t = 0; t < capUnits.length; t++) {
        done[t] |= unitCost[t] == cost;
      }
    }
    return left < 0 ? null : charge;
  }

  /**
   * Each interval's bounds in units: {@code 0..cap}, or within {@code radiusKwh} (at least one
   * unit) of {@code previousKwh} where that is a charging of this EV (its units summing to {@link
   * #units}); {@code [lo, hi]}.
   */
  int[][] bounds(double[] previousKwh, double radiusKwh) {
    int n = capUnits.length;
    int[] lo = new int[n];
    int[] hi = capUnits.clone();
    if (previousKwh == null || previousKwh.length != n || !(radiusKwh > 0)) {
      return new int[][] {lo, hi};
    }
    int[] was = new int[n];
    int sum = 0;
    for (int t = 0; t < n; t++) {
      was[t] = (int) Math.round(previousKwh[t] / unitKwh);
      sum += was[t];
    }
    if (sum != units) {
      return new int[][] {lo, hi};
    }
    int radius = (int) Math.max(1, Math.floor(radiusKwh / unitKwh + 1e-9));
    for (int t = 0; t < n; t++) {
      lo[t] = Math.max(0, Math.min(was[t] - radius, capUnits[t]));
      hi[t] = Math.min(capUnits[t], Math.max(was[t] + radius, 0));
    }
    return new int[][] {lo, hi};
  }
}
