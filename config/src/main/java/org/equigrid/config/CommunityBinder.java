package org.equigrid.config;

import static org.equigrid.config.ScenarioKeys.NON_NEGATIVE;
import static org.equigrid.config.ScenarioKeys.POSITIVE;
import static org.equigrid.config.ScenarioKeys.PRICE;
import static org.equigrid.config.ScenarioKeys.choice;
import static org.equigrid.config.ScenarioKeys.group;
import static org.equigrid.config.ScenarioKeys.items;
import static org.equigrid.config.ScenarioKeys.num;
import static org.equigrid.config.ScenarioKeys.requiredNum;
import static org.equigrid.config.ScenarioKeys.requiredText;
import static org.equigrid.config.ScenarioKeys.text;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.equigrid.config.BatteryBinder.BatteryKeys;
import org.equigrid.config.RecipeBinder.GenerateKeys;
import org.equigrid.config.ScenarioKey.Choice;
import org.equigrid.config.ScenarioKey.Group;
import org.equigrid.config.ScenarioKey.Items;
import org.equigrid.config.ScenarioKey.Num;
import org.equigrid.config.ScenarioKey.Text;
import org.equigrid.config.profile.LoadShape;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.ParticipantKind;
import org.equigrid.market.model.ReservationPrices;

/**
 * Reads {@code community}: exactly one of a list of households (the household key table, here) or a
 * seeded recipe ({@link RecipeBinder}). A household's kind defaults from what it owns; ids must be
 * unique.
 */
final class CommunityBinder {
  private final Problems problems;

  CommunityBinder(Problems problems) {
    this.problems = problems;
  }

  /** {@code community}: exactly one of {@code households} or {@code generate}. */
  static final class CommunityKeys {
    static final Group SECTION =
        group(
            "community",
            null,
            "exactly one of `households` or `generate`",
            HouseholdKeys.SECTION,
            GenerateKeys.SECTION);
  }

  /** {@code community.households[i]}. */
  static final class HouseholdKeys {
    static final double DEFAULT_ANNUAL_LOAD_KWH = 3500;
    static final Text ID = requiredText("id", "unique name; households are sorted by id");
    static final Choice<ParticipantKind> KIND =
        choice(
                "kind",
                null,
                ParticipantKind.values(),
                ScenarioKeys::lower,
                "a consumer cannot own PV or a battery")
            .shown("prosumer if it has PV or a battery, else consumer");
    static final Text GROUP = requiredText("group", "socio-economic group, e.g. `LOW`");
    static final Num DAILY_INCOME_EUR =
        requiredNum("dailyIncomeEur", POSITIVE, "EUR/day", "income `y_i`");
    static final Num PV_KWP = num("pvKwp", 0, NON_NEGATIVE, "kWp", "installed PV");
    static final Group BATTERY =
        new Group(
            "battery",
            BatteryKeys.SECTION.keys(),
            BatteryKeys.SECTION.table(),
            "its battery, see the battery table",
            "none");
    static final Group EV =
        new Group(
            "ev",
            FlexBinder.EvKeys.SECTION.keys(),
            FlexBinder.EvKeys.SECTION.table(),
            "its electric vehicle, charged when the clearing chooses (docs/model.md, \"Flexible"
                + " demand\"), see the ev table",
            "none");
    static final Items APPLIANCES = FlexBinder.ApplianceKeys.SECTION;
    static final Num BUY_MAX =
        requiredNum("buyMaxEurPerKwh", PRICE, "EUR/kWh", "highest price it buys at");
    static final Num SELL_MIN =
        requiredNum("sellMinEurPerKwh", PRICE, "EUR/kWh", "lowest price it sells at");
    static final Group RESERVATION =
        new Group(
            "reservation",
            List.of(BUY_MAX, SELL_MIN),
            null,
            "reservation prices for double-auction pricing",
            "none (bid the tariff)");
    static final Num ANNUAL_KWH =
        num("annualKwh", DEFAULT_ANNUAL_LOAD_KWH, POSITIVE, "kWh/year", "synthetic load per year");
    static final Choice<LoadShape> SHAPE =
        choice(
            "shape",
            LoadShape.WORKING,
            LoadShape.values(),
            LoadShape::fileName,
            "daily shape of the synthetic load");
    static final Group LOAD = group("load", null, "synthetic load", ANNUAL_KWH, SHAPE);
    static final Text DATA_KEY =
        text(
                "dataKey",
                "",
                "key of its CSV series (`{key}` in per-household paths, column"
                    + " in wide files, household value in long files)")
            .shown("the id");
    static final Items SECTION =
        items(
            "households",
            "household",
            "a list of households, see the household table",
            ID,
            KIND,
            GROUP,
            DAILY_INCOME_EUR,
            PV_KWP,
            BATTERY,
            EV,
            APPLIANCES,
            RESERVATION,
            LOAD,
            DATA_KEY);
  }

