package org.equigrid.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.equigrid.config.profile.CsvLayout;
import org.equigrid.config.profile.CsvSeries;
import org.equigrid.config.profile.EnergyUnit;
import org.equigrid.config.profile.LoadShape;
import org.equigrid.config.profile.ProfileDataException;
import org.equigrid.config.profile.Resampler;
import org.equigrid.config.profile.SolarModel;
import org.equigrid.config.profile.SyntheticLoad;
import org.equigrid.market.clearing.PricingRule;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.EquitySettings;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.ParticipantKind;
import org.equigrid.market.model.ReservationPrices;
import org.equigrid.market.settlement.SettlementSettings;

/**
 * Binds a scenario tree to a {@link Scenario} by hand, field by field, so that every mistake of the
 * file is collected with its path instead of stopping at the first. Defaults live here and in
 * config/README.md.
 */
final class ScenarioBinder {
  static final String[] TOP_KEYS = {
    "name", "description", "seed", "horizon", "community", "profiles", "tariff", "market", "equity", "solver",
    "settlement"
  };
  static final String[] BATTERY_KEYS = {
    "capacityKwh", "powerKw", "roundTripEfficiency", "chargeEfficiency", "dischargeEfficiency",
    "socMinFraction", "socMaxFraction", "initialSocFraction"
  };
  static final int DEFAULT_START_DAY = 172;
  static final double DEFAULT_ANNUAL_LOAD_KWH = 3500;

  private static final Map<String, Double> DEFAULT_GROUP_SHARES = ordered("LOW", 0.4, "MIDDLE", 0.4, "HIGH", 0.2);
  private static final Map<String, Double> DEFAULT_INCOME = ordered("LOW", 45.0, "MIDDLE", 100.0, "HIGH", 220.0);
  private static final Map<String, Double> DEFAULT_ANNUAL_LOAD =
      ordered("LOW", 2500.0, "MIDDLE", 3500.0, "HIGH", 5000.0);
  /**
   * The solar divide (config/README.md "Sources of the defaults"): ownership rates per group in the
   * ratio of Barbose et al. (LBNL, Residential Solar-Adopter Income and Demographic Trends) and
   * renter shares as in ACEEE's energy-burden briefs.
   */
  static final Map<String, Double> DEFAULT_PV_SHARE = ordered("LOW", 0.2, "MIDDLE", 0.4, "HIGH", 0.7);
  static final Map<String, Double> DEFAULT_BATTERY_SHARE = ordered("LOW", 0.05, "MIDDLE", 0.15, "HIGH", 0.4);
  static final Map<String, Double> DEFAULT_RENTER_SHARE = ordered("LOW", 0.5, "MIDDLE", 0.35, "HIGH", 0.15);
  private static final Map<String, Double> DEFAULT_SHAPES = ordered("working", 0.55, "at-home", 0.35, "flat", 0.10);
  /** Evening-peak time of use: {fromHour, toHour, EUR/kWh}. */
  static final double[][] DEFAULT_PERIODS = {{0, 7, 0.22}, {7, 17, 0.30}, {17, 21, 0.42}, {21, 24, 0.30}};

  private final Problems problems;
  private final Path baseDir;

  ScenarioBinder(Path file, Problems problems) {
    this.problems = problems;
    Path parent = file.toAbsolutePath().getParent();
    this.baseDir = parent == null ? Path.of("").toAbsolutePath() : parent;
  }

  private record Horizon(int days, int intervalMinutes, int startDayOfYear) {
    int intervalsPerDay() {
      return 24 * 60 / intervalMinutes;
    }
  }

  private record CsvPart(Section section, CsvLayout layout, Path path, String column, String householdColumn,
      EnergyUnit unit, int intervalMinutes, int firstDayOfYear, int skipRows) {}

  Scenario bind(JsonNode root, String sourceFile) throws ScenarioException {
    ObjectNode canonical = Section.newTree();
    Section top = Section.root(problems, root, canonical, TOP_KEYS);
    String name = top.text("name", null, "a short name for output folders");
    String description = top.text("description", "", "");
    Long seed = top.whole("seed", null, Check.ANY, "a whole number; the same seed gives the same run");
    Horizon horizon = horizon(top.section("horizon", "days", "intervalMinutes", "startDayOfYear", "startDate"));
    List<Member> members = community(top.section("community", "households", "generate"), seed == null ? 0 : seed);

    Section profiles = top.section("profiles", "synthetic", "csv");
    Section synthetic = profiles.section("synthetic", "latitudeDeg", "systemFactor", "clearnessSummer",
        "clearnessWinter", "clearnessConcentration", "seasonalAmplitude", "dailyLoadNoise", "intervalLoadNoise");
    SolarModel solar = solar(synthetic);
    SyntheticLoad load = syntheticLoad(synthetic);
    ProfileBook.CsvData loadData = null;
    ProfileBook.CsvData pvData = null;
    if (profiles.has("csv")) {
      Section csv = profiles.section("csv", "layout", "intervalMinutes", "firstDayOfYear", "skipRows",
          "householdColumn", "load", "pv");
      List<CsvPart> parts = csvParts(csv);
      List<String> keys = members.stream().map(Member::dataKey).toList();
      for (CsvPart part : parts) {
        ProfileBook.CsvData data = readCsv(part, keys, horizon);
        if (part.section().path().endsWith("load")) {
          loadData = data;
        } else {
          pvData = data;
        }
      }
    }

    TariffPlan tariff = tariff(top.section("tariff", "importPeriods", "importPriceEurPerKwh", "importPriceCsv",
        "exportPriceEurPerKwh", "peakChargeEurPerKw", "importLimitKw", "exportLimitKw"), horizon);

    Section market = top.section("market", "trading", "pricing");
    Boolean trading = market.bool("trading", true);
    PricingRule pricing = market.choice("pricing", PricingRule.MID_MARKET, PricingRule.values(), PricingRule::name);

    Map<String, Double> groupShares = groupShares(members);
    Section equitySection =
        top.section("equity", "weights", "rawlsianStrengthEur", "leastAdvantagedGroups", "minWeight", "maxWeight",
            "adaptive");
    EquitySettings equity = equity(equitySection, groupShares);
    AdaptiveEquity adaptive = adaptive(equitySection);
    SolverOptions solver = solver(top.section("solver", "timeLimitSeconds", "relativeGapLimit",
        "milpWhenBinariesBreak", "epsilonEur", "pooling", "poolIdenticalBatteries"));
    SettlementSettings settlement = settlement(
        top.section("settlement", "rule", "rawlsianObjective", "tolerance", "maxOrders", "explain"));

    problems.throwIfAny();
    members = new ArrayList<>(members);
    members.sort(Comparator.comparing(m -> m.household().id()));
    ProfileBook book = new ProfileBook(members, seed, horizon.startDayOfYear(), horizon.intervalsPerDay(),
        load, solar, loadData, pvData);
    List<Household> households = members.stream().map(Member::household).toList();
    return new Scenario(name, description, sourceFile, seed, horizon.days(), horizon.intervalMinutes() / 60.0,
        horizon.intervalsPerDay(), horizon.startDayOfYear(), households, trading, pricing, equity, solver,
        groupShares, book, tariff, ScenarioReader.writeYaml(canonical), adaptive, settlement);
  }

