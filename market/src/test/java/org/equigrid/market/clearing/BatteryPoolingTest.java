package org.equigrid.market.clearing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.ParticipantKind;
import org.equigrid.market.model.TradingDay;
import org.junit.jupiter.api.Test;

class BatteryPoolingTest {

  private static final SolverOptions EXACT = new SolverOptions(30, 1e-9, true, 0.01);

  /**
   * 10 kWh, 2.5 kW, 0.95 each way, 1..10 kWh: no limit of {@link TestDays#random} binds at full
   * power.
   */
  private static final Battery SAME = new Battery(10, 2.5, 0.95, 0.95, 1, 10, 5);

  /**
   * A random community whose batteries are all {@link #SAME}, with the initial state of charge 5 or
   * (every third battery) 3 kWh.
   */
  private static TradingDay identicalBatteries(long seed, int n) {
    TradingDay day = TestDays.random(seed, n, 24);
    List<Household> households = new ArrayList<>(n);
    double[] soc = new double[n];
    int batteries = 0;
    for (int i = 0; i < n; i++) {
      Household h = day.households().get(i);
      if (h.hasBattery()) {
        soc[i] = batteries++ % 3 == 2 ? 3.0 : 5.0;
        h =
            new Household(
                h.id(), h.kind(), h.group(), h.dailyIncomeEur(), h.pvKwp(), SAME, h.reservation());
      }
      households.add(h);
    }
    return new TradingDay(
        day.dayIndex(),
        day.dayOfYear(),
        day.intervalHours(),
        households,
        day.loadKwh(),
        day.pvKwh(),
        soc,
        day.tariff());
  }

  /** The gap of the report is the one against the LP bound; OPTIMAL only within the gap limit. */
  private static void assertHonest(
      ClearingResult result, double lpBound, double gapLimit, String what) {
    double objective = result.report().objectiveEur();
    double scale = Math.max(1, Math.abs(objective));
    assertThat(objective)
        .as(what + " objective >= LP bound")
        .isGreaterThanOrEqualTo(lpBound - 1e-7 * scale);
    double gap = Math.max(0, objective - lpBound) / Math.max(Math.abs(objective), 1e-9);
    assertThat(result.report().relativeGap())
        .as(what + " gap against the LP bound")
        .isCloseTo(gap, within(1e-9));
    assertThat(result.report().status())
        .as(what + " status for gap " + gap)
        .isEqualTo(gap <= gapLimit ? SolveStatus.OPTIMAL : SolveStatus.FEASIBLE);
  }

  /** Members of one battery block have the same battery schedule. */
  private static void assertSymmetric(ClearingRequest request, ClearingResult result, String what) {
    HouseholdPooling pooling = HouseholdPooling.of(request, true);
    if (pooling == null) {
      return;
    }
    for (int a = 0; a < request.members().length; a++) {
      for (int b = a + 1; b < request.members().length; b++) {
        if (sameBlock(pooling, request, a, b)) {
          HouseholdSchedule x = result.schedules().get(a);
          HouseholdSchedule y = result.schedules().get(b);
          for (int t = 0; t < x.socKwh().length; t++) {
            assertThat(x.socKwh()[t])
                .as(what + " soc of " + a + " and " + b)
                .isCloseTo(y.socKwh()[t], within(1e-9));
            assertThat(x.chargeKwh()[t]).as(what).isCloseTo(y.chargeKwh()[t], within(1e-9));
            assertThat(x.dischargeKwh()[t]).as(what).isCloseTo(y.dischargeKwh()[t], within(1e-9));
          }
        }
      }
    }
  }

  private static boolean sameBlock(
      HouseholdPooling pooling, ClearingRequest request, int a, int b) {
    TradingDay day = request.day();
    int i = request.members()[a];
    int j = request.members()[b];
    if (!day.households().get(i).hasBattery() || !day.households().get(j).hasBattery()) {
      return false;
    }
    int[] blockA = pooling.blockOf(a);
    return blockA.length > 1 && java.util.Arrays.stream(blockA).anyMatch(m -> m == b);
  }

