package org.equigrid.market.clearing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.equigrid.market.model.ElectricVehicle;
import org.equigrid.market.model.FlexibleDemand;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.ParticipantKind;
import org.equigrid.market.model.Tariff;
import org.equigrid.market.model.TradingDay;
import org.junit.jupiter.api.Test;

/**
 * EV charging in the clearing (docs/model.md, "Flexible demand", F1–F3) on hand-computed days: the
 * EV charges in the cheapest plugged-in intervals, uses its own PV before exporting it, and never
 * draws while its household gives (the one-meter row of F2).
 */
class FlexibleDemandClearingTest {

  private static final SolverOptions EXACT = new SolverOptions(30, 1e-9, true, 0.01);
  private static final CoalitionSolver SOLVER = new CoalitionSolver(EXACT);

  private static Household withEv(String id, String group, double pvKwp, ElectricVehicle ev) {
    ParticipantKind kind = pvKwp > 0 ? ParticipantKind.PROSUMER : ParticipantKind.CONSUMER;
    return new Household(id, kind, group, 40, pvKwp, null, null, new FlexibleDemand(ev));
  }

  private static TradingDay day(
      List<Household> households, double[][] load, double[][] pv, double[] importPrice) {
    double[] exportPrice = new double[importPrice.length];
    java.util.Arrays.fill(exportPrice, 0.05);
    return TestDays.day(households, load, pv, new Tariff(importPrice, exportPrice, 0, 20, 20));
  }

  @Test
  void clear_evPluggedAllDay_chargesInTheTwoCheapestIntervals() {
    // load 1 kWh every hour, import 0.30 / 0.10 / 0.20 EUR/kWh; EV 2 kWh at most 1 kW, plugged in
    // 0..3 h: it charges 1 kWh at 0.10 and 1 kWh at 0.20, so C = 0.30 + 0.10 + 0.20 + 0.10 + 0.20.
    TradingDay day =
        day(
            List.of(withEv("ev", "LOW", 0, new ElectricVehicle(2, 1, 0, 3))),
            new double[][] {{1, 1, 1}},
            new double[][] {{0, 0, 0}},
            new double[] {0.30, 0.10, 0.20});
    ClearingResult result =
        SOLVER.solve(
            ClearingRequest.costMinimising(day, new int[] {0}, TestDays.midMarketPrices(day)));
    assertThat(result.report().status()).isEqualTo(SolveStatus.OPTIMAL);
    HouseholdSchedule s = result.schedules().get(0);
    assertThat(s.flexKwh()).containsExactly(new double[] {0, 1, 1}, within(1e-9));
    assertThat(s.importKwh()).containsExactly(new double[] {1, 2, 2}, within(1e-9));
    assertThat(s.energyCostEur()).isCloseTo(0.90, within(1e-9));
    ClearingInvariantsTest.assertInvariants(day, result, "one EV");
  }

  @Test
  void clear_evWindowEndsEarly_chargesOnlyWhilePluggedIn() {
    // plugged in 0..2 h only: the 2 kWh must go at 0.30 and 0.10 although hour 2 is cheaper than 0
    TradingDay day =
        day(
            List.of(withEv("ev", "LOW", 0, new ElectricVehicle(2, 1, 0, 2))),
            new double[][] {{1, 1, 1}},
            new double[][] {{0, 0, 0}},
            new double[] {0.30, 0.10, 0.20});
    ClearingResult result =
        SOLVER.solve(
            ClearingRequest.costMinimising(day, new int[] {0}, TestDays.midMarketPrices(day)));
    assertThat(result.schedules().get(0).flexKwh())
        .containsExactly(new double[] {1, 1, 0}, within(1e-9));
    assertThat(result.schedules().get(0).energyCostEur()).isCloseTo(1.00, within(1e-9));
  }

  @Test
  void clear_evWindowOverMidnight_chargesInTheEveningAndTheMorning() {
    // 4 hours, plugged in from 3 h to 1 h (wraps): hours 3 and 0; import 0.2 / 0.1 / 0.1 / 0.3
    ElectricVehicle ev = new ElectricVehicle(1.5, 1, 3, 1);
    assertThat(ev.windowHours()).isEqualTo(22);
    TradingDay day =
        day(
            List.of(withEv("ev", "LOW", 0, ev)),
            new double[][] {{0, 0, 0, 0}},
            new double[][] {{0, 0, 0, 0}},
            new double[] {0.2, 0.1, 0.1, 0.3});
    ClearingResult result =
        SOLVER.solve(
            ClearingRequest.costMinimising(day, new int[] {0}, TestDays.midMarketPrices(day)));
    // hours 1 and 2 are cheaper but unplugged: 1 kWh at 0.2 (hour 0), 0.5 kWh at 0.3 (hour 3)
    assertThat(result.schedules().get(0).flexKwh())
        .containsExactly(new double[] {1, 0, 0, 0.5}, within(1e-9));
    assertThat(result.schedules().get(0).energyCostEur()).isCloseTo(0.35, within(1e-9));
  }

