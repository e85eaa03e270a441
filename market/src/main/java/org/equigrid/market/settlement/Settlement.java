package org.equigrid.market.settlement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.clearing.ClearingRequest;
import org.equigrid.market.clearing.ClearingResult;
import org.equigrid.market.clearing.CoalitionLp;
import org.equigrid.market.clearing.CoalitionSolver;
import org.equigrid.market.game.ControlVariate;
import org.equigrid.market.game.CoreCheck;
import org.equigrid.market.game.CoreReport;
import org.equigrid.market.game.LargeCoalitionGame;
import org.equigrid.market.game.MarginalGame;
import org.equigrid.market.game.Nucleolus;
import org.equigrid.market.game.SampledShapley;
import org.equigrid.market.game.SampledShares;
import org.equigrid.market.game.SamplingOptions;
import org.equigrid.market.game.ShapleyValue;
import org.equigrid.market.game.TabularGame;
import org.equigrid.market.model.Household;
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
 * B_i = C0_i − φ_i}; the core check; and the counterfactual shares of DESIGN.md section 6.
 *
 * <p>Counterfactual shares reuse the settlement's random orders: the share without an asset is
 * {@code φ_i + E[v'(P ∪ i) − v(P ∪ i)]} over the predecessors {@code P} of {@code i} in the first
 * orders (pool prices held fixed, the grand coalition at its cost-minimising optimum in both
 * games); the share with the neutral weight is exact from the table, or re-weighted by the orders'
 * likelihood ratio when sampled.
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
  private static final double CORE_TOLERANCE_EUR = 1e-6;
  private static final int LEAST_CORE_MAX_HOUSEHOLDS = 12;
  private static final String RANDOM = "L64X128MixRandom";

  /** Orders of the closed-form control variate: cheap ({@code O(n·T)} each), so many. */
  private static final long CONTROL_MIN_ORDERS = 2_000;

  private static final long CONTROL_MAX_ORDERS = 100_000;

  /** Separates the control variate's stream from the settlement's orders. */
  private static final long CONTROL_SEED_MIX = 0x9E3779B97F4A7C15L;

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
    if (n > options.typesAboveHouseholds()) {
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
        stability = exactStability(table, shares, day);
        rows = coalitionRows(n, coalitions(table));
        check = ruleShares -> exactStability(table, ruleShares, day);
      } else {
        method = DaySettlement.SAMPLED;
        long seed = rng.nextLong();
        SamplingOptions sampling = options.sampling();
        SampledShares sampled;
        try (OrderWalks walks = new OrderWalks(values, pool)) {
          // the control variates are sampled on a pool thread while the first batch is walked
          Future<List<ControlVariate>> controls =
              pool.submit(() -> controlVariates(cleared, lambda, seed));
          try {
            sampled =
                SampledShapley.estimateWithFittedControls(
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
        toleranceEur = SampledShapley.allowedHalfWidth(sampled.mean(), sampling);
        maxHalfWidthEur = sampled.maxHalfWidth95();
        shares = sampled.mean();
        standardErrors = sampled.standardError();
        orders = sampled.orders();
        converged = sampled.converged();
        for (int i = 0; i < n; i++) {
          neutral[i] = lambda[i] == 1.0 ? shares[i] : log.neutralShare(i);
        }
        stability = visitedStability(values, shares, day);
        rows = coalitionRows(n, values.evaluated());
        check = ruleShares -> visitedStability(values, ruleShares, day);
      }
      List<Counterfactual> counterfactuals =
          counterfactuals(cleared, values, log, shares, neutral, pool);
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

  private boolean equalWeights() {
    return options.settlement().rule() == SettlementSettings.Rule.SHAPLEY;
  }

  /**
   * The day under the scenario's settlement rule (DESIGN.md section 3b), from its (weighted)
   * Shapley settlement: the Shapley rules keep its bills; the others replace bills and shares, redo
   * the core check on the new shares ({@code check}; not checked when null) and leave the
   * counterfactual shares undefined (NaN: they are the Shapley value's, not the rule's).
   *
   * @param rows the coalitions evaluated, for the Rawlsian LP
   * @param exact whether the Shapley value is exact (the Rawlsian bills then have no sampling
   *     error)
   */
  private DaySettlement applyRule(
      ClearedDay cleared,
      DaySettlement shapley,
      List<CoalitionRow> rows,
      Function<double[], Stability> check,
      boolean exact) {
    SettlementRule rule = SettlementRule.of(options.settlement());
    SettlementRule.Bills bills =
        rule.bills(RuleInput.of(cleared, solver.options().epsilonEur(), shapley.billEur(), rows));
    if (rule instanceof ShapleyRule || bills.outcome().fellBack()) {
      if (bills.outcome().fellBack()) {
        LOG.debug(
            "day {}: settlement rule {}: {}",
            cleared.day().dayIndex(),
            bills.outcome().rule(),
            bills.outcome().note());
      }
      return shapley.withRule(
          shapley.shareEur(),
          shapley.standardErrorEur(),
          shapley.billEur(),
          shapley.stability(),
          shapley.counterfactuals(),
          bills.outcome());
    }
    if (!bills.outcome().note().isEmpty()) {
      LOG.debug(
          "day {}: settlement rule {}: {}",
          cleared.day().dayIndex(),
          bills.outcome().rule(),
          bills.outcome().note());
    }
    int n = bills.billEur().length;
    double[] shares = new double[n];
    double[] standardErrors = new double[n];
    for (int i = 0; i < n; i++) {
      shares[i] = cleared.standaloneCostEur(i) - bills.billEur()[i];
      standardErrors[i] = rule instanceof RawlsianRule && !exact ? Double.NaN : 0.0;
    }
    Stability stability =
        check == null
            ? new Stability("not checked", 0, true, "", Double.NaN, Double.NaN)
            : check.apply(shares);
    Counterfactual undefined =
        new Counterfactual(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    return shapley.withRule(
        shares,
        standardErrors,
        bills.billEur(),
        stability,
        java.util.Collections.nCopies(n, undefined),
        bills.outcome());
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
    if (cleared.degraded()) {
      throw new IllegalArgumentException(
          "day " + cleared.day().dayIndex() + " is degraded; settle it with none()");
    }
    int n = cleared.day().householdCount();
    if (shapleyBillEur == null && settings.rule() != SettlementSettings.Rule.MARKET) {
      throw new IllegalArgumentException(
          "the "
              + settings.rule().fileName()
              + " rule needs the Shapley bills; only market settles without them");
    }
    List<CoalitionRow> rows = coalitionRows(n, evaluated);
    double grand = cleared.dispatchGainEur();
    SettlementRule.Bills bills =
        SettlementRule.of(settings).bills(RuleInput.of(cleared, epsilonEur, shapleyBillEur, rows));
    double[] shares = new double[n];
    for (int i = 0; i < n; i++) {
      shares[i] = cleared.standaloneCostEur(i) - bills.billEur()[i];
    }
    return new DaySettlement(
        method,
        grand,
        shares,
        new double[n],
        bills.billEur().clone(),
        lambda.clone(),
        0,
        true,
        new Stability("not checked", 0, true, "", Double.NaN, Double.NaN),
        0,
        0,
        List.of(),
        0,
        bills.outcome());
  }

  /**
   * The coalition rows {@code (S, v(S))} of the Rawlsian LP and the core checks: every coalition of
   * {@code values} with {@code 2 <= |S| < n} (the others' rows are implied: {@code v(S) = 0} for
   * {@code |S| <= 1}, and {@code S = N} is budget balance), in the map's order. The one place every
   * source of rows (the exact table, the sampled walks' values, a caller's map) goes through.
   */
  static List<CoalitionRow> coalitionRows(int n, Map<BitSet, Double> values) {
    List<CoalitionRow> rows = new ArrayList<>();
    values.forEach(
        (coalition, value) -> {
          int size = coalition.cardinality();
          if (size >= 2 && size < n) {
            rows.add(new CoalitionRow(coalition.stream().toArray(), value));
          }
        });
    return rows;
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
   * The control variates of the sampled settlement, each with its weighted Shapley value sampled to
   * a tenth of the settlement's relative tolerance (its error then adds about 0.5 % in quadrature)
   * or for 100,000 orders (about a second each at 100 households): the pooled-profile game ({@link
   * PooledProfileGame}, when every standalone optimum has a schedule) and the pooled-storage game
   * ({@link PooledStorageGame}). Their coefficients are fitted per household as the sampling goes
   * ({@link SampledShapley#estimateWithFittedControls}).
   */
  private List<ControlVariate> controlVariates(ClearedDay cleared, double[] lambda, long seed) {
    List<MarginalGame> games = new ArrayList<>();
    PooledProfileGame profile = PooledProfileGame.of(cleared);
    if (profile != null) {
      games.add(profile);
    }
    games.add(PooledStorageGame.of(cleared.day()));
    SamplingOptions sampling = options.sampling();
    SamplingOptions cheapSampling =
        new SamplingOptions(
            sampling.relativeTolerance() / 10,
            sampling.absoluteTolerance() / 10,
            CONTROL_MIN_ORDERS,
            CONTROL_MAX_ORDERS,
            true,
            sampling.gainTolerance() / 10);
    List<ControlVariate> result = new ArrayList<>(games.size());
    long stream = seed ^ CONTROL_SEED_MIX;
    for (MarginalGame game : games) {
      long start = System.nanoTime();
      ControlVariate control =
          ControlVariate.sampled(
              game, lambda, cheapSampling, RandomGeneratorFactory.of(RANDOM).create(stream++));
      LOG.debug(
          "control variate {} of day {}: {} cheap orders in {} s",
          game.getClass().getSimpleName(),
          cleared.day().dayIndex(),
          control.orders(),
          String.format(Locale.ROOT, "%.2f", (System.nanoTime() - start) / 1e9));
      result.add(control);
    }
    return result;
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

  private static Stability exactStability(TabularGame table, double[] shares, TradingDay day) {
    CoreReport core = CoreCheck.check(table, shares, CORE_TOLERANCE_EUR);
    double epsilon = Double.NaN;
    int n = table.players();
    if (n >= 2 && n <= LEAST_CORE_MAX_HOUSEHOLDS) {
      epsilon = Nucleolus.leastCore(table).epsilon();
    }
    BitSet violated = BitSet.valueOf(new long[] {core.mostViolated()});
    return new Stability(
        "all coalitions",
        (1L << n) - 2,
        core.inCore(),
        ids(violated, day),
        core.maxExcess(),
        epsilon);
  }

  private static Stability visitedStability(
      CoalitionValues values, double[] shares, TradingDay day) {
    Map<BitSet, Double> visited = values.evaluated();
    double maxExcess = Double.NEGATIVE_INFINITY;
    BitSet worst = null;
    for (Map.Entry<BitSet, Double> entry : visited.entrySet()) {
      BitSet coalition = entry.getKey();
      double allocated = 0;
      for (int i = coalition.nextSetBit(0); i >= 0; i = coalition.nextSetBit(i + 1)) {
        allocated += shares[i];
      }
      double excess = entry.getValue() - allocated;
      if (excess > maxExcess || (excess == maxExcess && compare(coalition, worst) < 0)) {
        maxExcess = excess;
        worst = coalition;
      }
    }
    if (worst == null) {
      return new Stability("visited coalitions", 0, true, "", 0.0, Double.NaN);
    }
    return new Stability(
        "visited coalitions",
        visited.size(),
        maxExcess <= CORE_TOLERANCE_EUR,
        ids(worst, day),
        maxExcess,
        Double.NaN);
  }

  private static int compare(BitSet a, BitSet b) {
    if (b == null) {
      return -1;
    }
    return Arrays.compare(a.stream().toArray(), b.stream().toArray());
  }

  private static String ids(BitSet coalition, TradingDay day) {
    return coalition.stream()
        .mapToObj(i -> day.households().get(i).id())
        .collect(Collectors.joining(","));
  }

  /**
   * The counterfactual shares without battery and without PV of the households {@code
   * settlement.explain} asks for (NaN for the others, and for every household under a rule whose
   * bills are not the Shapley value's), and the neutral-weight share of every household.
   */
  private List<Counterfactual> counterfactuals(
      ClearedDay cleared,
      CoalitionValues values,
      OrderLog log,
      double[] shares,
      double[] neutral,
      ExecutorService pool) {
    TradingDay day = cleared.day();
    int n = day.householdCount();
    List<Future<double[]>> battery = new ArrayList<>(n);
    List<Future<double[]>> pv = new ArrayList<>(n);
    SettlementSettings settings = options.settlement();
    for (int i = 0; i < n; i++) {
      Household household = day.households().get(i);
      int index = i;
      // only the Shapley rules' bills have counterfactual shares; only the households asked for
      boolean asked = settings.shapleyBills() && settings.explain().asked(i, n);
      battery.add(
          asked && household.hasBattery()
              ? pool.submit(() -> assetDelta(cleared, values, log, index, Asset.BATTERY))
              : null);
      pv.add(
          asked && household.hasPv()
              ? pool.submit(() -> assetDelta(cleared, values, log, index, Asset.PV))
              : null);
    }
    List<Counterfactual> result = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double[] b =
          battery.get(i) == null ? new double[] {Double.NaN, Double.NaN} : get(battery.get(i));
      double[] p = pv.get(i) == null ? new double[] {Double.NaN, Double.NaN} : get(pv.get(i));
      result.add(new Counterfactual(shares[i] + b[0], b[1], shares[i] + p[0], p[1], neutral[i]));
    }
    return result;
  }

  private enum Asset {
    BATTERY,
    PV
  }

  /**
   * Mean and standard error of {@code v'(P ∪ i) − v(P ∪ i)} over the logged orders. The coalitions
   * {@code P ∪ i} of the day without the asset are solved on one warm LP ({@link CoalitionLp}: the
   * members that differ from the previous coalition leave or join), in the log's order, so the
   * result does not depend on threads; where the LP gives no schedule, on {@link CoalitionSolver}.
   */
  private double[] assetDelta(
      ClearedDay cleared, CoalitionValues values, OrderLog log, int household, Asset asset) {
    TradingDay day = cleared.day();
    TradingDay modified =
        asset == Asset.BATTERY ? withoutBattery(day, household) : withoutPv(day, household);
    double[] prices = cleared.poolPriceEurPerKwh();
    ClearingResult alone =
        solver.solve(ClearingRequest.costMinimising(modified, new int[] {household}, prices));
    if (!alone.report().status().hasSolution()) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double standaloneDelta = alone.totalCostEur() - values.standaloneCostEur(household);
    int n = day.householdCount();
    List<Double> deltas = new ArrayList<>();
    try (CoalitionLp lp = CoalitionLp.open(modified, prices)) {
      BitSet members = new BitSet(n);
      for (BitSet predecessors : log.predecessors(household)) {
        if (predecessors.isEmpty()) {
          deltas.add(0.0); // v({i}) = v'({i}) = 0
          continue;
        }
        BitSet coalition = (BitSet) predecessors.clone();
        coalition.set(household);
        double originalCost;
        if (coalition.cardinality() == n) {
          originalCost = cleared.costMinimising().totalCostEur();
        } else {
          double sum = 0;
          for (int j = coalition.nextSetBit(0); j >= 0; j = coalition.nextSetBit(j + 1)) {
            sum += values.standaloneCostEur(j);
          }
          originalCost = sum - values.value(coalition);
        }
        for (int j = members.nextSetBit(0); j >= 0; j = members.nextSetBit(j + 1)) {
          if (!coalition.get(j)) {
            lp.leave(j);
          }
        }
        for (int j = coalition.nextSetBit(0); j >= 0; j = coalition.nextSetBit(j + 1)) {
          lp.join(j);
        }
        members = coalition;
        double modifiedCost = lp.solveCostEur();
        if (Double.isNaN(modifiedCost)) {
          ClearingResult result =
              solver.solve(
                  ClearingRequest.costMinimising(modified, coalition.stream().toArray(), prices));
          if (!result.report().status().hasSolution()) {
            continue;
          }
          modifiedCost = result.totalCostEur();
        }
        deltas.add(standaloneDelta - (modifiedCost - originalCost));
      }
    }
    if (deltas.isEmpty()) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double mean = deltas.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double variance = 0;
    for (double d : deltas) {
      variance += (d - mean) * (d - mean);
    }
    double se =
        deltas.size() > 1 ? Math.sqrt(variance / (deltas.size() - 1) / deltas.size()) : Double.NaN;
    return new double[] {mean, se};
  }

  static TradingDay withoutBattery(TradingDay day, int household) {
    List<Household> households = new ArrayList<>(day.households());
    Household h = households.get(household);
    households.set(
        household,
        new Household(
            h.id(), h.kind(), h.group(), h.dailyIncomeEur(), h.pvKwp(), null, h.reservation()));
    double[] soc = day.initialSocKwh().clone();
    soc[household] = 0;
    return day.withHouseholds(households, day.loadKwh(), day.pvKwh(), soc);
  }

  static TradingDay withoutPv(TradingDay day, int household) {
    List<Household> households = new ArrayList<>(day.households());
    Household h = households.get(household);
    households.set(
        household,
        new Household(
            h.id(), h.kind(), h.group(), h.dailyIncomeEur(), 0.0, h.battery(), h.reservation()));
    double[][] pv = day.pvKwh().clone();
    pv[household] = new double[day.intervals()];
    return day.withHouseholds(households, day.loadKwh(), pv, day.initialSocKwh());
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
}
