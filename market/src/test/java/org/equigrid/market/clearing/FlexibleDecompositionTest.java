package org.equigrid.market.clearing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.equigrid.market.clearing.engine.DecompositionEngine;
import org.equigrid.market.model.Appliance;
import org.equigrid.market.model.ElectricVehicle;
import org.equigrid.market.model.FlexibleDemand;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.ParticipantKind;
import org.equigrid.market.model.Tariff;
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
public class FlexibleDecompositionTest {

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

  /**
   * Each EV's charging is in its window, within its power, and adds up to its energy (F3); no
   * flexible load without flexible demand.
   */
  static void assertEvsCharged(TradingDay day, ClearingResult result) {
    for (HouseholdSchedule s : result.schedules()) {
      FlexibleDemand flex = day.households().get(s.householdIndex()).flex();
      ElectricVehicle ev = flex.ev();
      if (ev == null) {
        if (!flex.hasAppliances()) {
          assertThat(s.flexKwh()).containsOnly(0.0);
        }
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

  /** Each household's appliances run once, whole: its flexible load is one start's cycle. */
  static void assertAppliancesWhole(TradingDay day, ClearingResult result) {
    for (HouseholdSchedule s : result.schedules()) {
      FlexibleDemand flex = day.households().get(s.householdIndex()).flex();
      if (!flex.hasAppliances() || flex.ev() != null) {
        continue; // (the test days give a household an EV or an appliance, not both)
      }
      Appliance appliance = flex.appliances().get(0);
      double dt = day.intervalHours();
      int d = appliance.durationIntervals(dt);
      int runs = 0;
      for (int k = 0; k < day.intervals(); k++) {
        if (!appliance.canStart(k, dt)) {
          continue;
        }
        double[] cycle = new double[day.intervals()];
        for (int t = k; t < Math.min(day.intervals(), k + d); t++) {
          cycle[t] = appliance.powerKw() * dt;
        }
        boolean same = true;
        for (int t = 0; t < cycle.length; t++) {
          same &= Math.abs(cycle[t] - s.flexKwh()[t]) <= 1e-6;
        }
        runs += same ? 1 : 0;
      }
      assertThat(runs)
          .as("household %d runs its appliance once, whole", s.householdIndex())
          .isEqualTo(1);
    }
  }

  /**
   * Deferrable appliances (F4–F6): the households answer their MILP (integer starts), the master LP
   * over those columns gives the Dantzig–Wolfe bound (at least the central relaxation's, at most
   * the MILP optimum), and the restricted master IP's answer runs every appliance once, whole, is
   * feasible for the community MILP (never below its optimum) and within the gap it reports against
   * that bound. Cost-minimising and weighted with the Rawlsian floor.
   */
  @ParameterizedTest
  @CsvSource({"9,3,false", "5,4,true"})
  void decompose_appliances_wholeStartsWithinReportedGapOfTheirBound(
      long seed, int n, boolean evs) {
    TradingDay day = TestDays.withAppliances(TestDays.random(seed, n, 24), evs);
    for (ClearingRequest request : TestDays.costAndWeightedRequests(day, 0, solver)) {
      ClearingResult whole = solver.solveMonolithic(request, System.nanoTime());
      double milp = solver.solveFullMilp(request).report().objectiveEur();
      ClearingResult parts = solver.solveDecomposed(request, System.nanoTime());
      assertThat(parts).isNotNull();
      assertThat(parts.report().status().hasSolution()).isTrue();
      double scale = Math.max(1, Math.abs(milp));
      double bound = parts.report().lpBoundEur();
      assertThat(bound)
          .isGreaterThanOrEqualTo(whole.report().lpBoundEur() - 1e-6 * scale)
          .isLessThanOrEqualTo(milp + 1e-6 * scale);
      double objective = parts.report().objectiveEur();
      assertThat(objective).isGreaterThanOrEqualTo(milp - 1e-6 * scale);
      assertThat(Math.abs(objective - bound) / Math.abs(objective))
          .isLessThanOrEqualTo(parts.report().relativeGap() + 1e-9);
      PriceDecompositionTest.assertFeasible(request, parts);
      assertAppliancesWhole(day, parts);
      assertEvsCharged(day, parts);
    }
  }

  /**
   * Hand-computed, LP-integral: a neighbour's 2 kWh of PV at noon (no load) and a household with
   * 0.5 kWh of load every hour and a dishwasher (1 kW for 1 h, 8–22 h), import 0.30, export 0.05
   * EUR/kWh. The dishwasher runs at noon on the neighbour's PV: the community pays 23 × 0.5 × 0.30
   * for the other hours' load and earns 0.5 × 0.05 for the PV left over, 3.425 EUR; the
   * decomposition equals it (and the central clearing) to 1e-6.
   */
  @Test
  void decompose_dishwasherOnTheNeighboursPv_handComputedOptimum() {
    TradingDay day = dishwasherDay();
    ClearingRequest request =
        ClearingRequest.costMinimising(day, TestDays.everyone(day), TestDays.midMarketPrices(day));
    ClearingResult parts = solver.solveDecomposed(request, System.nanoTime());
    assertThat(parts.report().objectiveEur()).isCloseTo(3.425, within(1e-6));
    assertThat(solver.solve(request).report().objectiveEur()).isCloseTo(3.425, within(1e-6));
    assertThat(parts.report().lpBoundEur()).isCloseTo(3.425, within(1e-6));
    assertThat(parts.schedules().get(1).flexKwh()[12]).isCloseTo(1, within(1e-9));
    assertAppliancesWhole(day, parts);
    PriceDecompositionTest.assertFeasible(request, parts);
    // opted in, the in-process clearing decomposes it and names its answer
    ClearingResult named =
        new CoalitionSolver(EXACT.withDecompositionMinHouseholds(2)).solveDispatch(request);
    assertThat(named.report().reason()).startsWith(DecompositionEngine.APPROXIMATION);
    assertThat(named.report().objectiveEur()).isCloseTo(3.425, within(1e-6));
  }

  /** The day of {@link #decompose_dishwasherOnTheNeighboursPv_handComputedOptimum}. */
  public static TradingDay dishwasherDay() {
    double[][] load = new double[2][24];
    double[][] pv = new double[2][24];
    java.util.Arrays.fill(load[1], 0.5);
    pv[0][12] = 2;
    double[] imp = new double[24];
    double[] exp = new double[24];
    java.util.Arrays.fill(imp, 0.30);
    java.util.Arrays.fill(exp, 0.05);
    List<Household> households =
        List.of(
            new Household("pv", ParticipantKind.PROSUMER, "HIGH", 60, 2, null, null),
            new Household(
                "dish",
                ParticipantKind.CONSUMER,
                "LOW",
                30,
                0,
                null,
                null,
                new FlexibleDemand(null, List.of(new Appliance("dishwasher", 1, 1, 8, 22)))));
    return TestDays.day(households, load, pv, new Tariff(imp, exp, 0, 20, 20));
  }
}