  /**
   * Four random communities of 10–22 households with identical batteries, both requests, battery
   * pooling forced by milpMaxBinaries 0 (SCIP skipped, as in the regime): the LP bound is the
   * unpooled one to 1e-7 relative without battery blocks and no tighter with them (a block's δ is
   * not relaxed), the split schedules keep every invariant, the batteries of a block stay
   * identical, and status and gap are honest against the LP bound.
   */
  @Test
  void solve_identicalBatteriesInTheRegime_sameLpBoundAndInvariants() {
    SolverOptions noScip = EXACT.withMilpMaxBinaries(0);
    CoalitionSolver pooling = new CoalitionSolver(noScip.withPoolIdenticalBatteries(true));
    CoalitionSolver unpooled = new CoalitionSolver(noScip.withPooling(false));
    int batteryRuns = 0;
    for (int c = 0; c < 4; c++) {
      TradingDay day = identicalBatteries(8200 + c, 10 + 4 * c);
      List<ClearingRequest> requests = TestDays.costAndWeightedRequests(day, c, pooling);
      for (int r = 0; r < requests.size(); r++) {
        String what = "community " + c + (r == 0 ? " cost-minimising" : " weighted");
        ClearingRequest request = requests.get(r);
        HouseholdPooling blocks = HouseholdPooling.of(request, true);
        boolean batteries = blocks != null && blocks.batteryBlocks() > 0;
        batteryRuns += batteries ? 1 : 0;
        ClearingResult pooled = pooling.solve(request);
        ClearingResult plain = unpooled.solve(request);
        assertThat(pooled.report().reason().contains("battery households"))
            .as(what)
            .isEqualTo(batteries);
        double bound = plain.report().lpBoundEur();
        double pooledBound = pooled.report().lpBoundEur();
        if (batteries) {
          // A battery block's δ stays out of its relaxation: a valid bound, no tighter than the
          // unpooled relaxation's.
          assertThat(pooledBound)
              .as(what + " LP bound")
              .isLessThanOrEqualTo(bound + 1e-7 * Math.max(1, Math.abs(bound)));
        } else {
          assertThat(pooledBound)
              .as(what + " LP bound")
              .isCloseTo(bound, within(1e-7 * Math.max(1, Math.abs(bound))));
        }
        HouseholdPoolingTest.assertSplitInvariants(day, request, pooled, what);
        assertSymmetric(request, pooled, what);
        if (batteries) {
          assertHonest(pooled, pooledBound, noScip.relativeGapLimit(), what);
        }
      }
    }
    assertThat(batteryRuns).as("runs with battery blocks").isGreaterThanOrEqualTo(6);
  }

  /**
   * Battery pooling forced in SCIP's range: SCIP is skipped on battery blocks (as in the regime,
   * where the unpooled MILP skips it too), the rounded schedule stands, and its gap and status are
   * measured against its LP bound (no tighter than the unpooled relaxation), so it is FEASIBLE
   * wherever the rounding left a gap.
   */
  @Test
  void solve_batteryPoolingInScipRange_skipsScipAndGapAgainstTheLpBound() {
    CoalitionSolver forced = new CoalitionSolver(EXACT, true, true);
    CoalitionSolver lpOnly =
        new CoalitionSolver(new SolverOptions(30, 1e-9, false, 0.01).withPooling(false));
    int feasible = 0;
    int batteryRuns = 0;
    for (int c = 0; c < 3; c++) {
      TradingDay day = identicalBatteries(8300 + c, 16 + 2 * c);
      ClearingRequest request = TestDays.costAndWeightedRequests(day, c, forced).get(1);
      String what = "weighted community " + c;
      HouseholdPooling blocks = HouseholdPooling.of(request, true);
      if (blocks == null || blocks.batteryBlocks() == 0) {
        continue;
      }
      batteryRuns++;
      ClearingResult pooled = forced.solve(request);
      double bound = lpOnly.solve(request).report().lpBoundEur();
      HouseholdPoolingTest.assertSplitInvariants(day, request, pooled, what);
      assertThat(pooled.report().lpBoundEur())
          .as(what)
          .isLessThanOrEqualTo(bound + 1e-7 * Math.max(1, Math.abs(bound)));
      assertHonest(pooled, pooled.report().lpBoundEur(), EXACT.relativeGapLimit(), what);
      if (pooled.report().milpUsed() && pooled.report().status() == SolveStatus.FEASIBLE) {
        assertThat(pooled.report().reason()).as(what).contains("SCIP skipped: battery blocks");
      }
      feasible += pooled.report().status() == SolveStatus.FEASIBLE ? 1 : 0;
    }
    assertThat(batteryRuns).as("runs with battery blocks").isGreaterThanOrEqualTo(2);
    assertThat(feasible).as("answers above the LP bound, reported FEASIBLE").isPositive();
  }

