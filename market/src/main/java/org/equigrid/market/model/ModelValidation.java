package org.equigrid.market.model;

import java.util.List;

/**
 * The checks of the model records' constructors, with their messages, kept out of the records so
 * that a reader of the model sees the fields and their meaning (docs/model.md, "Checking the
 * economics"). Each method throws {@link IllegalArgumentException} naming the field and its value.
 */
final class ModelValidation {

  private ModelValidation() {}

  static void battery(
      double capacityKwh,
      double powerKw,
      double chargeEfficiency,
      double dischargeEfficiency,
      double socMinKwh,
      double socMaxKwh,
      double initialSocKwh) {
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

  static void household(
      String id, ParticipantKind kind, double dailyIncomeEur, double pvKwp, Battery battery) {
    if (!(dailyIncomeEur > 0)) {
      throw new IllegalArgumentException(
          "dailyIncomeEur (" + dailyIncomeEur + ") of " + id + " must be > 0");
    }
    if (!(pvKwp >= 0)) {
      throw new IllegalArgumentException("pvKwp (" + pvKwp + ") of " + id + " must be >= 0");
    }
    if (kind == ParticipantKind.CONSUMER && (pvKwp > 0 || battery != null)) {
      throw new IllegalArgumentException("consumer " + id + " cannot own PV or a battery");
    }
  }

  static void tariff(
      double[] importPriceEurPerKwh,
      double[] exportPriceEurPerKwh,
      double peakChargeEurPerKw,
      double importLimitKw,
      double exportLimitKw) {
    if (importPriceEurPerKwh.length != exportPriceEurPerKwh.length) {
      throw new IllegalArgumentException("import and export price series differ in length");
    }
    for (int t = 0; t < importPriceEurPerKwh.length; t++) {
      if (exportPriceEurPerKwh[t] > importPriceEurPerKwh[t]) {
        throw new IllegalArgumentException(
            "exportPriceEurPerKwh["
                + t
                + "] ("
                + exportPriceEurPerKwh[t]
                + ") must not exceed importPriceEurPerKwh["
                + t
                + "] ("
                + importPriceEurPerKwh[t]
                + ")");
      }
    }
    if (!(peakChargeEurPerKw >= 0)) {
      throw new IllegalArgumentException(
          "peakChargeEurPerKw (" + peakChargeEurPerKw + ") must be >= 0");
    }
    if (!(importLimitKw > 0) || !(exportLimitKw >= 0)) {
      throw new IllegalArgumentException(
          "importLimitKw ("
              + importLimitKw
              + ") must be > 0 and exportLimitKw ("
              + exportLimitKw
              + ") >= 0");
    }
  }

  static void equity(double rawlsianStrengthEur, double minWeight, double maxWeight) {
    if (!(rawlsianStrengthEur >= 0)) {
      throw new IllegalArgumentException(
          "rawlsianStrengthEur (" + rawlsianStrengthEur + ") must be >= 0");
    }
    if (!(minWeight > 0 && minWeight <= 1 && maxWeight >= 1)) {
      throw new IllegalArgumentException(
          "need 0 < minWeight (" + minWeight + ") <= 1 <= maxWeight (" + maxWeight + ")");
    }
  }

  static void reservation(double buyMaxEurPerKwh, double sellMinEurPerKwh) {
    if (!Double.isFinite(buyMaxEurPerKwh) || !Double.isFinite(sellMinEurPerKwh)) {
      throw new IllegalArgumentException("reservation prices must be finite");
    }
  }

  /** Checks the day's interval length and that every profile has one row per household. */
  static void day(
      double intervalHours,
      List<Household> households,
      double[][] loadKwh,
      double[][] pvKwh,
      double[] initialSocKwh) {
    int n = households.size();
    if (!(intervalHours > 0)) {
      throw new IllegalArgumentException("intervalHours (" + intervalHours + ") must be > 0");
    }
    if (loadKwh.length != n || pvKwh.length != n || initialSocKwh.length != n) {
      throw new IllegalArgumentException("profiles must have one row per household (" + n + ")");
    }
    for (Household household : households) {
      for (Appliance appliance : household.flex().appliances()) {
        try {
          appliance.durationIntervals(intervalHours); // a whole number of intervals
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "household " + household.id() + ": " + e.getMessage(), e);
        }
      }
    }
  }

