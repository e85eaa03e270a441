package org.equigrid.config;

import static org.equigrid.config.ScenarioKeys.POSITIVE;
import static org.equigrid.config.ScenarioKeys.between;
import static org.equigrid.config.ScenarioKeys.group;
import static org.equigrid.config.ScenarioKeys.integer;
import static org.equigrid.config.ScenarioKeys.items;
import static org.equigrid.config.ScenarioKeys.num;
import static org.equigrid.config.ScenarioKeys.requiredNum;
import static org.equigrid.config.ScenarioKeys.requiredText;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.equigrid.config.ScenarioKey.Group;
import org.equigrid.config.ScenarioKey.Items;
import org.equigrid.config.ScenarioKey.Num;
import org.equigrid.config.ScenarioKey.Text;
import org.equigrid.config.ScenarioKey.Whole;
import org.equigrid.market.model.Appliance;
import org.equigrid.market.model.ElectricVehicle;
import org.equigrid.market.model.FlexibleDemand;

/**
 * Reads flexible demand (docs/model.md, "Flexible demand"): a household's electric vehicle ({@code
 * community.households[i].ev}, the ev key table) and deferrable appliances ({@code
 * community.households[i].appliances}, the appliance key table), and those of a generated community
 * ({@code community.generate.evShare} and {@code ev}, {@code applianceShare} and {@code
 * appliance}), drawn per group after the rest of the community from their own random streams, so
 * that a scenario without them draws exactly what it drew before.
 */
final class FlexBinder {
  private FlexBinder() {}

  /** Salt of the EV draw's random stream (the scenario seed XOR this). */
  private static final long EV_STREAM = 0x4556_4556_4556_4556L;

  /** An electric vehicle, in a household or in {@code community.generate}. */
  static final class EvKeys {
    static final Num ENERGY_KWH =
        requiredNum("energyKwh", POSITIVE, "kWh", "energy charged by departure `E^ev`, every day")
            .shown("**required** in a household, 7 in `generate`");
    static final Num MAX_POWER_KW =
        num("maxPowerKw", 3.7, POSITIVE, "kW", "charging power limit `P^ev`");
    static final Whole ARRIVAL_HOUR =
        integer("arrivalHour", 18, between(0, 23), "h", "plugged in from this hour of the day");
    static final Whole DEPARTURE_HOUR =
        integer(
            "departureHour",
            7,
            between(0, 23),
            "h",
            "unplugged at this hour; before `arrivalHour` the window wraps midnight (evening and"
                + " morning of the same day); `energyKwh` ≤ `maxPowerKw` × window hours");

    /** The EV every drawn owner of a generated community gets unless {@code generate.ev} says. */
    static final ElectricVehicle GENERATED = new ElectricVehicle(7, 3.7, 18, 7);

    static final Group SECTION =
        group(
            "ev",
            "ev",
            "an electric vehicle charged at home, see the ev table",
            ENERGY_KWH,
            MAX_POWER_KW,
            ARRIVAL_HOUR,
            DEPARTURE_HOUR);
  }

  /** Salt of the appliance draw's random stream (the scenario seed XOR this). */
  private static final long APPLIANCE_STREAM = 0x4150_504C_4150_504CL;

  /** A deferrable appliance, in a household's list or in {@code community.generate}. */
  static final class ApplianceKeys {
    static final Text NAME =
        requiredText("name", "its name, e.g. `dishwasher` (in messages)")
            .shown("**required** in a household, dishwasher in `generate`");
    static final Num POWER_KW =
        requiredNum("powerKw", POSITIVE, "kW", "constant power `P_a` while it runs")
            .shown("**required** in a household, 1.2 in `generate`");
    static final Num DURATION_HOURS =
        requiredNum(
                "durationHours",
                POSITIVE,
                "h",
                "how long it runs, uninterrupted, once a day: a whole number of intervals"
                    + " (`horizon.intervalMinutes`), at most `latestEndHour` − `earliestStartHour`")
            .shown("**required** in a household, 2 in `generate`");
    static final Whole EARLIEST_START_HOUR =
        integer(
                "earliestStartHour",
                0,
                between(0, 23),
                "h",
                "it may start from this hour of the day")
            .shown("0 in a household, 8 in `generate`");
    static final Whole LATEST_END_HOUR =
        integer(
                "latestEndHour",
                24,
                between(1, 24),
                "h",
                "it must have finished by this hour, after `earliestStartHour` (windows over"
                    + " midnight are not supported)")
            .shown("24 in a household, 22 in `generate`");

