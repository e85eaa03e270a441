package org.equigrid.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.equigrid.config.CommunityBinder.CommunityKeys;
import org.equigrid.config.EquityBinder.EquityKeys;
import org.equigrid.config.HorizonBinder.Horizon;
import org.equigrid.config.HorizonBinder.HorizonKeys;
import org.equigrid.config.MarketBinder.MarketKeys;
import org.equigrid.config.ProfileBinder.ProfileKeys;
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

    Map<String, Double> groupShares = EquityBinder.groupShares(members);
    Section equitySection = top.section(EquityKeys.SECTION);
    EquityBinder equityBinder = new EquityBinder(problems, baseDir);
    EquitySettings equity = equityBinder.equity(equitySection, groupShares);
    AdaptiveEquity adaptive = equityBinder.adaptive(equitySection);
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
