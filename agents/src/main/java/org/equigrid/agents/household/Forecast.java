package org.equigrid.agents.household;

import org.equigrid.agents.protocol.Message.BatterySpec;

/**
 * What a household states about its day: load and PV per interval (kWh) and the battery it offers.
 *
 * @param battery the battery, or null for none
 */
public record Forecast(double[] loadKwh, double[] pvKwh, BatterySpec battery) {

  public Forecast {
    loadKwh = loadKwh.clone();
    pvKwh = pvKwh.clone();
    if (loadKwh.length != pvKwh.length) {
      throw new IllegalArgumentException(
          "loadKwh (" + loadKwh.length + ") and pvKwh (" + pvKwh.length + ") differ in length");
    }
  }
}
