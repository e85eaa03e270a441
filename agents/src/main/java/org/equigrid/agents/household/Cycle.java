package org.equigrid.agents.household;

import java.util.List;
import org.equigrid.market.model.Appliance;

/**
 * One appliance run as {@link HouseholdScheduler} places it: a start in {@code
 * firstStart..lastStart}, then {@code durationIntervals} intervals at {@code kwhPerInterval}. Built
 * from the household's own {@link DeferrableAppliance} or from the scenario's {@link Appliance},
 * whose feasible starts are its own ({@link Appliance#canStart}, docs/model.md F4).
 *
 * @param name the appliance's name (for notes)
 * @param firstStart the first feasible start interval
 * @param lastStart the last feasible start interval (below {@code firstStart} when none fits)
 * @param durationIntervals how many intervals a run lasts
 * @param kwhPerInterval the energy drawn in each interval of a run
 * @param flexible whether it is the scenario's flexible demand (counted in {@code flexKwh}) rather
 *     than one of the household's own appliances
 */
record Cycle(
    String name,
    int firstStart,
    int lastStart,
    int durationIntervals,
    double kwhPerInterval,
    boolean flexible) {

  /** The household's own appliance: its energy spread evenly over its duration. */
  static Cycle of(DeferrableAppliance a, double intervalHours) {
    int duration = a.durationIntervals(intervalHours);
    return new Cycle(
        a.name(),
        a.earliestStartInterval(),
        a.latestStartInterval(intervalHours),
        duration,
        a.energyPerCycleKwh() / duration,
        false);
  }

  /** The scenario's appliance over a day of {@code intervals}: {@code P_a·Δt} while it runs. */
  static Cycle of(Appliance a, int intervals, double intervalHours) {
    int duration = a.durationIntervals(intervalHours);
    int first = intervals;
    int last = -1;
    for (int k = 0; k + duration <= intervals; k++) {
      if (a.canStart(k, intervalHours)) {
        first = Math.min(first, k);
        last = k;
      }
    }
    return new Cycle(a.name(), first, last, duration, a.powerKw() * intervalHours, true);
  }

  /** Whether a run fits the day of {@code intervals}. */
  boolean fits(int intervals) {
    return firstStart <= lastStart && lastStart + durationIntervals <= intervals;
  }

  /** Where a schedule without flexibility starts it: its first start, or the last that fits. */
  int fallbackStart(int intervals) {
    return Math.max(0, Math.min(firstStart, intervals - durationIntervals));
  }

  /** What a run started at {@code start} costs at {@code price}. */
  double cost(int start, double[] price) {
    double cost = 0;
    for (int t = start; t < start + durationIntervals; t++) {
      cost += price[t] * kwhPerInterval;
    }
    return cost;
  }

  /**
   * The load per interval of the {@code cycles} started at {@code starts} (in the same order), only
   * those whose {@link #flexible} is {@code flexible}.
   */
  static double[] load(List<Cycle> cycles, List<Integer> starts, int intervals, boolean flexible) {
    double[] load = new double[intervals];
    for (int k = 0; k < cycles.size(); k++) {
      Cycle c = cycles.get(k);
      if (c.flexible != flexible) {
        continue;
      }
      for (int t = starts.get(k);
          t < Math.min(intervals, starts.get(k) + c.durationIntervals);
          t++) {
        load[t] += c.kwhPerInterval;
      }
    }
    return load;
  }
}
