package org.equigrid.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.equigrid.config.CommunityBinder.CommunityKeys;
import org.equigrid.config.HorizonBinder.Horizon;
import org.equigrid.config.HorizonBinder.HorizonKeys;
import org.equigrid.config.ProfileBinder.ProfileKeys;
import org.equigrid.config.ScenarioKeys.EquityKeys;
import org.equigrid.config.ScenarioKeys.MarketKeys;
import org.equigrid.config.ScenarioKeys.SettlementKeys;
import org.equigrid.config.ScenarioKeys.SolverKeys;
import org.equigrid.config.ScenarioKeys.TariffKeys;
import org.equigrid.config.ScenarioKeys.TopKeys;
import org.equigrid.config.profile.CsvSeries;
import org.equigrid.config.profile.ProfileDataException;
import org.equigrid.config.profile.Resampler;
import org.equigrid.market.clearing.PricingRule;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.model.EquitySettings;
import org.equigrid.market.model.Household;
import org.equigrid.market.negotiation.NegotiationName;
import org.equigrid.market.settlement.SettlementSettings;

/**
 * Binds a scenario tree to a {@link Scenario} by hand, field by field, so that every mistake of the
 * file is collected with its path instead of stopping at the first. Every key is read through its
 * declaration in {@link ScenarioKeys} (name, type, default, range, help); the binder holds only
 * what the declarations cannot say: defaults computed from other values, and rules across keys.
 */
final class ScenarioBinder {

  private final Problems problems;
  private final BaseDir baseDir;

  ScenarioBinder(Path file, Problems problems) {
    this.problems = problems;
    this.baseDir = BaseDir.of(file);
  }

  Scenario bind(JsonNode root, String sourceFile) throws ScenarioException {
    ObjectNode canonical = Section.newTree();
    Section top = Section.root(problems, root, canonical, TopKeys.SECTION);
    String name = top.text(TopKeys.NAME);
    String description = top.text(TopKeys.DESCRIPTION);
    Long seed = top.whole(TopKeys.SEED);
    Horizon horizon = HorizonBinder.bind(top.section(HorizonKeys.SECTION));
    List<Member> members =
        new CommunityBinder(problems)
            .bind(top.section(CommunityKeys.SECTION), seed == null ? 0 : seed);

    ProfileBinder.Sources profiles =
        new ProfileBinder(problems, baseDir)
            .bind(top.section(ProfileKeys.SECTION), members, horizon);

    TariffPlan tariff = tariff(top.section(TariffKeys.SECTION), horizon);

    Section market = top.section(MarketKeys.SECTION);
    Boolean trading = market.bool(MarketKeys.TRADING);
    PricingRule pricing = market.choice(MarketKeys.PRICING);
    // Read only when given, so that the canonical YAML (and the fingerprint) of older scenarios
    // stays.
    NegotiationName negotiation =
        market.has(MarketKeys.NEGOTIATION)
            ? market.choice(MarketKeys.NEGOTIATION)
            : NegotiationName.TATONNEMENT;
    // Null when the value is refused (the problem is recorded and thrown below).
    Double toleranceGiven =
        market.has(MarketKeys.NEGOTIATION_TOLERANCE)
            ? market.number(MarketKeys.NEGOTIATION_TOLERANCE)
            : null;
    double negotiationTolerance =
        toleranceGiven == null ? Scenario.NEGOTIATION_TOLERANCE : toleranceGiven;

    Map<String, Double> groupShares = groupShares(members);
    Section equitySection = top.section(EquityKeys.SECTION);
    EquitySettings equity = equity(equitySection, groupShares);
    AdaptiveEquity adaptive = adaptive(equitySection);
    SolverOptions solver = solver(top.section(SolverKeys.SECTION));
    SettlementSettings settlement = settlement(top.section(SettlementKeys.SECTION));

    problems.throwIfAny();
    members = new ArrayList<>(members);
    members.sort(Comparator.comparing(m -> m.household().id()));
    ProfileBook book = profiles.book(members, seed, horizon);
    List<Household> households = members.stream().map(Member::household).toList();
    return new Scenario(
        name,
        description,
        sourceFile,
        seed,
        horizon.days(),
        horizon.intervalMinutes() / 60.0,
        horizon.intervalsPerDay(),
        horizon.startDayOfYear(),
        households,
        trading,
        pricing,
        equity,
        solver,
        groupShares,
        book,
        tariff,
        ScenarioReader.writeYaml(canonical),
        adaptive,
        settlement,
        negotiation,
        negotiationTolerance);
  }

