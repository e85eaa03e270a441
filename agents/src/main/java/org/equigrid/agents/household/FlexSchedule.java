package org.equigrid.agents.household;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.agents.protocol.Message.BatterySpec;

/**
 * A household's own schedule of battery and deferrable appliances against pool prices.
 *
 * @param netKwh import minus export per interval
 * @param chargeKwh grid-side battery charge per interval
 * @param dischargeKwh grid-side battery discharge per interval
 * @param socKwh battery state of charge at the end of each interval (zeros without battery)
 * @param applianceStartIntervals start of each appliance, in the order given
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
        0,
        false,
        "idle");
  }

  /**
   * The no-flexibility schedule, for {@link HouseholdScheduler} when it has nothing to schedule or
   * finds no schedule: the battery idle, each appliance at its earliest start (or the last start
   * that fits the day), noted {@link HouseholdScheduler#FALLBACK} and the reason.
   */
  static FlexSchedule fallback(
      double[] baseLoadKwh,
      double[] pvKwh,
      BatterySpec battery,
      double initialSocKwh,
      List<DeferrableAppliance> appliances,
      double[] priceEurPerKwh,
      double intervalHours,
      String reason) {
    if (!reason.equals(HouseholdScheduler.NOTHING)) {
      LOG.debug("household schedule: {}{}", HouseholdScheduler.FALLBACK, reason);
    }
    int n = priceEurPerKwh.length;
    double[] soc = new double[n];
    if (battery != null) {
      Arrays.fill(soc, initialSocKwh);
    }
    List<Integer> starts = new ArrayList<>();
    for (DeferrableAppliance a : appliances) {
      starts.add(
          Math.min(a.earliestStartInterval(), Math.max(0, n - a.durationIntervals(intervalHours))));
    }
    return assemble(
        baseLoadKwh,
        pvKwh,
        new double[n],
        new double[n],
        soc,
        appliances,
        starts,
        priceEurPerKwh,
        intervalHours,
        false,
        HouseholdScheduler.FALLBACK + reason);
  }

  /** The appliances' load per interval when started at {@code starts}. */
  static double[] applianceLoad(
      List<DeferrableAppliance> appliances, List<Integer> starts, int n, double intervalHours) {
    double[] load = new double[n];
    for (int k = 0; k < appliances.size(); k++) {
      DeferrableAppliance a = appliances.get(k);
      int duration = a.durationIntervals(intervalHours);
      for (int t = starts.get(k); t < Math.min(n, starts.get(k) + duration); t++) {
        load[t] += a.energyPerCycleKwh() / duration;
      }
    }
    return load;
  }

  /**
   * A schedule from the battery flows and appliance starts: the net per interval and its cost at
   * {@code price}.
   */
  static FlexSchedule assemble(
      double[] baseLoadKwh,
      double[] pvKwh,
      double[] charge,
      double[] discharge,
      double[] soc,
      List<DeferrableAppliance> appliances,
      List<Integer> starts,
      double[] price,
      double intervalHours,
      boolean optimal,
      String note) {
    int n = price.length;
    double[] appliance = applianceLoad(appliances, starts, n, intervalHours);
    double[] net = new double[n];
    double cost = 0;
    for (int t = 0; t < n; t++) {
      net[t] = baseLoadKwh[t] + appliance[t] - pvKwh[t] + charge[t] - discharge[t];
      cost += price[t] * net[t];
    }
    return new FlexSchedule(net, charge, discharge, soc, starts, cost, optimal, note);
  }
}
