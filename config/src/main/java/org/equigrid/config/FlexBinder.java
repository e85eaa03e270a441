package org.equigrid.config;

import static org.equigrid.config.ScenarioKeys.POSITIVE;
import static org.equigrid.config.ScenarioKeys.between;
import static org.equigrid.config.ScenarioKeys.group;
import static org.equigrid.config.ScenarioKeys.integer;
import static org.equigrid.config.ScenarioKeys.num;
import static org.equigrid.config.ScenarioKeys.requiredNum;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.equigrid.config.ScenarioKey.Group;
import org.equigrid.config.ScenarioKey.Num;
import org.equigrid.config.ScenarioKey.Whole;
import org.equigrid.market.model.ElectricVehicle;
import org.equigrid.market.model.FlexibleDemand;

/**
 * Reads flexible demand (docs/model.md, "Flexible demand"): a household's electric vehicle ({@code
 * community.households[i].ev}, the ev key table) and the EVs of a generated community ({@code
 * community.generate.evShare} and {@code community.generate.ev}), drawn per group after the rest of
 * the community from their own random stream, so that a scenario without EVs draws exactly what it
 * drew before.
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
   * Refuses {@code market.negotiation: admm | decomposition} when a household has flexible demand:
   * their household solves (market.negotiation's ExchangeAdmm, clearing's HouseholdBlock) do not
   * model it yet, so their answers would not be comparable with the central clearing's.
   */
  static void checkNegotiation(
      Problems problems, String keyPath, MarketBinder.Market bound, List<Member> members) {
    org.equigrid.market.negotiation.NegotiationName name = bound.negotiation();
    if (name == null || name == org.equigrid.market.negotiation.NegotiationName.TATONNEMENT) {
      return;
    }
    long flexible = members.stream().filter(m -> m.household().hasFlex()).count();
    if (flexible > 0) {
      problems.add(
          keyPath,
          name.key(),
          NEGOTIATION_WITH_FLEX
              + " ("
              + flexible
              + " households have an `ev`). "
              + Messages.MAYBE
              + " tatonnement? Or drop the households' `ev` and `generate.evShare`.");
    }
  }

  /** Why {@code market.negotiation: admm | decomposition} is refused with flexible demand. */
  static final String NEGOTIATION_WITH_FLEX =
      "cannot negotiate flexible demand yet: the households' solves of admm and decomposition do"
          + " not model EV charging";

  /**
   * {@code members} with an EV for {@code round(share[g] · |g|)} households of each group {@code
   * g}, drawn without replacement from the group in the members' order; {@code members} itself when
   * every share is 0 (nothing is drawn).
   */
  static List<Member> drawEvs(
      List<Member> members, Map<String, Double> shareByGroup, ElectricVehicle ev, long seed) {
    if (shareByGroup.values().stream().allMatch(share -> share == 0)) {
      return members;
    }
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed ^ EV_STREAM);
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
                member.household().withFlex(new FlexibleDemand(ev)),
                member.annualLoadKwh(),
                member.shape(),
                member.dataKey()));
      }
    }
    return result;
  }
}