  // --- tariff --------------------------------------------------------------------------------

  private TariffPlan tariff(Section t, Horizon horizon) {
    List<String> given = new ArrayList<>();
    List<ScenarioKey> imports =
        List.of(TariffKeys.IMPORT_PERIODS, TariffKeys.IMPORT_PRICE, TariffKeys.IMPORT_PRICE_CSV);
    for (ScenarioKey key : imports) {
      if (t.has(key)) {
        given.add(key.name());
      }
    }
    if (given.size() > 1) {
      problems.add(
          t.path(),
          null,
          Messages.ONE_OF_KEYS
              + " "
              + String.join(", ", imports.stream().map(ScenarioKey::name).toList())
              + " (have "
              + String.join(", ", given)
              + ")");
    }
    int perDay = horizon.intervalsPerDay();
    double[] ofDay = null;
    double[] series = null;
    int seriesFirstDay = 1;
    if (t.has(TariffKeys.IMPORT_PRICE)) {
      Double flat = t.number(TariffKeys.IMPORT_PRICE);
      ofDay = new double[perDay];
      java.util.Arrays.fill(ofDay, flat == null ? 0 : flat);
    } else if (t.has(TariffKeys.IMPORT_PRICE_CSV)) {
      Section c = t.section(TariffKeys.IMPORT_PRICE_CSV);
      String path = c.text(TariffKeys.PRICE_PATH);
      String column = c.text(TariffKeys.PRICE_COLUMN);
      Integer minutes = c.integer(TariffKeys.PRICE_INTERVAL_MINUTES);
      if (minutes != null && (minutes > 1440 || 1440 % minutes != 0)) {
        c.problem(TariffKeys.PRICE_INTERVAL_MINUTES, "must divide a day of 1440 minutes");
        minutes = null;
      }
      Integer first = c.integer(TariffKeys.PRICE_FIRST_DAY_OF_YEAR);
      Integer skip = c.integer(TariffKeys.PRICE_SKIP_ROWS);
      Double multiplier = c.number(TariffKeys.PRICE_MULTIPLIER);
      if (path != null && baseDir.resolve(c, TariffKeys.PRICE_PATH, path) == null) {
        path = null;
      }
      if (path != null
          && column != null
          && minutes != null
          && first != null
          && skip != null
          && multiplier != null) {
        try {
          double[] raw = CsvSeries.readNumbers(baseDir.resolve(path), column, skip);
          double[] values = Resampler.intensive(raw, minutes, horizon.intervalMinutes());
          int whole = values.length / perDay * perDay;
          if (whole == 0) {
            c.problem(
                TariffKeys.PRICE_PATH, Messages.CSV_PROBLEM + ": less than one day of prices");
          } else {
            series = new double[whole];
            for (int i = 0; i < whole; i++) {
              series[i] = values[i] * multiplier;
              if (Math.abs(series[i]) > Check.MAX_PRICE_EUR) {
                c.problem(
                    TariffKeys.PRICE_PATH,
                    Messages.CSV_PROBLEM
                        + ": the price of interval "
                        + i
                        + " ("
                        + Check.format(series[i])
                        + " EUR/kWh after the multiplier) "
                        + Messages.OUT_OF_RANGE
                        + " [-1000, 1000] EUR/kWh");
                series = null;
                break;
              }
            }
            seriesFirstDay = first;
          }
        } catch (ProfileDataException e) {
          c.problem(TariffKeys.PRICE_PATH, Messages.CSV_PROBLEM + ": " + e.getMessage());
        }
      }
    } else {
      ofDay = periods(t, perDay);
    }
    Double export = t.number(TariffKeys.EXPORT_PRICE);
    Double peak = t.number(TariffKeys.PEAK_CHARGE);
    Double importLimit = t.number(TariffKeys.IMPORT_LIMIT);
    Double exportLimit = t.number(TariffKeys.EXPORT_LIMIT);
    if (ofDay == null && series == null
        || export == null
        || peak == null
        || importLimit == null
        || exportLimit == null) {
      return null;
    }
    TariffPlan plan =
        new TariffPlan(
            ofDay,
            series,
            seriesFirstDay,
            export,
            peak,
            importLimit,
            exportLimit,
            horizon.startDayOfYear(),
            perDay);
    double lowest = plan.lowestImportEurPerKwh();
    if (export > lowest) {
      t.problem(
          TariffKeys.EXPORT_PRICE,
          Messages.EXPORT_ABOVE_IMPORT
              + " ("
              + Check.format(lowest)
              + " EUR/kWh)"
              + Check.maybe(lowest));
    }
    return plan;
  }

