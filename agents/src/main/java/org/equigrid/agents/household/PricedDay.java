package org.equigrid.agents.household;

import java.util.List;
import org.equigrid.agents.protocol.Message.BatterySpec;
import org.equigrid.market.model.FlexibleDemand;

/**
 * One household's day as {@link HouseholdScheduler} schedules it against announced prices: what it
 * states of its day (load, PV, battery, the scenario's flexible demand), its own deferrable
 * appliances, and the prices.
 *
 * @param baseLoadKwh load without the flexible demand and the deferrable appliances, per interval
 * @param pvKwh PV output per interval
 * @param battery the battery to schedule, or null
 * @param initialSocKwh state of charge at the start; the end must be at least this
 * @param flex the scenario's flexible demand (docs/model.md, "Flexible demand": the EV's charging
 *     by F3, each appliance once in its window by F4–F6); null is read as none
 * @param appliances the household's own deferrable appliances, each run once in its window
 * @param priceEurPerKwh pool price per interval
 * @param intervalHours {@code Δt}
 */
public record PricedDay(
    double[] baseLoadKwh,
    double[] pvKwh,
    BatterySpec battery,
    double initialSocKwh,
    FlexibleDemand flex,
    List<DeferrableAppliance> appliances,
    double[] priceEurPerKwh,
    double intervalHours) {

  public PricedDay {
    flex = flex == null ? FlexibleDemand.NONE : flex;
    appliances = List.copyOf(appliances);
    if (baseLoadKwh.length != priceEurPerKwh.length || pvKwh.length != priceEurPerKwh.length) {
      throw new IllegalArgumentException(
          "baseLoadKwh ("
              + baseLoadKwh.length
              + "), pvKwh ("
              + pvKwh.length
              + ") and priceEurPerKwh ("
              + priceEurPerKwh.length
              + ") must have one value per interval");
    }
  }

  /** The number of intervals. */
  int intervals() {
    return priceEurPerKwh.length;
  }

  /**
   * Every appliance to start once, the household's own first, then the flexible demand's in their
   * declared order.
   */
  List<Cycle> cycles() {
    List<Cycle> cycles = new java.util.ArrayList<>();
    for (DeferrableAppliance a : appliances) {
      cycles.add(Cycle.of(a, intervalHours));
    }
    for (org.equigrid.market.model.Appliance a : flex.appliances()) {
      cycles.add(Cycle.of(a, intervals(), intervalHours));
    }
    return cycles;
  }
}
