package org.equigrid.agents.learning.equity;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGeneratorFactory;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.config.Scenario;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.clearing.CoalitionSolver;
import org.equigrid.market.clearing.MarketClearing;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.equity.DayEquity;
import org.equigrid.market.equity.DayEquityCalculator;
import org.equigrid.market.game.ShapleyValue;
import org.equigrid.market.game.TabularGame;
import org.equigrid.market.metrics.DayMetrics;
import org.equigrid.market.metrics.DayMetricsCalculator;
import org.equigrid.market.model.EquitySettings;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.settlement.CoalitionValues;
import org.equigrid.market.settlement.DaySettlement;
import org.equigrid.market.settlement.Settlement;
import org.equigrid.market.settlement.SettlementSettings;

/**
 * Runs one day of a scenario under given weights, fast enough for learning.
 *
 * <p>Every day starts from the batteries' initial state of charge ({@link Scenario#initialSocKwh}),
 * so days are independent and everything that does not depend on the weights is computed once per
 * day index and cached: the day's profiles, pool prices, standalone optima, the cost-minimising
 * dispatch and the coalition values {@code v(S ≠ N)}. A visit then solves only the weighted
 * dispatch LP.
 *
 * <p>Settlement: the scenario's rule ({@code settlement.rule}, DESIGN.md section 3b), by the same
 * rule code as {@code equigrid run} ({@link Settlement#byRule}). The {@code market} rule needs no
 * Shapley value, so no coalition is ever evaluated for it. The other rules start from the
 * (weighted; unit weights for {@code shapley}) Shapley value: communities up to {@code
 * exactMaxHouseholds} get it exactly from the cached table of all coalitions; larger ones the
 * importance-sampled estimate of {@link FixedOrderShapley} over orders fixed per day (seeded from
 * the options' seed and the day index), so a second visit of a day solves no coalition LP whatever
 * the weights. The {@code rawlsian} rule's core rows are the cached coalitions (all of them when
 * exact, those of the fixed orders otherwise). Counterfactuals, core checks and explanations are
 * skipped. Thread-safe.
 */
public final class DayEvaluator {

  private static final Logger LOG = LogManager.getLogger();

  static final String IMPORTANCE_SAMPLED = "importance-sampled";

  /** The method of a day settled by the {@code market} rule: no Shapley value was computed. */
  static final String MARKET = "market";

  private final Scenario scenario;
  private final EquityEnvironmentOptions options;
  private final MarketClearing clearing;
  private final DayMetricsCalculator metrics;
  private final DayEquityCalculator equity;
  private final WeightMap weightMap;
  private final Map<Integer, CachedDay> cache = new ConcurrentHashMap<>();
  private final Map<Integer, DayOutcome> neutralCache = new ConcurrentHashMap<>();

  /**
   * {@code values}, {@code table}, {@code sampled} and {@code rows} are null where the rule needs
   * none.
   */
  private record CachedDay(
      ClearedDay base,
      CoalitionValues values,
      double[] table,
      FixedOrderShapley sampled,
      Map<BitSet, Double> rows) {}

  /**
   * Solves the LP relaxation of every clearing (see {@link #DayEvaluator(Scenario,
   * EquityEnvironmentOptions, boolean)}).
   */
  public DayEvaluator(Scenario scenario, EquityEnvironmentOptions options) {
    this(scenario, options, false);
  }

