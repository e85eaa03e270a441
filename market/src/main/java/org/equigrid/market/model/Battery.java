package org.equigrid.market.model;

/**
 * A household battery (DESIGN.md section 1).
 *
 * @param capacityKwh usable energy capacity {@code E_i}
 * @param powerKw charge and discharge power limit {@code P_i}
 * @param chargeEfficiency {@code ηc} in (0, 1]
 * @param dischargeEfficiency {@code ηd} in (0, 1]
 * @param socMinKwh lower state-of-charge bound
 * @param socMaxKwh upper state-of-charge bound, at most {@code capacityKwh}
 * @param initialSocKwh state of charge at the start of the first day
 */
public record Battery(
    double capacityKwh,
    double powerKw,
    double chargeEfficiency,
    double dischargeEfficiency,
    double socMinKwh,
    double socMaxKwh,
    double initialSocKwh) {

  public Battery {
    ModelValidation.battery(
        capacityKwh,
        powerKw,
        chargeEfficiency,
        dischargeEfficiency,
        socMinKwh,
        socMaxKwh,
        initialSocKwh);
  }

  /**
   * A battery with symmetric efficiency from a round-trip efficiency, usable 10 %..100 %, starting
   * half full.
   */
  public static Battery ofRoundTrip(
      double capacityKwh, double powerKw, double roundTripEfficiency) {
    double oneWay = Math.sqrt(roundTripEfficiency);
    return new Battery(
        capacityKwh, powerKw, oneWay, oneWay, 0.1 * capacityKwh, capacityKwh, 0.5 * capacityKwh);
  }
}
