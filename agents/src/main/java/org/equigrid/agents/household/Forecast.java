package org.equigrid.agents.household;

import org.equigrid.agents.protocol.Message.BatterySpec;
import org.equigrid.market.model.FlexibleDemand;

/**
 * What a household states about its day: load and PV per interval (kWh), the battery it offers and
 * its flexible demand (an EV, deferrable appliances) whose timing it leaves to the clearing.
 *
 * @param battery the battery, or null for none
 * @param flex the flexible demand offered ({@link FlexibleDemand#NONE} for none; null is read as
 *     none)
 */
public record Forecast(double[] loadKwh, double[] pvKwh, BatterySpec battery, FlexibleDemand flex) {

  public Forecast {
    loadKwh = loadKwh.clone();
    pvKwh = pvKwh.clone();
    flex = flex == null ? FlexibleDemand.NONE : flex;
    if (loadKwh.length != pvKwh.length) {
      throw new IllegalArgumentException(
          "loadKwh (" + loadKwh.length + ") and pvKwh (" + pvKwh.length + ") differ in length");
    }
  }

  /** The same statement with other profiles (the battery and flexible demand kept). */
  public Forecast withProfiles(double[] otherLoadKwh, double[] otherPvKwh) {
    return new Forecast(otherLoadKwh, otherPvKwh, battery, flex);
  }

  /** The same statement with another battery offered (null for none). */
  public Forecast withBattery(BatterySpec other) {
    return new Forecast(loadKwh, pvKwh, other, flex);
  }
}
