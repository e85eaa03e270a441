package org.equigrid.market.clearing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.equigrid.market.clearing.engine.StagedMilpEngine;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.Tariff;
import org.equigrid.market.model.TradingDay;
import org.junit.jupiter.api.Test;

class CoalitionSolverTest {

  private static final double TOL = 1e-7;
  private static final SolverOptions EXACT = new SolverOptions(30, 1e-9, true, 0.01);
  private final CoalitionSolver solver = new CoalitionSolver(EXACT);

  /**
   * One interval: the seller has G = 3, L = 1 (2 kWh surplus), the buyer L = 4. The whole surplus
   * goes through the pool, the buyer imports the other 2 kWh; peak charge 0.5 EUR/kW on 2 kW.
   */
  private static TradingDay sellerAndBuyer(Household seller, Household buyer) {
    return TestDays.day(
        List.of(seller, buyer),
        new double[][] {{1}, {4}},
        new double[][] {{3}, {0}},
        TestDays.flat(1, 0.30, 0.10, 0.5, 10));
  }

  private ClearingResult clearTwo(TradingDay day, PricingRule rule) {
    double[] prices = PoolPricing.prices(rule, day);
    return solver.solve(ClearingRequest.costMinimising(day, new int[] {0, 1}, prices));
  }

  private static void assertTwoHouseholdFlows(ClearingResult result, double price) {
    assertThat(result.report().status()).isEqualTo(SolveStatus.OPTIMAL);
    HouseholdSchedule seller = result.schedules().get(0);
    HouseholdSchedule buyer = result.schedules().get(1);
    assertThat(seller.sellKwh()[0]).isCloseTo(2, within(TOL));
    assertThat(seller.exportKwh()[0]).isCloseTo(0, within(TOL));
    assertThat(seller.importKwh()[0]).isCloseTo(0, within(TOL));
    assertThat(buyer.buyKwh()[0]).isCloseTo(2, within(TOL));
    assertThat(buyer.importKwh()[0]).isCloseTo(2, within(TOL));
    assertThat(seller.energyCostEur()).isCloseTo(-2 * price, within(TOL));
    assertThat(buyer.energyCostEur()).isCloseTo(0.30 * 2 + 2 * price, within(TOL));
    assertThat(result.gridCostEur()).isCloseTo(0.60, within(TOL));
    assertThat(result.peakKw()).isCloseTo(2, within(TOL));
    assertThat(result.peakChargeEur()).isCloseTo(1.0, within(TOL));
    assertThat(result.totalCostEur()).isCloseTo(1.6, within(TOL));
    assertThat(result.report().objectiveEur()).isCloseTo(1.6, within(TOL));
  }

  @Test
  void solve_twoHouseholdsMidMarket_splitsSurplusAtMeanPrice() {
    TradingDay day = sellerAndBuyer(TestDays.prosumer("s", null), TestDays.consumer("b"));
    assertTwoHouseholdFlows(clearTwo(day, PricingRule.MID_MARKET), 0.20);
  }

  @Test
  void solve_twoHouseholdsSupplyDemandRatio_paysLiuPrice() {
    TradingDay day = sellerAndBuyer(TestDays.prosumer("s", null), TestDays.consumer("b"));
    assertTwoHouseholdFlows(clearTwo(day, PricingRule.SUPPLY_DEMAND_RATIO), 0.15);
  }

  @Test
  void solve_twoHouseholdsDoubleAuction_paysMidpointOfReservations() {
    // bid 0.26, ask 0.12 → 0.19
    TradingDay day =
        sellerAndBuyer(
            TestDays.withReservation(TestDays.prosumer("s", null), 1, 0.12),
            TestDays.withReservation(TestDays.consumer("b"), 0.26, 0));
    assertTwoHouseholdFlows(clearTwo(day, PricingRule.DOUBLE_AUCTION), 0.19);
  }

