package org.equigrid.market.clearing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.Stream;
import org.equigrid.market.clearing.engine.BatteryPoolingEngine;
import org.equigrid.market.clearing.engine.ClearingEngine;
import org.equigrid.market.clearing.engine.DecompositionEngine;
import org.equigrid.market.clearing.engine.FullMilpEngine;
import org.equigrid.market.clearing.engine.HouseholdPoolingEngine;
import org.equigrid.market.clearing.engine.Plan;
import org.equigrid.market.clearing.engine.StagedMilpEngine;
import org.equigrid.market.clearing.engine.TieBreak;
import org.equigrid.market.clearing.engine.TieBreakEngine;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.Tariff;
import org.equigrid.market.model.TradingDay;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance suite of the clearing engines (issue 13; Jenetics' {@code *Tester} style): every
 * path to a cleared day runs on seeded random communities — cost-minimising and weighted, with and
 * without the Rawlsian floor, with and without batteries, with the tariff's connection limits or
 * tight ones — against the reference solve (the staged MILP on the request as given: no pooling, no
 * closed form). Exact engines must reach the same objective to {@value #TOL} (relative to {@code
 * max(1, |objective|)}) and the same per-household dispatch costs to {@value #TOL} EUR (the
 * tie-break of docs/model.md, "Ties"); approximations declare their guarantee and are checked on
 * it.
 *
 * <p>{@link #everyEngine_keepsItsDeclaredGuarantee} runs one instance of every {@link
 * ClearingEngine} class ({@link Plan#everyEngine}; {@link #everyEngineClass_isInTheSuite} fails
 * when a new engine class is missing there) through the engine interface, on each community and on
 * its households without a battery alone, and checks the guarantee the engine declares: EXACT
 * (staged MILP, full MILP, closed form, household pooling, tie-break) the same optimum; RELAXATION
 * (the LP relaxation) a lower bound; FEASIBLE_WITH_BOUND (price decomposition: also an LP optimum
 * within 1e-6 where the relaxation breaks no binary; pooling of identical batteries: a restricted
 * MILP) a schedule that keeps the invariants, never better than the reference, its bound a bound
 * and its gap against it. Beyond the objective: the per-household costs after the tie-break of the
 * full MILP, of pooling and of the households in a shuffled order; the closed form and the warm
 * coalition LP ({@link CoalitionLp#open}: shared-bus or incremental, cost-minimising requests only,
 * total cost) against the LP.
 *
 * <p>Speed (the suite is the slowest class of the build): every solve is done once per class and
 * case ({@link #answer}), started ahead of the tests on two threads ({@link #prefetch}), and a
 * decorator that hands a request on unchanged reuses the answer it hands on ({@link #solveOnce});
 * what is checked is the same as when each test solved for itself.
 */
class EngineConformanceTest {

  static final double TOL = 1e-7;

  /** Comparisons skipped because the tie-break declared its split vertex-dependent. */
  private static final java.util.concurrent.atomic.AtomicInteger VERTEX_DEPENDENT =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * No comparison is declared vertex-dependent: every answer of the suite is proven (gap limit
   * 1e-9), so the tie-break takes its canonical LP or MILP step (docs/model.md, "Ties") on every
   * case. Before the MILP step (session 7) 24 of the 72 per-household comparisons (24 cases × full
   * MILP, pooling, shuffled order) were declared ({@link TieBreak#VERTEX_NOTE}) and skipped.
   */
  @org.junit.jupiter.api.AfterAll
  static void noSplitIsDeclaredVertexDependent() {
    assertThat(VERTEX_DEPENDENT.get()).isZero();
  }

  /** Gap limit 1e-9: the staged MILP proves its optimum (or says it did not). */
  private static final SolverOptions EXACT = new SolverOptions(60, 1e-9, true, 0.01);

  private static final CoalitionSolver REFERENCE =
      new CoalitionSolver(EXACT.withPooling(false), false, false, Long.MAX_VALUE);

  /**
   * Every solve of the tests, by case and what was solved, computed once: by the first test that
   * needs it or ahead of it by {@link #prefetch}. The assertions stay in the tests.
   */
  private static final Map<String, CompletableFuture<ClearingResult>> ANSWERS =
      new ConcurrentHashMap<>();

  /** Solves the cases' requests ahead of the tests, on two threads (CI has two cores). */
  private static ExecutorService prefetchPool;

  /**
   * {@code solve.get()} for {@code what} of case {@code c}, solved once (the engines are
   * deterministic and thread-safe: every solve builds its own native models); an exception of the
   * solve is thrown to every test that asks for it.
   */
  private static ClearingResult answer(Case c, String what, Supplier<ClearingResult> solve) {
    CompletableFuture<ClearingResult> mine = new CompletableFuture<>();
    CompletableFuture<ClearingResult> known = ANSWERS.putIfAbsent(c + " | " + what, mine);
    if (known == null) {
      try {
        ClearingResult result = solve.get();
        mine.complete(result);
        return result;
      } catch (RuntimeException | Error e) {
        mine.completeExceptionally(e);
        throw e;
      }
    }
    try {
      return known.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error r) {
        throw r;
      }
      throw e;
    }
  }

  /** {@code REFERENCE.solve(request)} for the community request of {@code c}, solved once. */
  private static ClearingResult referenceSolve(Case c, ClearingRequest request) {
    return answer(c, "reference", () -> REFERENCE.solve(request));
  }

  /** {@code REFERENCE.solveDispatch(request)} for the community request of {@code c}, once. */
  private static ClearingResult referenceDispatch(Case c, ClearingRequest request) {
    return answer(
        c, "reference dispatch", () -> REFERENCE.breakTies(request, referenceSolve(c, request)));
  }

  /**
   * Starts every case's solves of {@link #exactEngines_sameOptimumAndSameHouseholdCosts} and {@link
   * #everyEngine_keepsItsDeclaredGuarantee} on two threads, the communities with batteries (the
   * MILPs) first; a test waits for the answers it needs. Which thread solves changes no answer.
   */
  @BeforeAll
  static void prefetch() {
    prefetchPool =
        Executors.newFixedThreadPool(
            2,
            task -> {
              Thread thread = new Thread(task, "conformance-prefetch");
              thread.setDaemon(true);
              return thread;
            });
    List<Case> ordered = new ArrayList<>(cases().toList());
    ordered.sort(java.util.Comparator.comparing(c -> !c.batteries()));
    for (Case c : ordered) {
      prefetchPool.execute(
          () -> {
            try {
              TradingDay day = c.day();
              referenceDispatch(c, c.request(day));
              reordered(c, day);
              for (ClearingRequest request : engineRequests(c, day)) {
                for (ClearingEngine engine : engines()) {
                  engineAnswer(c, engine, request);
                }
              }
            } catch (RuntimeException | AssertionError e) {
              // kept in ANSWERS: the test that needs the answer throws it
            }
          });
    }
  }

  @AfterAll
  static void stopPrefetch() {
    prefetchPool.shutdownNow();
  }

  /** One random community and objective. */
  record Case(
      long seed,
      int households,
      boolean weighted,
      boolean floor,
      boolean batteries,
      boolean tightLimits,
      boolean flex,
      boolean appliances) {

    Case(
        long seed,
        int households,
        boolean weighted,
        boolean floor,
        boolean batteries,
        boolean tightLimits) {
      this(seed, households, weighted, floor, batteries, tightLimits, false, false);
    }

    Case(
        long seed,
        int households,
        boolean weighted,
        boolean floor,
        boolean batteries,
        boolean tightLimits,
        boolean flex) {
      this(seed, households, weighted, floor, batteries, tightLimits, flex, false);
    }

    /** Whether some household has flexible demand (EVs or appliances). */
    boolean flexible() {
      return flex || appliances;
    }

    TradingDay day() {
      TradingDay day = TestDays.random(seed, households, 24);
      if (!batteries) {
        day = withoutBatteries(day);
      }
      if (flex) {
        day = withElectricVehicles(day);
      }
      if (appliances) {
        day = withAppliances(day);
      }
      if (tightLimits) {
        Tariff t = day.tariff();
        day =
            new TradingDay(
                day.dayIndex(),
                day.dayOfYear(),
                day.intervalHours(),
                day.households(),
                day.loadKwh(),
                day.pvKwh(),
                day.initialSocKwh(),
                new Tariff(
                    t.importPriceEurPerKwh(),
                    t.exportPriceEurPerKwh(),
                    t.peakChargeEurPerKw(),
                    3.0,
                    1.5));
      }
      return day;
    }

    ClearingRequest request(TradingDay day) {
      int n = day.householdCount();
      double[] prices = PoolPricing.prices(PricingRule.MID_MARKET, day);
      if (!weighted) {
        return ClearingRequest.costMinimising(day, TestDays.everyone(day), prices);
      }
      double[] weights = new double[n];
      boolean[] protectedMember = new boolean[n];
      double[] standalone = new double[n];
      for (int i = 0; i < n; i++) {
        String group = day.households().get(i).group();
        weights[i] = group.equals("LOW") ? 1.4 : group.equals("MIDDLE") ? 1.0 : 0.6;
        protectedMember[i] = group.equals("LOW");
        standalone[i] =
            REFERENCE
                .solve(ClearingRequest.costMinimising(day, new int[] {i}, prices))
                .totalCostEur();
      }
      return new ClearingRequest(
          day,
          TestDays.everyone(day),
          weights,
          floor ? 0.5 : 0,
          protectedMember,
          floor ? standalone : null,
          prices);
    }

    @Override
    public String toString() {
      return "seed "
          + seed
          + ", "
          + households
          + " households, "
          + (weighted ? floor ? "weighted with floor" : "weighted" : "cost-minimising")
          + (batteries ? ", batteries" : ", no batteries")
          + (tightLimits ? ", tight limits" : "")
          + (flex ? ", EVs" : "")
          + (appliances ? ", appliances" : "");
    }
  }

  static Stream<Case> cases() {
    List<Case> cases = new ArrayList<>();
    for (long seed = 500; seed < 502; seed++) {
      for (int objective = 0; objective < 3; objective++) {
        for (boolean batteries : new boolean[] {true, false}) {
          for (boolean tight : new boolean[] {false, true}) {
            cases.add(new Case(seed, 8, objective > 0, objective == 2, batteries, tight));
          }
        }
      }
    }
    // flexible demand (docs/model.md, "Flexible demand"): EVs charged at home, every objective
    // without batteries and cost-minimising with them (weighted with batteries, the full MILP
    // needed more than its 60 s under load: not a test that may depend on the machine's speed)
    cases.add(new Case(500, 8, false, false, true, false, true));
    for (int objective = 0; objective < 3; objective++) {
      cases.add(new Case(500, 8, objective > 0, objective == 2, false, false, true));
    }
    // deferrable appliances (F4–F6): start binaries, the staged MILP against the full MILP; with
    // EVs, every objective without batteries; cost-minimising with batteries
    cases.add(new Case(501, 8, false, false, false, false, true, true));
    cases.add(new Case(501, 8, true, true, false, true, false, true));
    cases.add(new Case(500, 8, false, false, true, false, false, true));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void exactEngines_sameOptimumAndSameHouseholdCosts(Case c) {
    TradingDay day = c.day();
    ClearingRequest request = c.request(day);
    ClearingResult reference = referenceDispatch(c, request);
    assertThat(reference.report().status())
        .as("reference %s: %s", c, reference.report().reason())
        .isEqualTo(SolveStatus.OPTIMAL);
    ClearingInvariantsTest.assertInvariants(day, reference, c.toString());
    double objective = reference.report().objectiveEur();
    double tolerance = TOL * Math.max(1, Math.abs(objective));

    // The households in a shuffled order: household order[p] of the day is household p.
    int[] order = shuffledOrder(c, day);
    ClearingResult reordered = reordered(c, day);
    assertThat(reordered.report().objectiveEur())
        .as("shuffled %s", c)
        .isCloseTo(objective, within(tolerance));
    if (c.flexible()) {
      return; // per-household costs not canonical with flexible demand, as in assertSame
    }
    if (reference.report().reason().contains(TieBreak.VERTEX_NOTE)
        || reordered.report().reason().contains(TieBreak.VERTEX_NOTE)) {
      VERTEX_DEPENDENT.incrementAndGet(); // declared, as in assertSame
      return;
    }
    for (int p = 0; p < order.length; p++) {
      assertThat(reordered.schedules().get(p).energyCostEur())
          .as("shuffled %s, household %s", c, day.households().get(order[p]).id())
          .isCloseTo(reference.schedules().get(order[p]).energyCostEur(), within(TOL));
    }
  }

  /** The reference dispatch of case {@code c} with its households in the shuffled order. */
  private static ClearingResult reordered(Case c, TradingDay day) {
    return answer(
        c,
        "shuffled dispatch",
        () -> REFERENCE.solveDispatch(c.request(permuted(day, shuffledOrder(c, day)))));
  }

  /** Household {@code order[p]} of the day is household {@code p} of the shuffled day. */
  private static int[] shuffledOrder(Case c, TradingDay day) {
    return TestDays.shuffled(
        day.householdCount(), RandomGeneratorFactory.of("L64X128MixRandom").create(c.seed()));
  }

  /**
   * The suite can fail: without the tie-break stage the per-household costs of the staged solve and
   * of the full MILP differ on a community with batteries (the same objective, another vertex).
   */
  @org.junit.jupiter.api.Test
  void withoutTieBreak_householdCostsDependOnTheVertex() {
    Case c = new Case(500, 8, false, false, true, false);
    TradingDay day = c.day();
    ClearingRequest request = c.request(day);
    ClearingResult staged = REFERENCE.solve(request);
    ClearingResult full = REFERENCE.solveFullMilp(request);
    assertThat(full.report().objectiveEur())
        .isCloseTo(staged.report().objectiveEur(), within(1e-7));
    double largest = 0;
    for (int k = 0; k < staged.schedules().size(); k++) {
      largest =
          Math.max(
              largest,
              Math.abs(
                  staged.schedules().get(k).energyCostEur()
                      - full.schedules().get(k).energyCostEur()));
    }
    assertThat(largest).isGreaterThan(TOL);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void closedFormAndWarmLps_sameOptimum(Case c) {
    TradingDay day = c.day();
    double[] prices = PoolPricing.prices(PricingRule.MID_MARKET, day);
    CoalitionSolver withShortcuts = new CoalitionSolver(EXACT.withPooling(false), true);
    int closedForms = 0;
    for (int i = 0; i < day.householdCount(); i++) {
      if (day.households().get(i).hasBattery()) {
        continue;
      }
      ClearingRequest alone = ClearingRequest.costMinimising(day, new int[] {i}, prices);
      ClearingResult closed = withShortcuts.solve(alone);
      ClearingResult lp = REFERENCE.solve(alone);
      assertThat(closed.report().objectiveEur())
          .as("closed form %s, household %d", c, i)
          .isCloseTo(lp.report().objectiveEur(), within(TOL));
      assertThat(closed.schedules().get(0).energyCostEur())
          .isCloseTo(lp.schedules().get(0).energyCostEur(), within(TOL));
      closedForms++;
    }
    assertThat(closedForms).isPositive();
    if (c.weighted()) {
      return; // the warm coalition LPs answer C*(S), the cost-minimising value only
    }
    ClearingResult reference = referenceSolve(c, c.request(day));
    try (CoalitionLp warm = CoalitionLp.open(day, prices)) {
      for (int i = 0; i < day.householdCount(); i++) {
        warm.join(i);
      }
      double cost = warm.solveCostEur();
      // NaN is the declared answer where the LP breaks a binary: the caller solves the MILP.
      if (!Double.isNaN(cost)) {
        assertThat(cost)
            .as("warm LP %s", c)
            .isCloseTo(reference.totalCostEur(), within(TOL * Math.max(1, Math.abs(cost))));
      }
    }
  }

  /**
   * Every engine class, one instance each as {@link Plan#everyEngine} builds it, through the engine
   * interface: on the community and on its first household without a battery alone, it keeps the
   * guarantee it declares ({@link ClearingEngine.Guarantee}) against the reference solve (the first
   * engine of the list, the staged MILP). On the community, the full MILP after the tie-break and
   * the tie-break over pooling (the market's dispatch) also give every household the reference's
   * cost.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyEngine_keepsItsDeclaredGuarantee(Case c) {
    TradingDay day = c.day();
    List<ClearingRequest> requests = engineRequests(c, day);
    ClearingRequest community = requests.get(0);
    List<ClearingEngine> engines = engines();
    assertThat(engines.get(0)).isInstanceOf(StagedMilpEngine.class);
    for (ClearingRequest request : requests) {
      boolean alone = request != community;
      ClearingResult reference = engineAnswer(c, engines.get(0), request);
      String what = c + (alone ? ", household " + request.members()[0] + " alone" : "");
      assertThat(reference.report().status())
          .as("reference %s", what)
          .isEqualTo(SolveStatus.OPTIMAL);
      ClearingInvariantsTest.assertInvariants(day, reference, "reference " + what);
      for (ClearingEngine engine : engines.subList(1, engines.size())) {
        ClearingResult result = engineAnswer(c, engine, request);
        if (!c.batteries() && isShortcut(engine)) { // milliseconds: against the engine's own solve
          assertIdentical(engine.name() + ", " + what, engine.solve(request), result);
        }
        assertGuarantee(engine, result, request, reference, engine.name() + ", " + what);
        if (alone) {
          continue;
        }
        double tolerance = TOL * Math.max(1, Math.abs(reference.report().objectiveEur()));
        if (engine instanceof FullMilpEngine) {
          ClearingResult tied =
              answer(c, "full MILP tie-break", () -> REFERENCE.breakTies(request, result));
          assertSame("full MILP", c, referenceDispatch(c, request), tied, tolerance);
        } else if (engine instanceof TieBreakEngine) {
          assertSame(engine.name(), c, referenceDispatch(c, request), result, tolerance);
        }
      }
    }
  }

  /**
   * The requests of {@link #everyEngine_keepsItsDeclaredGuarantee}: the community, then its first
   * household without a battery alone.
   */
  private static List<ClearingRequest> engineRequests(Case c, TradingDay day) {
    ClearingRequest community = c.request(day);
    List<ClearingRequest> requests = new ArrayList<>(List.of(community));
    double[] prices = PoolPricing.prices(PricingRule.MID_MARKET, day);
    for (int i = 0; i < day.householdCount(); i++) {
      if (!day.households().get(i).hasBattery()) {
        requests.add(ClearingRequest.costMinimising(day, new int[] {i}, prices));
        break;
      }
    }
    return requests;
  }

  /** The engine of {@link #engines()} named {@code name}. */
  private static ClearingEngine engineNamed(String name) {
    return engines().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
  }

  /** The engines of the suite ({@link Plan#everyEngine}): the staged MILP first. */
  private static List<ClearingEngine> engines() {
    return Plan.everyEngine(EXACT, Long.MAX_VALUE);
  }

  /**
   * The answer of {@code engine} (one of {@link #engines()}) to {@code request} (one of {@link
   * #engineRequests}) of case {@code c}, solved once; the staged MILP on the community is the
   * reference solve.
   */
  private static ClearingResult engineAnswer(
      Case c, ClearingEngine engine, ClearingRequest request) {
    boolean alone = request.members().length == 1;
    if (!alone && engine instanceof StagedMilpEngine) {
      return referenceSolve(c, request);
    }
    String suffix = alone ? " | household " + request.members()[0] + " alone" : "";
    return answer(
        c,
        engine.name() + suffix,
        () ->
            solveOnce(
                engine,
                request,
                name -> engineAnswer(c, engineNamed(name), request),
                c.flexible() && c.batteries()));
  }

  /**
   * {@code engine.solve(request)} without solving the same request twice through a decorator that
   * hands it on unchanged ({@code solved}: the answers of the engines before it in {@link
   * Plan#everyEngine}, by name). The tie-break over an engine already run is its {@link
   * TieBreakEngine#breakTies} of that engine's answer, which is all its {@code solve} does; battery
   * pooling where {@link HouseholdPooling#of} pools no battery (no two members with identical
   * batteries and states of charge) is the answer of the exact pooling it hands the request to. The
   * engines are deterministic (no time limit is reached: every answer is checked OPTIMAL), so the
   * answer is the one {@code solve} would return; on the communities without batteries, where
   * solves take milliseconds, the test checks that against {@code solve}. With {@code declinedFlex}
   * (EV days with batteries) the decorators that decline flexible demand give their inner engine's
   * answer.
   */
  private static ClearingResult solveOnce(
      ClearingEngine engine,
      ClearingRequest request,
      java.util.function.Function<String, ClearingResult> solved,
      boolean declinedFlex) {
    if (declinedFlex && request.hasFlexibleDemand()) {
      // the decorators that cannot model flexible demand hand such a request on unchanged (their
      // solve returns their inner engine's answer); the EV days without batteries, where solves are
      // quick, check that by solving through them
      if (engine instanceof DecompositionEngine) {
        return solved.apply(innerName(engine, "price decomposition, else "));
      }
      if (engine instanceof HouseholdPoolingEngine) {
        return solved.apply(innerName(engine, "household pooling over "));
      }
      if (engine instanceof BatteryPoolingEngine) {
        return solved.apply(innerName(engine, "battery pooling over "));
      }
    }
    if (engine instanceof TieBreakEngine tieBreak) {
      ClearingResult inner = solved.apply(innerName(engine, "tie-break over "));
      if (inner != null) {
        return tieBreak.breakTies(request, inner);
      }
    } else if (engine instanceof BatteryPoolingEngine) {
      HouseholdPooling pooling = HouseholdPooling.of(request, true);
      ClearingResult inner = solved.apply(innerName(engine, "battery pooling over "));
      if (inner != null && (pooling == null || pooling.batteryBlocks() == 0)) {
        return inner;
      }
    }
    return engine.solve(request);
  }

  /** Whether {@link #solveOnce} may answer for the engine without calling its {@code solve}. */
  private static boolean isShortcut(ClearingEngine engine) {
    return engine instanceof TieBreakEngine || engine instanceof BatteryPoolingEngine;
  }

  /** The name of the engine a decorator named {@code prefix + inner} decorates. */
  private static String innerName(ClearingEngine decorator, String prefix) {
    assertThat(decorator.name()).startsWith(prefix);
    return decorator.name().substring(prefix.length());
  }

  /** The same answer: status, objective and every household's schedule costs, bit for bit. */
  private static void assertIdentical(String what, ClearingResult expected, ClearingResult actual) {
    assertThat(actual.report().status()).as(what).isEqualTo(expected.report().status());
    assertThat(actual.report().objectiveEur()).as(what).isEqualTo(expected.report().objectiveEur());
    assertThat(actual.report().reason()).as(what).isEqualTo(expected.report().reason());
    assertThat(actual.schedules()).as(what).hasSameSizeAs(expected.schedules());
    for (int k = 0; k < expected.schedules().size(); k++) {
      assertThat(actual.schedules().get(k).energyCostEur())
          .as("%s, household %d", what, k)
          .isEqualTo(expected.schedules().get(k).energyCostEur());
    }
  }

  /** The suite runs every engine: a new engine class must be added to {@link Plan#everyEngine}. */
  @org.junit.jupiter.api.Test
  void everyEngineClass_isInTheSuite() {
    java.util.Set<Class<?>> inSuite = new java.util.HashSet<>();
    for (ClearingEngine engine : Plan.everyEngine(EXACT, Long.MAX_VALUE)) {
      inSuite.add(engine.getClass());
    }
    assertThat(inSuite).containsExactlyInAnyOrder(ClearingEngine.class.getPermittedSubclasses());
  }

  /**
   * The guarantee the engine declares, checked on its answer to {@code request}: EXACT the
   * reference's objective to {@value #TOL} and OPTIMAL; RELAXATION OPTIMAL and a lower bound of the
   * reference's objective, equal to it where the reference needed no MILP; FEASIBLE_WITH_BOUND a
   * schedule that keeps every invariant (one meter, one direction among them), never better than
   * the reference, with an honest gap. The decomposition also reaches the LP optimum within 1e-6
   * where the reference needed no MILP.
   */
  private static void assertGuarantee(
      ClearingEngine engine,
      ClearingResult result,
      ClearingRequest request,
      ClearingResult reference,
      String what) {
    SolverReport r = result.report();
    double objective = reference.report().objectiveEur();
    double tolerance = TOL * Math.max(1, Math.abs(objective));
    switch (engine.guarantee()) {
      case EXACT -> {
        assertThat(r.status()).as("%s: %s", what, r.reason()).isEqualTo(SolveStatus.OPTIMAL);
        ClearingInvariantsTest.assertInvariants(request.day(), result, what);
        assertThat(r.objectiveEur()).as(what).isCloseTo(objective, within(tolerance));
      }
      case RELAXATION -> {
        assertThat(r.status()).as("%s: %s", what, r.reason()).isEqualTo(SolveStatus.OPTIMAL);
        assertThat(r.objectiveEur()).as(what).isLessThanOrEqualTo(objective + tolerance);
        if (!reference.report().milpUsed()) {
          assertThat(r.objectiveEur()).as(what).isCloseTo(objective, within(tolerance));
        }
      }
      case FEASIBLE_WITH_BOUND -> {
        assertThat(r.status().hasSolution()).as("%s: %s", what, r.reason()).isTrue();
        ClearingInvariantsTest.assertInvariants(request.day(), result, what);
        assertThat(r.objectiveEur()).as(what).isGreaterThanOrEqualTo(objective - tolerance);
        assertHonestGap(what, r, objective, tolerance);
        if (engine instanceof DecompositionEngine && !reference.report().milpUsed()) {
          assertThat(r.objectiveEur())
              .as("%s: the LP optimum", what)
              .isCloseTo(objective, within(1e-6 * Math.max(1, Math.abs(objective))));
        }
      }
    }
  }

  /** The reported bound is a bound of the reference optimum and the gap is measured against it. */
  private static void assertHonestGap(
      String what, SolverReport report, double optimum, double tolerance) {
    if (Double.isFinite(report.lpBoundEur())) {
      assertThat(report.lpBoundEur())
          .as("bound of %s", what)
          .isLessThanOrEqualTo(optimum + tolerance);
      double gapToLpBound =
          Math.max(0, report.objectiveEur() - report.lpBoundEur())
              / Math.max(Math.abs(report.objectiveEur()), 1e-9);
      assertThat(report.relativeGap())
          .as("gap of %s", what)
          .isLessThanOrEqualTo(gapToLpBound + 1e-9);
    }
    if (report.status() == SolveStatus.OPTIMAL) {
      assertThat(report.objectiveEur())
          .as("OPTIMAL %s", what)
          .isLessThanOrEqualTo(optimum + Math.max(tolerance, 1e-4 * Math.abs(optimum)));
    }
  }

  private static void assertSame(
      String engine, Case c, ClearingResult reference, ClearingResult other, double tolerance) {
    assertThat(other.report().status().hasSolution())
        .as("%s %s: %s", engine, c, other.report().reason())
        .isTrue();
    assertThat(other.report().objectiveEur())
        .as("%s objective %s", engine, c)
        .isCloseTo(reference.report().objectiveEur(), within(tolerance));
    if (c.appliances()) {
      // the tie-break is not run with deferrable appliances (TieBreakEngine.APPLIANCES): the split
      // is not canonical, so only the objective is compared (docs/model.md)
      return;
    }
    if (reference.report().reason().contains(TieBreak.VERTEX_NOTE)
        || other.report().reason().contains(TieBreak.VERTEX_NOTE)) {
      VERTEX_DEPENDENT.incrementAndGet(); // the declared limit of the tie-break (docs/model.md)
      return;
    }
    for (int k = 0; k < reference.schedules().size(); k++) {
      assertThat(other.schedules().get(k).energyCostEur())
          .as("%s %s, household %d", engine, c, reference.schedules().get(k).householdIndex())
          .isCloseTo(reference.schedules().get(k).energyCostEur(), within(TOL));
    }
  }

  /**
   * {@code day} with an EV at every household without a battery (5 kWh, 3.7 kW, plugged in from 9
   * to 17 h, in the PV hours) and at every other battery household (8 kWh, 7.4 kW, 17 h to 8 h,
   * over midnight).
   */
  /**
   * {@code day} with deferrable appliances: a dishwasher (1.2 kW, 2 h, 19–24 h) in every other
   * household, a washing machine (2 kW, 1 h, 8–18 h) in every third, on top of any EV.
   */
  static TradingDay withAppliances(TradingDay day) {
    List<Household> households = new ArrayList<>();
    for (int i = 0; i < day.householdCount(); i++) {
      Household h = day.households().get(i);
      List<org.equigrid.market.model.Appliance> appliances = new ArrayList<>();
      if (i % 2 == 0) {
        appliances.add(new org.equigrid.market.model.Appliance("dishwasher", 1.2, 2, 19, 24));
      }
      if (i % 3 == 0) {
        appliances.add(new org.equigrid.market.model.Appliance("washer", 2, 1, 8, 18));
      }
      households.add(
          h.withFlex(new org.equigrid.market.model.FlexibleDemand(h.flex().ev(), appliances)));
    }
    return day.withHouseholds(households, day.loadKwh(), day.pvKwh(), day.initialSocKwh());
  }

  static TradingDay withElectricVehicles(TradingDay day) {
    List<Household> households = new ArrayList<>();
    int batteries = 0;
    for (Household h : day.households()) {
      org.equigrid.market.model.ElectricVehicle ev = null;
      if (!h.hasBattery()) {
        ev = new org.equigrid.market.model.ElectricVehicle(5, 3.7, 9, 17);
      } else if (batteries++ % 2 == 0) {
        ev = new org.equigrid.market.model.ElectricVehicle(8, 7.4, 17, 8);
      }
      households.add(h.withFlex(new org.equigrid.market.model.FlexibleDemand(ev)));
    }
    return day.withHouseholds(households, day.loadKwh(), day.pvKwh(), day.initialSocKwh());
  }

  static TradingDay withoutBatteries(TradingDay day) {
    List<Household> households = new ArrayList<>();
    for (Household h : day.households()) {
      households.add(
          new Household(
              h.id(), h.kind(), h.group(), h.dailyIncomeEur(), h.pvKwp(), null, h.reservation()));
    }
    return new TradingDay(
        day.dayIndex(),
        day.dayOfYear(),
        day.intervalHours(),
        households,
        day.loadKwh(),
        day.pvKwh(),
        new double[households.size()],
        day.tariff());
  }

  /** Household {@code p} of the result is household {@code order[p]} of {@code day}. */
  static TradingDay permuted(TradingDay day, int[] order) {
    int n = order.length;
    List<Household> households = new ArrayList<>();
    double[][] load = new double[n][];
    double[][] pv = new double[n][];
    double[] soc = new double[n];
    for (int p = 0; p < n; p++) {
      households.add(day.households().get(order[p]));
      load[p] = day.loadKwh()[order[p]];
      pv[p] = day.pvKwh()[order[p]];
      soc[p] = day.initialSocKwh()[order[p]];
    }
    return new TradingDay(
        day.dayIndex(),
        day.dayOfYear(),
        day.intervalHours(),
        households,
        load,
        pv,
        soc,
        day.tariff());
  }
}