  // --- horizon -------------------------------------------------------------------------------

  private Horizon horizon(Section h) {
    Integer days = h.integer("days", 1, Check.between(1, 3650), "number of trading days");
    Integer minutes = h.integer("intervalMinutes", 60, Check.POSITIVE, "length of an interval");
    if (minutes != null && (minutes > 60 || 60 % minutes != 0)) {
      h.problem("intervalMinutes", h.raw("intervalMinutes"),
          Messages.INTERVAL_MUST_DIVIDE_HOUR + " (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60)"
              + Check.maybe(nearestDivisor(minutes)));
      minutes = null;
    }
    int start = DEFAULT_START_DAY;
    if (h.has("startDate") && h.has("startDayOfYear")) {
      h.problem("startDate", h.raw("startDate"), Messages.EXCLUSIVE_KEYS + " startDayOfYear; give one of them");
    } else if (h.has("startDate")) {
      String text = h.text("startDate", null, "a date");
      try {
        start = Math.min(365, LocalDate.parse(text).getDayOfYear());
      } catch (DateTimeException | NullPointerException e) {
        h.problem("startDate", h.raw("startDate"), Messages.BAD_DATE);
      }
    } else {
      Integer doy = h.integer("startDayOfYear", DEFAULT_START_DAY, Check.between(1, 365), "day of the year");
      start = doy == null ? DEFAULT_START_DAY : doy;
    }
    return new Horizon(days == null ? 1 : days, minutes == null ? 60 : minutes, start);
  }

  private static int nearestDivisor(int minutes) {
    int best = 60;
    for (int d : new int[] {1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60}) {
      if (Math.abs(d - minutes) < Math.abs(best - minutes)) {
        best = d;
      }
    }
    return best;
  }

  // --- community -----------------------------------------------------------------------------

  private List<Member> community(Section c, long seed) {
    boolean list = c.has("households");
    boolean generate = c.has("generate");
    if (list && generate) {
      c.problem("generate", null, Messages.EXCLUSIVE_KEYS + " community.households; give one of them");
      return List.of();
    }
    if (!list && !generate) {
      problems.add(c.path(), null,
          Messages.REQUIRED + ": give households (a list) or generate (a recipe), see config/README.md");
      return List.of();
    }
    return list ? households(c) : recipe(c.section("generate", "households", "groupShares", "incomeEurPerDay",
        "incomeSpreadFraction", "annualLoadKwh", "annualLoadSpreadFraction", "loadShapes", "pv", "pvShare",
        "pvKwp", "batteries", "batteryShare", "renterShare", "battery"), seed);
  }

