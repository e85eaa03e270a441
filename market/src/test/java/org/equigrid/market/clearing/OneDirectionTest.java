package org.equigrid.market.clearing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.ParticipantKind;
import org.equigrid.market.model.Tariff;
import org.equigrid.market.model.TradingDay;
import org.junit.jupiter.api.Test;

/** DESIGN.md section 2b: one meter, one direction; and the tie-break of the per-household split. */
class OneDirectionTest {

  private static final double TOL = 1e-7;
  private static final SolverOptions EXACT = new SolverOptions(30, 1e-9, true, 0.01);

  private static Household pvHousehold(String id, String group) {
    return new Household(id, ParticipantKind.PROSUMER, group, 40, 3, null, null);
  }

  /**
   * One interval, πimp 0.30, πexp 0.05, pool 0.175. h0 (weight 0.5) L 1 G 3, h1 (weight 2) L 0 G 4,
   * h2 (weight 1) L 2 G 0. Without section 2b h0 would curtail 1 kWh of its own PV and buy it from
   * h1, who would sell it instead of exporting: weighted −0.5·0.175 + 2·(0.175 − 0.05) per kWh =
   * −0.1625 EUR better. With it h0 only gives (exports its surplus 2), h1 sells 2 to h2 and exports
   * 2: costs h0 −0.10, h1 −0.35 − 0.10 = −0.45, h2 0.35; weighted 0.5·(−0.10) + 2·(−0.45) + 0.35 =
   * −0.60 EUR.
   */
  @Test
  void solve_lowWeightSurplusHousehold_neverCurtailsToBuy() {
    Tariff tariff = new Tariff(new double[] {0.30}, new double[] {0.05}, 0, 10, 10);
    TradingDay day =
        TestDays.day(
            List.of(pvHousehold("h0", "LOW"), pvHousehold("h1", "HIGH"), TestDays.consumer("h2")),
            new double[][] {{1}, {0}, {2}},
            new double[][] {{3}, {4}, {0}},
            tariff);
    ClearingRequest request =
        new ClearingRequest(
            day,
            new int[] {0, 1, 2},
            new double[] {0.5, 2.0, 1.0},
            0,
            new boolean[3],
            null,
            new double[] {0.175});
    for (CoalitionSolver solver :
        List.of(new CoalitionSolver(EXACT), new CoalitionSolver(EXACT.withPooling(false), false))) {
      ClearingResult result = solver.solve(request);
      assertThat(result.report().status()).isEqualTo(SolveStatus.OPTIMAL);
      assertThat(result.report().objectiveEur()).isCloseTo(-0.60, within(TOL));
      assertThat(result.report().lpBoundEur()).isCloseTo(-0.60, within(TOL));
      HouseholdSchedule h0 = result.schedules().get(0);
      assertThat(h0.buyKwh()[0] + h0.importKwh()[0] + h0.curtailKwh()[0]).isZero();
      assertThat(h0.exportKwh()[0]).isCloseTo(2, within(TOL));
      assertThat(h0.energyCostEur()).isCloseTo(-0.10, within(TOL));
      assertThat(result.schedules().get(1).energyCostEur()).isCloseTo(-0.45, within(TOL));
      assertThat(result.schedules().get(2).energyCostEur()).isCloseTo(0.35, within(TOL));
    }
    assertThat(new CoalitionSolver(EXACT).solveFullMilp(request).report().objectiveEur())
        .isCloseTo(-0.60, within(TOL));
  }

