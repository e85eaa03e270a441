package org.equigrid.market.clearing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Locale;
import org.equigrid.market.clearing.engine.DecompositionEngine;
import org.equigrid.market.model.TradingDay;
import org.junit.jupiter.api.Test;

/** The decomposition reaches the monolithic optimum (DESIGN.md section 2, "Solving"). */
class PriceDecompositionTest {

  private static final SolverOptions EXACT = new SolverOptions(30, 1e-9, true, 0.01);
  private final CoalitionSolver solver = new CoalitionSolver(EXACT);

  static ClearingRequest weighted(TradingDay day, CoalitionSolver solver, double rho) {
    int n = day.householdCount();
    double[] prices = PoolPricing.prices(PricingRule.MID_MARKET, day);
    double[] weights = new double[n];
    boolean[] protectedMember = new boolean[n];
    double[] standalone = new double[n];
    for (int i = 0; i < n; i++) {
      String group = day.households().get(i).group();
      weights[i] = group.equals("LOW") ? 1.4 : group.equals("MIDDLE") ? 1.0 : 0.6;
      protectedMember[i] = group.equals("LOW");
      standalone[i] =
          solver.solve(ClearingRequest.costMinimising(day, new int[] {i}, prices)).totalCostEur();
    }
    return new ClearingRequest(
        day, TestDays.everyone(day), weights, rho, protectedMember, standalone, prices);
  }

  static void assertSameAsMonolithic(CoalitionSolver solver, ClearingRequest request) {
    ClearingResult whole = solver.solveMonolithic(request, System.nanoTime());
    ClearingResult parts = solver.solveDecomposed(request, System.nanoTime());
    assertThat(whole.report().status()).isEqualTo(SolveStatus.OPTIMAL);
    assertThat(whole.report().milpUsed()).as("LP-tight instance").isFalse();
    assertThat(parts).isNotNull();
    assertThat(parts.report().status()).isEqualTo(SolveStatus.OPTIMAL);
    double objective = whole.report().objectiveEur();
    assertThat(parts.report().objectiveEur())
        .isCloseTo(objective, within(1e-6 * Math.max(1, Math.abs(objective))));
    assertThat(parts.report().lpBoundEur())
        .isLessThanOrEqualTo(objective + 1e-6 * Math.abs(objective));
    assertFeasible(request, parts);
  }

  /**
   * Balance (with the flexible load), pool balance, one direction per pair and the reported peak
   * hold in the decomposed schedule.
   */
  static void assertFeasible(ClearingRequest request, ClearingResult result) {
    TradingDay day = request.day();
    double[] pool = new double[day.intervals()];
    double peak = 0;
    for (int t = 0; t < day.intervals(); t++) {
      double imports = 0;
      for (HouseholdSchedule s : result.schedules()) {
        int i = s.householdIndex();
        double in = s.importKwh()[t] + s.buyKwh()[t] + s.dischargeKwh()[t] + day.pvKwh()[i][t];
        double out =
            s.exportKwh()[t]
                + s.sellKwh()[t]
                + s.chargeKwh()[t]
                + s.curtailKwh()[t]
                + s.servedLoadKwh(day.loadKwh()[i][t], t);
        assertThat(in).as("balance of %d at %d", i, t).isCloseTo(out, within(1e-6));
        assertThat(Math.min(s.chargeKwh()[t], s.dischargeKwh()[t])).isLessThanOrEqualTo(1e-6);
        assertThat(Math.min(s.importKwh()[t], s.exportKwh()[t])).isLessThanOrEqualTo(1e-6);
        assertThat(
                Math.min(
                    s.importKwh()[t] + s.buyKwh()[t],
                    s.exportKwh()[t] + s.sellKwh()[t] + s.curtailKwh()[t]))
            .as("one direction of %d at %d", i, t)
            .isLessThanOrEqualTo(1e-6);
        pool[t] += s.sellKwh()[t] - s.buyKwh()[t];
        imports += s.importKwh()[t];
      }
      assertThat(pool[t]).as("pool at %d", t).isCloseTo(0, within(1e-6));
      peak = Math.max(peak, imports / day.intervalHours());
    }
    assertThat(result.peakKw()).isCloseTo(peak, within(1e-9));
  }

  @Test
  void solveDecomposed_neutralTenHouseholds_equalsMonolithicOptimum() {
    TradingDay day = TestDays.random(17, 10, 24);
    assertSameAsMonolithic(
        solver,
        ClearingRequest.costMinimising(
            day, TestDays.everyone(day), PoolPricing.prices(PricingRule.MID_MARKET, day)));
  }

  @Test
  void solveDecomposed_weightedWithFloorTenHouseholds_withinReportedGapOfMonolithicBound() {
    assertWeightedWithinGap(solver, TestDays.random(21, 10, 24));
  }

  /** Same LP bound as the monolithic relaxation; MILP-feasible schedule within its reported gap. */
  static void assertWeightedWithinGap(CoalitionSolver solver, TradingDay day) {
    ClearingRequest request = weighted(day, solver, 5.0);
    ClearingResult whole = solver.solveMonolithic(request, System.nanoTime());
    PriceDecomposition.Outcome outcome = new PriceDecomposition(solver.options()).solve(request);
    assertThat(outcome.raw()).as("decomposition failed: %s", outcome.reason()).isNotNull();
    ClearingResult parts = solver.solveDecomposed(request, System.nanoTime());
    assertThat(parts.report().status().hasSolution()).isTrue();
    double lpBound = whole.report().lpBoundEur();
    assertThat(parts.report().lpBoundEur())
        .isCloseTo(lpBound, within(1e-6 * Math.max(1, Math.abs(lpBound))));
    double objective = parts.report().objectiveEur();
    assertThat(objective).isGreaterThanOrEqualTo(lpBound - 1e-6 * Math.abs(lpBound));
    assertThat(Math.abs(objective - lpBound) / Math.abs(objective))
        .isLessThanOrEqualTo(parts.report().relativeGap() + 1e-9);
    assertFeasible(request, parts);
  }

  /**
   * Opted in (issue 13), the decomposition's answer is named in the results: the solver's reason
   * starts with the approximation's name and the key's value and gives the certified gap against
   * the bound the report carries. Without the opt-in (the default) the same request is solved by
   * the staged MILP and nothing is named.
   */
  @Test
  void optedIn_dispatchNamedAsApproximation_withCertifiedGapAndBound() {
    TradingDay day = TestDays.random(21, 10, 24);
    CoalitionSolver optedIn = new CoalitionSolver(EXACT.withDecompositionMinHouseholds(5));
    ClearingRequest request = weighted(day, optedIn, 5.0);
    SolverReport report = optedIn.solveDispatch(request).report();
    assertThat(report.status().hasSolution()).isTrue();
    assertThat(report.reason())
        .startsWith(
            "approximation (solver.decompositionMinHouseholds = 5): price decomposition of"
                + " 10 households, certified gap ")
        .startsWith(DecompositionEngine.APPROXIMATION)
        .contains(
            String.format(
                Locale.ROOT,
                "certified gap %.6f against its bound %.6f EUR",
                report.relativeGap(),
                report.lpBoundEur()));
    assertThat(report.lpBoundEur()).isLessThanOrEqualTo(report.objectiveEur() + 1e-9);

    SolverReport exact = solver.solveDispatch(weighted(day, solver, 5.0)).report();
    assertThat(exact.reason()).doesNotContain("approximation").doesNotContain("decomposition");
    assertThat(exact.objectiveEur()).isLessThanOrEqualTo(report.objectiveEur() + 1e-6);
  }
}