  private List<Member> households(Section c) {
    List<Member> members = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Section h : c.sections("households", "id", "kind", "group", "dailyIncomeEur", "pvKwp", "battery",
        "reservation", "load", "dataKey")) {
      String id = h.text("id", null, "a unique name like h001");
      if (id != null && !ids.add(id)) {
        h.problem("id", h.raw("id"), Messages.DUPLICATE_ID + "; ids must be unique");
      }
      ParticipantKind kind = h.has("kind")
          ? h.choice("kind", null, ParticipantKind.values(), ScenarioBinder::lower) : null;
      String group = h.text("group", null, "a socio-economic group, e.g. LOW");
      Double income = h.number("dailyIncomeEur", null, Check.POSITIVE, "income in EUR per day");
      Double pvKwp = h.number("pvKwp", 0.0, Check.NON_NEGATIVE, "installed PV in kWp");
      BatterySpec spec = h.has("battery") ? battery(h.section("battery", BATTERY_KEYS), null) : null;
      ReservationPrices reservation = null;
      if (h.has("reservation")) {
        Section r = h.section("reservation", "buyMaxEurPerKwh", "sellMinEurPerKwh");
        Double buy = r.number("buyMaxEurPerKwh", null, Check.PRICE, "EUR/kWh");
        Double sell = r.number("sellMinEurPerKwh", null, Check.PRICE, "EUR/kWh");
        if (buy != null && sell != null) {
          reservation = new ReservationPrices(buy, sell);
        }
      }
      Section load = h.section("load", "annualKwh", "shape");
      Double annual = load.number("annualKwh", DEFAULT_ANNUAL_LOAD_KWH, Check.POSITIVE, "kWh per year");
      LoadShape shape = load.choice("shape", LoadShape.WORKING, LoadShape.values(), LoadShape::fileName);
      String dataKey = h.text("dataKey", id == null ? "" : id, "key of its CSV series");
      boolean owns = (pvKwp != null && pvKwp > 0) || h.has("battery");
      if (kind == ParticipantKind.CONSUMER && owns) {
        h.problem("kind", h.raw("kind"), Messages.KIND_CONFLICT + ". " + Messages.MAYBE + " prosumer?");
        continue;
      }
      if (kind == null && !h.has("kind")) {
        kind = owns ? ParticipantKind.PROSUMER : ParticipantKind.CONSUMER;
        h.out().put("kind", lower(kind));
      }
      if (id == null || kind == null || group == null || income == null || pvKwp == null || annual == null
          || shape == null || (h.has("battery") && spec == null)) {
        continue;
      }
      Battery battery = spec == null ? null : build(h, "battery", spec);
      if (spec != null && battery == null) {
        continue;
      }
      members.add(new Member(new Household(id, kind, group, income, pvKwp, battery, reservation), annual, shape,
          dataKey));
    }
    if (members.isEmpty() && problems.isEmpty()) {
      problems.add(c.child("households"), "[]", "needs at least one household");
    }
    return members;
  }

  private Battery build(Section owner, String key, BatterySpec spec) {
    try {
      return spec.toBattery();
    } catch (IllegalArgumentException e) {
      owner.problem(key, null, e.getMessage());
      return null;
    }
  }

  private BatterySpec battery(Section b, BatterySpec defaults) {
    Double capacity = b.number("capacityKwh", defaults == null ? null : defaults.capacityKwh(), Check.POSITIVE,
        "usable capacity in kWh");
    Double defaultPower = defaults != null ? Double.valueOf(defaults.powerKw())
        : capacity != null ? Double.valueOf(capacity / 2) : Double.valueOf(5.0);
    Double power = b.number("powerKw", defaultPower, Check.POSITIVE, "charge/discharge power in kW");
    Double charge;
    Double discharge;
    if (b.has("chargeEfficiency") || b.has("dischargeEfficiency")) {
      if (b.has("roundTripEfficiency")) {
        b.problem("roundTripEfficiency", b.raw("roundTripEfficiency"),
            Messages.EXCLUSIVE_KEYS + " chargeEfficiency/dischargeEfficiency; give one or the other");
      }
      charge = b.number("chargeEfficiency", 0.95, Check.EFFICIENCY, "one-way efficiency");
      discharge = b.number("dischargeEfficiency", 0.95, Check.EFFICIENCY, "one-way efficiency");
    } else {
      double defaultRoundTrip = defaults == null ? 0.9 : defaults.chargeEfficiency() * defaults.dischargeEfficiency();
      Double roundTrip = b.number("roundTripEfficiency", defaultRoundTrip, Check.EFFICIENCY, "round trip");
      charge = roundTrip == null ? null : Math.sqrt(roundTrip);
      discharge = charge;
    }
    Double min = b.number("socMinFraction", defaults == null ? 0.1 : defaults.socMinFraction(), Check.FRACTION,
        "fraction of capacity");
    Double max = b.number("socMaxFraction", defaults == null ? 1.0 : defaults.socMaxFraction(), Check.FRACTION,
        "fraction of capacity");
    Double initial = b.number("initialSocFraction", defaults == null ? 0.5 : defaults.initialSocFraction(),
        Check.FRACTION, "fraction of capacity");
    if (min != null && max != null && initial != null && !(min <= initial && initial <= max)) {
      b.problem("initialSocFraction", b.raw("initialSocFraction"), Messages.SOC_ORDER + " (have " + Check.format(min)
          + " <= " + Check.format(initial) + " <= " + Check.format(max) + ")");
      return null;
    }
    if (capacity == null || power == null || charge == null || discharge == null || min == null || max == null
        || initial == null) {
      return null;
    }
    return new BatterySpec(capacity, power, charge, discharge, min, max, initial);
  }

  private List<Member> recipe(Section g, long seed) {
    int problemsBefore = problems.count();
    Integer n = g.integer("households", null, Check.between(1, 100_000), "how many households to generate");
    Map<String, Double> shares = g.numbers("groupShares", DEFAULT_GROUP_SHARES, Check.FRACTION);
    checkSum(g, "groupShares", shares, "group");
    Map<String, Double> income = g.numbers("incomeEurPerDay", DEFAULT_INCOME, Check.POSITIVE);
    covers(g, "incomeEurPerDay", income, shares.keySet(), "EUR per day");
    Double incomeSpread = g.number("incomeSpreadFraction", 0.2, Check.between(0, 0.9), "relative spread");
    Map<String, Double> annual = g.numbers("annualLoadKwh", DEFAULT_ANNUAL_LOAD, Check.POSITIVE);
    covers(g, "annualLoadKwh", annual, shares.keySet(), "kWh per year");
    Double loadSpread = g.number("annualLoadSpreadFraction", 0.2, Check.between(0, 0.9), "relative spread");
    Map<String, Double> shapeShares = g.numbers("loadShapes", DEFAULT_SHAPES, Check.FRACTION);
    Map<LoadShape, Double> shapes = new EnumMap<>(LoadShape.class);
    List<String> shapeNames = java.util.Arrays.stream(LoadShape.values()).map(LoadShape::fileName).toList();
    for (Map.Entry<String, Double> entry : shapeShares.entrySet()) {
      LoadShape shape = Section.parseChoice(entry.getKey(), LoadShape.values(), LoadShape::fileName);
      if (shape == null) {
        problems.add(g.child("loadShapes") + "." + entry.getKey(), null, Messages.NOT_ONE_OF + " "
            + String.join(", ", shapeNames) + Suggestions.advice(entry.getKey(), shapeNames));
      } else {
        shapes.put(shape, entry.getValue());
      }
    }
    checkSum(g, "loadShapes", shapeShares, "shape");
    Boolean pv = g.bool("pv", true);
    Section kwp = g.section("pvKwp", "min", "max");
    Double kwpMin = kwp.number("min", 3.0, Check.POSITIVE, "smallest kWp");
    Double kwpMax = kwp.number("max", 8.0, Check.POSITIVE, "largest kWp");
    if (kwpMin != null && kwpMax != null && kwpMin > kwpMax) {
      kwp.problem("max", kwp.raw("max"), "must be >= min (" + Check.format(kwpMin) + ")");
    }
    Boolean batteries = g.bool("batteries", true);
    CommunityRecipe.Ownership ownership = ownership(g, shares.keySet());
    BatterySpec battery = battery(g.section("battery", BATTERY_KEYS),
        new BatterySpec(10.0, 5.0, Math.sqrt(0.9), Math.sqrt(0.9), 0.1, 1.0, 0.5));
    if (problems.count() > problemsBefore || n == null || battery == null || ownership == null) {
      return List.of();
    }
    try {
      battery.toBattery();
    } catch (IllegalArgumentException e) {
      problems.add(g.child("battery"), null, e.getMessage());
      return List.of();
    }
    CommunityRecipe recipe = new CommunityRecipe(n, shares, income, incomeSpread, annual, loadSpread, shapes, pv,
        ownership, kwpMin, kwpMax, batteries, battery);
    return recipe.generate(seed);
  }

  /**
   * {@code pvShare}, {@code batteryShare}, {@code renterShare}: one number each (owners drawn across
   * the community) or one number per group (the solar divide, the default when {@code pvShare} is
   * absent); null after a problem.
   */
  private CommunityRecipe.Ownership ownership(Section g, Set<String> groups) {
    JsonNode pvRaw = g.raw("pvShare");
    boolean perGroup = pvRaw == null || pvRaw.isNull() || pvRaw.isObject();
    JsonNode batteryRaw = g.raw("batteryShare");
    if (batteryRaw != null && !batteryRaw.isNull() && batteryRaw.isObject() != perGroup) {
      g.problem("batteryShare", batteryRaw, perGroup
          ? Messages.OWNERSHIP_FORM + ": pvShare is per group, so batteryShare must be per group too,"
              + " e.g. {LOW: 0.05, MIDDLE: 0.15, HIGH: 0.4}"
          : Messages.OWNERSHIP_FORM + ": pvShare is one number, so batteryShare must be one number too");
      return null;
    }
    if (!perGroup) {
      if (g.has("renterShare")) {
        g.problem("renterShare", g.raw("renterShare"),
            Messages.OWNERSHIP_FORM + ": renters need per-group ownership; give pvShare per group"
                + " (e.g. {LOW: 0.2, MIDDLE: 0.4, HIGH: 0.7}) or drop renterShare");
        return null;
      }
      Double pvShare = g.number("pvShare", 0.5, Check.FRACTION, "share of households with PV");
      Double batteryShare = g.number("batteryShare", 0.33, Check.FRACTION, "share of households with a battery");
      if (batteryShare != null && pvShare != null && batteryShare > pvShare + 1e-12) {
        g.problem("batteryShare", g.raw("batteryShare"), Messages.BATTERY_SHARE_ABOVE_PV_SHARE + " (pvShare is "
            + Check.format(pvShare) + ")" + Check.maybe(pvShare));
        return null;
      }
      return pvShare == null || batteryShare == null ? null : CommunityRecipe.Ownership.random(pvShare, batteryShare);
    }
    if (!g.has("pvShare") && !DEFAULT_PV_SHARE.keySet().containsAll(groups)) {
      problems.add(g.child("pvShare"), null, Messages.REQUIRED + " for groups other than "
          + String.join(", ", DEFAULT_PV_SHARE.keySet()) + ": one number (owners drawn across the community)"
          + " or one number per group of groupShares");
      return null;
    }
    int before = problems.count();
    Map<String, Double> pvShare = g.numbers("pvShare", onlyGroups(DEFAULT_PV_SHARE, groups), Check.FRACTION);
    Map<String, Double> batteryShare =
        g.numbers("batteryShare", onlyGroups(DEFAULT_BATTERY_SHARE, groups), Check.FRACTION);
    Map<String, Double> renterShare =
        g.numbers("renterShare", onlyGroups(DEFAULT_RENTER_SHARE, groups), Check.FRACTION);
    for (String key : List.of("pvShare", "batteryShare", "renterShare")) {
      Map<String, Double> values = key.equals("pvShare") ? pvShare
          : key.equals("batteryShare") ? batteryShare : renterShare;
      covers(g, key, values, groups, "share of the group's households"); // also refuses unknown groups
    }
    for (String group : groups) {
      Double pvOfGroup = pvShare.get(group);
      Double batteryOfGroup = batteryShare.get(group);
      Double renterOfGroup = renterShare.get(group);
      if (pvOfGroup != null && batteryOfGroup != null && batteryOfGroup > pvOfGroup + 1e-12) {
        problems.add(g.child("batteryShare") + "." + group, Check.format(batteryOfGroup),
            Messages.BATTERY_SHARE_ABOVE_PV_SHARE + " (pvShare." + group + " is " + Check.format(pvOfGroup) + ")"
                + Check.maybe(pvOfGroup));
      }
      if (pvOfGroup != null && renterOfGroup != null && pvOfGroup > 1 - renterOfGroup + 1e-12) {
        problems.add(g.child("pvShare") + "." + group, Check.format(pvOfGroup),
            Messages.PV_SHARE_ABOVE_OWNERS + " (renterShare." + group + " is " + Check.format(renterOfGroup)
                + ", so at most " + Check.format(1 - renterOfGroup) + " own their home)"
                + Check.maybe(1 - renterOfGroup));
      }
    }
    return problems.count() > before ? null
        : CommunityRecipe.Ownership.byGroup(pvShare, batteryShare, renterShare);
  }

  private static Map<String, Double> onlyGroups(Map<String, Double> defaults, Set<String> groups) {
    Map<String, Double> result = new java.util.LinkedHashMap<>();
    defaults.forEach((group, value) -> {
      if (groups.contains(group)) {
        result.put(group, value);
      }
    });
    return result;
  }

  private void checkSum(Section owner, String key, Map<String, Double> shares, String what) {
    double sum = shares.values().stream().mapToDouble(Double::doubleValue).sum();
    if (shares.isEmpty()) {
      owner.problem(key, owner.raw(key), "needs at least one " + what);
    } else if (Math.abs(sum - 1) > 1e-6) {
      StringBuilder advice = new StringBuilder();
      if (sum > 0) {
        for (Map.Entry<String, Double> entry : shares.entrySet()) {
          advice.append(advice.length() == 0 ? "{" : ", ").append(entry.getKey()).append(": ")
              .append(Check.format(Math.round(entry.getValue() / sum * 1000) / 1000.0));
        }
        advice.append("}");
      }
      owner.problem(key, owner.raw(key), Messages.SHARES_MUST_SUM_TO_ONE + " (they sum to "
          + Check.format(Math.round(sum * 1e6) / 1e6) + ")" + (sum > 0 ? ". " + Messages.MAYBE + " " + advice + "?" : ""));
    }
  }

  private void covers(Section owner, String key, Map<String, Double> values, Set<String> groups, String unit) {
    for (String group : groups) {
      if (!values.containsKey(group)) {
        problems.add(owner.child(key) + "." + group, null, Messages.REQUIRED + " (" + unit + " for group " + group
            + ", which groupShares lists)");
      }
    }
    for (String named : owner.has(key) ? values.keySet() : Set.<String>of()) { // defaults may name more
      if (!groups.contains(named)) {
        problems.add(owner.child(key) + "." + named, null, Messages.UNKNOWN_GROUP + " (groupShares lists "
            + String.join(", ", groups) + ")" + Suggestions.advice(named, groups));
      }
    }
  }

  // --- profiles ------------------------------------------------------------------------------

  private SolarModel solar(Section s) {
    SolarModel d = SolarModel.defaults();
    Double latitude = s.number("latitudeDeg", d.latitudeDeg(), Check.between(-65, 65), "degrees north");
    Double system = s.number("systemFactor", d.systemFactor(), Check.POSITIVE, "kWh per kWp and sun-hour");
    Double summer = s.number("clearnessSummer", d.clearnessSummer(), Check.between(0.01, 0.99), "mean clearness");
    Double winter = s.number("clearnessWinter", d.clearnessWinter(), Check.between(0.01, 0.99), "mean clearness");
    Double concentration = s.number("clearnessConcentration", d.clearnessConcentration(), Check.POSITIVE,
        "Beta a + b");
    if (latitude == null || system == null || summer == null || winter == null || concentration == null) {
      return d;
    }
    return new SolarModel(latitude, system, summer, winter, concentration);
  }

  private SyntheticLoad syntheticLoad(Section s) {
    SyntheticLoad d = SyntheticLoad.defaults();
    Double amplitude = s.number("seasonalAmplitude", d.seasonalAmplitude(), Check.between(0, 0.9), "fraction");
    Double daily = s.number("dailyLoadNoise", d.dailyNoise(), Check.between(0, 2), "log standard deviation");
    Double interval = s.number("intervalLoadNoise", d.intervalNoise(), Check.between(0, 2), "log standard deviation");
    if (amplitude == null || daily == null || interval == null) {
      return d;
    }
    return new SyntheticLoad(amplitude, daily, interval);
  }

  private List<CsvPart> csvParts(Section csv) {
    CsvLayout layout = csv.choice("layout", null, CsvLayout.values(), ScenarioBinder::lower);
    Integer minutes = csv.integer("intervalMinutes", 60, Check.POSITIVE, "length of one row");
    if (minutes != null && (minutes > 60 * 24 || (24 * 60) % minutes != 0)) {
      csv.problem("intervalMinutes", csv.raw("intervalMinutes"), "must divide a day of 1440 minutes");
      minutes = null;
    }
    Integer first = csv.integer("firstDayOfYear", 1, Check.between(1, 365), "day of the year of the first row");
    Integer skip = csv.integer("skipRows", 0, Check.NON_NEGATIVE, "data rows to drop at the start");
    String householdColumn = layout == CsvLayout.LONG
        ? csv.text("householdColumn", "household", "column of the household key") : null;
    if (!csv.has("load") && !csv.has("pv")) {
      problems.add(csv.path(), null, Messages.REQUIRED + ": load or pv (or both), each {path, column, unit}");
    }
    List<CsvPart> parts = new ArrayList<>();
    for (String quantity : List.of("load", "pv")) {
      if (!csv.has(quantity)) {
        continue;
      }
      Section q = csv.section(quantity, "path", "column", "unit");
      String pathText = q.text("path", null, "file, relative to the scenario file");
      String column = layout == CsvLayout.WIDE ? null : q.text("column", null, "the value column");
      EnergyUnit unit = q.choice("unit", null, EnergyUnit.values(), EnergyUnit::fileName);
      if (unit != null && quantity.equals("load") && unit.perKwp()) {
        q.problem("unit", q.raw("unit"), "a per-kWp unit only fits pv; load takes kWh, Wh, kW or W");
        unit = null;
      }
      if (pathText != null && resolve(q, "path", pathText) == null) {
        pathText = null;
      }
      if (pathText != null && layout == CsvLayout.PER_HOUSEHOLD && !pathText.contains(CsvSeries.KEY_PLACEHOLDER)) {
        q.problem("path", q.raw("path"), Messages.PATH_PLACEHOLDER);
        pathText = null;
      }
      if (layout == null || pathText == null || unit == null || minutes == null || first == null || skip == null
          || (layout != CsvLayout.WIDE && column == null)) {
        continue;
      }
      parts.add(new CsvPart(q, layout, baseDir.resolve(pathText), column, householdColumn, unit, minutes, first,
          skip));
    }
    return parts;
  }

  private ProfileBook.CsvData readCsv(CsvPart part, List<String> keys, Horizon horizon) {
    if (keys.isEmpty()) {
      return null;
    }
    CsvSeries series = new CsvSeries(part.layout(), part.path().toString(), part.column(), part.householdColumn(),
        part.unit(), part.intervalMinutes(), part.skipRows());
    try {
      Map<String, double[]> raw = series.read(new ArrayList<>(new java.util.LinkedHashSet<>(keys)));
      Map<String, double[]> resampled = new LinkedHashMap<>();
      for (Map.Entry<String, double[]> entry : raw.entrySet()) {
        double[] values = Resampler.energy(entry.getValue(), part.intervalMinutes(), horizon.intervalMinutes());
        int whole = values.length / horizon.intervalsPerDay() * horizon.intervalsPerDay();
        resampled.put(entry.getKey(), java.util.Arrays.copyOf(values, whole));
      }
      return new ProfileBook.CsvData(resampled, part.unit().perKwp(), part.firstDayOfYear());
    } catch (ProfileDataException e) {
      part.section().problem("path", part.section().raw("path"), Messages.CSV_PROBLEM + ": " + e.getMessage());
      return null;
    }
  }

  // --- tariff --------------------------------------------------------------------------------

  private TariffPlan tariff(Section t, Horizon horizon) {
    List<String> given = new ArrayList<>();
    for (String key : List.of("importPeriods", "importPriceEurPerKwh", "importPriceCsv")) {
      if (t.has(key)) {
        given.add(key);
      }
    }
    if (given.size() > 1) {
      problems.add(t.path(), null, Messages.ONE_OF_KEYS + " importPeriods, importPriceEurPerKwh, importPriceCsv (have "
          + String.join(", ", given) + ")");
    }
    int perDay = horizon.intervalsPerDay();
    double[] ofDay = null;
    double[] series = null;
    int seriesFirstDay = 1;
    if (t.has("importPriceEurPerKwh")) {
      Double flat = t.number("importPriceEurPerKwh", null, Check.PRICE, "EUR/kWh");
      ofDay = new double[perDay];
      java.util.Arrays.fill(ofDay, flat == null ? 0 : flat);
    } else if (t.has("importPriceCsv")) {
      Section c = t.section("importPriceCsv", "path", "column", "intervalMinutes", "firstDayOfYear", "skipRows",
          "multiplier");
      String path = c.text("path", null, "file, relative to the scenario file");
      String column = c.text("column", null, "the price column");
      Integer minutes = c.integer("intervalMinutes", 60, Check.POSITIVE, "length of one row");
      if (minutes != null && (minutes > 1440 || 1440 % minutes != 0)) {
        c.problem("intervalMinutes", c.raw("intervalMinutes"), "must divide a day of 1440 minutes");
        minutes = null;
      }
      Integer first = c.integer("firstDayOfYear", 1, Check.between(1, 365), "day of the year of the first row");
      Integer skip = c.integer("skipRows", 0, Check.NON_NEGATIVE, "data rows to drop at the start");
      Double multiplier = c.number("multiplier", 1.0, Check.POSITIVE, "e.g. a currency conversion to EUR");
      if (path != null && resolve(c, "path", path) == null) {
        path = null;
      }
      if (path != null && column != null && minutes != null && first != null && skip != null && multiplier != null) {
        try {
          double[] raw = CsvSeries.readNumbers(baseDir.resolve(path), column, skip);
          double[] values = Resampler.intensive(raw, minutes, horizon.intervalMinutes());
          int whole = values.length / perDay * perDay;
          if (whole == 0) {
            c.problem("path", c.raw("path"), Messages.CSV_PROBLEM + ": less than one day of prices");
          } else {
            series = new double[whole];
            for (int i = 0; i < whole; i++) {
              series[i] = values[i] * multiplier;
              if (Math.abs(series[i]) > Check.MAX_PRICE_EUR) {
                c.problem("path", c.raw("path"), Messages.CSV_PROBLEM + ": the price of interval " + i + " ("
                    + Check.format(series[i]) + " EUR/kWh after the multiplier) " + Messages.OUT_OF_RANGE
                    + " [-1000, 1000] EUR/kWh");
                series = null;
                break;
              }
            }
            seriesFirstDay = first;
          }
        } catch (ProfileDataException e) {
          c.problem("path", c.raw("path"), Messages.CSV_PROBLEM + ": " + e.getMessage());
        }
      }
    } else {
      ofDay = periods(t, perDay);
    }
    Double export = t.number("exportPriceEurPerKwh", 0.08, Check.PRICE, "EUR/kWh");
    Double peak = t.number("peakChargeEurPerKw", 0.25, Check.PRICE, "EUR per kW of the day's peak");
    Double importLimit = t.number("importLimitKw", 17.0, Check.POSITIVE, "kW per household");
    Double exportLimit = t.number("exportLimitKw", 10.0, Check.NON_NEGATIVE, "kW per household");
    if (ofDay == null && series == null || export == null || peak == null || importLimit == null
        || exportLimit == null) {
      return null;
    }
    TariffPlan plan = new TariffPlan(ofDay, series, seriesFirstDay, export, peak, importLimit, exportLimit,
        horizon.startDayOfYear(), perDay);
    double lowest = plan.lowestImportEurPerKwh();
    if (export > lowest) {
      t.problem("exportPriceEurPerKwh", t.raw("exportPriceEurPerKwh"), Messages.EXPORT_ABOVE_IMPORT + " ("
          + Check.format(lowest) + " EUR/kWh)" + Check.maybe(lowest));
    }
    return plan;
  }

  private double[] periods(Section t, int perDay) {
    double[][] periods;
    if (!t.has("importPeriods")) {
      periods = DEFAULT_PERIODS;
      ArrayNode mirror = t.out().putArray("importPeriods");
      for (double[] p : periods) {
        mirror.addObject().put("fromHour", p[0]).put("toHour", p[1]).put("priceEurPerKwh", p[2]);
      }
    } else {
      List<double[]> list = new ArrayList<>();
      boolean complete = true;
      for (Section p : t.sections("importPeriods", "fromHour", "toHour", "priceEurPerKwh")) {
        Double from = p.number("fromHour", null, Check.between(0, 24), "start hour, inclusive");
        Double to = p.number("toHour", null, Check.between(0, 24), "end hour, exclusive");
        Double price = p.number("priceEurPerKwh", null, Check.PRICE, "EUR/kWh");
        if (from == null || to == null || price == null) {
          complete = false;
          continue;
        }
        if (to <= from) {
          p.problem("toHour", p.raw("toHour"), "must be > fromHour (" + Check.format(from) + ")");
          complete = false;
          continue;
        }
        list.add(new double[] {from, to, price});
      }
      if (!t.raw("importPeriods").isArray()) {
        return null;
      }
      if (!complete) {
        return null;
      }
      list.sort(Comparator.comparingDouble(p -> p[0]));
      double reached = 0;
      for (double[] p : list) {
        if (Math.abs(p[0] - reached) > 1e-9) {
          problems.add(t.child("importPeriods"), null, Messages.PERIODS_MUST_COVER_DAY + " ("
              + (p[0] > reached ? "gap" : "overlap") + " at " + Check.format(Math.min(p[0], reached)) + " h)");
          return null;
        }
        reached = p[1];
      }
      if (Math.abs(reached - 24) > 1e-9) {
        problems.add(t.child("importPeriods"), null, Messages.PERIODS_MUST_COVER_DAY + " (they end at "
            + Check.format(reached) + " h)");
        return null;
      }
      periods = list.toArray(new double[0][]);
    }
    double[] ofDay = new double[perDay];
    double intervalHours = 24.0 / perDay;
    for (int k = 0; k < perDay; k++) {
      double start = k * intervalHours + 1e-9;
      for (double[] p : periods) {
        if (start >= p[0] && start < p[1]) {
          ofDay[k] = p[2];
        }
      }
    }
    return ofDay;
  }

  // --- equity and solver ---------------------------------------------------------------------

  private static Map<String, Double> groupShares(List<Member> members) {
    Map<String, Double> shares = new TreeMap<>();
    for (Member member : members) {
      shares.merge(member.household().group(), 1.0 / members.size(), Double::sum);
    }
    return shares;
  }

  private EquitySettings equity(Section e, Map<String, Double> groupShares) {
    Map<String, Double> raw = e.numbers("weights", Map.of(), Check.POSITIVE);
    Double rho = e.number("rawlsianStrengthEur", 0.0, Check.NON_NEGATIVE, "EUR per unit of the floor");
    List<String> least = e.texts("leastAdvantagedGroups", List.of());
    Double min = e.number("minWeight", 0.5, value -> value > 0 && value <= 1 ? null : Messages.OUT_OF_RANGE + " (0, 1]",
        "lowest weight");
    Double max = e.number("maxWeight", 2.0, value -> value >= 1 ? null : "must be >= 1", "highest weight");
    if (groupShares.isEmpty()) {
      return null;
    }
    Set<String> groups = groupShares.keySet();
    for (String group : raw.keySet()) {
      if (!groups.contains(group)) {
        problems.add(e.child("weights") + "." + group, null, Messages.UNKNOWN_GROUP + " (" + String.join(", ", groups)
            + ")" + Suggestions.advice(group, groups));
      }
    }
    for (int i = 0; i < least.size(); i++) {
      if (!groups.contains(least.get(i))) {
        problems.add(e.child("leastAdvantagedGroups") + "[" + i + "]", least.get(i), Messages.UNKNOWN_GROUP + " ("
            + String.join(", ", groups) + ")" + Suggestions.advice(least.get(i), groups));
      }
    }
    if (rho == null || min == null || max == null) {
      return null;
    }
    double mean = 0;
    for (String group : groups) {
      mean += groupShares.get(group) * raw.getOrDefault(group, 1.0);
    }
    Map<String, Double> normalised = new LinkedHashMap<>();
    for (String group : groups) {
      double w = raw.getOrDefault(group, 1.0) / mean;
      if (Math.abs(w - 1.0) < 1e-12) {
        // Equal weights stay exactly 1 whatever the rounding of the shares (0.9999999999999993 at
        // 1,000 households made the clearing solve a second, "weighted" problem).
        w = 1.0;
      }
      if (w < min - 1e-9 || w > max + 1e-9) {
        JsonNode written = e.raw("weights") == null ? null : e.raw("weights").get(group);
        problems.add(e.child("weights") + "." + group, written == null ? null : Section.written(written),
            Messages.WEIGHT_OUT_OF_BOUNDS + ": " + Check.format(raw.getOrDefault(group, 1.0))
                + " / population-weighted mean " + String.format(Locale.ROOT, "%.4f", mean) + " = "
                + String.format(Locale.ROOT, "%.4f", w) + ", outside [" + Check.format(min) + ", " + Check.format(max)
                + "]. Maybe widen minWeight/maxWeight or move the weights closer together?");
      }
      normalised.put(group, w);
    }
    return new EquitySettings(normalised, rho, new java.util.TreeSet<>(least), min, max);
  }

  /**
   * {@code equity.adaptive: {policy: PATH or null, reward: INDEX}}; absent means static weights. With
   * {@code policy: null} the scenario still names its reward index (for {@code equigrid train}).
   */
  private AdaptiveEquity adaptive(Section e) {
    if (!e.has("adaptive")) {
      return null;
    }
    Section a = e.section("adaptive", "policy", "reward");
    AdaptiveEquity.RewardIndex reward = a.choice("reward", AdaptiveEquity.DEFAULT_REWARD,
        AdaptiveEquity.RewardIndex.values(), AdaptiveEquity.RewardIndex::fileName);
    if (reward == null) {
      reward = AdaptiveEquity.DEFAULT_REWARD; // the problem is reported
    }
    if (!a.has("policy")) {
      a.out().putNull("policy");
      return new AdaptiveEquity(null, reward);
    }
    String text = a.text("policy", null, "checkpoint of equigrid train, or null");
    if (text == null) {
      return new AdaptiveEquity(null, reward);
    }
    Path policy = resolve(a, "policy", text);
    if (policy == null) {
      return null;
    }
    policy = policy.normalize();
    if (!java.nio.file.Files.isRegularFile(policy)) {
      a.problem("policy", a.raw("policy"), Messages.POLICY_NOT_FOUND + " (" + policy + "). Maybe train one with"
          + " equigrid train, or write policy: null to run with the static weights?");
      return null;
    }
    return new AdaptiveEquity(policy, reward);
  }

  /** The path relative to the scenario file, or null (reported) when the text is no path. */
  private Path resolve(Section owner, String key, String text) {
    try {
      return baseDir.resolve(text);
    } catch (java.nio.file.InvalidPathException e) {
      owner.problem(key, owner.raw(key), Messages.NOT_A_PATH + " (" + e.getReason() + ")");
      return null;
    }
  }

  private SolverOptions solver(Section s) {
    SolverOptions d = SolverOptions.defaults();
    Double time = s.number("timeLimitSeconds", d.timeLimitSeconds(), Check.POSITIVE, "seconds");
    Double gap = s.number("relativeGapLimit", d.relativeGapLimit(), Check.NON_NEGATIVE, "relative MILP gap");
    Boolean milp = s.bool("milpWhenBinariesBreak", d.milpWhenBinariesBreak());
    Double epsilon = s.number("epsilonEur", d.epsilonEur(), Check.POSITIVE, "EUR");
    Boolean pooling = s.bool("pooling", d.pooling());
    Boolean batteries = s.bool("poolIdenticalBatteries", d.poolIdenticalBatteries());
    if (time == null || gap == null || milp == null || epsilon == null || pooling == null
        || batteries == null) {
      return d;
    }
    return new SolverOptions(time, gap, milp, epsilon).withPooling(pooling)
        .withPoolIdenticalBatteries(batteries);
  }

  /** Largest {@code settlement.maxOrders}: about a day of LPs at 100 households. */
  static final long MAX_SETTLEMENT_ORDERS = 1_000_000;

  /**
   * {@code settlement: {rule, rawlsianObjective, tolerance, maxOrders, explain}} (DESIGN.md section
   * 3b; the sampler's stopping rule and the counterfactual explanations, docs/performance.md).
   */
  private static SettlementSettings settlement(Section s) {
    SettlementSettings d = SettlementSettings.defaults();
    SettlementSettings.Rule rule =
        s.choice("rule", d.rule(), SettlementSettings.Rule.values(), SettlementSettings.Rule::fileName);
    SettlementSettings.RawlsianObjective objective = s.choice("rawlsianObjective", d.rawlsianObjective(),
        SettlementSettings.RawlsianObjective.values(), SettlementSettings.RawlsianObjective::fileName);
    Double tolerance = s.number("tolerance", d.tolerance(),
        value -> value > 0 && value <= 1
            ? null
            : Messages.OUT_OF_RANGE + " (0, 1] (a fraction of the day's cooperative gain v(N))"
                + (value > 1 && value <= 100 ? Check.maybe(value / 100) : ". " + Messages.MAYBE + " 0.01?"),
        "the sampled settlement's 95 % half-width as a fraction of v(N)");
    Long maxOrders = s.whole("maxOrders", d.maxOrders(), Check.between(4, MAX_SETTLEMENT_ORDERS),
        "the most random orders of a sampled settlement day");
    SettlementSettings.Explain explain = s.choice("explain", d.explain(), SettlementSettings.Explain.values(),
        SettlementSettings.Explain::fileName);
    if (rule == null || objective == null || tolerance == null || maxOrders == null || explain == null) {
      return d;
    }
    return new SettlementSettings(rule, objective, tolerance, maxOrders, explain);
  }

  // --- helpers -------------------------------------------------------------------------------

  static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static Map<String, Double> ordered(Object... pairs) {
    Map<String, Double> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], (Double) pairs[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(map);
  }
}
