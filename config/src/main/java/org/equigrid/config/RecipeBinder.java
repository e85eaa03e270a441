package org.equigrid.config;

import static org.equigrid.config.GroupMapChecks.checkSum;
import static org.equigrid.config.GroupMapChecks.covers;
import static org.equigrid.config.ScenarioKeys.FRACTION;
import static org.equigrid.config.ScenarioKeys.POSITIVE;
import static org.equigrid.config.ScenarioKeys.between;
import static org.equigrid.config.ScenarioKeys.flag;
import static org.equigrid.config.ScenarioKeys.group;
import static org.equigrid.config.ScenarioKeys.num;
import static org.equigrid.config.ScenarioKeys.numbers;
import static org.equigrid.config.ScenarioKeys.ordered;
import static org.equigrid.config.ScenarioKeys.requiredInteger;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.equigrid.config.BatteryBinder.BatteryKeys;
import org.equigrid.config.ScenarioKey.Flag;
import org.equigrid.config.ScenarioKey.Group;
import org.equigrid.config.ScenarioKey.Num;
import org.equigrid.config.ScenarioKey.Numbers;
import org.equigrid.config.ScenarioKey.Whole;
import org.equigrid.config.profile.LoadShape;

/**
 * Reads {@code community.generate}, a seeded recipe for a community (the generate key table, here):
 * group shares, incomes, loads, and who owns PV and batteries ({@link CommunityRecipe} draws the
 * households).
 */
final class RecipeBinder {
  private final Problems problems;

  RecipeBinder(Problems problems) {
    this.problems = problems;
  }

  /** {@code community.generate}: a seeded recipe. */
  static final class GenerateKeys {
    static final Map<String, Double> DEFAULT_GROUP_SHARES =
        ordered("LOW", 0.4, "MIDDLE", 0.4, "HIGH", 0.2);

    /**
     * The solar divide (config/README.md "Sources of the defaults"): ownership rates per group in
     * the ratio of Barbose et al. (LBNL, Residential Solar-Adopter Income and Demographic Trends)
     * and renter shares as in ACEEE's energy-burden briefs.
     */
    static final Map<String, Double> DEFAULT_PV_SHARE =
        ordered("LOW", 0.2, "MIDDLE", 0.4, "HIGH", 0.7);

    static final Map<String, Double> DEFAULT_BATTERY_SHARE =
        ordered("LOW", 0.05, "MIDDLE", 0.15, "HIGH", 0.4);
    static final Map<String, Double> DEFAULT_RENTER_SHARE =
        ordered("LOW", 0.5, "MIDDLE", 0.35, "HIGH", 0.15);

    static final Whole HOUSEHOLDS =
        requiredInteger("households", between(1, 100_000), "", "how many households");
    static final Numbers GROUP_SHARES =
        numbers(
            "groupShares",
            DEFAULT_GROUP_SHARES,
            FRACTION,
            "",
            "population share per group; must sum to 1");
    static final Numbers INCOME_EUR_PER_DAY =
        numbers(
            "incomeEurPerDay",
            ordered("LOW", 45.0, "MIDDLE", 100.0, "HIGH", 220.0),
            POSITIVE,
            "EUR/day",
            "mean income per group; every group of `groupShares` needs one");
    static final Num INCOME_SPREAD_FRACTION =
        num(
            "incomeSpreadFraction",
            0.2,
            between(0, 0.9),
            "",
            "each income is mean × (1 + s·U(−1, 1)), rounded to cents");
    static final Numbers ANNUAL_LOAD_KWH =
        numbers(
            "annualLoadKwh",
            ordered("LOW", 2500.0, "MIDDLE", 3500.0, "HIGH", 5000.0),
            POSITIVE,
            "kWh/year",
            "mean annual load per group; every group needs one");
    static final Num ANNUAL_LOAD_SPREAD_FRACTION =
        num(
            "annualLoadSpreadFraction",
            0.2,
            between(0, 0.9),
            "",
            "each annual load is mean × (1 + s·U(−1, 1)), rounded to kWh");
    static final Numbers LOAD_SHAPES =
        numbers(
            "loadShapes",
            ordered("working", 0.55, "at-home", 0.35, "flat", 0.10),
            FRACTION,
            "",
            "share of each load shape (`working`, `at-home`, `flat`); must sum to 1");
    static final Flag PV = flag("pv", true, "`false` removes all PV after the draw");
    static final Numbers PV_SHARE =
        numbers(
                "pvShare",
                DEFAULT_PV_SHARE,
                FRACTION,
                "",
                "share of each group's households that own PV (the solar divide); or one number: owners drawn across the"
                    + " community whatever their group")
            .shown("`{LOW: 0.2, MIDDLE: 0.4, HIGH: 0.7}`; one number: 0.5");

