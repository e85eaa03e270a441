package org.equigrid.market.clearing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.equigrid.market.clearing.engine.DecompositionEngine;
import org.equigrid.market.model.ElectricVehicle;
import org.equigrid.market.model.TradingDay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The price decomposition with flexible demand (docs/model.md, "Flexible demand"; issue 15): the
 * households' blocks carry their EV's charging (F1–F3) as the community model does, so the
 * decomposition answers the central clearing's question. Small communities (3–6 households, EVs on
 * every other one, with and without batteries), the EVs plugged in overnight (no PV while plugged
 * in) or by day (the EV meets the household's PV surplus: one-meter binaries without a battery).
 */
class FlexibleDecompositionTest {

  private static final SolverOptions EXACT = new SolverOptions(30, 1e-9, true, 0.01);
  private final CoalitionSolver solver = new CoalitionSolver(EXACT);

  private static TradingDay day(long seed, int n, boolean daytime) {
    TradingDay day = TestDays.withEvs(TestDays.random(seed, n, 24), daytime);
    boolean battery = false;
    boolean bare = false;
    for (int i = 0; i < n; i += 2) {
      battery |= day.households().get(i).hasBattery();
      bare |= !day.households().get(i).hasBattery();
    }
    assertThat(bare).as("an EV household without a battery").isTrue();
    if (n >= 5) {
      assertThat(battery).as("an EV household with a battery").isTrue();
    }
    return day;
  }

  /** Each EV's charging is in its window, within its power, and adds up to its energy (F3). */
  static void assertEvsCharged(TradingDay day, ClearingResult result) {
    for (HouseholdSchedule s : result.schedules()) {
      ElectricVehicle ev = day.households().get(s.householdIndex()).flex().ev();
      if (ev == null) {
        assertThat(s.flexKwh()).containsOnly(0.0);
        continue;
      }
      for (int t = 0; t < day.intervals(); t++) {
        double most =
            ev.plugged(t, day.intervalHours()) ? ev.maxPowerKw() * day.intervalHours() : 0;
        assertThat(s.flexKwh()[t]).as("EV of %d at %d", s.householdIndex(), t).isBetween(0.0, most);
      }
      assertThat(Arrays.stream(s.flexKwh()).sum()).isCloseTo(ev.energyKwh(), within(1e-6));
    }
  }

  @ParameterizedTest
  @CsvSource({"17,5,false", "17,5,true", "21,6,false", "21,6,true", "5,4,true", "9,3,true"})
  void decompose_evsCostMinimising_equalsCentralOptimum(long seed, int n, boolean daytime) {
    TradingDay day = day(seed, n, daytime);
    ClearingRequest request =
        ClearingRequest.costMinimising(day, TestDays.everyone(day), TestDays.midMarketPrices(day));
    PriceDecompositionTest.assertSameAsMonolithic(solver, request);
    ClearingResult parts = solver.solveDecomposed(request, System.nanoTime());
    assertEvsCharged(day, parts);
    assertThat(parts.report().objectiveEur())
        .as("the full MILP's optimum")
        .isCloseTo(
            solver.solveFullMilp(request).report().objectiveEur(),
            within(1e-6 * Math.max(1, Math.abs(parts.report().objectiveEur()))));
  }

  /**
   * Weighted by group (with and without the Rawlsian floor on LOW): the decomposition certifies the
   * central relaxation's bound; its answer breaks no binary, so it is never below the MILP optimum,
   * and it is within the gap it reports against that bound; equal to the central answer where that
   * is the relaxation's.
   */
  @ParameterizedTest
  @CsvSource({"17,5,false", "17,5,true", "21,6,true", "9,3,true"})
  void decompose_evsWeighted_sameBoundAndWithinReportedGap(long seed, int n, boolean daytime) {
    TradingDay day = day(seed, n, daytime);
    List<ClearingRequest> requests =
        List.of(
            TestDays.weightedByGroup(day), TestDays.costAndWeightedRequests(day, 0, solver).get(1));
    for (ClearingRequest request : requests) {
      ClearingResult whole = solver.solveMonolithic(request, System.nanoTime());
      ClearingResult parts = solver.solveDecomposed(request, System.nanoTime());
      assertThat(parts).isNotNull();
      assertThat(parts.report().status().hasSolution()).isTrue();
      double lpBound = whole.report().lpBoundEur();
      double scale = Math.max(1, Math.abs(lpBound));
      assertThat(parts.report().lpBoundEur()).isCloseTo(lpBound, within(1e-6 * scale));
      double objective = parts.report().objectiveEur();
      double milp = solver.solveFullMilp(request).report().objectiveEur();
      assertThat(objective).isGreaterThanOrEqualTo(milp - 1e-6 * scale);
      assertThat(Math.abs(objective - lpBound) / Math.abs(objective))
          .isLessThanOrEqualTo(parts.report().relativeGap() + 1e-9);
      if (!whole.report().milpUsed()) {
        assertThat(objective).isCloseTo(whole.report().objectiveEur(), within(1e-6 * scale));
      }
      PriceDecompositionTest.assertFeasible(request, parts);
      assertEvsCharged(day, parts);
    }
  }

  /** Opted in, the in-process clearing decomposes a request with EVs (and names its answer). */
  @Test
  void optedIn_requestWithEvs_decomposed() {
    TradingDay day = day(21, 6, true);
    CoalitionSolver optedIn = new CoalitionSolver(EXACT.withDecompositionMinHouseholds(3));
    ClearingRequest request =
        ClearingRequest.costMinimising(day, TestDays.everyone(day), TestDays.midMarketPrices(day));
    ClearingResult result = optedIn.solveDispatch(request);
    assertThat(result.report().reason()).startsWith(DecompositionEngine.APPROXIMATION);
    assertThat(result.report().objectiveEur())
        .isCloseTo(
            solver.solveDispatch(request).report().objectiveEur(),
            within(1e-6 * Math.max(1, Math.abs(result.report().objectiveEur()))));
    assertEvsCharged(day, result);
  }
}
