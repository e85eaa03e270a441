package org.equigrid.market.clearing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.Tariff;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.ortools.OrToolsNatives;
import org.junit.jupiter.api.Test;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.integer.IntegerStrategy;
import org.ojalgo.type.context.NumberContext;

/**
 * The exported MPS, solved by an independent solver (ojAlgo), has the objective of {@code solve}.
 */
class MpsRoundTripTest {

  private final CoalitionSolver solver =
      new CoalitionSolver(new SolverOptions(30, 1e-9, true, 0.01));

  private static double solveWithOjAlgo(String mps) {
    ExpressionsBasedModel model =
        ExpressionsBasedModel.parse(
            new ByteArrayInputStream(mps.getBytes(StandardCharsets.US_ASCII)),
            ExpressionsBasedModel.FileFormat.MPS);
    // Tight gap (12 digits) and one worker: the default MIP gap leaves ~1e-6 relative on the table.
    model.options.integer(
        IntegerStrategy.DEFAULT.withGapTolerance(NumberContext.of(12)).withParallelism(() -> 1));
    Optimisation.Result result = model.minimise();
    assertThat(result.getState().isOptimal()).as("ojAlgo state %s", result.getState()).isTrue();
    return result.getValue();
  }

  private void assertRoundTrip(ClearingRequest request) {
    ClearingResult solved = solver.solve(request);
    String mps = solver.exportMps(request);
    assertThat(mps).contains("ROWS").contains("COLUMNS").endsWith("ENDATA\n");
    double objective = solved.report().objectiveEur();
    assertThat(solveWithOjAlgo(mps))
        .isCloseTo(objective, within(1e-6 * Math.max(1, Math.abs(objective))));
  }

  @Test
  void exportMps_smallRandomCommunities_ojAlgoFindsSameObjective() {
    for (long seed = 40; seed < 43; seed++) {
      TradingDay day = TestDays.random(seed, 3, 6);
      assertRoundTrip(
          ClearingRequest.costMinimising(
              day, TestDays.everyone(day), PoolPricing.prices(PricingRule.MID_MARKET, day)));
    }
  }

  @Test
  void exportMps_weightedWithRawlsianFloor_ojAlgoFindsSameObjective() {
    TradingDay day = TestDays.random(44, 3, 6);
    double[] prices = PoolPricing.prices(PricingRule.SUPPLY_DEMAND_RATIO, day);
    double[] standalone = new double[3];
    for (int i = 0; i < 3; i++) {
      standalone[i] =
          solver.solve(ClearingRequest.costMinimising(day, new int[] {i}, prices)).totalCostEur();
    }
    assertRoundTrip(
        new ClearingRequest(
            day,
            new int[] {0, 1, 2},
            new double[] {1.5, 1.0, 0.5},
            0.3,
            new boolean[] {true, true, false},
            standalone,
            prices));
  }

  @Test
  void exportMps_relaxationBreaksBinaries_ojAlgoFindsMilpObjective() {
    // Negative prices and a full battery: the relaxation charges and discharges at once (see
    // CoalitionSolverTest).
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
    ClearingResult staged = solver.solve(request);
    assertThat(staged.report().milpUsed()).isTrue();
    assertThat(staged.report().objectiveEur()).isGreaterThan(staged.report().lpBoundEur() + 1e-3);
    assertThat(solver.exportMps(request))
        .contains("'INTORG'")
        .contains("beta_h0_t0")
        .contains("delta_h0_t0");
    assertRoundTrip(request);
  }

  @Test
  void mpsText_objectiveOffset_survivesAsObjectiveRhs() {
    OrToolsNatives.load();
    MPSolver model = MPSolver.createSolver("SCIP");
    MPVariable x = model.makeIntVar(0, 3, "x");
    MPVariable y = model.makeNumVar(0, MPSolver.infinity(), "y");
    MPConstraint row = model.makeConstraint(-MPSolver.infinity(), 4.5, "r1");
    row.setCoefficient(x, 1);
    row.setCoefficient(y, 1);
    model.objective().setCoefficient(x, -1);
    model.objective().setCoefficient(y, 1 / 0.9);
    model.objective().setOffset(10);
    model.objective().setMinimization();
    String mps = MpsText.of(model.exportModelToProto(), "offset");
    model.delete();
    // x = 3 (integer), y = 0: −3 + 10
    assertThat(solveWithOjAlgo(mps)).isCloseTo(7.0, within(1e-12));
  }
}
