package org.equigrid.market.settlement;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.clearing.CoalitionSolver;
import org.equigrid.market.game.ControlVariate;
import org.equigrid.market.game.FittedControls;
import org.equigrid.market.game.LargeCoalitionGame;
import org.equigrid.market.game.SampledShapley;
import org.equigrid.market.game.SampledShares;
import org.equigrid.market.game.SamplingOptions;
import org.equigrid.market.game.ShapleyValue;
import org.equigrid.market.game.TabularGame;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.settlement.DaySettlement.Counterfactual;
import org.equigrid.market.settlement.DaySettlement.RuleOutcome;
import org.equigrid.market.settlement.DaySettlement.Stability;
import org.equigrid.market.settlement.RuleInput.CoalitionRow;

/**
 * Settles a cleared day (DESIGN.md section 3): the Kalai–Samet weighted Shapley value of the day's
 * coalition game with {@code λ_i = w[g(i)]}, exact by enumeration for small communities, sampled
 * (antithetic weighted random orders, standard errors) for larger ones, and by household types
 * ({@link TypeSettlement}) above {@link SettlementOptions#typesAboveHouseholds()}; the bills {@code
 * B_i = C0_i − φ_i}; the core check ({@link StabilityCheck}); the scenario's settlement rule
 * ({@link RuleSettlement}); and the counterfactual shares of DESIGN.md section 6 ({@link
 * Counterfactuals}, from the settlement's random orders). The share with the neutral weight is
 * exact from the table, or re-weighted by the orders' likelihood ratio when sampled.
 *
 * <p>The sampled method draws its orders from a generator seeded by one {@code nextLong()} of the
 * caller's, in batches whose size does not depend on the threads; each order's prefixes are solved
 * on one incremental LP ({@link OrderWalks}), the orders of a batch in parallel, and their values
 * recorded in batch order, so the result does not depend on {@link SettlementOptions#threads()}. It
 * stops when every household's 95 % half-width is within the stopping rule ({@link
 * SettlementOptions#withSettlement}: a fraction of {@code |v(N)|}), checked between batches.
 */
public final class Settlement {

  private static final Logger LOG = LogManager.getLogger();
  static final String RANDOM = "L64X128MixRandom";

  private final CoalitionSolver solver;
  private final SettlementOptions options;

  public Settlement(CoalitionSolver solver, SettlementOptions options) {
    this.solver = solver;
    this.options = options;
  }

