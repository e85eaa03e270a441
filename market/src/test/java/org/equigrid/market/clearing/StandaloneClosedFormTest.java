package org.equigrid.market.clearing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.equigrid.market.model.TradingDay;
import org.junit.jupiter.api.Test;

/** Closed forms against the LP: standalone households without battery, and the blocks' greedy. */
class StandaloneClosedFormTest {

  private static final SolverOptions EXACT = new SolverOptions(30, 1e-9, true, 0.01);

  @Test
  void solve_householdsWithoutBatteryAlone_matchLpObjectiveAndPeak() {
    CoalitionSolver shortcut = new CoalitionSolver(EXACT);
    CoalitionSolver lpOnly = new CoalitionSolver(EXACT, false);
    int checked = 0;
    for (long seed = 1; seed <= 4; seed++) {
      TradingDay day = TestDays.random(seed, 30, 24);
      double[] prices = PoolPricing.prices(PricingRule.MID_MARKET, day);
      for (int i = 0; i < day.householdCount(); i++) {
        if (day.households().get(i).hasBattery()) {
          continue;
        }
        ClearingRequest request = ClearingRequest.costMinimising(day, new int[] {i}, prices);
        ClearingResult closed = shortcut.solve(request);
        ClearingResult lp = lpOnly.solve(request);
        assertThat(closed.report().status()).isEqualTo(SolveStatus.OPTIMAL);
        assertThat(closed.report().objectiveEur())
            .isCloseTo(lp.report().objectiveEur(), within(1e-9));
        assertThat(closed.totalCostEur()).isCloseTo(lp.totalCostEur(), within(1e-9));
        assertThat(closed.peakKw()).isCloseTo(lp.peakKw(), within(1e-9));
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(40);
  }

  @Test
  void solve_loadAboveImportLimitAlone_fallsBackToLpDiagnosis() {
    TradingDay day =
        TestDays.day(
            java.util.List.of(TestDays.consumer("a")),
            new double[][] {{3, 12}},
            new double[][] {{0, 0}},
            TestDays.flat(2, 0.3, 0.1, 0.2, 10));
    ClearingResult result =
        new CoalitionSolver(EXACT)
            .solve(ClearingRequest.costMinimising(day, new int[] {0}, new double[] {0.2, 0.2}));
    assertThat(result.report().status()).isEqualTo(SolveStatus.INFEASIBLE);
  }
}
