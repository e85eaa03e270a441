package org.equigrid.agents.protocol;

import static org.equigrid.agents.protocol.ReceiptCheck.BAD_FLEX;
import static org.equigrid.agents.protocol.ReceiptCheck.MAX_APPLIANCES;
import static org.equigrid.agents.protocol.ReceiptCheck.TOLERANCE;
import static org.equigrid.agents.protocol.ReceiptCheck.refuse;

import java.util.List;
import java.util.Optional;
import org.equigrid.agents.protocol.Message.ApplianceSpec;
import org.equigrid.agents.protocol.Message.Bid;
import org.equigrid.market.model.Appliance;
import org.equigrid.market.model.ElectricVehicle;

/** The receipt check of a central bid's flexible demand, for {@link ReceiptCheck#bid}. */
final class FlexCheck {

  private FlexCheck() {}

  /**
   * Checks a bid's flexible demand: each field in the range the market's {@link
   * org.equigrid.market.model.ElectricVehicle} and {@link org.equigrid.market.model.Appliance}
   * accept, and schedulable on this day: the EV's energy within its power over the plugged
   * intervals, each appliance a whole number of intervals long with a start that fits, at most
   * {@value ReceiptCheck#MAX_APPLIANCES} appliances. The reason names the field and its value
   * (appliances as {@code appliance #k}, 1-based, like {@link ApplianceSpec#appliance}).
   */
  static Optional<String> flex(Bid bid, int intervals, double intervalHours) {
    if (bid.ev() != null) {
      ElectricVehicle ev;
      try {
        ev = bid.ev().ev();
      } catch (IllegalArgumentException e) {
        return refuse(BAD_FLEX, e.getMessage());
      }
      int plugged = 0;
      for (int t = 0; t < intervals; t++) {
        plugged += ev.plugged(t, intervalHours) ? 1 : 0;
      }
      if (ev.energyKwh() > ev.maxPowerKw() * intervalHours * plugged + TOLERANCE) {
        return refuse(
            BAD_FLEX,
            "ev.energyKwh ("
                + ev.energyKwh()
                + ") cannot be charged at ev.maxPowerKw ("
                + ev.maxPowerKw()
                + ") in the "
                + plugged
                + " plugged-in intervals of "
                + intervalHours
                + " h");
      }
    }
    List<ApplianceSpec> appliances = bid.appliances() == null ? List.of() : bid.appliances();
    if (appliances.size() > MAX_APPLIANCES) {
      return refuse(
          BAD_FLEX, "appliances has " + appliances.size() + " entries, at most " + MAX_APPLIANCES);
    }
    for (int a = 0; a < appliances.size(); a++) {
      ApplianceSpec spec = appliances.get(a);
      if (spec == null) {
        return refuse(BAD_FLEX, "appliance #" + (a + 1) + " is null");
      }
      try {
        Appliance appliance = spec.appliance(a + 1);
        appliance.durationIntervals(intervalHours);
        boolean startable = false;
        for (int t = 0; t < intervals && !startable; t++) {
          startable = appliance.canStart(t, intervalHours);
        }
        if (!startable) {
          return refuse(
              BAD_FLEX,
              "appliance #"
                  + (a + 1)
                  + " cannot start in any interval of the day: earliestStartHour "
                  + spec.earliestStartHour()
                  + ", latestEndHour "
                  + spec.latestEndHour()
                  + ", durationHours "
                  + spec.durationHours());
        }
      } catch (IllegalArgumentException e) {
        return refuse(BAD_FLEX, e.getMessage());
      }
    }
    return Optional.empty();
  }
}
