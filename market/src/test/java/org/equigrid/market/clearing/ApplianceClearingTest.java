package org.equigrid.market.clearing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.equigrid.market.clearing.engine.LpRelaxationEngine;
import org.equigrid.market.model.Appliance;
import org.equigrid.market.model.ElectricVehicle;
import org.equigrid.market.model.FlexibleDemand;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.ParticipantKind;
import org.equigrid.market.model.Tariff;
import org.equigrid.market.model.TradingDay;
import org.junit.jupiter.api.Test;

/**
 * Deferrable appliances in the clearing (docs/model.md, "Flexible demand", F4–F6) on hand-computed
 * days: the cheapest feasible window, own PV first (where the relaxation splits the start and is
 * strictly below the MILP), two appliances sharing an import limit, an appliance with an EV.
 */
class ApplianceClearingTest {

  private static final SolverOptions EXACT = new SolverOptions(30, 1e-9, true, 0.01);
  private static final CoalitionSolver SOLVER = new CoalitionSolver(EXACT);
  private static final CoalitionSolver RELAXATION =
      new CoalitionSolver(new SolverOptions(30, 1e-9, false, 0.01));

  private static Household with(
      String id, double pvKwp, ElectricVehicle ev, Appliance... appliances) {
    ParticipantKind kind = pvKwp > 0 ? ParticipantKind.PROSUMER : ParticipantKind.CONSUMER;
    return new Household(
        id, kind, "LOW", 40, pvKwp, null, null, new FlexibleDemand(ev, List.of(appliances)));
  }

  private static TradingDay day(
      Household household, double[] load, double[] pv, double[] importPrice, double importKw) {
    double[] exportPrice = new double[importPrice.length];
    Arrays.fill(exportPrice, 0.05);
    return TestDays.day(
        List.of(household),
        new double[][] {load},
        new double[][] {pv},
        new Tariff(importPrice, exportPrice, 0, importKw, 20));
  }

  private static ClearingRequest alone(TradingDay day) {
    return ClearingRequest.costMinimising(day, new int[] {0}, TestDays.midMarketPrices(day));
  }

  @Test
  void clear_oneAppliance_runsInTheCheapestWindowOfItsHours() {
    // 1 kW for 2 h, window [0, 4], import 0.30 / 0.10 / 0.20 / 0.40: starts 0, 1, 2 cost 0.40,
    // 0.30, 0.60: it starts at hour 1, load (0, 1, 1, 0), C = 0.30.
    TradingDay day =
        day(
            with("h", 0, null, new Appliance("wash", 1, 2, 0, 4)),
            new double[4],
            new double[4],
            new double[] {0.30, 0.10, 0.20, 0.40},
            20);
    ClearingResult result = SOLVER.solveDispatch(alone(day));
    assertThat(result.report().status()).isEqualTo(SolveStatus.OPTIMAL);
    HouseholdSchedule s = result.schedules().get(0);
    assertThat(s.flexKwh()).containsExactly(new double[] {0, 1, 1, 0}, within(1e-9));
    assertThat(s.importKwh()).containsExactly(new double[] {0, 1, 1, 0}, within(1e-9));
    assertThat(s.energyCostEur()).isCloseTo(0.30, within(1e-9));
    ClearingInvariantsTest.assertInvariants(day, result, "one appliance");
  }

  @Test
  void clear_windowFromHourTwo_theCheaperHoursBeforeItAreNotUsed() {
    // the same prices, window [2, 4]: the only start is hour 2, C = 0.20 + 0.40
    TradingDay day =
        day(
            with("h", 0, null, new Appliance("wash", 1, 2, 2, 4)),
            new double[4],
            new double[4],
            new double[] {0.30, 0.10, 0.20, 0.40},
            20);
    HouseholdSchedule s = SOLVER.solveDispatch(alone(day)).schedules().get(0);
    assertThat(s.flexKwh()).containsExactly(new double[] {0, 0, 1, 1}, within(1e-9));
    assertThat(s.energyCostEur()).isCloseTo(0.60, within(1e-9));
  }