    /** {@link #PV_SHARE} written as one number. */
    static final Num PV_SHARE_ONE = num(PV_SHARE.name(), 0.5, FRACTION, "", PV_SHARE.help());

    static final Num KWP_MIN = num("min", 3.0, POSITIVE, "kWp", "smallest PV size");
    static final Num KWP_MAX = num("max", 8.0, POSITIVE, "kWp", "largest PV size; ≥ min");
    static final Group PV_KWP =
        group("pvKwp", null, "PV size U(min, max), rounded to 0.1 kWp", KWP_MIN, KWP_MAX);
    static final Flag BATTERIES =
        flag("batteries", true, "`false` removes all batteries after the draw");
    static final Numbers BATTERY_SHARE =
        numbers(
                "batteryShare",
                DEFAULT_BATTERY_SHARE,
                FRACTION,
                "",
                "share of households with a battery, in the same form as `pvShare`; batteries go to PV owners, so ≤"
                    + " `pvShare`")
            .shown("`{LOW: 0.05, MIDDLE: 0.15, HIGH: 0.4}`; one number: 0.33");

    /** {@link #BATTERY_SHARE} written as one number. */
    static final Num BATTERY_SHARE_ONE =
        num(BATTERY_SHARE.name(), 0.33, FRACTION, "", BATTERY_SHARE.help());

    static final Numbers RENTER_SHARE =
        numbers(
            "renterShare",
            DEFAULT_RENTER_SHARE,
            FRACTION,
            "",
            "share of each group's households that rent and so own neither PV nor a battery (per-group form only;"
                + " `pvShare` ≤ 1 − `renterShare`)");
    static final Group BATTERY =
        new Group(
            "battery",
            BatteryKeys.SECTION.keys(),
            BatteryKeys.SECTION.table(),
            "the battery every owner gets, see the battery table",
            "10 kWh, 5 kW, round trip 0.9, 0.1–1.0, start 0.5");
    static final Numbers EV_SHARE =
        numbers(
                "evShare",
                Map.of(),
                FRACTION,
                "",
                "share of each group's households with an electric vehicle (`ev`), in the same form as"
                    + " `pvShare` (per group, a missing group 0; or one number for every group)")
            .shown("0 for every group");

    /** {@link #EV_SHARE} written as one number. */
    static final Num EV_SHARE_ONE = num(EV_SHARE.name(), 0, FRACTION, "", EV_SHARE.help());

    static final Group EV =
        new Group(
            "ev",
            FlexBinder.EvKeys.SECTION.keys(),
            FlexBinder.EvKeys.SECTION.table(),
            "the EV every drawn owner gets, see the ev table",
            "7 kWh, 3.7 kW, 18 h to 7 h");
    static final Numbers APPLIANCE_SHARE =
        numbers(
                "applianceShare",
                Map.of(),
                FRACTION,
                "",
                "share of each group's households with a deferrable appliance (`appliance`), in the"
                    + " same form as `evShare`")
            .shown("0 for every group");

    /** {@link #APPLIANCE_SHARE} written as one number. */
    static final Num APPLIANCE_SHARE_ONE =
        num(APPLIANCE_SHARE.name(), 0, FRACTION, "", APPLIANCE_SHARE.help());

    static final Group APPLIANCE =
        new Group(
            "appliance",
            FlexBinder.ApplianceKeys.SECTION.keys(),
            FlexBinder.ApplianceKeys.SECTION.table(),
            "the appliance every drawn owner gets, see the appliance table",
            "dishwasher, 1.2 kW, 2 h, 8 h to 22 h");

    static final Group SECTION =
        group(
            "generate",
            "generate",
            "a seeded recipe, see the generate table",
            HOUSEHOLDS,
            GROUP_SHARES,
            INCOME_EUR_PER_DAY,
            INCOME_SPREAD_FRACTION,
            ANNUAL_LOAD_KWH,
            ANNUAL_LOAD_SPREAD_FRACTION,
            LOAD_SHAPES,
            PV,
            PV_SHARE,
            PV_KWP,
            BATTERIES,
            BATTERY_SHARE,
            RENTER_SHARE,
            BATTERY,
            EV_SHARE,
            EV,
            APPLIANCE_SHARE,
            APPLIANCE);
  }