  private double[] periods(Section t, int perDay) {
    double[][] periods;
    if (!t.has(TariffKeys.IMPORT_PERIODS)) {
      periods = TariffKeys.DEFAULT_PERIODS;
      ArrayNode mirror = t.out().putArray(TariffKeys.IMPORT_PERIODS.name());
      for (double[] p : periods) {
        mirror
            .addObject()
            .put(TariffKeys.FROM_HOUR.name(), p[0])
            .put(TariffKeys.TO_HOUR.name(), p[1])
            .put(TariffKeys.PERIOD_PRICE.name(), p[2]);
      }
    } else {
      List<double[]> list = new ArrayList<>();
      boolean complete = true;
      for (Section p : t.sections(TariffKeys.IMPORT_PERIODS)) {
        Double from = p.number(TariffKeys.FROM_HOUR);
        Double to = p.number(TariffKeys.TO_HOUR);
        Double price = p.number(TariffKeys.PERIOD_PRICE);
        if (from == null || to == null || price == null) {
          complete = false;
          continue;
        }
        if (to <= from) {
          p.problem(
              TariffKeys.TO_HOUR,
              "must be > " + TariffKeys.FROM_HOUR.name() + " (" + Check.format(from) + ")");
          complete = false;
          continue;
        }
        list.add(new double[] {from, to, price});
      }
      if (!t.raw(TariffKeys.IMPORT_PERIODS).isArray()) {
        return null;
      }
      if (!complete) {
        return null;
      }
      list.sort(Comparator.comparingDouble(p -> p[0]));
      double reached = 0;
      for (double[] p : list) {
        if (Math.abs(p[0] - reached) > 1e-9) {
          problems.add(
              t.child(TariffKeys.IMPORT_PERIODS),
              null,
              Messages.PERIODS_MUST_COVER_DAY
                  + " ("
                  + (p[0] > reached ? "gap" : "overlap")
                  + " at "
                  + Check.format(Math.min(p[0], reached))
                  + " h)");
          return null;
        }
        reached = p[1];
      }
      if (Math.abs(reached - 24) > 1e-9) {
        problems.add(
            t.child(TariffKeys.IMPORT_PERIODS),
            null,
            Messages.PERIODS_MUST_COVER_DAY + " (they end at " + Check.format(reached) + " h)");
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
    Map<String, Double> raw = e.numbers(EquityKeys.WEIGHTS);
    Double rho = e.number(EquityKeys.RAWLSIAN_STRENGTH);
    List<String> least = e.texts(EquityKeys.LEAST_ADVANTAGED);
    Double min = e.number(EquityKeys.MIN_WEIGHT);
    Double max = e.number(EquityKeys.MAX_WEIGHT);
    if (groupShares.isEmpty()) {
      return null;
    }
    Set<String> groups = groupShares.keySet();
    for (String group : raw.keySet()) {
      if (!groups.contains(group)) {
        problems.add(
            e.child(EquityKeys.WEIGHTS) + "." + group,
            null,
            Messages.UNKNOWN_GROUP
                + " ("
                + String.join(", ", groups)
                + ")"
                + Suggestions.advice(group, groups));
      }
    }
    for (int i = 0; i < least.size(); i++) {
      if (!groups.contains(least.get(i))) {
        problems.add(
            e.child(EquityKeys.LEAST_ADVANTAGED) + "[" + i + "]",
            least.get(i),
            Messages.UNKNOWN_GROUP
                + " ("
                + String.join(", ", groups)
                + ")"
                + Suggestions.advice(least.get(i), groups));
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
        JsonNode written =
            e.raw(EquityKeys.WEIGHTS) == null ? null : e.raw(EquityKeys.WEIGHTS).get(group);
        problems.add(
            e.child(EquityKeys.WEIGHTS) + "." + group,
            written == null ? null : Section.written(written),
            Messages.WEIGHT_OUT_OF_BOUNDS
                + ": "
                + Check.format(raw.getOrDefault(group, 1.0))
                + " / population-weighted mean "
                + String.format(Locale.ROOT, "%.4f", mean)
                + " = "
                + String.format(Locale.ROOT, "%.4f", w)
                + ", outside ["
                + Check.format(min)
                + ", "
                + Check.format(max)
                + "]. Maybe widen "
                + EquityKeys.MIN_WEIGHT.name()
                + "/"
                + EquityKeys.MAX_WEIGHT.name()
                + " or move the weights closer together?");
      }
      normalised.put(group, w);
    }
    return new EquitySettings(normalised, rho, new java.util.TreeSet<>(least), min, max);
  }

  /**
   * {@code equity.adaptive: {policy: PATH or null, reward: INDEX}}; absent means static weights.
   * With {@code policy: null} the scenario still names its reward index (for {@code equigrid
   * train}).
   */
  private AdaptiveEquity adaptive(Section e) {
    if (!e.has(EquityKeys.ADAPTIVE)) {
      return null;
    }
    Section a = e.section(EquityKeys.ADAPTIVE);
    AdaptiveEquity.RewardIndex reward = a.choice(EquityKeys.REWARD);
    if (reward == null) {
      reward = AdaptiveEquity.DEFAULT_REWARD; // the problem is reported
    }
    if (!a.has(EquityKeys.POLICY)) {
      a.out().putNull(EquityKeys.POLICY.name());
      return new AdaptiveEquity(null, reward);
    }
    String text = a.text(EquityKeys.POLICY);
    if (text == null) {
      return new AdaptiveEquity(null, reward);
    }
    Path policy = baseDir.resolve(a, EquityKeys.POLICY, text);
    if (policy == null) {
      return null;
    }
    policy = policy.normalize();
    if (!java.nio.file.Files.isRegularFile(policy)) {
      a.problem(
          EquityKeys.POLICY,
          Messages.POLICY_NOT_FOUND
              + " ("
              + policy
              + "). Maybe train one with"
              + " equigrid train, or write policy: null to run with the static weights?");
      return null;
    }
    return new AdaptiveEquity(policy, reward);
  }

  private SolverOptions solver(Section s) {
    SolverOptions d = SolverOptions.defaults();
    Double time = s.number(SolverKeys.TIME_LIMIT_SECONDS);
    Double gap = s.number(SolverKeys.RELATIVE_GAP_LIMIT);
    Boolean milp = s.bool(SolverKeys.MILP_WHEN_BINARIES_BREAK);
    Double epsilon = s.number(SolverKeys.EPSILON_EUR);
    Boolean pooling = s.bool(SolverKeys.POOLING);
    Boolean batteries = s.bool(SolverKeys.POOL_IDENTICAL_BATTERIES);
    if (time == null
        || gap == null
        || milp == null
        || epsilon == null
        || pooling == null
        || batteries == null) {
      return d;
    }
    return new SolverOptions(time, gap, milp, epsilon)
        .withPooling(pooling)
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
    SettlementSettings.Rule rule = s.choice(SettlementKeys.RULE);
    SettlementSettings.RawlsianObjective objective = s.choice(SettlementKeys.RAWLSIAN_OBJECTIVE);
    Double tolerance = s.number(SettlementKeys.TOLERANCE);
    Long maxOrders = s.whole(SettlementKeys.MAX_ORDERS);
    SettlementSettings.Explain explain = s.choice(SettlementKeys.EXPLAIN);
    if (rule == null
        || objective == null
        || tolerance == null
        || maxOrders == null
        || explain == null) {
      return d;
    }
    return new SettlementSettings(rule, objective, tolerance, maxOrders, explain);
  }
}