  @Test
  void solve_batteryCheapThenExpensiveHour_shiftsLoad() {
    // ηc = ηd = 0.9, soc0 = 2. Covering L = 2 in the 0.40 hour by discharge needs 2/0.81 kWh
    // charged in the 0.10 hour (end soc back at 2): cost 0.10·(1 + 2/0.81).
    Battery battery = new Battery(10, 5, 0.9, 0.9, 0, 10, 2);
    Tariff tariff = new Tariff(new double[] {0.10, 0.40}, new double[] {0, 0}, 0, 10, 10);
    TradingDay day =
        TestDays.day(
            List.of(TestDays.prosumer("p", battery)),
            new double[][] {{1, 2}},
            new double[][] {{0, 0}},
            tariff);
    ClearingResult result =
        solver.solve(ClearingRequest.costMinimising(day, new int[] {0}, new double[] {0.05, 0.25}));
    double charge = 2 / 0.81;
    HouseholdSchedule s = result.schedules().get(0);
    assertThat(result.report().status()).isEqualTo(SolveStatus.OPTIMAL);
    assertThat(result.report().milpUsed()).isFalse();
    assertThat(s.chargeKwh()).containsExactly(new double[] {charge, 0}, within(TOL));
    assertThat(s.dischargeKwh()).containsExactly(new double[] {0, 2}, within(TOL));
    assertThat(s.socKwh()).containsExactly(new double[] {2 + 0.9 * charge, 2}, within(TOL));
    assertThat(s.importKwh()).containsExactly(new double[] {1 + charge, 0}, within(TOL));
    assertThat(s.energyCostEur()).isCloseTo(0.10 * (1 + charge), within(TOL));
    assertThat(result.totalCostEur()).isCloseTo(0.10 * (1 + charge), within(TOL));
  }

  @Test
  void solve_loadAboveImportLimit_isInfeasibleNamingImportLimit() {
    TradingDay day =
        TestDays.day(
            List.of(TestDays.consumer("a"), TestDays.consumer("b")),
            new double[][] {{3, 12}, {1, 1}},
            new double[][] {{0, 0}, {0, 0}},
            TestDays.flat(2, 0.3, 0.1, 0.2, 10));
    ClearingResult result =
        solver.solve(
            ClearingRequest.costMinimising(
                day, new int[] {0, 1}, PoolPricing.prices(PricingRule.MID_MARKET, day)));
    assertThat(result.report().status()).isEqualTo(SolveStatus.INFEASIBLE);
    assertThat(result.report().reason())
        .contains(ConstraintFamily.IMPORT_LIMIT.label())
        .contains("household a");
    assertThat(result.schedules()).isEmpty();
    assertThat(result.report().objectiveEur()).isNaN();
    assertThat(result.totalCostEur()).isNaN();
  }

  @Test
  void solve_initialSocBelowMinimumWithoutGrid_isInfeasibleNamingSocFamily() {
    // The battery starts at 0 below socMin = 1, and a tiny import limit cannot charge it in time.
    Battery battery = new Battery(10, 5, 0.9, 0.9, 1, 10, 1);
    Tariff tariff = new Tariff(new double[] {0.3}, new double[] {0.1}, 0, 0.1, 10);
    TradingDay day =
        new TradingDay(
            0,
            1,
            1.0,
            List.of(TestDays.prosumer("p", battery)),
            new double[][] {{0}},
            new double[][] {{0}},
            new double[] {0},
            tariff);
    ClearingResult result =
        solver.solve(ClearingRequest.costMinimising(day, new int[] {0}, new double[] {0.2}));
    assertThat(result.report().status()).isEqualTo(SolveStatus.INFEASIBLE);
    assertThat(result.report().reason()).contains("infeasible");
    assertThat(result.schedules()).isEmpty();
  }

  /**
   * Negative prices πimp = πexp = −0.10 and a full battery: the LP imports L + ch and burns the
   * charge by discharging at once. The relaxation keeps β in [0, 1], so ch + dis <= P·Δt = 2; a
   * full battery that must end full discharges dis = 0.81·ch (0.9·ch = dis/0.9), so ch = 2/1.81 and
   * the LP bound is −0.10·(1 + 0.19·2/1.81) = −0.120994; with the binary the battery stays idle and
   * the household imports its load only (−0.10).
   */
  @Test
  void solve_relaxationBurnsEnergy_milpRestoresExclusivity() {
    Battery battery = new Battery(5, 2, 0.9, 0.9, 0, 5, 5);
    Tariff tariff = new Tariff(new double[] {-0.10}, new double[] {-0.10}, 0, 10, 10);
    TradingDay day =
        TestDays.day(
            List.of(TestDays.prosumer("p", battery)),
            new double[][] {{1}},
            new double[][] {{0}},
            tariff);
    ClearingRequest request =
        ClearingRequest.costMinimising(day, new int[] {0}, new double[] {-0.10});
    ClearingResult result = solver.solve(request);
    assertThat(result.report().status()).isEqualTo(SolveStatus.OPTIMAL);
    assertThat(result.report().milpUsed()).isTrue();
    assertThat(result.report().binaryCount()).isPositive();
    assertThat(result.report().lpBoundEur()).isCloseTo(-0.10 * (1 + 0.19 * 2 / 1.81), within(TOL));
    assertThat(result.report().objectiveEur()).isCloseTo(-0.10, within(TOL));
    HouseholdSchedule s = result.schedules().get(0);
    assertThat(Math.min(s.chargeKwh()[0], s.dischargeKwh()[0])).isZero();
    assertThat(Math.min(s.importKwh()[0], s.exportKwh()[0])).isZero();
    assertThat(solver.solveFullMilp(request).report().objectiveEur()).isCloseTo(-0.10, within(TOL));

    ClearingResult lpOnly =
        new CoalitionSolver(new SolverOptions(30, 1e-9, false, 0.01)).solve(request);
    assertThat(lpOnly.report().milpUsed()).isFalse();
    assertThat(lpOnly.report().objectiveEur())
        .isCloseTo(-0.10 * (1 + 0.19 * 2 / 1.81), within(TOL));
  }