  /**
   * @param exactBinaries false (the default for learning): solve the LP relaxation of every
   *     clearing and never the MILP where the relaxation breaks a binary (a household charging and
   *     discharging, or importing and exporting, in one interval). DESIGN.md section 2 measured the
   *     same optimum for the relaxation and SCIP on 10–50 homes; the MILP stage made steps up to
   *     ten times slower. true: the scenario's solver settings as they are
   */
  public DayEvaluator(Scenario scenario, EquityEnvironmentOptions options, boolean exactBinaries) {
    if (!scenario.trading()) {
      throw new IllegalArgumentException(
          "Scenario "
              + scenario.name()
              + " does not trade (market.trading: false); equity weights have no effect."
              + "\nMaybe use a P2P scenario such as s5-p2p-static-equity?");
    }
    this.scenario = scenario;
    this.options = options;
    SolverOptions solver = scenario.solverOptions();
    if (!exactBinaries) {
      solver =
          new SolverOptions(
              solver.timeLimitSeconds(), solver.relativeGapLimit(), false, solver.epsilonEur());
    }
    this.clearing = new MarketClearing(new CoalitionSolver(solver), 1);
    this.metrics = new DayMetricsCalculator(scenario.solverOptions().epsilonEur());
    this.equity = new DayEquityCalculator(scenario.solverOptions().epsilonEur());
    this.weightMap =
        new WeightMap(
            scenario.groupShares(), scenario.equity().minWeight(), scenario.equity().maxWeight());
  }

  public Scenario scenario() {
    return scenario;
  }

  public WeightMap weightMap() {
    return weightMap;
  }

  /** The scenario's static weights in group order. */
  public double[] staticWeights() {
    double[] w = new double[weightMap.dimensions()];
    for (int g = 0; g < w.length; g++) {
      w[g] = scenario.equity().weightOf(weightMap.groups().get(g));
    }
    return w;
  }

  /**
   * Runs day {@code dayIndex} with group weights {@code weights} (group order of the weight map).
   */
  public DayOutcome evaluate(int dayIndex, double[] weights) {
    Settled day = settled(dayIndex, weights);
    ClearedDay cleared = day.cleared();
    DayMetrics dayMetrics = metrics.compute(cleared);
    DayEquity dayEquity =
        equity.compute(
            cleared.day().households(),
            cleared.equity().leastAdvantagedGroups(),
            dayMetrics,
            day.settlement());
    return DayOutcome.of(
        cleared, dayMetrics, dayEquity, day.settlement().method(), weightMap.groups());
  }

  /**
   * Day {@code dayIndex} with all group weights 1 (the scenario's Rawlsian strength as it is), run
   * once per day and cached: it does not depend on any action, which makes it the per-day baseline
   * of the reward ({@link EquityEnvironmentOptions#neutralBaseline()}).
   */
  public DayOutcome neutralOutcome(int dayIndex) {
    DayOutcome known = neutralCache.get(dayIndex);
    if (known != null) {
      return known;
    }
    double[] ones = new double[weightMap.dimensions()];
    java.util.Arrays.fill(ones, 1.0);
    DayOutcome outcome = evaluate(dayIndex, ones);
    DayOutcome first = neutralCache.putIfAbsent(dayIndex, outcome);
    return first != null ? first : outcome; // one outcome per day even when two threads race
  }

  /** Coalition LPs solved so far over all cached days (none for the {@code market} rule). */
  public int coalitionSolves() {
    return cache.values().stream()
        .mapToInt(d -> d.values() == null ? 0 : d.values().solves())
        .sum();
  }

  private boolean marketRule() {
    return scenario.settlement().rule() == SettlementSettings.Rule.MARKET;
  }

  /**
   * Day {@code dayIndex} under {@code weights}: the cleared day and its settlement (for tests and
   * reports).
   */
  Settled settled(int dayIndex, double[] weights) {
    CachedDay cached = cache.computeIfAbsent(dayIndex, this::prepare);
    ClearedDay cleared =
        clearing.reweigh(cached.base(), scenario.equity().withWeights(weightMap.asMap(weights)));
    boolean unsettled =
        cleared.degraded() || (!marketRule() && cached.table() == null && cached.sampled() == null);
    DaySettlement settlement = unsettled ? Settlement.none(cleared) : settle(cached, cleared);
    return new Settled(cleared, settlement);
  }

  record Settled(ClearedDay cleared, DaySettlement settlement) {}