  List<Member> bind(Section c, long seed) {
    boolean list = c.has(HouseholdKeys.SECTION);
    boolean generate = c.has(GenerateKeys.SECTION);
    if (list && generate) {
      c.problem(
          GenerateKeys.SECTION.name(),
          null,
          Messages.EXCLUSIVE_KEYS + " " + c.child(HouseholdKeys.SECTION) + "; give one of them");
      return List.of();
    }
    if (!list && !generate) {
      problems.add(
          c.path(),
          null,
          Messages.REQUIRED
              + ": give "
              + HouseholdKeys.SECTION.name()
              + " (a list) or "
              + GenerateKeys.SECTION.name()
              + " (a recipe), see config/README.md");
      return List.of();
    }
    return list
        ? households(c)
        : new RecipeBinder(problems).bind(c.section(GenerateKeys.SECTION), seed);
  }

  private List<Member> households(Section c) {
    List<Member> members = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Section h : c.sections(HouseholdKeys.SECTION)) {
      String id = h.text(HouseholdKeys.ID);
      if (id != null && !ids.add(id)) {
        h.problem(HouseholdKeys.ID, Messages.DUPLICATE_ID + "; ids must be unique");
      }
      ParticipantKind kind = h.has(HouseholdKeys.KIND) ? h.choice(HouseholdKeys.KIND) : null;
      String group = h.text(HouseholdKeys.GROUP);
      Double income = h.number(HouseholdKeys.DAILY_INCOME_EUR);
      Double pvKwp = h.number(HouseholdKeys.PV_KWP);
      BatterySpec spec =
          h.has(HouseholdKeys.BATTERY)
              ? BatteryBinder.bind(h.section(HouseholdKeys.BATTERY), null)
              : null;
      ReservationPrices reservation = null;
      if (h.has(HouseholdKeys.RESERVATION)) {
        Section r = h.section(HouseholdKeys.RESERVATION);
        Double buy = r.number(HouseholdKeys.BUY_MAX);
        Double sell = r.number(HouseholdKeys.SELL_MIN);
        if (buy != null && sell != null) {
          reservation = new ReservationPrices(buy, sell);
        }
      }
      org.equigrid.market.model.ElectricVehicle ev =
          h.has(HouseholdKeys.EV)
              ? FlexBinder.bind(h, HouseholdKeys.EV.name(), h.section(HouseholdKeys.EV), null)
              : null;
      if (h.has(HouseholdKeys.EV) && ev == null) {
        continue;
      }
      List<org.equigrid.market.model.Appliance> appliances = new ArrayList<>();
      for (Section a : h.sections(HouseholdKeys.APPLIANCES)) {
        appliances.add(FlexBinder.bindAppliance(a, null));
      }
      if (appliances.contains(null)) {
        continue;
      }
      Section load = h.section(HouseholdKeys.LOAD);
      Double annual = load.number(HouseholdKeys.ANNUAL_KWH);
      LoadShape shape = load.choice(HouseholdKeys.SHAPE);
      String dataKey = h.text(HouseholdKeys.DATA_KEY, id == null ? "" : id);
      boolean owns = (pvKwp != null && pvKwp > 0) || h.has(HouseholdKeys.BATTERY);
      if (kind == ParticipantKind.CONSUMER && owns) {
        h.problem(
            HouseholdKeys.KIND,
            Messages.KIND_CONFLICT
                + ". "
                + Messages.MAYBE
                + " "
                + ScenarioKeys.lower(ParticipantKind.PROSUMER)
                + "?");
        continue;
      }
      if (kind == null && !h.has(HouseholdKeys.KIND)) {
        kind = owns ? ParticipantKind.PROSUMER : ParticipantKind.CONSUMER;
        h.out().put(HouseholdKeys.KIND.name(), HouseholdKeys.KIND.spelling().apply(kind));
      }
      if (id == null
          || kind == null
          || group == null
          || income == null
          || pvKwp == null
          || annual == null
          || shape == null
          || (h.has(HouseholdKeys.BATTERY) && spec == null)) {
        continue;
      }
      Battery battery =
          spec == null ? null : BatteryBinder.build(h, HouseholdKeys.BATTERY.name(), spec);
      if (spec != null && battery == null) {
        continue;
      }
      members.add(
          new Member(
              new Household(
                  id,
                  kind,
                  group,
                  income,
                  pvKwp,
                  battery,
                  reservation,
                  new org.equigrid.market.model.FlexibleDemand(ev, appliances)),
              annual,
              shape,
              dataKey));
    }
    if (members.isEmpty() && problems.isEmpty()) {
      problems.add(c.child(HouseholdKeys.SECTION), "[]", "needs at least one household");
    }
    return members;
  }
}