  @Test
  void solve_randomSmallCommunities_stagedEqualsFullMilp() {
    int milpRuns = 0;
    for (long seed = 100; seed < 112; seed++) {
      TradingDay day = TestDays.random(seed, 2 + (int) (seed % 3), 24);
      ClearingRequest request =
          ClearingRequest.costMinimising(
              day, TestDays.everyone(day), PoolPricing.prices(PricingRule.MID_MARKET, day));
      ClearingResult staged = solver.solve(request);
      ClearingResult full = solver.solveFullMilp(request);
      milpRuns += staged.report().milpUsed() ? 1 : 0;
      assertThat(full.report().status()).isEqualTo(SolveStatus.OPTIMAL);
      double objective = staged.report().objectiveEur();
      assertThat(full.report().objectiveEur())
          .as("seed %d", seed)
          .isCloseTo(objective, within(1e-6 * Math.max(1, Math.abs(objective))));
      if (!staged.report().milpUsed()) {
        assertThat(staged.report().lpBoundEur())
            .isCloseTo(objective, within(1e-6 * Math.max(1, Math.abs(objective))));
      }
    }
    assertThat(milpRuns).isLessThan(12);
  }

  /**
   * Weighted random communities whose relaxation breaks binaries, with no time for SCIP: the
   * repaired (rounded) schedule must be MILP-feasible (exclusive pairs, all invariants), no better
   * than the full MILP optimum, and its reported gap must be its distance to the LP bound, with
   * OPTIMAL only within the gap limit.
   */
  @Test
  void solve_weightedWithoutTimeForScip_repairedScheduleIsMilpFeasibleWithGapToLpBound() {
    SolverOptions noTime = new SolverOptions(1e-6, 1e-9, true, 0.01);
    CoalitionSolver hurried = new CoalitionSolver(noTime);
    int repaired = 0;
    for (long seed = 300; seed < 306; seed++) {
      TradingDay day = TestDays.random(seed, 8, 24);
      int n = day.householdCount();
      double[] weights = new double[n];
      for (int i = 0; i < n; i++) {
        weights[i] = i % 2 == 0 ? 0.5 : 2.0;
      }
      ClearingRequest request =
          new ClearingRequest(
              day,
              TestDays.everyone(day),
              weights,
              0,
              new boolean[n],
              null,
              PoolPricing.prices(PricingRule.MID_MARKET, day));
      ClearingResult result = hurried.solve(request);
      SolverReport report = result.report();
      String what = "seed " + seed;
      ClearingInvariantsTest.assertInvariants(day, result, what);
      if (!report.milpUsed()) {
        continue;
      }
      repaired++;
      double objective = report.objectiveEur();
      assertThat(objective).as(what).isGreaterThanOrEqualTo(report.lpBoundEur() - 1e-7);
      assertThat(report.relativeGap())
          .as(what)
          .isCloseTo(
              (objective - report.lpBoundEur()) / Math.max(Math.abs(objective), 1e-9),
              within(1e-6));
      assertThat(report.status())
          .as(what)
          .isEqualTo(
              report.relativeGap() <= noTime.relativeGapLimit()
                  ? SolveStatus.OPTIMAL
                  : SolveStatus.FEASIBLE);
      ClearingResult full = solver.solveFullMilp(request);
      assertThat(full.report().objectiveEur()).as(what).isLessThanOrEqualTo(objective + 1e-7);
    }
    assertThat(repaired).isPositive();
  }

