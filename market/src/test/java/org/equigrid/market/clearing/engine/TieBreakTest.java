package org.equigrid.market.clearing.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.equigrid.market.clearing.ClearingModel;
import org.equigrid.market.clearing.ClearingRequest;
import org.equigrid.market.clearing.ClearingResult;
import org.equigrid.market.clearing.PoolPricing;
import org.equigrid.market.clearing.PricingRule;
import org.equigrid.market.clearing.ResultAssembly;
import org.equigrid.market.clearing.SolveStatus;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.clearing.SolverReport;
import org.equigrid.market.clearing.TestDays;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.ElectricVehicle;
import org.equigrid.market.model.FlexibleDemand;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.ParticipantKind;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.ortools.OrToolsNatives;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tie-break's rule (docs/model.md, "Ties") on a hand-computed case, and its canonical MILP step
 * on a community whose LP stage breaks battery pairs: the same per-household costs (to 1e-7 EUR)
 * from different optimal answers (staged MILP, full MILP), households' orders and thread counts.
 */
class TieBreakTest {

  private static final double TOL = 1e-7;

  /** Gap limit 1e-9: the answers are proven, so the MILP rule applies. */
  private static final SolverOptions EXACT = new SolverOptions(60, 1e-9, true, 0.01);

  @BeforeAll
  static void natives() {
    OrToolsNatives.load();
  }

  /**
   * One hour, import 0.30, export 0.10, pool 0.20 EUR/kWh (mid-market): P sells its 3 kWh of PV to
   * the pool, A (load 2 kWh) and B (load 4 kWh) buy them and import the other 3 kWh. Every split of
   * the 3 kWh is optimal (z* = 3 × 0.30 − 0 = 0.90 EUR). The rule minimises {@code C_A/2 + C_B/4 +
   * C_P/3}: a kWh from the pool lowers it by 0.10/2 at A and 0.10/4 at B, so A buys 2 kWh (0.40
   * EUR), B buys 1 and imports 3 (0.20 + 0.90 = 1.10 EUR), P earns 0.60 EUR.
   */
  @Test
  void rule_givesTheTieToTheHouseholdWhoseCostPerKwhFallsMost() {
    List<Household> households =
        List.of(
            new Household("A", ParticipantKind.CONSUMER, "LOW", 30, 0, null, null),
            new Household("B", ParticipantKind.CONSUMER, "LOW", 30, 0, null, null),
            new Household("P", ParticipantKind.PROSUMER, "HIGH", 60, 3, null, null));
    ClearingRequest request = oneHour(households, new double[] {2, 4, 0}, new double[] {0, 0, 3});
    assertThat(request.poolPriceEurPerKwh()[0]).isCloseTo(0.20, within(1e-12));
    ClearingResult answer = new StagedMilpEngine(EXACT, Long.MAX_VALUE, true).solve(request);
    assertThat(answer.report().objectiveEur()).isCloseTo(0.90, within(1e-9));

    ClearingResult tied = new TieBreakEngine(EXACT, null).breakTies(request, answer);

    assertThat(tied.report().objectiveEur()).isCloseTo(0.90, within(1e-9));
    assertThat(tied.schedules().get(0).energyCostEur()).isCloseTo(0.40, within(1e-9));
    assertThat(tied.schedules().get(1).energyCostEur()).isCloseTo(1.10, within(1e-9));
    assertThat(tied.schedules().get(2).energyCostEur()).isCloseTo(-0.60, within(1e-9));
    assertThat(tied.report().reason()).isEqualTo(TieBreak.Rule.LP.note);
  }

