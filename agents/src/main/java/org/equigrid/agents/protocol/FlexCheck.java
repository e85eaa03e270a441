package org.equigrid.agents.protocol;

import static org.equigrid.agents.protocol.ReceiptCheck.BAD_FLEX;
import static org.equigrid.agents.protocol.ReceiptCheck.MAX_APPLIANCES;
import static org.equigrid.agents.protocol.ReceiptCheck.TOLERANCE;
import static org.equigrid.agents.protocol.ReceiptCheck.refuse;

import java.util.List;
import java.util.Optional;
import org.equigrid.agents.protocol.Message.ApplianceSpec;
import org.equigrid.agents.protocol.Message.Bid;
import org.equigrid.agents.protocol.Message.EvSpec;
import org.equigrid.market.model.Appliance;
import org.equigrid.market.model.ElectricVehicle;

/**
 * The receipt checks of flexible demand: as declared in a join ({@link ReceiptCheck#join}) and as
 * offered in a central bid ({@link ReceiptCheck#bid}).
 */
final class FlexCheck {

  private static final List<String> EV_FIELDS =
      List.of("energyKwh", "maxPowerKw", "arrivalHour", "departureHour");
  private static final List<String> APPLIANCE_FIELDS =
      List.of("powerKw", "durationHours", "earliestStartHour", "latestEndHour");

  private FlexCheck() {}

  /**
   * Checks declared flexible demand on its own, without a day: each field in the range the market's
   * {@link ElectricVehicle} and {@link Appliance} accept, no null appliance, at most {@value
   * ReceiptCheck#MAX_APPLIANCES} appliances. The reason, {@code kind: detail}, names the field and
   * its value (appliances as {@code appliance #k}, 1-based, like {@link ApplianceSpec#appliance}).
   */
  static Optional<String> declared(EvSpec ev, List<ApplianceSpec> appliances, String kind) {
    if (ev != null) {
      try {
        ev.ev();
      } catch (IllegalArgumentException e) {
        return refuse(kind, e.getMessage());
      }
    }
    List<ApplianceSpec> all = orNone(appliances);
    if (all.size() > MAX_APPLIANCES) {
      return refuse(kind, "appliances has " + all.size() + " entries, at most " + MAX_APPLIANCES);
    }
    for (int a = 0; a < all.size(); a++) {
      if (all.get(a) == null) {
        return refuse(kind, "appliance #" + (a + 1) + " is null");
      }
      try {
        all.get(a).appliance(a + 1);
      } catch (IllegalArgumentException e) {
        return refuse(kind, e.getMessage());
      }
    }
    return Optional.empty();
  }

  /**
   * Checks a bid's flexible demand: {@link #declared} and schedulable on this day: the EV's energy
   * within its power over the plugged intervals, each appliance a whole number of intervals long
   * with a start that fits.
   */
  static Optional<String> flex(Bid bid, int intervals, double intervalHours) {
    Optional<String> declared = declared(bid.ev(), bid.appliances(), BAD_FLEX);
    if (declared.isPresent()) {
      return declared;
    }
    if (bid.ev() != null) {
      ElectricVehicle ev = bid.ev().ev();
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
    List<ApplianceSpec> appliances = orNone(bid.appliances());
    for (int a = 0; a < appliances.size(); a++) {
      ApplianceSpec spec = appliances.get(a);
      Appliance appliance = spec.appliance(a + 1);
      try {
        appliance.durationIntervals(intervalHours);
      } catch (IllegalArgumentException e) {
        return refuse(BAD_FLEX, e.getMessage());
      }
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
    }
    return Optional.empty();
  }

  /**
   * The first difference between offered and expected flexible demand, or empty when they are the
   * same: the field and both values, e.g. {@code ev.energyKwh 9.0, registered 7.0} or {@code
   * appliance #3 {powerKw 1.2, ...}, registered none}. Values are compared exactly (as JSON carries
   * them); null appliances are read as none.
   *
   * @param expectedWord how the expected value is introduced, e.g. {@code registered}
   */
  static Optional<String> difference(
      EvSpec ev,
      List<ApplianceSpec> appliances,
      EvSpec expectedEv,
      List<ApplianceSpec> expectedAppliances,
      String expectedWord) {
    Optional<String> evDiff =
        differs("ev", ".", EV_FIELDS, values(ev), values(expectedEv), expectedWord);
    if (evDiff.isPresent()) {
      return evDiff;
    }
    List<ApplianceSpec> offered = orNone(appliances);
    List<ApplianceSpec> expected = orNone(expectedAppliances);
    for (int a = 0; a < Math.max(offered.size(), expected.size()); a++) {
      Optional<String> diff =
          differs(
              "appliance #" + (a + 1),
              " ",
              APPLIANCE_FIELDS,
              values(a < offered.size() ? offered.get(a) : null),
              values(a < expected.size() ? expected.get(a) : null),
              expectedWord);
      if (diff.isPresent()) {
        return diff;
      }
    }
    return Optional.empty();
  }

  /**
   * {@code name offered, word expected} when one of the two is none, else {@code
   * name<separator>field offered, word expected} for the first field that differs.
   */
  private static Optional<String> differs(
      String name,
      String separator,
      List<String> fields,
      List<Object> offered,
      List<Object> expected,
      String word) {
    if (offered == null && expected == null) {
      return Optional.empty();
    }
    if (offered == null || expected == null) {
      return Optional.of(
          name + " " + render(fields, offered) + ", " + word + " " + render(fields, expected));
    }
    for (int f = 0; f < fields.size(); f++) {
      if (!offered.get(f).equals(expected.get(f))) {
        return Optional.of(
            name
                + separator
                + fields.get(f)
                + " "
                + offered.get(f)
                + ", "
                + word
                + " "
                + expected.get(f));
      }
    }
    return Optional.empty();
  }

  private static String render(List<String> fields, List<Object> values) {
    if (values == null) {
      return "none";
    }
    StringBuilder text = new StringBuilder("{");
    for (int f = 0; f < fields.size(); f++) {
      text.append(f == 0 ? "" : ", ").append(fields.get(f)).append(' ').append(values.get(f));
    }
    return text.append('}').toString();
  }

  private static List<Object> values(EvSpec ev) {
    return ev == null
        ? null
        : List.of(ev.energyKwh(), ev.maxPowerKw(), ev.arrivalHour(), ev.departureHour());
  }

  private static List<Object> values(ApplianceSpec a) {
    return a == null
        ? null
        : List.of(a.powerKw(), a.durationHours(), a.earliestStartHour(), a.latestEndHour());
  }

  static List<ApplianceSpec> orNone(List<ApplianceSpec> appliances) {
    return appliances == null ? List.of() : appliances;
  }
}