  private DaySettlement settle(CachedDay cached, ClearedDay cleared) {
    int n = cleared.day().householdCount();
    SettlementSettings rule = scenario.settlement();
    double epsilon = scenario.solverOptions().epsilonEur();
    double[] lambda = new double[n];
    for (int i = 0; i < n; i++) {
      lambda[i] =
          rule.rule() == SettlementSettings.Rule.SHAPLEY
              ? 1.0
              : cleared.equity().weightOf(cleared.day().households().get(i).group());
    }
    if (rule.rule() == SettlementSettings.Rule.MARKET) {
      return Settlement.byRule(rule, cleared, epsilon, MARKET, lambda, null, Map.of());
    }
    double grand = cleared.dispatchGainEur();
    double[] shares;
    String method;
    if (cached.table() != null) {
      double[] table = cached.table().clone();
      table[table.length - 1] = grand;
      shares = ShapleyValue.weightedShapley(TabularGame.of(n, table), lambda);
      method = DaySettlement.EXACT;
    } else {
      shares = cached.sampled().shares(lambda, grand);
      method = IMPORTANCE_SAMPLED;
    }
    double[] bills = new double[n];
    for (int i = 0; i < n; i++) {
      bills[i] = cleared.standaloneCostEur(i) - shares[i];
    }
    Map<BitSet, Double> rows =
        rule.rule() == SettlementSettings.Rule.RAWLSIAN ? cached.rows() : Map.of();
    return Settlement.byRule(rule, cleared, epsilon, method, lambda, bills, rows);
  }

  private CachedDay prepare(int dayIndex) {
    long start = System.nanoTime();
    TradingDay day = scenario.day(dayIndex, scenario.initialSocKwh());
    ClearedDay base = clearing.clear(day, EquitySettings.neutral(), scenario.pricingRule());
    if (marketRule()) {
      LOG.debug(
          "day {} prepared (market rule, no coalition): {} s",
          dayIndex,
          (System.nanoTime() - start) / 1e9);
      return new CachedDay(base, null, null, null, null);
    }
    CoalitionValues values = new CoalitionValues(base, clearing.solver());
    int n = day.householdCount();
    double[] table = null;
    FixedOrderShapley sampled = null;
    Map<BitSet, Double> rows = null;
    if (!base.degraded()) {
      if (n <= options.exactMaxHouseholds()) {
        table = new double[1 << n];
        for (int mask = 1; mask < table.length - 1; mask++) {
          table[mask] = values.value(mask);
        }
      } else {
        sampled =
            new FixedOrderShapley(
                values,
                proposals(day),
                options.settlementOrders(),
                RandomGeneratorFactory.of("L64X128MixRandom")
                    .create(daySeed(options.seed(), dayIndex)));
      }
      rows =
          values.evaluated(); // the Rawlsian rule's core rows: every coalition evaluated, fixed per
      // day
    }
    LOG.debug(
        "day {} prepared: {} coalition LPs, {} s",
        dayIndex,
        values.solves(),
        (System.nanoTime() - start) / 1e9);
    return new CachedDay(base, values, table, sampled, rows);
  }

  /**
   * Neutral, the scenario's static weights and their inverse (when the static ones differ from 1).
   */
  private List<double[]> proposals(TradingDay day) {
    int n = day.householdCount();
    double[] neutral = new double[n];
    double[] fixed = new double[n];
    double[] inverse = new double[n];
    boolean differs = false;
    for (int i = 0; i < n; i++) {
      neutral[i] = 1;
      fixed[i] = scenario.equity().weightOf(day.households().get(i).group());
      inverse[i] = 1 / fixed[i];
      differs |= fixed[i] != 1;
    }
    List<double[]> proposals = new ArrayList<>();
    proposals.add(neutral);
    if (differs) {
      proposals.add(fixed);
      proposals.add(inverse);
    }
    return proposals;
  }

  /** The seed of a day's settlement orders: SplitMix64 of the run seed and the day index. */
  static long daySeed(long seed, int dayIndex) {
    long z = seed + 0x9e3779b97f4a7c15L * (dayIndex + 1L);
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