    /** The appliance every drawn owner gets unless {@code generate.appliance} says otherwise. */
    static final Appliance GENERATED = new Appliance("dishwasher", 1.2, 2, 8, 22);

    static final Items SECTION =
        items(
            "appliances",
            "appliance",
            "its deferrable appliances, each run once a day when the clearing chooses"
                + " (docs/model.md, \"Flexible demand\"), see the appliance table",
            NAME,
            POWER_KW,
            DURATION_HOURS,
            EARLIEST_START_HOUR,
            LATEST_END_HOUR);
  }

  /**
   * The appliance of section {@code a}, missing values from {@code defaults} (null: name, power and
   * duration required); null after a problem, which names the key, its value and what is allowed.
   */
  static Appliance bindAppliance(Section a, Appliance defaults) {
    String name = a.text(ApplianceKeys.NAME, defaults == null ? null : defaults.name());
    Double power = a.number(ApplianceKeys.POWER_KW, defaults == null ? null : defaults.powerKw());
    Double duration =
        a.number(ApplianceKeys.DURATION_HOURS, defaults == null ? null : defaults.durationHours());
    Integer earliest =
        defaults == null || a.has(ApplianceKeys.EARLIEST_START_HOUR)
            ? a.integer(ApplianceKeys.EARLIEST_START_HOUR)
            : Integer.valueOf(defaults.earliestStartHour());
    Integer latest =
        defaults == null || a.has(ApplianceKeys.LATEST_END_HOUR)
            ? a.integer(ApplianceKeys.LATEST_END_HOUR)
            : Integer.valueOf(defaults.latestEndHour());
    if (name == null || power == null || duration == null || earliest == null || latest == null) {
      return null;
    }
    if (latest <= earliest) {
      a.problem(
          ApplianceKeys.LATEST_END_HOUR,
          "must be after earliestStartHour ("
              + earliest
              + "): windows over midnight are not supported; give the window within one day");
      return null;
    }
    if (duration > latest - earliest + 1e-9) {
      a.problem(
          ApplianceKeys.DURATION_HOURS,
          "is longer than the window from earliestStartHour "
              + earliest
              + " to latestEndHour "
              + latest
              + " ("
              + (latest - earliest)
              + " h); allowed: at most "
              + (latest - earliest));
      return null;
    }
    try {
      return new Appliance(name, power, duration, earliest, latest);
    } catch (IllegalArgumentException e) {
      a.problem(ApplianceKeys.NAME, e.getMessage());
      return null;
    }
  }

  /**
   * Refuses an appliance whose {@code durationHours} is not a whole number of the horizon's
   * intervals (the clearing runs it in whole intervals), naming the household and the appliance.
   */
  static void checkDurations(
      Problems problems, String communityPath, double intervalHours, List<Member> members) {
    for (Member member : members) {
      List<Appliance> appliances = member.household().flex().appliances();
      for (int a = 0; a < appliances.size(); a++) {
        Appliance appliance = appliances.get(a);
        double intervals = appliance.durationHours() / intervalHours;
        if (Math.abs(intervals - Math.round(intervals)) > 1e-9) {
          problems.add(
              communityPath,
              Check.format(appliance.durationHours()),
              "household "
                  + member.household().id()
                  + "'s appliance "
                  + appliance.name()
                  + ": durationHours must be a whole number of intervals of "
                  + Check.format(intervalHours * 60)
                  + " minutes (horizon.intervalMinutes)");
        }
      }
    }
  }

  /**
   * {@code members} with the appliance {@code appliance} for {@code round(share[g] · |g|)}
   * households of each group {@code g}, drawn as {@link #drawEvs} does from the appliance stream;
   * {@code members} itself when every share is 0.
   */
  static List<Member> drawAppliances(
      List<Member> members, Map<String, Double> shareByGroup, Appliance appliance, long seed) {
    return drawOwners(
        members,
        shareByGroup,
        seed ^ APPLIANCE_STREAM,
        flex -> new FlexibleDemand(flex.ev(), List.of(appliance)));
  }