  /** Every household pays its standalone cost: a day without trading, or a degraded day. */
  public static DaySettlement none(ClearedDay cleared) {
    int n = cleared.day().householdCount();
    double[] bills = new double[n];
    double[] weights = new double[n];
    List<Counterfactual> counterfactuals = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      bills[i] = cleared.standaloneCostEur(i);
      weights[i] = 1.0;
      counterfactuals.add(new Counterfactual(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0.0));
    }
    return new DaySettlement(
        DaySettlement.NONE,
        0.0,
        new double[n],
        new double[n],
        bills,
        weights,
        0,
        true,
        new Stability("none", 0, true, "", 0.0, Double.NaN),
        0,
        0,
        counterfactuals,
        0,
        RuleOutcome.plain(DaySettlement.NONE));
  }

  public DaySettlement settle(ClearedDay cleared, RandomGenerator rng) {
    return settle(cleared, new CoalitionValues(cleared, solver), rng);
  }

  /**
   * Settles with given coalition values, e.g. a {@link CoalitionValues#withDispatch} view that
   * reuses the values {@code v(S ≠ N)} of an earlier settlement of the same day.
   *
   * @param values the values of {@code cleared}'s day; {@code v(N)} must come from {@code cleared}
   */
  public DaySettlement settle(ClearedDay cleared, CoalitionValues values, RandomGenerator rng) {
    if (cleared.degraded()) {
      return none(cleared);
    }
    TradingDay day = cleared.day();
    int n = day.householdCount();
    // household types have one fixed profile each: a day with flexible demand is sampled instead
    if (n > options.typesAboveHouseholds() && !hasFlex(day)) {
      ExecutorService pool = pool();
      try {
        DaySettlement byTypes =
            TypeSettlement.settle(cleared, solver, options, equalWeights(), rng, pool);
        return applyRule(cleared, byTypes, List.of(), null, false);
      } finally {
        pool.shutdownNow();
      }
    }
    double[] lambda = new double[n];
    for (int i = 0; i < n; i++) {
      lambda[i] = equalWeights() ? 1.0 : cleared.equity().weightOf(day.households().get(i).group());
    }
    OrderLog log = new OrderLog(n, lambda, options.counterfactualOrders());
    double[] shares;
    double[] standardErrors = new double[n];
    double[] neutral = new double[n];
    long orders;
    boolean converged;
    double maxHalfWidthEur = 0;
    double toleranceEur = Double.NaN;
    Stability stability;
    String method;
    List<CoalitionRow> rows;
    Function<double[], Stability> check;
    ExecutorService pool = pool();
    try {
      if (n <= options.exactMaxHouseholds()) {
        method = DaySettlement.EXACT;
        TabularGame table = tabulate(values, n, pool);
        shares = ShapleyValue.weightedShapley(table, lambda);
        for (int i = 0; i < n; i++) {
          double[] neutralLambda = lambda.clone();
          neutralLambda[i] = 1.0;
          neutral[i] =
              lambda[i] == 1.0 ? shares[i] : ShapleyValue.weightedShapley(table, neutralLambda)[i];
        }
        SampledShapley.estimate(
            LargeCoalitionGame.of(table),
            lambda,
            SamplingOptions.fixedOrders(evenAtLeastFour(options.counterfactualOrders())),
            rng,
            log);
        orders = 0;
        converged = true;
        stability = StabilityCheck.exact(table, shares, day);
        rows = RuleSettlement.coalitionRows(n, coalitions(table));
        check = ruleShares -> StabilityCheck.exact(table, ruleShares, day);
      } else {
        method = DaySettlement.SAMPLED;
        long seed = rng.nextLong();
        // The market rule's bills are the dispatch's: no Shapley share reaches a bill or a results
        // file, so only the first batch of orders is walked, for the core check of those bills
        // on the coalitions it visits (no control variates, no stopping rule, no half-width).
        boolean sharesUsed = options.settlement().rule() != SettlementSettings.Rule.MARKET;
        // The tolerance is a share of |v(N)| or of the cost-minimising gain, the larger: the
        // weights' price of fairness shrinks v(N), not the coalition values the orders walk
        // (BENCHMARKS.md, "SCIP's root above the binary limit (session 13)").
        SamplingOptions sampling =
            sharesUsed
                ? options.sampling().withGainFloor(cleared.costMinimisingGainEur())
                : SamplingOptions.fixedOrders(options.sampling().minOrders());
        SampledShares sampled;
        try (OrderWalks walks = new OrderWalks(values, pool)) {
          // the control variates are sampled on a pool thread while the first batch is walked
          Future<List<ControlVariate>> controls =
              sharesUsed
                  ? pool.submit(() -> ControlVariates.of(cleared, lambda, seed, options.sampling()))
                  : CompletableFuture.completedFuture(List.of());
          try {
            sampled =
                FittedControls.estimate(
                    walks,
                    lambda,
                    sampling,
                    RandomGeneratorFactory.of(RANDOM).create(seed),
                    log,
                    () -> get(controls));
          } finally {
            controls.cancel(true);
          }
          LOG.debug(
              "day {}: {} prefixes of the sampled orders solved per coalition (broken pair)",
              day.dayIndex(),
              walks.fallbacks());
        }
        toleranceEur =
            sharesUsed ? SampledShapley.allowedHalfWidth(sampled.mean(), sampling) : Double.NaN;
        maxHalfWidthEur = sharesUsed ? sampled.maxHalfWidth95() : Double.NaN;
        shares = sampled.mean();
        standardErrors = sampled.standardError();
        orders = sampled.orders();
        converged = !sharesUsed || sampled.converged();
        for (int i = 0; i < n; i++) {
          neutral[i] = lambda[i] == 1.0 ? shares[i] : log.neutralShare(i);
        }
        stability = StabilityCheck.visited(values, shares, day);
        rows = RuleSettlement.coalitionRows(n, values.evaluated());
        check = ruleShares -> StabilityCheck.visited(values, ruleShares, day);
      }
      List<Counterfactual> counterfactuals =
          Counterfactuals.of(
              solver, options.settlement(), cleared, values, log, shares, neutral, pool);
      double[] bills = new double[n];
      for (int i = 0; i < n; i++) {
        bills[i] = values.standaloneCostEur(i) - shares[i];
      }
      double grand = grandValue(values, n);
      LOG.debug(
          "day {} settled ({}): v(N) {} EUR, {} coalition LPs, in core: {}",
          day.dayIndex(),
          method,
          grand,
          values.solves(),
          stability.inCore());
      DaySettlement shapley =
          new DaySettlement(
              method,
              grand,
              shares,
              standardErrors,
              bills,
              lambda,
              orders,
              converged,
              stability,
              values.solves(),
              values.failedSolves(),
              counterfactuals,
              0,
              DaySettlement.RuleOutcome.plain(SettlementSettings.Rule.WEIGHTED_SHAPLEY.fileName()),
              maxHalfWidthEur,
              toleranceEur);
      return applyRule(cleared, shapley, rows, check, method.equals(DaySettlement.EXACT));
    } finally {
      pool.shutdownNow();
    }
  }

  private DaySettlement applyRule(
      ClearedDay cleared,
      DaySettlement shapley,
      List<CoalitionRow> rows,
      Function<double[], Stability> check,
      boolean exact) {
    return RuleSettlement.apply(
        options.settlement(), solver.options().epsilonEur(), cleared, shapley, rows, check, exact);
  }

  /**
   * A day under a settlement rule (DESIGN.md section 3b) for a caller that computes the Shapley
   * value itself, such as the learner's cached exact table or importance-sampled estimate ({@code
   * agents.learning.equity.DayEvaluator}): the same rule code as {@link #settle}, without the core
   * check (stability {@code not checked}) or counterfactuals (none).
   *
   * @param settings the rule
   * @param cleared a cleared day that is not degraded
   * @param epsilonEur {@code ε} of the relative savings {@code max(|C0_i|, ε)}
   * @param method how the Shapley value was computed (the settlement's {@code method}); for the
   *     {@code market} rule without a Shapley value, anything that says so
   * @param lambda {@code λ_i} the Shapley value was computed with (reported as the weights)
   * @param shapleyBillEur its bills {@code C0_i − φ_i}; may be null for the {@code market} rule
   *     only
   * @param evaluated coalition values {@code v(S)} known for the day (the {@code rawlsian} rule's
   *     core rows); coalitions with {@code |S| < 2} or {@code S = N} are ignored
   */
  public static DaySettlement byRule(
      SettlementSettings settings,
      ClearedDay cleared,
      double epsilonEur,
      String method,
      double[] lambda,
      double[] shapleyBillEur,
      Map<BitSet, Double> evaluated) {
    return RuleSettlement.byRule(
        settings, cleared, epsilonEur, method, lambda, shapleyBillEur, evaluated);
  }

  private boolean equalWeights() {
    return options.settlement().rule() == SettlementSettings.Rule.SHAPLEY;
  }

  /** Every coalition of the table, by increasing bit mask. */
  private static Map<BitSet, Double> coalitions(TabularGame table) {
    int n = table.players();
    Map<BitSet, Double> all = new java.util.LinkedHashMap<>();
    for (long mask = 1; mask < 1L << n; mask++) {
      all.put(BitSet.valueOf(new long[] {mask}), table.value(mask));
    }
    return all;
  }

  /**
   * Settles the day twice, by sampling households and by types, and measures the types method's
   * approximation error (for communities where both run, e.g. 30 to 60 households).
   */
  public TypeApproximation compareTypesWithSampling(ClearedDay cleared, RandomGenerator rng) {
    int n = cleared.day().householdCount();
    if (n < 2) {
      throw new IllegalArgumentException("need at least 2 households to compare, got " + n);
    }
    long typesSeed = rng.nextLong();
    long sampledSeed = rng.nextLong();
    DaySettlement types =
        new Settlement(solver, options.withLimits(1, 1))
            .settle(cleared, RandomGeneratorFactory.of(RANDOM).create(typesSeed));
    DaySettlement sampled =
        new Settlement(solver, options.withLimits(1, n))
            .settle(cleared, RandomGeneratorFactory.of(RANDOM).create(sampledSeed));
    return TypeApproximation.of(types, sampled);
  }

  private static double grandValue(CoalitionValues values, int n) {
    BitSet all = new BitSet(n);
    all.set(0, n);
    return values.value(all);
  }

  private TabularGame tabulate(CoalitionValues values, int n, ExecutorService pool) {
    int size = 1 << n;
    double[] table = new double[size];
    List<Future<?>> futures = new ArrayList<>();
    int chunk = Math.max(1, size / (4 * options.threads()));
    for (int start = 1; start < size; start += chunk) {
      int from = start;
      int to = Math.min(size, start + chunk);
      futures.add(
          pool.submit(
              () -> {
                for (int mask = from; mask < to; mask++) {
                  table[mask] = values.value(mask);
                }
              }));
    }
    await(futures);
    return TabularGame.of(n, table);
  }

  private static int evenAtLeastFour(int orders) {
    int even = orders + (orders % 2);
    return Math.max(4, even);
  }

  private ExecutorService pool() {
    return Executors.newFixedThreadPool(
        options.threads(),
        runnable -> {
          Thread thread = new Thread(runnable, "equigrid-settlement");
          thread.setDaemon(true);
          return thread;
        });
  }

  private static void await(List<Future<?>> futures) {
    for (Future<?> future : futures) {
      get(future);
    }
  }

  static <T> T get(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while settling", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a coalition solve failed: " + e.getCause(), e.getCause());
    }
  }

  private static boolean hasFlex(TradingDay day) {
    return day.households().stream().anyMatch(h -> h.hasFlex());
  }
}