  List<Member> bind(Section g, long seed) {
    int problemsBefore = problems.count();
    Integer n = g.integer(GenerateKeys.HOUSEHOLDS);
    Map<String, Double> shares = g.numbers(GenerateKeys.GROUP_SHARES);
    checkSum(g, GenerateKeys.GROUP_SHARES.name(), shares, "group");
    Map<String, Double> income = g.numbers(GenerateKeys.INCOME_EUR_PER_DAY);
    covers(g, GenerateKeys.INCOME_EUR_PER_DAY.name(), income, shares.keySet(), "EUR per day");
    Double incomeSpread = g.number(GenerateKeys.INCOME_SPREAD_FRACTION);
    Map<String, Double> annual = g.numbers(GenerateKeys.ANNUAL_LOAD_KWH);
    covers(g, GenerateKeys.ANNUAL_LOAD_KWH.name(), annual, shares.keySet(), "kWh per year");
    Double loadSpread = g.number(GenerateKeys.ANNUAL_LOAD_SPREAD_FRACTION);
    Map<String, Double> shapeShares = g.numbers(GenerateKeys.LOAD_SHAPES);
    Map<LoadShape, Double> shapes = new EnumMap<>(LoadShape.class);
    List<String> shapeNames =
        java.util.Arrays.stream(LoadShape.values()).map(LoadShape::fileName).toList();
    for (Map.Entry<String, Double> entry : shapeShares.entrySet()) {
      LoadShape shape =
          WrittenValues.parseChoice(entry.getKey(), LoadShape.values(), LoadShape::fileName);
      if (shape == null) {
        problems.add(
            g.child(GenerateKeys.LOAD_SHAPES) + "." + entry.getKey(),
            null,
            Messages.NOT_ONE_OF
                + " "
                + String.join(", ", shapeNames)
                + Suggestions.advice(entry.getKey(), shapeNames));
      } else {
        shapes.put(shape, entry.getValue());
      }
    }
    checkSum(g, GenerateKeys.LOAD_SHAPES.name(), shapeShares, "shape");
    Boolean pv = g.bool(GenerateKeys.PV);
    Section kwp = g.section(GenerateKeys.PV_KWP);
    Double kwpMin = kwp.number(GenerateKeys.KWP_MIN);
    Double kwpMax = kwp.number(GenerateKeys.KWP_MAX);
    if (kwpMin != null && kwpMax != null && kwpMin > kwpMax) {
      kwp.problem(
          GenerateKeys.KWP_MAX,
          "must be >= " + GenerateKeys.KWP_MIN.name() + " (" + Check.format(kwpMin) + ")");
    }
    Boolean batteries = g.bool(GenerateKeys.BATTERIES);
    OwnershipBinder owners = new OwnershipBinder(problems);
    CommunityRecipe.Ownership ownership = owners.ownership(g, shares.keySet());
    BatterySpec battery =
        BatteryBinder.bind(g.section(GenerateKeys.BATTERY), BatteryKeys.GENERATED);
    if (problems.count() > problemsBefore || n == null || battery == null || ownership == null) {
      return List.of();
    }
    try {
      battery.toBattery();
    } catch (IllegalArgumentException e) {
      problems.add(g.child(GenerateKeys.BATTERY), null, e.getMessage());
      return List.of();
    }
    // absent keys leave the canonical YAML of scenarios without EVs as it was
    Map<String, Double> evShare =
        g.has(GenerateKeys.EV_SHARE)
            ? owners.share(g, GenerateKeys.EV_SHARE, GenerateKeys.EV_SHARE_ONE, shares.keySet())
            : Map.of();
    org.equigrid.market.model.ElectricVehicle ev =
        g.has(GenerateKeys.EV)
            ? FlexBinder.bind(
                g, GenerateKeys.EV.name(), g.section(GenerateKeys.EV), FlexBinder.EvKeys.GENERATED)
            : FlexBinder.EvKeys.GENERATED;
    Map<String, Double> applianceShare =
        g.has(GenerateKeys.APPLIANCE_SHARE)
            ? owners.share(
                g, GenerateKeys.APPLIANCE_SHARE, GenerateKeys.APPLIANCE_SHARE_ONE, shares.keySet())
            : Map.of();
    org.equigrid.market.model.Appliance appliance =
        g.has(GenerateKeys.APPLIANCE)
            ? FlexBinder.bindAppliance(
                g.section(GenerateKeys.APPLIANCE), FlexBinder.ApplianceKeys.GENERATED)
            : FlexBinder.ApplianceKeys.GENERATED;
    if (evShare == null || ev == null || applianceShare == null || appliance == null) {
      return List.of();
    }
    CommunityRecipe recipe =
        new CommunityRecipe(
            n,
            shares,
            income,
            incomeSpread,
            annual,
            loadSpread,
            shapes,
            pv,
            ownership,
            kwpMin,
            kwpMax,
            batteries,
            battery);
    return FlexBinder.drawAppliances(
        FlexBinder.drawEvs(recipe.generate(seed), evShare, ev, seed),
        applianceShare,
        appliance,
        seed);
  }
}
