package org.equigrid.agents.household;

import java.util.Arrays;
import java.util.List;

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
}
