package org.equigrid.config;

import org.equigrid.market.model.Battery;

/** A battery as written in a scenario, with state-of-charge bounds as fractions of capacity. */
record BatterySpec(
    double capacityKwh,
    double powerKw,
    double chargeEfficiency,
    double dischargeEfficiency,
    double socMinFraction,
    double socMaxFraction,
    double initialSocFraction) {

  Battery toBattery() {
    return new Battery(
        capacityKwh,
        powerKw,
        chargeEfficiency,
        dischargeEfficiency,
        socMinFraction * capacityKwh,
        socMaxFraction * capacityKwh,
        initialSocFraction * capacityKwh);
  }
}
