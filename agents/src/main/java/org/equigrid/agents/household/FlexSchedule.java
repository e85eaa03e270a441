package org.equigrid.agents.household;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.market.model.FlexibleDemand;

/**
 * A household's own schedule of battery, deferrable appliances and flexible demand against pool
 * prices.
 *
 * @param netKwh import minus export per interval, the flexible load included
 * @param chargeKwh grid-side battery charge per interval
 * @param dischargeKwh grid-side battery discharge per interval
 * @param socKwh battery state of charge at the end of each interval (zeros without battery)
 * @param applianceStartIntervals start of each appliance: the household's own in the order given,
 *     then the flexible demand's in their declared order
 * @param flexKwh the flexible load per interval (docs/model.md, "Flexible demand": the EV's
 *     charging plus the scenario's appliances while they run; zeros without)
 * @param costEur {@code Σ_t p[t] · net[t]}
 * @param optimal whether Choco proved the schedule optimal
 * @param note {@code optimal}, {@code best found within the limit}, or why the fallback was used
 */
public record FlexSchedule(
    double[] netKwh,
    double[] chargeKwh,
    double[] dischargeKwh,
    double[] socKwh,
    List<Integer> applianceStartIntervals,
    double[] flexKwh,
    double costEur,
    boolean optimal,
    String note) {

  /** Logs under the scheduler's name, as the fallback did before it moved here. */
  private static final Logger LOG = LogManager.getLogger(HouseholdScheduler.class);

  public FlexSchedule {
    applianceStartIntervals = List.copyOf(applianceStartIntervals);
  }

  /** An idle battery over {@code intervals} (only its flows matter: the start of price rounds). */
  static FlexSchedule idle(int intervals, double socKwh) {
    double[] soc = new double[intervals];
    Arrays.fill(soc, socKwh);
    return new FlexSchedule(
        new double[intervals],
        new double[intervals],
        new double[intervals],
        soc,
        List.of(),
        new double[intervals],
        0,
        false,
        "idle");
  }

  /**
   * The no-flexibility schedule, for {@link HouseholdScheduler} when it has nothing to schedule or
   * finds no schedule: the battery idle, each appliance at its earliest start (or the last start
   * that fits the day), the EV charging from its arrival on ({@link
   * BiddingStrategy.WithholdFlexibility#earliestKwh}), noted {@link HouseholdScheduler#FALLBACK}
   * and the reason.
   */
  static FlexSchedule fallback(PricedDay day, String reason) {
    if (!reason.equals(HouseholdScheduler.NOTHING)) {
      LOG.debug("household schedule: {}{}", HouseholdScheduler.FALLBACK, reason);
    }
    int n = day.intervals();
    double[] soc = new double[n];
    if (day.battery() != null) {
      Arrays.fill(soc, day.initialSocKwh());
    }
    List<Cycle> cycles = day.cycles();
    List<Integer> starts = new ArrayList<>();
    for (Cycle c : cycles) {
      starts.add(c.fallbackStart(n));
    }
    double[] evKwh =
        day.flex().ev() == null
            ? new double[n]
            : BiddingStrategy.WithholdFlexibility.earliestKwh(
                new FlexibleDemand(day.flex().ev()), n, day.intervalHours());
    return assemble(
        day,
        cycles,
        starts,
        evKwh,
        new double[n],
        new double[n],
        soc,
        false,
        HouseholdScheduler.FALLBACK + reason);
  }

  /** The household's own appliances' load per interval when started at {@code starts}. */
  static double[] applianceLoad(
      List<DeferrableAppliance> appliances, List<Integer> starts, int n, double intervalHours) {
    return Cycle.load(
        appliances.stream().map(a -> Cycle.of(a, intervalHours)).toList(), starts, n, false);
  }

  /**
   * A schedule from the appliances' starts, the EV's charging and the battery's flows: the flexible
   * load, the net per interval and its cost at the day's prices.
   */
  static FlexSchedule assemble(
      PricedDay day,
      List<Cycle> cycles,
      List<Integer> starts,
      double[] evKwh,
      double[] charge,
      double[] discharge,
      double[] soc,
      boolean optimal,
      String note) {
    int n = day.intervals();
    double[] own = Cycle.load(cycles, starts, n, false);
    double[] flex = Cycle.load(cycles, starts, n, true);
    double[] net = new double[n];
    double cost = 0;
    for (int t = 0; t < n; t++) {
      flex[t] += evKwh[t];
      net[t] = day.baseLoadKwh()[t] + own[t] + flex[t] - day.pvKwh()[t] + charge[t] - discharge[t];
      cost += day.priceEurPerKwh()[t] * net[t];
    }
    return new FlexSchedule(net, charge, discharge, soc, starts, flex, cost, optimal, note);
  }
}
