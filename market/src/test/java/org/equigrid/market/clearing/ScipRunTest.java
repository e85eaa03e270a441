package org.equigrid.market.clearing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.ortools.linearsolver.MPSolver;
import java.util.ArrayList;
import java.util.List;
import org.equigrid.market.clearing.engine.ClearingEngine;
import org.equigrid.market.clearing.engine.Plan;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.ortools.OrToolsNatives;
import org.junit.jupiter.api.Test;

/**
 * SCIP answers the same model with the same bits ({@link ScipRun#canonical}). The case is the one a
 * clean-clone CI run failed on: seed 501's weighted appliance day of {@link EngineConformanceTest},
 * whose household pooling over the staged MILP gave household 6 a cost of 4.126876599266604 and
 * then ...603 EUR. Through {@code MPSolver.solve}, SCIP got each row's terms in the order of a hash
 * map keyed by native addresses: 60 solves of this day's pooled SCIP model in one JVM gave 15
 * different solution vectors (the same objective and binaries, continuous values apart by up to
 * 6e-15).
 */
class ScipRunTest {

  /**
   * The reason names the limit that stopped SCIP: a node limit of 1 under the default effort is the
   * staged MILP's root-only solve, any other the node budget's; the effort cap names itself.
   */
  @Test
  void limitHit_namesTheRootOnlySolveTheBudgetAndTheEffortCap() {
    SolverOptions defaults = SolverOptions.defaults();
    ScipRun root = new ScipRun(MPSolver.ResultStatus.FEASIBLE, 1.0, 1.0, 100.0, 1);
    ScipRun budget = new ScipRun(MPSolver.ResultStatus.FEASIBLE, 1.0, 1.0, 100.0, 86);

    assertThat(root.limitHit(defaults))
        .isEqualTo(
            "SCIP node limit of 1 reached (the root node alone, above"
                + " SolverOptions.milpMaxBinaries)");
    assertThat(budget.limitHit(defaults))
        .isEqualTo("SCIP node limit of 86 reached (SolverOptions.MILP_NODE_BUDGET)");
    assertThat(root.limitHit(defaults.withMilpEffort(MilpEffort.parse("root"))))
        .isEqualTo("SCIP node limit of 1 reached (solver.milpEffort = root)");
  }

  /** Gap limit 1e-9, as in {@link EngineConformanceTest}. */
  private static final SolverOptions EXACT = new SolverOptions(60, 1e-9, true, 0.01);

  /** Seed 501's weighted appliance day with the floor and tight limits. */
  private static final EngineConformanceTest.Case CASE =
      new EngineConformanceTest.Case(501, 8, true, true, false, true, false, true);

  /**
   * The full MILP of the day (binaries everywhere, appliance starts integer), built afresh and
   * solved to the gap limit twelve times: every solution value is the same double. Through {@code
   * MPSolver.solve} the vectors differed in most solves.
   */
  @Test
  void sameModel_sameSolutionBitForBit() {
    OrToolsNatives.load();
    TradingDay day = CASE.day();
    ClearingRequest request = CASE.request(day);
    boolean[][] all = BinaryPairs.everywhere(request.members().length, day.intervals());
    List<double[]> solutions = new ArrayList<>();
    for (int run = 0; run < 12; run++) {
      try (ClearingModel model =
          OrToolsModels.open(request, "SCIP", all, all, null, false, false, 0.01)) {
        ScipRun outcome = ScipRun.solve(model.solver(), 60_000, -1, 1e-9);
        assertThat(outcome.status()).isEqualTo(MPSolver.ResultStatus.OPTIMAL);
        solutions.add(flat(model.values()));
      }
    }
    double[] first = solutions.get(0);
    assertThat(first).isNotEmpty();
    for (int run = 1; run < solutions.size(); run++) {
      double[] again = solutions.get(run);
      assertThat(again).hasSameSizeAs(first);
      for (int i = 0; i < first.length; i++) {
        assertThat(Double.doubleToLongBits(again[i]))
            .as("solve %d, value %d: %s against %s", run, i, again[i], first[i])
            .isEqualTo(Double.doubleToLongBits(first[i]));
      }
    }
  }

  /**
   * The CI failure's path: household pooling over the staged MILP, eight times on one request,
   * gives every household the same cost, bit for bit.
   */
  @Test
  void pooledStagedMilp_sameCostsBitForBit() {
    TradingDay day = CASE.day();
    ClearingRequest request = CASE.request(day);
    ClearingEngine pooling =
        Plan.everyEngine(EXACT, Long.MAX_VALUE).stream()
            .filter(e -> e.name().equals("household pooling over staged MILP"))
            .findFirst()
            .orElseThrow();
    ClearingResult first = pooling.solve(request);
    assertThat(first.report().status()).isEqualTo(SolveStatus.OPTIMAL);
    for (int run = 1; run < 8; run++) {
      ClearingResult again = pooling.solve(request);
      assertThat(again.report().objectiveEur())
          .as("run %d", run)
          .isEqualTo(first.report().objectiveEur());
      for (int k = 0; k < first.schedules().size(); k++) {
        assertThat(again.schedules().get(k).energyCostEur())
            .as("run %d, household %d", run, k)
            .isEqualTo(first.schedules().get(k).energyCostEur());
      }
    }
  }

  /** Every value of the solution, flow by flow, member by member, interval by interval. */
  private static double[] flat(ClearingModel.RawSolution s) {
    double[][][] flows = {
      s.imp(), s.exp(), s.buy(), s.sell(), s.cur(), s.ch(), s.dis(), s.soc(), s.evOrZero()
    };
    List<Double> values = new ArrayList<>();
    for (double[][] flow : flows) {
      for (double[] member : flow) {
        for (double v : member) {
          values.add(v);
        }
      }
    }
    double[] result = new double[values.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = values.get(i);
    }
    return result;
  }
}