  /**
   * The EV of {@code ev} (a section of {@code owner} under {@code key}), missing values from {@code
   * defaults} (null: required); null after a problem, which names the key and its value.
   */
  static ElectricVehicle bind(Section owner, String key, Section ev, ElectricVehicle defaults) {
    Double energy = ev.number(EvKeys.ENERGY_KWH, defaults == null ? null : defaults.energyKwh());
    Double power =
        ev.number(
            EvKeys.MAX_POWER_KW,
            defaults == null ? EvKeys.MAX_POWER_KW.fallback() : defaults.maxPowerKw());
    Integer arrival =
        defaults == null || ev.has(EvKeys.ARRIVAL_HOUR)
            ? ev.integer(EvKeys.ARRIVAL_HOUR)
            : Integer.valueOf(defaults.arrivalHour());
    Integer departure =
        defaults == null || ev.has(EvKeys.DEPARTURE_HOUR)
            ? ev.integer(EvKeys.DEPARTURE_HOUR)
            : Integer.valueOf(defaults.departureHour());
    if (energy == null || power == null || arrival == null || departure == null) {
      return null;
    }
    try {
      return new ElectricVehicle(energy, power, arrival, departure);
    } catch (IllegalArgumentException e) {
      owner.problem(key, null, e.getMessage());
      return null;
    }
  }

  /**
   * Refuses {@code market.negotiation: admm} when a household has deferrable appliances: ADMM's
   * household step is convex (clearing's HouseholdBlock.solveProximal) and would run an appliance
   * in fractions, so its answers would not be comparable with the central clearing's. The
   * decomposition and the tâtonnement model EVs and appliances, ADMM EVs (docs/negotiation.md,
   * "Flexible demand").
   */
  static void checkNegotiation(
      Problems problems, String keyPath, MarketBinder.Market bound, List<Member> members) {
    if (bound.negotiation() != org.equigrid.market.negotiation.NegotiationName.ADMM) {
      return;
    }
    long withAppliances =
        members.stream().filter(m -> m.household().flex().hasAppliances()).count();
    if (withAppliances > 0) {
      problems.add(
          keyPath,
          bound.negotiation().key(),
          NEGOTIATION_WITH_FLEX
              + " ("
              + withAppliances
              + " households have `appliances`). "
              + Messages.MAYBE
              + " decomposition? Or drop the households' `appliances` and `generate.applianceShare`.");
    }
  }

  /** Why {@code market.negotiation: admm} is refused with deferrable appliances. */
  static final String NEGOTIATION_WITH_FLEX =
      "cannot negotiate deferrable appliances: the households' solves of admm are convex and would"
          + " run an appliance in fractions (decomposition models them, admm models EVs only)";

  /**
   * {@code members} with an EV for {@code round(share[g] · |g|)} households of each group {@code
   * g}, drawn without replacement from the group in the members' order; {@code members} itself when
   * every share is 0 (nothing is drawn).
   */
  static List<Member> drawEvs(
      List<Member> members, Map<String, Double> shareByGroup, ElectricVehicle ev, long seed) {
    return drawOwners(
        members, shareByGroup, seed ^ EV_STREAM, flex -> new FlexibleDemand(ev, flex.appliances()));
  }

  /**
   * {@code members} where {@code round(share[g] · |g|)} households of each group {@code g}, drawn
   * without replacement from the group in the members' order by a generator seeded with {@code
   * streamSeed}, have their flexible demand replaced by {@code give}; {@code members} itself when
   * every share is 0 (nothing is drawn).
   */
  private static List<Member> drawOwners(
      List<Member> members,
      Map<String, Double> shareByGroup,
      long streamSeed,
      UnaryOperator<FlexibleDemand> give) {
    if (shareByGroup.values().stream().allMatch(share -> share == 0)) {
      return members;
    }
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(streamSeed);
    List<Member> result = new ArrayList<>(members);
    for (Map.Entry<String, Double> entry : shareByGroup.entrySet()) {
      List<Integer> ofGroup = new ArrayList<>();
      for (int m = 0; m < members.size(); m++) {
        if (members.get(m).household().group().equals(entry.getKey())) {
          ofGroup.add(m);
        }
      }
      int owners = (int) Math.round(entry.getValue() * ofGroup.size());
      for (int o = 0; o < owners; o++) {
        int pick = o + rng.nextInt(ofGroup.size() - o);
        java.util.Collections.swap(ofGroup, o, pick);
        Member member = result.get(ofGroup.get(o));
        result.set(
            ofGroup.get(o),
            new Member(
                member.household().withFlex(give.apply(member.household().flex())),
                member.annualLoadKwh(),
                member.shape(),
                member.dataKey()));
      }
    }
    return result;
  }
}