  /**
   * Two households of one weight with the same need share the import and the purchase equally,
   * whichever the solver's vertex: h0 and h1 (weight 1, L 2 each), h2 (weight 1, G 2): the pool
   * carries 2 kWh, each of h0 and h1 buys 1 and imports 1 (cost 0.175 + 0.30 = 0.475), h2 sells 2.
   */
  @Test
  void solve_equalNeedsOfOneWeight_splitProRata() {
    Tariff tariff = new Tariff(new double[] {0.30}, new double[] {0.05}, 0, 10, 10);
    TradingDay day =
        TestDays.day(
            List.of(TestDays.consumer("h0"), TestDays.consumer("h1"), pvHousehold("h2", "LOW")),
            new double[][] {{2}, {2}, {0}},
            new double[][] {{0}, {0}, {2}},
            tariff);
    ClearingRequest request =
        ClearingRequest.costMinimising(day, new int[] {0, 1, 2}, new double[] {0.175});
    ClearingResult result = new CoalitionSolver(EXACT.withPooling(false), false).solve(request);
    for (int k = 0; k < 2; k++) {
      HouseholdSchedule s = result.schedules().get(k);
      assertThat(s.importKwh()[0]).as("h%d import", k).isCloseTo(1, within(TOL));
      assertThat(s.buyKwh()[0]).as("h%d buy", k).isCloseTo(1, within(TOL));
      assertThat(s.energyCostEur()).isCloseTo(0.475, within(TOL));
    }
    assertThat(result.schedules().get(2).sellKwh()[0]).isCloseTo(2, within(TOL));
  }

  /**
   * The same communities (no batteries; weights by group, and a weighted one with batteries for the
   * members without) with the households in a shuffled order: every household's cost is the same to
   * 1e-7, with pooling and without.
   */
  @Test
  void solve_shuffledHouseholds_samePerHouseholdCosts() {
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(12);
    int compared = 0;
    for (long seed = 40; seed < 43; seed++) {
      TradingDay day = withoutBatteries(TestDays.random(seed, 12, 24));
      int[] order = TestDays.shuffled(day.householdCount(), rng);
      TradingDay shuffled = permuted(day, order);
      for (SolverOptions options : List.of(EXACT, EXACT.withPooling(false))) {
        CoalitionSolver solver = new CoalitionSolver(options);
        ClearingResult a = solver.solve(TestDays.weightedByGroup(day));
        ClearingResult b = solver.solve(TestDays.weightedByGroup(shuffled));
        assertThat(b.report().objectiveEur())
            .isCloseTo(
                a.report().objectiveEur(),
                within(1e-7 * Math.max(1, Math.abs(a.report().objectiveEur()))));
        for (int p = 0; p < order.length; p++) {
          // household order[p] of day is household p of shuffled
          assertThat(b.schedules().get(p).energyCostEur())
              .as(
                  "seed %d household %s pooling %s",
                  seed, day.households().get(order[p]).id(), options.pooling())
              .isCloseTo(a.schedules().get(order[p]).energyCostEur(), within(TOL));
          compared++;
        }
      }
    }
    assertThat(compared).isEqualTo(3 * 2 * 12);
  }

  private static TradingDay withoutBatteries(TradingDay day) {
    List<Household> households = new ArrayList<>();
    for (Household h : day.households()) {
      households.add(
          new Household(
              h.id(), h.kind(), h.group(), h.dailyIncomeEur(), h.pvKwp(), null, h.reservation()));
    }
    return new TradingDay(
        day.dayIndex(),
        day.dayOfYear(),
        day.intervalHours(),
        households,
        day.loadKwh(),
        day.pvKwh(),
        new double[households.size()],
        day.tariff());
  }

  /** Household {@code p} of the result is household {@code order[p]} of {@code day}. */
  private static TradingDay permuted(TradingDay day, int[] order) {
    int n = order.length;
    List<Household> households = new ArrayList<>();
    double[][] load = new double[n][];
    double[][] pv = new double[n][];
    double[] soc = new double[n];
    for (int p = 0; p < n; p++) {
      households.add(day.households().get(order[p]));
      load[p] = day.loadKwh()[order[p]];
      pv[p] = day.pvKwh()[order[p]];
      soc[p] = day.initialSocKwh()[order[p]];
    }
    return new TradingDay(
        day.dayIndex(),
        day.dayOfYear(),
        day.intervalHours(),
        households,
        load,
        pv,
        soc,
        day.tariff());
  }
}
