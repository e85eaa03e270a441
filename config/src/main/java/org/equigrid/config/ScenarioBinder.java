package org.equigrid.config;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.equigrid.config.MarketBinder.MarketKeys;
import org.equigrid.config.ProfileBinder.ProfileKeys;
import org.equigrid.config.ScenarioKeys.EquityKeys;
import org.equigrid.config.ScenarioKeys.SettlementKeys;
import org.equigrid.config.ScenarioKeys.SolverKeys;
import org.equigrid.config.ScenarioKeys.TopKeys;
import org.equigrid.config.TariffBinder.TariffKeys;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.model.EquitySettings;
import org.equigrid.market.model.Household;
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

    TariffPlan tariff =
        new TariffBinder(problems, baseDir).bind(top.section(TariffKeys.SECTION), horizon);

    MarketBinder.Market market = MarketBinder.bind(top.section(MarketKeys.SECTION));

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
        market.trading(),
        market.pricing(),
        equity,
        solver,
        groupShares,
        book,
        tariff,
        ScenarioReader.writeYaml(canonical),
        adaptive,
        settlement,
        market.negotiation(),
        market.negotiationTolerance());
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
