package org.equigrid.config;

import static org.equigrid.config.ScenarioKeys.EFFICIENCY;
import static org.equigrid.config.ScenarioKeys.FRACTION;
import static org.equigrid.config.ScenarioKeys.POSITIVE;
import static org.equigrid.config.ScenarioKeys.group;
import static org.equigrid.config.ScenarioKeys.num;
import static org.equigrid.config.ScenarioKeys.optionalNum;
import static org.equigrid.config.ScenarioKeys.requiredNum;

import org.equigrid.config.ScenarioKey.Group;
import org.equigrid.config.ScenarioKey.Num;
import org.equigrid.market.model.Battery;

/**
 * Reads a battery, of a household ({@code community.households[i].battery}) or of a generated
 * community ({@code community.generate.battery}): the battery key table, and the defaults that
 * depend on other values (the power is half the capacity; the efficiencies come as a round trip or
 * as a pair).
 */
final class BatteryBinder {
  private BatteryBinder() {}

  /** A battery, in a household or in {@code community.generate}. */
  static final class BatteryKeys {
    static final Num CAPACITY_KWH =
        requiredNum("capacityKwh", POSITIVE, "kWh", "usable capacity `E`")
            .shown("**required** in a household, 10 in `generate`");
    static final Num POWER_KW =
        optionalNum("powerKw", POSITIVE, "kW", "charge/discharge limit `P`")
            .shown("capacity / 2 (5 in `generate`)");
    static final Num ROUND_TRIP_EFFICIENCY =
        num("roundTripEfficiency", 0.9, EFFICIENCY, "", "`ηc = ηd = √rte`");
    static final Num CHARGE_EFFICIENCY =
        num(
                "chargeEfficiency",
                0.95,
                EFFICIENCY,
                "",
                "alternative to the round trip, with `dischargeEfficiency` (both default 0.95 when either is given)")
            .shown("–");
    static final Num DISCHARGE_EFFICIENCY =
        num(
                "dischargeEfficiency",
                0.95,
                EFFICIENCY,
                "",
                "alternative to the round trip, with `chargeEfficiency`")
            .shown("–");
    static final Num SOC_MIN_FRACTION =
        num("socMinFraction", 0.1, FRACTION, "of capacity", "lowest state of charge");
    static final Num SOC_MAX_FRACTION =
        num("socMaxFraction", 1.0, FRACTION, "of capacity", "highest state of charge");
    static final Num INITIAL_SOC_FRACTION =
        num(
            "initialSocFraction",
            0.5,
            FRACTION,
            "of capacity",
            "start of day 0, in [min, max]; a day must end at least this full (DESIGN §2.3)");

    /**
     * The battery every owner of a generated community gets unless {@code generate.battery} says
     * otherwise.
     */
    static final BatterySpec GENERATED =
        new BatterySpec(10.0, 5.0, Math.sqrt(0.9), Math.sqrt(0.9), 0.1, 1.0, 0.5);

    static final Group SECTION =
        group(
            "battery",
            "battery",
            "a battery, see the battery table",
            CAPACITY_KWH,
            POWER_KW,
            ROUND_TRIP_EFFICIENCY,
            CHARGE_EFFICIENCY,
            DISCHARGE_EFFICIENCY,
            SOC_MIN_FRACTION,
            SOC_MAX_FRACTION,
            INITIAL_SOC_FRACTION);
  }

  static BatterySpec bind(Section b, BatterySpec defaults) {
    Double capacity =
        b.number(BatteryKeys.CAPACITY_KWH, defaults == null ? null : defaults.capacityKwh());
    Double defaultPower =
        defaults != null
            ? Double.valueOf(defaults.powerKw())
            : capacity != null ? Double.valueOf(capacity / 2) : Double.valueOf(5.0);
    Double power = b.number(BatteryKeys.POWER_KW, defaultPower);
    Double charge;
    Double discharge;
    if (b.has(BatteryKeys.CHARGE_EFFICIENCY) || b.has(BatteryKeys.DISCHARGE_EFFICIENCY)) {
      if (b.has(BatteryKeys.ROUND_TRIP_EFFICIENCY)) {
        b.problem(
            BatteryKeys.ROUND_TRIP_EFFICIENCY,
            Messages.EXCLUSIVE_KEYS
                + " "
                + BatteryKeys.CHARGE_EFFICIENCY.name()
                + "/"
                + BatteryKeys.DISCHARGE_EFFICIENCY.name()
                + "; give one or the other");
      }
      charge = b.number(BatteryKeys.CHARGE_EFFICIENCY);
      discharge = b.number(BatteryKeys.DISCHARGE_EFFICIENCY);
    } else {
      Double defaultRoundTrip =
          defaults == null
              ? BatteryKeys.ROUND_TRIP_EFFICIENCY.fallback()
              : defaults.chargeEfficiency() * defaults.dischargeEfficiency();
      Double roundTrip = b.number(BatteryKeys.ROUND_TRIP_EFFICIENCY, defaultRoundTrip);
      charge = roundTrip == null ? null : Math.sqrt(roundTrip);
      discharge = charge;
    }
    Double min =
        b.number(
            BatteryKeys.SOC_MIN_FRACTION,
            defaults == null ? BatteryKeys.SOC_MIN_FRACTION.fallback() : defaults.socMinFraction());
    Double max =
        b.number(
            BatteryKeys.SOC_MAX_FRACTION,
            defaults == null ? BatteryKeys.SOC_MAX_FRACTION.fallback() : defaults.socMaxFraction());
    Double initial =
        b.number(
            BatteryKeys.INITIAL_SOC_FRACTION,
            defaults == null
                ? BatteryKeys.INITIAL_SOC_FRACTION.fallback()
                : defaults.initialSocFraction());
    if (min != null && max != null && initial != null && !(min <= initial && initial <= max)) {
      b.problem(
          BatteryKeys.INITIAL_SOC_FRACTION,
          Messages.SOC_ORDER
              + " (have "
              + Check.format(min)
              + " <= "
              + Check.format(initial)
              + " <= "
              + Check.format(max)
              + ")");
      return null;
    }
    if (capacity == null
        || power == null
        || charge == null
        || discharge == null
        || min == null
        || max == null
        || initial == null) {
      return null;
    }
    return new BatterySpec(capacity, power, charge, discharge, min, max, initial);
  }

  static Battery build(Section owner, String key, BatterySpec spec) {
    try {
      return spec.toBattery();
    } catch (IllegalArgumentException e) {
      owner.problem(key, null, e.getMessage());
      return null;
    }
  }
}