  @Test
  void clear_evWithOwnPvSurplus_usesOwnPvBeforeExporting() {
    // PV 2 kWh in hour 0, no load; export 0.05: charging from own PV forgoes 0.05 per kWh, the next
    // cheapest is importing at 0.10 in hour 1: ev = (1, 1, 0), C = −0.05·1 + 0.10·1 = 0.05
    TradingDay day =
        day(
            List.of(withEv("ev", "HIGH", 2, new ElectricVehicle(2, 1, 0, 3))),
            new double[][] {{0, 0, 0}},
            new double[][] {{2, 0, 0}},
            new double[] {0.30, 0.10, 0.20});
    ClearingResult result =
        SOLVER.solve(
            ClearingRequest.costMinimising(day, new int[] {0}, TestDays.midMarketPrices(day)));
    HouseholdSchedule s = result.schedules().get(0);
    assertThat(s.flexKwh()).containsExactly(new double[] {1, 1, 0}, within(1e-9));
    assertThat(s.exportKwh()[0]).isCloseTo(1, within(1e-9));
    assertThat(s.importKwh()[0]).isZero();
    assertThat(s.energyCostEur()).isCloseTo(0.05, within(1e-9));
  }

  @Test
  void clear_weightedLowWeightEvOwner_mayNotImportWhileSellingItsPv() {
    // One hour, import 0.30, export 0.05, pool 0.175. A (weight 0.6) has 1 kWh of PV surplus and
    // an EV of 1 kWh plugged in; B (weight 1.4) needs 1 kWh. Importing for the EV while selling
    // the PV to B would give 0.6·(0.30 − 0.175) + 1.4·0.175 = 0.32 but breaks A's one meter. The
    // one-meter row leaves: A charges from its PV (C_A = 0), B imports (C_B = 0.30), objective
    // 1.4·0.30 = 0.42.
    TradingDay day =
        day(
            List.of(
                withEv("a", "HIGH", 1, new ElectricVehicle(1, 1, 0, 1)),
                new Household("b", ParticipantKind.CONSUMER, "LOW", 30, 0, null, null)),
            new double[][] {{0}, {1}},
            new double[][] {{1}, {0}},
            new double[] {0.30});
    double[] prices = TestDays.midMarketPrices(day);
    assertThat(prices[0]).isCloseTo(0.175, within(1e-12));
    ClearingRequest request =
        new ClearingRequest(
            day, new int[] {0, 1}, new double[] {0.6, 1.4}, 0, new boolean[2], null, prices);
    ClearingResult result = SOLVER.solveDispatch(request);
    assertThat(result.report().status()).isEqualTo(SolveStatus.OPTIMAL);
    assertThat(result.report().objectiveEur()).isCloseTo(0.42, within(1e-9));
    assertThat(result.schedules().get(0).energyCostEur()).isCloseTo(0, within(1e-9));
    assertThat(result.schedules().get(1).energyCostEur()).isCloseTo(0.30, within(1e-9));
    ClearingInvariantsTest.assertInvariants(day, result, "weighted EV");
    assertThat(SOLVER.solveFullMilp(request).report().objectiveEur()).isCloseTo(0.42, within(1e-9));
    // the LP relaxation is below: δ = 1/2 lets A import 0.5 and sell 0.5 to B, 0.6·(0.15 −
    // 0.0875) + 1.4·(0.0875 + 0.15) = 0.37 (so the row binds and this test can fail)
    ClearingResult relaxed =
        new CoalitionSolver(new SolverOptions(30, 1e-9, false, 0.01)).solve(request);
    assertThat(relaxed.report().objectiveEur()).isCloseTo(0.37, within(1e-9));
  }

  @Test
  void electricVehicle_moreEnergyThanTheWindowTakes_isRejectedWithTheValues() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ElectricVehicle(10, 2, 22, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ev.energyKwh (10.0)")
        .hasMessageContaining("ev.maxPowerKw (2.0)")
        .hasMessageContaining("at most 8.0 kWh");
  }
}
