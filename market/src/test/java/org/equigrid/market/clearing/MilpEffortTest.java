package org.equigrid.market.clearing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.equigrid.market.clearing.engine.LpRelaxationEngine;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.Tariff;
import org.equigrid.market.model.TradingDay;
import org.junit.jupiter.api.Test;

/**
 * {@code solver.milpEffort} (issue 14): a node cap on SCIP is an approximation, named in the reason
 * with a gap that bounds the true distance to the optimum; {@code prove} is the default.
 */
class MilpEffortTest {

  /** Gap limit 1e-9: under {@code prove} the staged MILP proves its optimum on these days. */
  private static final SolverOptions EXACT = new SolverOptions(60, 1e-9, true, 0.01);

  @Test
  void parse_proveRootAndNodes_spelledBackAndCapTheLimit() {
    assertThat(MilpEffort.parse("prove")).isEqualTo(MilpEffort.PROVE);
    assertThat(MilpEffort.parse(" Root ")).isEqualTo(MilpEffort.ROOT);
    assertThat(MilpEffort.parse("nodes:40").maxNodes()).isEqualTo(40);
    assertThat(MilpEffort.parse("nodes:40").spelling()).isEqualTo("nodes:40");
    assertThat(MilpEffort.parse("nodes:1").spelling()).isEqualTo("root");
    assertThat(MilpEffort.PROVE.spelling()).isEqualTo("prove");
    assertThat(SolverOptions.defaults().milpEffort()).isEqualTo(MilpEffort.PROVE);
    // prove leaves the deterministic limit (or none, -1) as it is; a cap lowers it
    assertThat(MilpEffort.PROVE.cap(86)).isEqualTo(86);
    assertThat(MilpEffort.PROVE.cap(-1)).isEqualTo(-1);
    assertThat(MilpEffort.ROOT.cap(86)).isEqualTo(1);
    assertThat(MilpEffort.ROOT.cap(-1)).isEqualTo(1);
    assertThat(MilpEffort.parse("nodes:200").cap(86)).isEqualTo(86);
    for (String bad : new String[] {"", "fast", "nodes:0", "nodes:-1", "nodes:x", "nodes 5"}) {
      assertThatThrownBy(() -> MilpEffort.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("\"" + bad + "\"")
          .hasMessageContaining(MilpEffort.ALLOWED);
    }
  }

  /**
   * Weighted random communities whose relaxation breaks binaries, solved proven and with SCIP at
   * its root or 5 nodes: an answer the cap left OPTIMAL is the proven optimum and not named; one it
   * left FEASIBLE is MILP-feasible, named ({@link MilpEffort#APPROXIMATION}), no better than the
   * optimum, and its gap covers its true distance to the optimum (the bound is a true bound). The
   * tie-break does not re-prove a named answer.
   */
  @Test
  void solve_cappedEffort_sameOptimumOrNamedWithAGapThatBoundsTheTrueDistance() {
    int approximated = 0;
    int same = 0;
    CoalitionSolver proving = new CoalitionSolver(EXACT);
    for (long seed = 300; seed < SEEDS_END; seed++) {
      ClearingRequest request = weighted(TestDays.random(seed, HOUSEHOLDS, 24));
      ClearingResult proven = proving.solve(request);
      assertThat(proven.report().status()).isEqualTo(SolveStatus.OPTIMAL);
      double optimum = proven.report().objectiveEur();
      for (MilpEffort effort : List.of(MilpEffort.ROOT, new MilpEffort(5))) {
        CoalitionSolver capped = new CoalitionSolver(EXACT.withMilpEffort(effort));
        ClearingResult result = capped.solve(request);
        SolverReport report = result.report();
        String what = effort.spelling() + ", seed " + seed + ": " + report.reason();
        ClearingInvariantsTest.assertInvariants(request.day(), result, what);
        double objective = report.objectiveEur();
        double tolerance = 1e-7 * Math.max(1, Math.abs(optimum));
        if (report.status() == SolveStatus.OPTIMAL) {
          same++;
          assertThat(report.reason()).as(what).doesNotStartWith(MilpEffort.APPROXIMATION);
          assertThat(objective).as(what).isCloseTo(optimum, within(1e-6 * Math.max(1, optimum)));
          continue;
        }
        approximated++;
        assertThat(report.status()).as(what).isEqualTo(SolveStatus.FEASIBLE);
        assertThat(report.reason())
            .as(what)
            .startsWith(MilpEffort.APPROXIMATION + effort.spelling() + "): ");
        assertThat(objective).as(what).isGreaterThanOrEqualTo(optimum - tolerance);
        assertThat(report.lpBoundEur()).as(what).isLessThanOrEqualTo(optimum + tolerance);
        assertThat(report.relativeGap())
            .as(what)
            .isGreaterThanOrEqualTo((objective - optimum) / Math.abs(objective) - 1e-9);
        ClearingResult dispatched = capped.breakTies(request, result);
        assertThat(dispatched.report().status()).as(what).isEqualTo(SolveStatus.FEASIBLE);
        assertThat(dispatched.report().reason()).as(what).startsWith(MilpEffort.APPROXIMATION);
        assertThat(dispatched.report().objectiveEur()).as(what).isCloseTo(objective, within(1e-6));
      }
    }
    assertThat(approximated).as("days the cap stopped SCIP").isPositive();
    assertThat(same + approximated).isEqualTo(2 * (SEEDS_END - 300));
  }

  /**
   * The LP clearing ({@code milpWhenBinariesBreak} false) whose schedule charges and discharges at
   * once (the case of {@code CoalitionSolverTest#solve_relaxationBurnsEnergy…}) is named an
   * approximation; a relaxation that breaks nothing is the exact answer and is not.
   */
  @Test
  void solve_lpClearing_namedWhereItBreaksAPairOnly() {
    Battery battery = new Battery(5, 2, 0.9, 0.9, 0, 5, 5);
    Tariff tariff = new Tariff(new double[] {-0.10}, new double[] {-0.10}, 0, 10, 10);
    TradingDay day =
        TestDays.day(
            List.of(TestDays.prosumer("p", battery)),
            new double[][] {{1}},
            new double[][] {{0}},
            tariff);
    ClearingRequest burns =
        ClearingRequest.costMinimising(day, new int[] {0}, new double[] {-0.10});
    CoalitionSolver lpOnly = new CoalitionSolver(new SolverOptions(30, 1e-9, false, 0.01));
    SolverReport relaxed = lpOnly.solve(burns).report();
    assertThat(relaxed.reason())
        .startsWith(LpRelaxationEngine.APPROXIMATION + "): the LP relaxation stands with 1 ");
    assertThat(relaxed.objectiveEur()).isCloseTo(-0.10 * (1 + 0.19 * 2 / 1.81), within(1e-7));

    Tariff positive = new Tariff(new double[] {0.30}, new double[] {0.05}, 0, 10, 10);
    TradingDay plain =
        TestDays.day(
            List.of(TestDays.prosumer("p", battery)),
            new double[][] {{1}},
            new double[][] {{0}},
            positive);
    ClearingRequest exact =
        ClearingRequest.costMinimising(plain, new int[] {0}, new double[] {0.10});
    assertThat(lpOnly.solve(exact).report().reason()).doesNotStartWith("approximation");
  }

  private static final long SEEDS_END = 303;
  private static final int HOUSEHOLDS = 6;

  private static ClearingRequest weighted(TradingDay day) {
    int n = day.householdCount();
    double[] weights = new double[n];
    for (int i = 0; i < n; i++) {
      weights[i] = i % 2 == 0 ? 0.5 : 2.0;
    }
    return new ClearingRequest(
        day,
        TestDays.everyone(day),
        weights,
        0,
        new boolean[n],
        null,
        PoolPricing.prices(PricingRule.MID_MARKET, day));
  }
}