  /**
   * Seed 500, 8 households, cost-minimising: the staged and the full MILP return different vertices
   * of the optimum. On the face of the least gross volume the rule's LP breaks no pair, so the LP
   * rule alone makes every household's cost the same from both answers, in another order of the
   * households and on two threads at once; the schedule moves no more energy than either answer
   * (its gross volume is the face's least, at most each answer's).
   */
  @Test
  void costMinimising_leastGrossFace_lpRuleWhateverTheVertexOrderAndThreads() throws Exception {
    TradingDay day = TestDays.random(500, 8, 24);
    ClearingRequest request = costMinimising(day);
    ClearingResult staged = new StagedMilpEngine(EXACT, Long.MAX_VALUE, true).solve(request);
    ClearingResult full = new FullMilpEngine(EXACT).solve(request);
    assertThat(largestDifference(staged, full, identity(8))).isGreaterThan(TOL);

    TieBreakEngine tieBreak = new TieBreakEngine(EXACT, null);
    ClearingResult fromStaged = tieBreak.breakTies(request, staged);
    ClearingResult fromFull = tieBreak.breakTies(request, full);
    assertThat(fromStaged.report().reason()).isEqualTo(TieBreak.Rule.LP.note);
    assertThat(fromFull.report().reason()).isEqualTo(TieBreak.Rule.LP.note);
    assertThat(largestDifference(fromStaged, fromFull, identity(8))).isLessThan(TOL);
    double least = TieBreakFace.gross(ResultAssembly.rawOf(fromStaged));
    TieBreakFace face =
        TieBreakFace.of(
            request, ResultAssembly.rawOf(staged), staged.report().objectiveEur(), true, 60, 0.01);
    assertThat(face.why()).isEmpty();
    assertThat(least).isCloseTo(face.grossKwh(), within(1e-6));
    assertThat(least).isLessThanOrEqualTo(TieBreakFace.gross(ResultAssembly.rawOf(staged)) + 1e-6);
    assertThat(least).isLessThanOrEqualTo(TieBreakFace.gross(ResultAssembly.rawOf(full)) + 1e-6);

    int[] order = {5, 2, 7, 0, 3, 6, 1, 4};
    ClearingRequest permutedRequest = costMinimising(permuted(day, order));
    ClearingResult permuted =
        tieBreak.breakTies(
            permutedRequest,
            new StagedMilpEngine(EXACT, Long.MAX_VALUE, true).solve(permutedRequest));
    assertThat(largestDifference(fromStaged, permuted, order)).isLessThan(TOL);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<ClearingResult> other = pool.submit(() -> tieBreak.breakTies(request, full));
      ClearingResult concurrent = pool.submit(() -> tieBreak.breakTies(request, staged)).get();
      other.get();
      for (int k = 0; k < 8; k++) {
        assertThat(concurrent.schedules().get(k).energyCostEur())
            .as("household %d", k)
            .isEqualTo(fromStaged.schedules().get(k).energyCostEur());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Seed 500, 8 households, weighted, with batteries: the LP stage breaks battery pairs, and the
   * staged MILP and the full MILP return different vertices of the optimum
   * (EngineConformanceTest#withoutTieBreak_householdCostsDependOnTheVertex). After the MILP rule
   * both give every household the same cost, as does the community in another order, and the
   * tie-break run on four threads at once gives the sequential answer bit for bit.
   */
  @Test
  void milpRule_sameCostsWhateverTheVertexOrderAndThreads() throws Exception {
    TradingDay day = TestDays.random(500, 8, 24);
    ClearingRequest request = request(day);
    ClearingResult staged = new StagedMilpEngine(EXACT, Long.MAX_VALUE, true).solve(request);
    ClearingResult full = new FullMilpEngine(EXACT).solve(request);
    assertThat(staged.report().status()).isEqualTo(SolveStatus.OPTIMAL);
    assertThat(full.report().status()).isEqualTo(SolveStatus.OPTIMAL);
    assertThat(largestDifference(staged, full, identity(8))).isGreaterThan(TOL);

    TieBreakEngine tieBreak = new TieBreakEngine(EXACT, null);
    ClearingResult fromStaged = tieBreak.breakTies(request, staged);
    ClearingResult fromFull = tieBreak.breakTies(request, full);
    assertThat(fromStaged.report().reason()).isEqualTo(TieBreak.Rule.MILP.note);
    assertThat(fromFull.report().reason()).isEqualTo(TieBreak.Rule.MILP.note);
    assertThat(fromFull.report().objectiveEur())
        .isCloseTo(staged.report().objectiveEur(), within(1e-7));
    assertThat(largestDifference(fromStaged, fromFull, identity(8))).isLessThan(TOL);

    int[] order = {5, 2, 7, 0, 3, 6, 1, 4};
    TradingDay permutedDay = permuted(day, order);
    ClearingRequest permutedRequest = request(permutedDay);
    ClearingResult permuted =
        tieBreak.breakTies(
            permutedRequest,
            new StagedMilpEngine(EXACT, Long.MAX_VALUE, true).solve(permutedRequest));
    assertThat(permuted.report().reason()).isEqualTo(TieBreak.Rule.MILP.note);
    assertThat(largestDifference(fromStaged, permuted, order)).isLessThan(TOL);

    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<ClearingResult>> parallel = new ArrayList<>();
      for (int copy = 0; copy < 4; copy++) {
        ClearingResult answer = copy % 2 == 0 ? staged : full;
        parallel.add(pool.submit(() -> tieBreak.breakTies(request, answer)));
      }
      for (int copy = 0; copy < 4; copy++) {
        ClearingResult sequential = copy % 2 == 0 ? fromStaged : fromFull;
        ClearingResult concurrent = parallel.get(copy).get();
        for (int k = 0; k < 8; k++) {
          assertThat(concurrent.schedules().get(k).energyCostEur())
              .as("copy %d, household %d", copy, k)
              .isEqualTo(sequential.schedules().get(k).energyCostEur());
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The MILP rule needs a proven answer: without one the stage falls back to the rounds and its
   * reason says which rule applied and why.
   */
  @Test
  void unprovenAnswer_fallsBackAndSaysWhy() {
    TradingDay day = TestDays.random(500, 8, 24);
    ClearingRequest request = request(day);
    ClearingResult staged = new StagedMilpEngine(EXACT, Long.MAX_VALUE, true).solve(request);
    ClearingModel.RawSolution raw = ResultAssembly.rawOf(staged);
    double objective = staged.report().objectiveEur();

    TieBreakOutcome proven = applyProven(request, raw, objective, SolveStatus.OPTIMAL, 0);
    TieBreakOutcome gap = applyProven(request, raw, objective, SolveStatus.OPTIMAL, 1e-5);
    TieBreakOutcome feasible = applyProven(request, raw, objective, SolveStatus.FEASIBLE, 0);

    TieBreakOutcome unknown = TieBreak.apply(request, raw, objective, 0.01, true);

    assertThat(proven.rule()).isEqualTo(TieBreak.Rule.MILP);
    assertThat(proven.milpBinaries()).isPositive();
    assertThat(proven.reproved()).isFalse();
    assertThat(unknown.rule()).isIn(TieBreak.Rule.ROUNDS, TieBreak.Rule.ANSWER_DIRECTIONS);
    assertThat(unknown.note()).contains("the answer is FEASIBLE, not proven optimal");
    // A finite gap above 1e-9: the tie-break proves the objective itself, then the MILP rule.
    for (TieBreakOutcome reproved : List.of(gap, feasible)) {
      assertThat(reproved.rule()).isEqualTo(TieBreak.Rule.MILP);
      assertThat(reproved.reproved()).isTrue();
      assertThat(reproved.reprovedGap()).isLessThanOrEqualTo(TieBreak.PROVEN_GAP);
      assertThat(reproved.note()).startsWith("tie-break re-proved the answer's objective: gap");
      for (int k = 0; k < 8; k++) {
        assertThat(cost(request, reproved.values(), k))
            .isCloseTo(cost(request, proven.values(), k), within(TOL));
      }
    }
    assertThat(gap.note()).contains("was 1.0e-05");
  }

  /**
   * A FEASIBLE answer of more than 20 members (a SCIP limit stopped the clearing) is not re-proved:
   * the stage keeps the answer's objective, skips to the fallback and says so; the same answer of 8
   * members (as above) is re-proved. OPTIMAL answers of that size with a gap are still re-proved.
   */
  @Test
  void feasibleAnswerAboveTwentyMembers_notReprovedAndSaysWhy() {
    TradingDay day = TestDays.random(501, 24, 24);
    ClearingRequest request = request(day);
    ClearingResult exact = new StagedMilpEngine(EXACT, Long.MAX_VALUE, true).solve(request);
    ClearingModel.RawSolution raw = ResultAssembly.rawOf(exact);
    double optimum = exact.report().objectiveEur();

    TieBreakOutcome feasible = applyProven(request, raw, optimum, SolveStatus.FEASIBLE, 0.005);
    TieBreakOutcome optimalWithGap = applyProven(request, raw, optimum, SolveStatus.OPTIMAL, 1e-5);

    assertThat(request.members()).hasSizeGreaterThan(StagedMilpEngine.NODE_REFERENCE_MEMBERS);
    assertThat(feasible.reproved()).isFalse();
    assertThat(feasible.note()).contains(TieBreak.REPROOF_SKIPPED);
    assertThat(feasible.rule())
        .isIn(TieBreak.Rule.LP, TieBreak.Rule.ROUNDS, TieBreak.Rule.ANSWER_DIRECTIONS);
    assertThat(optimalWithGap.reproved()).isTrue();
    assertThat(optimalWithGap.note()).doesNotContain(TieBreak.REPROOF_SKIPPED);
  }

  /**
   * Seed 500 again, with an answer that claims an objective 0.01 EUR above the optimum (FEASIBLE,
   * gap 0.5 %): the face of that objective would hold schedules that are not optimal. The re-proof
   * finds the optimum, says so, and the tie-break then splits it as it splits the exact answer; the
   * engine's report becomes OPTIMAL with the re-proven gap.
   */
  @Test
  void worseObjective_reprovedToTheOptimumAndSplitAsTheExactOne() {
    TradingDay day = TestDays.random(500, 8, 24);
    ClearingRequest request = request(day);
    ClearingResult exact = new StagedMilpEngine(EXACT, Long.MAX_VALUE, true).solve(request);
    ClearingModel.RawSolution raw = ResultAssembly.rawOf(exact);
    double optimum = exact.report().objectiveEur();
    TieBreakOutcome fromExact =
        TieBreak.apply(
            request, raw, optimum, new TieBreak.Proof(SolveStatus.OPTIMAL, 0, 60), 0.01, true);

    TieBreakOutcome fromWorse =
        TieBreak.apply(
            request,
            raw,
            optimum + 0.01,
            new TieBreak.Proof(SolveStatus.FEASIBLE, 0.005, 60),
            0.01,
            true);

    assertThat(fromWorse.rule()).isEqualTo(TieBreak.Rule.MILP);
    assertThat(fromWorse.reproved()).isTrue();
    assertThat(fromWorse.reprovedGap()).isLessThanOrEqualTo(TieBreak.PROVEN_GAP);
    assertThat(fromWorse.note()).startsWith("tie-break re-proved the optimum: ");
    for (int k = 0; k < 8; k++) {
      assertThat(cost(request, fromWorse.values(), k))
          .isCloseTo(cost(request, fromExact.values(), k), within(TOL));
    }
    ClearingResult report =
        new TieBreakEngine(EXACT, null)
            .breakTies(
                request,
                exact.withReport(
                    new SolverReport(
                        SolveStatus.FEASIBLE,
                        optimum,
                        exact.report().lpBoundEur(),
                        1e-5,
                        0,
                        0,
                        true,
                        0,
                        "")));
    assertThat(report.report().status()).isEqualTo(SolveStatus.OPTIMAL);
    assertThat(report.report().relativeGap()).isLessThanOrEqualTo(TieBreak.PROVEN_GAP);
    assertThat(report.report().reason()).contains("was 1.0e-05");
    assertThat(report.report().objectiveEur()).isCloseTo(optimum, within(1e-7));
  }

  /**
   * Seed 500 with two pairs of twins: household 1 a copy of household 0 (no battery), and the
   * household after the first battery household from index 2 a copy of it. The twins' costs are the
   * same whatever the answer's vertex (staged or full MILP), the households' order, the pooling of
   * households without a battery and the threads; the twins without a battery pay the same, the
   * battery twins (whose mean schedule breaks a pair) are split by the second pass.
   */
  @Test
  void identicalHouseholds_equalSharesWhateverTheVertexOrderPoolingAndThreads() throws Exception {
    TradingDay base = TestDays.random(500, 8, 24);
    int battery = 2;
    while (!base.households().get(battery).hasBattery()) {
      battery++;
    }
    assertThat(battery).isLessThan(7);
    TradingDay day =
        withCopy(
            withCopy(base, 1, 0, "h000-twin"),
            battery + 1,
            battery,
            base.households().get(battery).id() + "-twin");
    ClearingRequest request = request(day);
    TieBreakEngine tieBreak = new TieBreakEngine(EXACT, null);
    // Two threads at once: the first result is the reference, the second must equal it.
    ExecutorService threads = Executors.newFixedThreadPool(2);
    ClearingResult inOrder;
    ClearingResult parallel;
    try {
      Future<ClearingResult> first = threads.submit(() -> tieBroken(day));
      Future<ClearingResult> second = threads.submit(() -> tieBroken(day));
      inOrder = first.get();
      parallel = second.get();
    } finally {
      threads.shutdown();
    }
    int[] order = identity(8);
    order[0] = 1;
    order[1] = 0;
    order[battery] = battery + 1;
    order[battery + 1] = battery;
    ClearingResult swapped = tieBroken(permuted(day, order));
    ClearingResult fromFull = tieBreak.breakTies(request, new FullMilpEngine(EXACT).solve(request));
    ClearingResult pooled =
        tieBreak.breakTies(
            request,
            new HouseholdPoolingEngine(
                    EXACT.withPooling(true), new StagedMilpEngine(EXACT, Long.MAX_VALUE, true))
                .solve(request));

    assertThat(largestDifference(inOrder, swapped, order)).isLessThan(TOL);
    // The battery twins' mean breaks a pair on this day: the second pass splits them (before it,
    // the full MILP's vertex split their total 0.080 EUR differently from the staged MILP's).
    String batteryTwins =
        day.households().get(battery).id() + ", " + day.households().get(battery + 1).id();
    assertThat(inOrder.report().reason())
        .contains("identical households " + batteryTwins + ": their mean schedule breaks")
        .contains("(second pass)");
    assertThat(largestDifference(inOrder, fromFull, identity(8))).isLessThan(TOL);
    assertThat(largestDifference(inOrder, pooled, identity(8))).isLessThan(TOL);
    assertThat(largestDifference(inOrder, parallel, identity(8))).isLessThan(TOL);
    for (int[] twins : new int[][] {{0, 1}, {battery, battery + 1}}) {
      String ids = day.households().get(twins[0]).id() + ", " + day.households().get(twins[1]).id();
      System.out.printf(
          "twins %s (battery %b): costs %.9f / %.9f EUR, reason %s%n",
          ids,
          day.households().get(twins[0]).hasBattery(),
          inOrder.schedules().get(twins[0]).energyCostEur(),
          inOrder.schedules().get(twins[1]).energyCostEur(),
          inOrder.report().reason());
      if (!inOrder.report().reason().contains(ids)) {
        assertThat(inOrder.schedules().get(twins[0]).energyCostEur())
            .isCloseTo(inOrder.schedules().get(twins[1]).energyCostEur(), within(1e-9));
      }
    }
  }

  /**
   * The rule among identical members on hand-made vertices of one optimum: B and A (identical, 2
   * kWh of load each) share the 1 kWh that P sells to the pool (0.20 EUR/kWh; import 0.30). Three
   * vertices split it 1 / 0, 0 / 1 and 0.25 / 0.75: ordered by id, A's cost would be 0.50 EUR on
   * the first two and 0.525 on the third (a continuous shift the ordering cannot undo); with equal
   * shares both import 1.5 kWh and buy 0.5 on every vertex (0.45 + 0.10 = 0.55 EUR each).
   */
  @Test
  void identicalHouseholds_equalSharesOfTheGroupsTotalOnEveryVertex() {
    Household b = new Household("B", ParticipantKind.CONSUMER, "LOW", 30, 0, null, null);
    Household a = new Household("A", ParticipantKind.CONSUMER, "LOW", 30, 0, null, null);
    Household p = new Household("P", ParticipantKind.PROSUMER, "HIGH", 60, 1, null, null);
    ClearingRequest request =
        oneHour(List.of(b, a, p), new double[] {2, 2, 0}, new double[] {0, 0, 1});
    double[][] bBuys = {{1, 0, 0.25}, {0, 1, 0.75}};
    List<ClearingModel.RawSolution> ordered = new ArrayList<>();
    for (int v = 0; v < 3; v++) {
      double buyB = bBuys[0][v];
      double buyA = bBuys[1][v];
      ClearingModel.RawSolution vertex =
          oneHourRaw(
              new double[] {2 - buyB, 2 - buyA, 0},
              new double[] {0, 0, 0},
              new double[] {buyB, buyA, 0},
              new double[] {0, 0, 1},
              new double[] {0, 0, 0},
              new double[] {0, 0, 0},
              new double[] {0, 0, 0},
              new double[] {0, 0, 0});

      IdenticalHouseholds.Split split = IdenticalHouseholds.canonical(request, vertex, true);

      assertThat(split.note()).isEmpty();
      for (int k = 0; k < 2; k++) {
        assertThat(split.values().imp()[k][0]).isCloseTo(1.5, within(1e-12));
        assertThat(split.values().buy()[k][0]).isCloseTo(0.5, within(1e-12));
        assertThat(cost(request, split.values(), k)).isCloseTo(0.55, within(1e-12));
      }
      assertThat(split.values().sell()[2][0]).isEqualTo(1);
      ordered.add(IdenticalHouseholds.ordered(request, vertex));
    }
    assertThat(cost(request, ordered.get(0), 1)).isCloseTo(0.50, within(1e-12));
    assertThat(cost(request, ordered.get(2), 1)).isCloseTo(0.525, within(1e-12));
  }

  /**
   * Two identical battery households, one charging 1 kWh and the other discharging 1 kWh in the
   * same hour: their mean would charge and discharge at once, so they are ordered by id instead,
   * and the note names them.
   */
  @Test
  void identicalHouseholds_meanThatBreaksAPair_orderedByIdAndNamed() {
    Battery battery = new Battery(5, 2, 0.95, 0.95, 0.5, 5, 2);
    Household b = new Household("B", ParticipantKind.PROSUMER, "LOW", 30, 1, battery, null);
    Household a = new Household("A", ParticipantKind.PROSUMER, "LOW", 30, 1, battery, null);
    ClearingRequest request = oneHour(List.of(b, a), new double[] {1, 1}, new double[] {1, 1});
    // B charges 1 kWh from the pool, A discharges 1 kWh into it.
    ClearingModel.RawSolution values =
        oneHourRaw(
            new double[] {0, 0},
            new double[] {0, 0},
            new double[] {1, 0},
            new double[] {0, 1},
            new double[] {0, 0},
            new double[] {1, 0},
            new double[] {0, 1},
            new double[] {2.95, 0.95});

    IdenticalHouseholds.Split split = IdenticalHouseholds.canonical(request, values, true);
    IdenticalHouseholds.Split lp = IdenticalHouseholds.canonical(request, values, false);

    assertThat(split.note()).contains("identical households A, B ordered by id");
    // A, first by id, takes the schedule of least rule cost: the sale (−0.20 EUR).
    assertThat(split.values().sell()[1]).containsExactly(1);
    assertThat(split.values().buy()[0]).containsExactly(1);
    // Where the LP stands, the mean applies whatever the pairs.
    assertThat(lp.note()).isEmpty();
    assertThat(lp.values().ch()[0]).containsExactly(0.5);
    assertThat(lp.values().dis()[1]).containsExactly(0.5);
  }

  /**
   * The rule among identical members on a hand-made schedule: member 0 ("B") holds the cheaper
   * schedule of members 0 and 1 ("B", "A", identical); "A" is first in id order, so it takes it.
   * Member 2 ("C", other data) keeps its own.
   */
  @Test
  void identicalHouseholds_scheduleOfLeastRuleCostGoesToTheFirstId() {
    Household b = new Household("B", ParticipantKind.CONSUMER, "LOW", 30, 0, null, null);
    Household a = new Household("A", ParticipantKind.CONSUMER, "LOW", 30, 0, null, null);
    Household c = new Household("C", ParticipantKind.CONSUMER, "LOW", 30, 0, null, null);
    ClearingRequest request =
        oneHour(List.of(b, a, c), new double[] {2, 2, 3}, new double[] {0, 0, 0});
    // B imports 1 kWh and buys 1 (0.30 + 0.20), A imports 2 (0.60), C imports 3.
    ClearingModel.RawSolution values =
        oneHourRaw(
            new double[] {1, 2, 3},
            new double[] {0, 0, 0},
            new double[] {1, 0, 0},
            new double[] {0, 0, 0},
            new double[] {0, 0, 0},
            new double[] {0, 0, 0},
            new double[] {0, 0, 0},
            new double[] {0, 0, 0});

    ClearingModel.RawSolution ordered = IdenticalHouseholds.ordered(request, values);

    assertThat(ordered.imp()[0]).containsExactly(2);
    assertThat(ordered.buy()[0]).containsExactly(0);
    assertThat(ordered.imp()[1]).containsExactly(1);
    assertThat(ordered.buy()[1]).containsExactly(1);
    assertThat(ordered.imp()[2]).containsExactly(3);
    assertThat(IdenticalHouseholds.identical(request, 0, 1)).isTrue();
    assertThat(IdenticalHouseholds.identical(request, 0, 2)).isFalse();
  }

  /**
   * Flexible demand (issue 15): seed 500 with an EV (7 kWh, 3.7 kW, plugged in from 18 to 7 h) at
   * every other household, household 1 a twin of household 0. The tie-break runs (its models carry
   * the EV rows, its pairs the EV households' meter pair) and gives the same costs, and the same EV
   * charging, whatever the answer's vertex (staged or full MILP), the households' order and the
   * threads; no EV household draws and gives at once.
   */
  @Test
  void flexibleDemand_tieBrokenToTheSameSplitWhateverTheVertexOrderAndThreads() throws Exception {
    TradingDay day = withElectricVehicles(withCopy(TestDays.random(500, 8, 24), 1, 0, "h000-twin"));
    ClearingRequest request = request(day);
    assertThat(request.hasFlexibleDemand()).isTrue();
    TieBreakEngine tieBreak = new TieBreakEngine(EXACT, null);
    ClearingResult inOrder = tieBroken(day);
    int[] order = {1, 0, 2, 3, 5, 4, 7, 6};
    ClearingResult swapped = tieBroken(permuted(day, order));
    ClearingResult fromFull = tieBreak.breakTies(request, new FullMilpEngine(EXACT).solve(request));
    ExecutorService threads = Executors.newFixedThreadPool(2);
    ClearingResult parallel;
    try {
      Future<ClearingResult> other = threads.submit(() -> tieBroken(day));
      parallel = threads.submit(() -> tieBroken(day)).get();
      other.get();
    } finally {
      threads.shutdown();
    }

    for (ClearingResult result : List.of(inOrder, swapped, fromFull, parallel)) {
      assertThat(result.report().reason())
          .contains(TieBreak.Rule.MILP.note)
          .doesNotContain(TieBreak.VERTEX_NOTE)
          .doesNotContain("not run");
      assertThat(result.report().objectiveEur())
          .isCloseTo(inOrder.report().objectiveEur(), within(1e-7));
    }
    assertThat(largestDifference(inOrder, swapped, order)).isLessThan(TOL);
    assertThat(largestDifference(inOrder, fromFull, identity(8))).isLessThan(TOL);
    assertThat(largestDifference(inOrder, parallel, identity(8))).isLessThan(TOL);
    for (int p = 0; p < order.length; p++) {
      var mine = inOrder.schedules().get(order[p]);
      var theirs = swapped.schedules().get(p);
      for (int t = 0; t < day.intervals(); t++) {
        assertThat(theirs.flexKwh()[t]).isCloseTo(mine.flexKwh()[t], within(1e-6));
        double draws = mine.importKwh()[t] + Math.max(0, mine.buyKwh()[t] - mine.sellKwh()[t]);
        double gives = mine.exportKwh()[t] + Math.max(0, mine.sellKwh()[t] - mine.buyKwh()[t]);
        assertThat(Math.min(draws, gives)).isLessThanOrEqualTo(1e-6);
      }
    }
  }

  /** {@code day} with an EV (7 kWh, 3.7 kW, 18 h to 7 h) at households 0, 1 and every odd one. */
  /**
   * One hour at import 0.30 and export 0.10 EUR/kWh (pool 0.20 at mid-market), no peak charge, the
   * households' loads and PV as given (kWh): the cost-minimising request of every household.
   */
  private static ClearingRequest oneHour(
      List<Household> households, double[] loadKwh, double[] pvKwh) {
    TradingDay day =
        TestDays.day(
            households, column(loadKwh), column(pvKwh), TestDays.flat(1, 0.30, 0.10, 0, 10));
    return ClearingRequest.costMinimising(
        day, identity(households.size()), PoolPricing.prices(PricingRule.MID_MARKET, day));
  }

  /** A hand-made schedule of {@link #oneHour}: each flow per household (kWh). */
  private static ClearingModel.RawSolution oneHourRaw(
      double[] imp,
      double[] exp,
      double[] buy,
      double[] sell,
      double[] cur,
      double[] ch,
      double[] dis,
      double[] soc) {
    return new ClearingModel.RawSolution(
        column(imp),
        column(exp),
        column(buy),
        column(sell),
        column(cur),
        column(ch),
        column(dis),
        column(soc));
  }

  private static double[][] column(double[] perHousehold) {
    double[][] column = new double[perHousehold.length][];
    for (int i = 0; i < perHousehold.length; i++) {
      column[i] = new double[] {perHousehold[i]};
    }
    return column;
  }

  private static TradingDay withElectricVehicles(TradingDay day) {
    List<Household> households = new ArrayList<>();
    for (int i = 0; i < day.householdCount(); i++) {
      Household h = day.households().get(i);
      households.add(
          i < 2 || i % 2 == 1
              ? h.withFlex(new FlexibleDemand(new ElectricVehicle(7, 3.7, 18, 7)))
              : h);
    }
    return day.withHouseholds(households, day.loadKwh(), day.pvKwh(), day.initialSocKwh());
  }

  private static ClearingResult tieBroken(TradingDay day) {
    ClearingRequest request = request(day);
    ClearingResult answer = new StagedMilpEngine(EXACT, Long.MAX_VALUE, true).solve(request);
    return new TieBreakEngine(EXACT, null).breakTies(request, answer);
  }

  /** Member {@code k}'s energy cost in {@code values} (EUR). */
  private static double cost(ClearingRequest request, ClearingModel.RawSolution values, int k) {
    TradingDay day = request.day();
    double[] pool = request.poolPriceEurPerKwh();
    double sum = 0;
    for (int t = 0; t < day.intervals(); t++) {
      sum +=
          day.tariff().importPriceEurPerKwh()[t] * values.imp()[k][t]
              - day.tariff().exportPriceEurPerKwh()[t] * values.exp()[k][t]
              + pool[t] * (values.buy()[k][t] - values.sell()[k][t]);
    }
    return sum;
  }

  /** {@code day} with household {@code target} replaced by a copy of {@code source} named id. */
  private static TradingDay withCopy(TradingDay day, int target, int source, String id) {
    List<Household> households = new ArrayList<>(day.households());
    Household h = day.households().get(source);
    households.set(
        target,
        new Household(
            id, h.kind(), h.group(), h.dailyIncomeEur(), h.pvKwp(), h.battery(), h.reservation()));
    double[][] load = day.loadKwh().clone();
    double[][] pv = day.pvKwh().clone();
    double[] soc = day.initialSocKwh().clone();
    load[target] = load[source].clone();
    pv[target] = pv[source].clone();
    soc[target] = soc[source];
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

  /** The tie-break of {@code raw} with a proof of {@code status} and {@code gap} (guard 60 s). */
  private static TieBreakOutcome applyProven(
      ClearingRequest request,
      ClearingModel.RawSolution raw,
      double objective,
      SolveStatus status,
      double gap) {
    return TieBreak.apply(request, raw, objective, new TieBreak.Proof(status, gap, 60), 0.01, true);
  }

  /**
   * The weighted request of every household of {@code day} ({@link TestDays#weightedByGroup}:
   * weights 1.4 LOW, 1.0 MIDDLE, 0.6 HIGH, no floor): on these days the rule's LP over the least
   * gross volume's face still breaks pairs, so the MILP stage runs. At equal weights it does not
   * ({@link #costMinimising_leastGrossFace_lpRuleWhateverTheVertexOrderAndThreads}).
   */
  private static ClearingRequest request(TradingDay day) {
    return TestDays.weightedByGroup(day);
  }

  private static ClearingRequest costMinimising(TradingDay day) {
    return ClearingRequest.costMinimising(
        day,
        IntStream.range(0, day.householdCount()).toArray(),
        PoolPricing.prices(PricingRule.MID_MARKET, day));
  }

  private static int[] identity(int n) {
    return IntStream.range(0, n).toArray();
  }

  /**
   * The largest difference of household costs; household p of {@code b} is order[p] of {@code a}.
   */
  private static double largestDifference(ClearingResult a, ClearingResult b, int[] order) {
    double largest = 0;
    for (int p = 0; p < order.length; p++) {
      largest =
          Math.max(
              largest,
              Math.abs(
                  a.schedules().get(order[p]).energyCostEur()
                      - b.schedules().get(p).energyCostEur()));
    }
    return largest;
  }

  /** Household {@code p} of the result is household {@code order[p]} of {@code day}. */
  private static TradingDay permuted(TradingDay day, int[] order) {
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