  @Test
  void clear_ownPv_runsWhereItsPvCoversMost_relaxationSplitsTheStartBelow() {
    // 2 kW for 1 h, window [0, 3], import 0.30, export 0.05, PV 1 / 0.8 / 0 kWh. Start 0: import
    // 1, export 0.8 → 0.30 − 0.04 = 0.26; start 1: import 1.2, export 1 → 0.36 − 0.05 = 0.31;
    // start 2: import 2, export 1.8 → 0.60 − 0.09 = 0.51. MILP: start 0, C = 0.26. The relaxation
    // splits it (s0 = s1 = 1/2: load 1 and 1, import 0.2 in hour 1): 0.06, a bound below.
    TradingDay day =
        day(
            with("h", 2, null, new Appliance("oven", 2, 1, 0, 3)),
            new double[3],
            new double[] {1, 0.8, 0},
            new double[] {0.30, 0.30, 0.30},
            20);
    ClearingResult result = SOLVER.solveDispatch(alone(day));
    assertThat(result.report().status()).isEqualTo(SolveStatus.OPTIMAL);
    HouseholdSchedule s = result.schedules().get(0);
    assertThat(s.flexKwh()).containsExactly(new double[] {2, 0, 0}, within(1e-9));
    assertThat(s.importKwh()).containsExactly(new double[] {1, 0, 0}, within(1e-9));
    assertThat(s.energyCostEur()).isCloseTo(0.26, within(1e-9));
    assertThat(result.report().reason())
        .contains(org.equigrid.market.clearing.engine.TieBreakEngine.APPLIANCES);
    ClearingInvariantsTest.assertInvariants(day, result, "appliance on own PV");
    assertThat(SOLVER.solveFullMilp(alone(day)).report().objectiveEur())
        .isCloseTo(0.26, within(1e-9));
    ClearingResult relaxed = RELAXATION.solve(alone(day));
    assertThat(relaxed.report().objectiveEur()).isCloseTo(0.06, within(1e-9));
    assertThat(relaxed.report().reason()).contains(LpRelaxationEngine.FRACTIONAL_STARTS);
  }

  @Test
  void clear_twoAppliancesUnderAnImportLimit_theLargerTakesTheCheapHour() {
    // import limit 2 kW, import 0.10 / 0.20 / 0.30; A 2 kW and B 1 kW, 1 h each, window [0, 3].
    // Both in hour 0 would need 3 kW. A at 0, B at 1: 0.20 + 0.20 = 0.40; B at 0, A at 1: 0.10 +
    // 0.40 = 0.50: load (2, 1, 0), C = 0.40.
    TradingDay day =
        day(
            with("h", 0, null, new Appliance("a", 2, 1, 0, 3), new Appliance("b", 1, 1, 0, 3)),
            new double[3],
            new double[3],
            new double[] {0.10, 0.20, 0.30},
            2);
    ClearingResult result = SOLVER.solveDispatch(alone(day));
    assertThat(result.report().status()).isEqualTo(SolveStatus.OPTIMAL);
    HouseholdSchedule s = result.schedules().get(0);
    assertThat(s.flexKwh()).containsExactly(new double[] {2, 1, 0}, within(1e-9));
    assertThat(s.energyCostEur()).isCloseTo(0.40, within(1e-9));
    ClearingInvariantsTest.assertInvariants(day, result, "two appliances");
  }

