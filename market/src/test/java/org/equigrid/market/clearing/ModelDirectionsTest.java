package org.equigrid.market.clearing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import java.util.List;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.ortools.OrToolsNatives;
import org.junit.jupiter.api.Test;

/**
 * Fixing a pair's direction in a model without its binary ({@link ClearingModel#fixDirections}) and
 * the rounding's kept directions ({@link BinaryPairs#keepTaken}).
 */
class ModelDirectionsTest {

  /**
   * Two hours; h0 a prosumer with a 5 kWh battery, L 2 G 0 in hour 0 and L 0 G 3 in hour 1; h1 a
   * consumer, L 1 in both.
   */
  private static TradingDay day() {
    Battery battery = new Battery(5, 2, 0.9, 0.9, 0, 5, 2);
    List<Household> households = List.of(TestDays.prosumer("h0", battery), TestDays.consumer("h1"));
    double[][] load = {{2, 0}, {1, 1}};
    double[][] pv = {{0, 3}, {0, 0}};
    return TestDays.day(households, load, pv, TestDays.flat(2, 0.30, 0.05, 0, 100));
  }

  /**
   * A GLOP model without the binaries' rows (a family relaxed drops them): every direction is fixed
   * by the flows' bounds, as a pooled block's meter always is.
   */
  private static ClearingModel model(TradingDay day) {
    OrToolsNatives.load();
    return new ClearingModel(
        ClearingRequest.costMinimising(day, TestDays.everyone(day), TestDays.midMarketPrices(day)),
        MPSolver.createSolver("GLOP"),
        null,
        null,
        ConstraintFamily.EXPORT_LIMIT,
        false,
        0.01);
  }

  @Test
  void fixDirections_fixedAgainTheOtherWay_opensTheOtherSideAsBuilt() {
    try (ClearingModel model = model(day())) {
      assertThat(model.beta[0][1]).isNull();
      assertThat(model.delta[0][1]).isNull();
      MPVariable[] charging = {model.ch[0][1]};
      MPVariable[] discharging = {model.dis[0][1]};
      MPVariable[] drawing = {model.imp[0][1], model.buy[0][1]};
      MPVariable[] giving = {model.exp[0][1], model.sell[0][1], model.cur[0][1]};
      double[] built = upperBounds(charging, discharging, drawing, giving);
      assertThat(java.util.Arrays.stream(built).min().orElseThrow()).isPositive();

      model.fixDirections(directions(-1), directions(1));
      assertThat(upperBounds(charging, giving)).containsOnly(0.0);
      assertThat(upperBounds(discharging, drawing)).containsExactly(built[1], built[2], built[3]);

      // Hour 1 has G 3 > L 0: charge and give admit an idle battery. Shut on both sides (the
      // bounds of the first fix left in place) the household could not place its PV.
      model.fixDirections(directions(1), directions(-1));
      assertThat(upperBounds(discharging, drawing)).containsOnly(0.0);
      assertThat(upperBounds(charging, giving))
          .containsExactly(built[0], built[4], built[5], built[6]);
      assertThat(model.solver().solve()).isEqualTo(MPSolver.ResultStatus.OPTIMAL);
      assertThat(model.ch[0][0].ub()).as("hour 0 was never fixed").isPositive();
    }
  }

  @Test
  void keepTaken_fixesTheDirectionsTakenAndLeavesIdleAndContradictingPairsFree() {
    TradingDay day = day();
    ClearingRequest request =
        ClearingRequest.costMinimising(day, TestDays.everyone(day), TestDays.midMarketPrices(day));
    // h0: hour 0 discharges 1 and draws 1 (L 2); hour 1 idle battery, gives 3 (G 3).
    double[][] zero = {{0, 0}, {0, 0}};
    ClearingModel.RawSolution values =
        new ClearingModel.RawSolution(
            new double[][] {{1, 0}, {1, 1}},
            new double[][] {{0, 3}, {0, 0}},
            zero,
            zero,
            zero,
            zero,
            new double[][] {{1, 0}, {0, 0}},
            new double[][] {{1, 1}, {0, 0}});
    byte[][] charge = new byte[2][2];
    byte[][] grid = new byte[2][2];

    assertThat(BinaryPairs.keepTaken(request, values, charge, grid)).isEqualTo(3);
    assertThat(charge[0]).containsExactly(-1, 0); // discharges; idle pair stays free
    assertThat(grid[0]).containsExactly(1, -1);
    assertThat(charge[1]).containsExactly(0, 0); // h1 has no directions to fix
    assertThat(grid[1]).containsExactly(0, 0);

    // A pair fixed already keeps its direction; a meter direction that contradicts a fixed battery
    // direction (give while L > G needs a discharge) stays free.
    byte[][] fixedCharge = {{1, 0}, {0, 0}};
    byte[][] fixedGrid = new byte[2][2];
    ClearingModel.RawSolution giving =
        new ClearingModel.RawSolution(
            zero,
            new double[][] {{1, 3}, {0, 0}},
            zero,
            zero,
            zero,
            zero,
            zero,
            new double[][] {{2, 2}, {0, 0}});
    assertThat(BinaryPairs.keepTaken(request, giving, fixedCharge, fixedGrid)).isEqualTo(1);
    assertThat(fixedCharge[0]).containsExactly(1, 0);
    assertThat(fixedGrid[0]).containsExactly(0, -1);
  }

  private static byte[][] directions(int direction) {
    return new byte[][] {{0, (byte) direction}, {0, 0}};
  }

  private static double[] upperBounds(MPVariable[]... sides) {
    return java.util.Arrays.stream(sides)
        .flatMap(java.util.Arrays::stream)
        .mapToDouble(MPVariable::ub)
        .toArray();
  }
}