  /**
   * a, b, e identical (10 kWh, 2.5 kW, SoC 5); c another capacity; d another initial SoC; e another
   * weight. Only a and b form a battery block.
   */
  @Test
  void of_differentBatteryInitialSocOrWeight_notPooled() {
    Battery other = new Battery(12, 2.5, 0.95, 0.95, 1, 10, 5);
    List<Household> households = new ArrayList<>();
    for (String id : List.of("a", "b", "c", "d", "e")) {
      households.add(
          new Household(
              id, ParticipantKind.PROSUMER, "MIDDLE", 40, 3, id.equals("c") ? other : SAME, null));
    }
    double[][] load = {{1, 2}, {2, 1}, {1, 1}, {1, 3}, {2, 2}};
    double[][] pv = {{2, 0}, {1, 0}, {0, 1}, {2, 0}, {1, 1}};
    double[] soc = {5, 5, 5, 4, 5};
    TradingDay day =
        new TradingDay(
            0, 180, 1.0, households, load, pv, soc, TestDays.flat(2, 0.3, 0.05, 0.1, 12));
    double[] prices = {0.175, 0.175};
    ClearingRequest request =
        new ClearingRequest(
            day,
            TestDays.everyone(day),
            new double[] {1, 1, 1, 1, 0.5},
            0,
            new boolean[5],
            null,
            prices);
    HouseholdPooling pooling = HouseholdPooling.of(request, true);
    assertThat(pooling.batteryBlocks()).isEqualTo(1);
    assertThat(pooling.batteryMembers()).isEqualTo(2);
    assertThat(pooling.blockOf(0)).containsExactly(0, 1);
    assertThat(pooling.pooled().members()).hasSize(4);
    Battery block = pooling.pooled().day().households().get(0).battery();
    assertThat(block.capacityKwh()).isEqualTo(20);
    assertThat(block.powerKw()).isEqualTo(5);
    assertThat(pooling.pooled().day().initialSocKwh()[0]).isEqualTo(10);
    assertThat(HouseholdPooling.of(request, false)).isNull();
  }

  /**
   * Small communities stay outside the regime: with the default SCIP limit a community of 14
   * households with identical batteries is solved exactly as with battery pooling switched off.
   */
  @Test
  void solve_smallCommunityDefaultOptions_todaysAnswer() {
    TradingDay day = identicalBatteries(8400, 14);
    CoalitionSolver defaults = new CoalitionSolver(EXACT);
    CoalitionSolver off = new CoalitionSolver(EXACT.withPoolIdenticalBatteries(false));
    ClearingRequest request = TestDays.costAndWeightedRequests(day, 1, defaults).get(1);
    assertThat(HouseholdPooling.of(request, true).batteryBlocks()).isPositive();
    ClearingResult result = defaults.solve(request);
    ClearingResult today = off.solve(request);
    assertThat(result.report().reason()).doesNotContain("battery households");
    assertThat(result.report().status()).isEqualTo(today.report().status());
    assertThat(result.report().objectiveEur()).isEqualTo(today.report().objectiveEur());
  }
}