  @Test
  void clear_applianceAndEv_applianceWholeInTheCheapHourEvAroundIt() {
    // import limit 1.5 kW, import 0.10 / 0.20 / 0.30; appliance 1 kW for 1 h and an EV of 2 kWh at
    // most 1 kW, both over [0, 3]. Appliance at 0: EV 0.5 / 1 / 0.5 → 0.15 + 0.20 + 0.15 = 0.50;
    // at 1: EV 1 / 0.5 / 0.5 → 0.10 + 0.30 + 0.15 = 0.55; at 2: 0.60. MILP 0.50, load (1.5, 1,
    // 0.5). The relaxation splits the start (s0 = s1 = 1/2, EV 1 / 1 / 0): 0.15 + 0.30 = 0.45.
    TradingDay day =
        day(
            with("h", 0, new ElectricVehicle(2, 1, 0, 3), new Appliance("dryer", 1, 1, 0, 3)),
            new double[3],
            new double[3],
            new double[] {0.10, 0.20, 0.30},
            1.5);
    ClearingResult result = SOLVER.solveDispatch(alone(day));
    assertThat(result.report().status()).isEqualTo(SolveStatus.OPTIMAL);
    HouseholdSchedule s = result.schedules().get(0);
    assertThat(s.flexKwh()).containsExactly(new double[] {1.5, 1, 0.5}, within(1e-9));
    assertThat(s.energyCostEur()).isCloseTo(0.50, within(1e-9));
    assertThat(RELAXATION.solve(alone(day)).report().objectiveEur()).isCloseTo(0.45, within(1e-9));
    ClearingInvariantsTest.assertInvariants(day, result, "appliance and EV");
  }

  @Test
  void clear_twoHouseholdsPooling_applianceRunsOnTheNeighboursSurplus() {
    // A has 2 kWh of PV surplus in hour 1 only; B's 2 kW × 1 h appliance (window [0, 3]) runs
    // there on the pool (mid-market 0.175 < import 0.30): the community imports nothing.
    TradingDay day =
        TestDays.day(
            List.of(
                new Household("a", ParticipantKind.PROSUMER, "HIGH", 40, 2, null, null),
                with("b", 0, null, new Appliance("wash", 2, 1, 0, 3))),
            new double[][] {{0, 0, 0}, {0, 0, 0}},
            new double[][] {{0, 2, 0}, {0, 0, 0}},
            TestDays.flat(3, 0.30, 0.05, 0, 20));
    ClearingResult result =
        SOLVER.solveDispatch(
            ClearingRequest.costMinimising(day, new int[] {0, 1}, TestDays.midMarketPrices(day)));
    assertThat(result.report().status()).isEqualTo(SolveStatus.OPTIMAL);
    assertThat(result.schedules().get(1).flexKwh())
        .containsExactly(new double[] {0, 2, 0}, within(1e-9));
    assertThat(result.schedules().get(1).buyKwh()[1]).isCloseTo(2, within(1e-9));
    assertThat(result.report().objectiveEur()).isCloseTo(0, within(1e-9));
    ClearingInvariantsTest.assertInvariants(day, result, "appliance on the pool");
  }

  @Test
  void appliance_badValues_areRejectedWithTheValues() {
    assertThatThrownBy(() -> new Appliance("wash", 1, 3, 20, 22))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("durationHours (3.0) is longer than its window")
        .hasMessageContaining("(2 h)");
    assertThatThrownBy(() -> new Appliance("wash", 0, 1, 0, 4))
        .hasMessageContaining("powerKw (0.0) must be finite and > 0");
    assertThatThrownBy(() -> new Appliance("wash", 1, 1, 22, 2))
        .hasMessageContaining("windows over midnight are not supported");
    assertThatThrownBy(() -> new Appliance("wash", 1, 1, 0, 25))
        .hasMessageContaining("latestEndHour (25) must be in [1, 24]");
    // a duration that is no whole number of the day's intervals (1 h here)
    assertThatThrownBy(
            () ->
                day(
                    with("h", 0, null, new Appliance("wash", 1, 1.5, 0, 3)),
                    new double[3],
                    new double[3],
                    new double[] {0.1, 0.1, 0.1},
                    20))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("household h: appliance wash: durationHours (1.5)");
  }
}