  /**
   * A copy of a profile {@code [household][interval]}, checked: {@code intervals} per row, every
   * value finite and {@code >= 0}.
   */
  static double[][] profile(double[][] rows, int intervals, String name) {
    double[][] result = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != intervals) {
        throw new IllegalArgumentException(
            name + "[" + i + "] has " + rows[i].length + " intervals, the tariff has " + intervals);
      }
      for (int t = 0; t < intervals; t++) {
        if (!(rows[i][t] >= 0) || !Double.isFinite(rows[i][t])) {
          throw new IllegalArgumentException(
              name + "[" + i + "][" + t + "] (" + rows[i][t] + ") must be finite and >= 0");
        }
      }
      result[i] = rows[i].clone();
    }
    return result;
  }

  static void electricVehicle(
      double energyKwh, double maxPowerKw, int arrivalHour, int departureHour) {
    if (!(energyKwh > 0) || !Double.isFinite(energyKwh)) {
      throw new IllegalArgumentException("ev.energyKwh (" + energyKwh + ") must be finite and > 0");
    }
    if (!(maxPowerKw > 0) || !Double.isFinite(maxPowerKw)) {
      throw new IllegalArgumentException(
          "ev.maxPowerKw (" + maxPowerKw + ") must be finite and > 0");
    }
    for (int hour : new int[] {arrivalHour, departureHour}) {
      if (hour < 0 || hour > 23) {
        throw new IllegalArgumentException(
            "ev.arrivalHour ("
                + arrivalHour
                + ") and ev.departureHour ("
                + departureHour
                + ") must be in [0, 23]");
      }
    }
    if (arrivalHour == departureHour) {
      throw new IllegalArgumentException(
          "ev.arrivalHour and ev.departureHour (both "
              + arrivalHour
              + ") must differ: the plug-in window would be empty");
    }
    int windowHours = Math.floorMod(departureHour - arrivalHour, 24);
    if (energyKwh > maxPowerKw * windowHours + 1e-9) {
      throw new IllegalArgumentException(
          "ev.energyKwh ("
              + energyKwh
              + ") cannot be charged at ev.maxPowerKw ("
              + maxPowerKw
              + ") in the "
              + windowHours
              + " h from ev.arrivalHour "
              + arrivalHour
              + " to ev.departureHour "
              + departureHour
              + " (at most "
              + maxPowerKw * windowHours
              + " kWh)");
    }
  }

  static void appliance(
      String name, double powerKw, double durationHours, int earliestStartHour, int latestEndHour) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("appliance name (" + name + ") must not be blank");
    }
    String what = "appliance " + name + ": ";
    if (!(powerKw > 0) || !Double.isFinite(powerKw)) {
      throw new IllegalArgumentException(what + "powerKw (" + powerKw + ") must be finite and > 0");
    }
    if (!(durationHours > 0) || !Double.isFinite(durationHours)) {
      throw new IllegalArgumentException(
          what + "durationHours (" + durationHours + ") must be finite and > 0");
    }
    if (earliestStartHour < 0 || earliestStartHour > 23) {
      throw new IllegalArgumentException(
          what + "earliestStartHour (" + earliestStartHour + ") must be in [0, 23]");
    }
    if (latestEndHour < 1 || latestEndHour > 24) {
      throw new IllegalArgumentException(
          what + "latestEndHour (" + latestEndHour + ") must be in [1, 24]");
    }
    if (latestEndHour <= earliestStartHour) {
      throw new IllegalArgumentException(
          what
              + "latestEndHour ("
              + latestEndHour
              + ") must be after earliestStartHour ("
              + earliestStartHour
              + "): windows over midnight are not supported");
    }
    if (durationHours > latestEndHour - earliestStartHour + 1e-9) {
      throw new IllegalArgumentException(
          what
              + "durationHours ("
              + durationHours
              + ") is longer than its window from hour "
              + earliestStartHour
              + " to hour "
              + latestEndHour
              + " ("
              + (latestEndHour - earliestStartHour)
              + " h)");
    }
  }
}