  /**
   * Weighted random communities with SCIP stopped at its smallest node limit (node budget 1: 10
   * nodes): where SCIP's answer breaks pairs of members without binaries, those pairs are rounded
   * (the repair). Every answer must be MILP-feasible (exclusive pairs, all invariants), no better
   * than the full MILP optimum, never worse than the rounded LP schedule that stands without SCIP,
   * and its status must follow its gap.
   */
  @Test
  void solve_weightedScipAtNodeLimit_repairedAnswerIsMilpFeasibleAndNoWorseThanRounding() {
    SolverOptions options = new SolverOptions(30, 1e-9, true, 0.01);
    CoalitionSolver limited = new CoalitionSolver(options, true, false, 1);
    CoalitionSolver hurried = new CoalitionSolver(new SolverOptions(1e-6, 1e-9, true, 0.01));
    int repaired = 0;
    for (long seed = 300; seed < 312; seed++) {
      TradingDay day = TestDays.random(seed, 12, 24);
      int n = day.householdCount();
      double[] weights = new double[n];
      for (int i = 0; i < n; i++) {
        weights[i] = i % 2 == 0 ? 0.5 : 2.0;
      }
      ClearingRequest request =
          new ClearingRequest(
              day,
              TestDays.everyone(day),
              weights,
              0,
              new boolean[n],
              null,
              PoolPricing.prices(PricingRule.MID_MARKET, day));
      ClearingResult result = limited.solve(request);
      SolverReport report = result.report();
      String what = "seed " + seed + ": " + report.reason();
      ClearingInvariantsTest.assertInvariants(day, result, what);
      double objective = report.objectiveEur();
      assertThat(report.status())
          .as(what)
          .isEqualTo(
              report.relativeGap() <= options.relativeGapLimit()
                  ? SolveStatus.OPTIMAL
                  : SolveStatus.FEASIBLE);
      assertThat(solver.solveFullMilp(request).report().objectiveEur())
          .as(what)
          .isLessThanOrEqualTo(objective + 1e-7);
      if (report.reason().startsWith(StagedMilpEngine.SCIP_REPAIRED)) {
        repaired++;
        assertThat(objective)
            .as(what)
            .isLessThan(hurried.solve(request).report().objectiveEur())
            .isGreaterThanOrEqualTo(report.lpBoundEur() - 1e-7);
      }
    }
    assertThat(repaired).isPositive();
  }

  /**
   * With {@code milpMaxBinaries} 0 SCIP never runs: the answer is the rounded schedule, the same
   * one that stands when SCIP has no time, MILP-feasible, no better than the full MILP optimum.
   */
  @Test
  void solve_weightedAboveMilpBinaryLimit_roundedScheduleStandsWithoutScip() {
    CoalitionSolver hurried = new CoalitionSolver(new SolverOptions(1e-6, 1e-9, true, 0.01));
    CoalitionSolver skipping = new CoalitionSolver(EXACT.withMilpMaxBinaries(0));
    int skipped = 0;
    for (long seed = 300; seed < 306; seed++) {
      TradingDay day = TestDays.random(seed, 8, 24);
      int n = day.householdCount();
      double[] weights = new double[n];
      for (int i = 0; i < n; i++) {
        weights[i] = i % 2 == 0 ? 0.5 : 2.0;
      }
      ClearingRequest request =
          new ClearingRequest(
              day,
              TestDays.everyone(day),
              weights,
              0,
              new boolean[n],
              null,
              PoolPricing.prices(PricingRule.MID_MARKET, day));
      ClearingResult result = skipping.solve(request);
      SolverReport report = result.report();
      String what = "seed " + seed;
      ClearingInvariantsTest.assertInvariants(day, result, what);
      if (!report.reason().startsWith(StagedMilpEngine.SCIP_SKIPPED)) {
        assertThat(report.status()).as(what).isEqualTo(SolveStatus.OPTIMAL);
        continue;
      }
      skipped++;
      assertThat(report.status()).as(what).isEqualTo(SolveStatus.FEASIBLE);
      assertThat(report.relativeGap()).as(what).isGreaterThan(EXACT.relativeGapLimit());
      ClearingResult fallback = hurried.solve(request);
      assertThat(fallback.report().reason()).as(what).startsWith(StagedMilpEngine.ROUNDED_FALLBACK);
      assertThat(report.objectiveEur()).as(what).isEqualTo(fallback.report().objectiveEur());
      assertThat(report.relativeGap()).as(what).isEqualTo(fallback.report().relativeGap());
      assertThat(solver.solveFullMilp(request).report().objectiveEur())
          .as(what)
          .isLessThanOrEqualTo(report.objectiveEur() + 1e-7);
    }
    assertThat(skipped).isPositive();
  }

  @Test
  void solve_singleHouseholdWithoutPool_hasNoPoolTrades() {
    TradingDay day = TestDays.random(7, 3, 24);
    int withPv = -1;
    for (int i = 0; i < 3; i++) {
      if (day.households().get(i).hasPv()) {
        withPv = i;
      }
    }
    int member = Math.max(withPv, 0);
    ClearingResult result =
        solver.solve(
            ClearingRequest.costMinimising(
                day, new int[] {member}, PoolPricing.prices(PricingRule.MID_MARKET, day)));
    HouseholdSchedule s = result.schedules().get(0);
    assertThat(s.householdIndex()).isEqualTo(member);
    assertThat(Arrays.stream(s.buyKwh()).sum() + Arrays.stream(s.sellKwh()).sum()).isZero();
  }
}
