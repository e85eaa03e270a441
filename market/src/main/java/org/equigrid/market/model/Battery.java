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
    if (!(capacityKwh > 0)) {
      throw new IllegalArgumentException("capacityKwh (" + capacityKwh + ") must be > 0");
    }
    if (!(powerKw > 0)) {
      throw new IllegalArgumentException("powerKw (" + powerKw + ") must be > 0");
    }
    if (!(chargeEfficiency > 0 && chargeEfficiency <= 1)) {
      throw new IllegalArgumentException(
          "chargeEfficiency (" + chargeEfficiency + ") must be in (0, 1]");
    }
    if (!(dischargeEfficiency > 0 && dischargeEfficiency <= 1)) {
      throw new IllegalArgumentException(
          "dischargeEfficiency (" + dischargeEfficiency + ") must be in (0, 1]");
    }
    if (!(socMinKwh >= 0 && socMinKwh <= socMaxKwh && socMaxKwh <= capacityKwh)) {
      throw new IllegalArgumentException(
          "need 0 <= socMinKwh ("
              + socMinKwh
              + ") <= socMaxKwh ("
              + socMaxKwh
              + ") <= capacityKwh ("
              + capacityKwh
              + ")");
    }
    if (!(initialSocKwh >= socMinKwh && initialSocKwh <= socMaxKwh)) {
      throw new IllegalArgumentException(
          "initialSocKwh ("
              + initialSocKwh
              + ") must be in ["
              + socMinKwh
              + ", "
              + socMaxKwh
              + "]");
    }
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
