package org.equigrid.market.clearing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.ParticipantKind;
import org.equigrid.market.model.TradingDay;
import org.junit.jupiter.api.Test;

class HouseholdPoolingTest {

  private static final double TOL = 1e-7;
  private static final SolverOptions EXACT = new SolverOptions(30, 1e-9, true, 0.01);
  private final CoalitionSolver pooling = new CoalitionSolver(EXACT);
  private final CoalitionSolver unpooled = new CoalitionSolver(EXACT.withPooling(false));

  private static Household plain(String id, String group, double kwp) {
    return new Household(
        id,
        kwp > 0 ? ParticipantKind.PROSUMER : ParticipantKind.CONSUMER,
        group,
        40,
        kwp,
        null,
        null);
  }

  /**
   * One interval, πimp 0.30, πexp 0.05, pool 0.175 (mid-market), no peak charge. LOW (w 1.5): a
   * with L = 2, b with G = 3; HIGH (w 0.5): c with L = 1. A kWh of b's PV is worth 1.5·0.30 = 0.45
   * to LOW when a uses it, 1.5·0.175 + 0.5·(0.30 − 0.175) = 0.325 when c buys it, 1.5·0.05 when
   * exported: a takes 2, c the last 1, nobody imports. Objective 1.5·(0.175·2 − 0.175·3) +
   * 0.5·0.175 = −0.175.
   */
  @Test
  void solve_loadAndPvOfOneGroup_poolsThemAndTradesInsideTheBlock() {
    TradingDay day =
        TestDays.day(
            List.of(plain("a", "LOW", 0), plain("b", "LOW", 4), plain("c", "HIGH", 0)),
            new double[][] {{2}, {0}, {1}},
            new double[][] {{0}, {3}, {0}},
            TestDays.flat(1, 0.30, 0.05, 0.0, 10));
    double[] prices = PoolPricing.prices(PricingRule.MID_MARKET, day);
    assertThat(prices[0]).isCloseTo(0.175, within(1e-12));
    ClearingRequest request =
        new ClearingRequest(
            day,
            new int[] {0, 1, 2},
            new double[] {1.5, 1.5, 0.5},
            0,
            new boolean[3],
            null,
            prices);
    HouseholdPooling blocks = HouseholdPooling.of(request);
    assertThat(blocks).isNotNull();
    assertThat(blocks.pooled().members()).hasSize(2);
    assertThat(blocks.pooledMembers()).isEqualTo(2);
    assertThat(blocks.blockCount()).isEqualTo(1);

    ClearingResult pooled = pooling.solve(request);
    ClearingResult plainResult = unpooled.solve(request);

    assertThat(pooled.report().status()).isEqualTo(SolveStatus.OPTIMAL);
    assertThat(pooled.report().reason())
        .contains("pooled 2 households without battery into 1 block");
    assertThat(plainResult.report().reason()).doesNotContain("pooled");
    assertThat(pooled.report().objectiveEur()).isCloseTo(-0.175, within(TOL));
    assertThat(plainResult.report().objectiveEur()).isCloseTo(-0.175, within(TOL));
    HouseholdSchedule a = pooled.schedules().get(0);
    HouseholdSchedule b = pooled.schedules().get(1);
    HouseholdSchedule c = pooled.schedules().get(2);
    assertThat(List.of(a.householdIndex(), b.householdIndex(), c.householdIndex()))
        .containsExactly(0, 1, 2);
    assertThat(a.buyKwh()[0]).isCloseTo(2, within(TOL));
    assertThat(a.importKwh()[0]).isCloseTo(0, within(TOL));
    assertThat(b.sellKwh()[0]).isCloseTo(3, within(TOL));
    assertThat(b.exportKwh()[0] + b.curtailKwh()[0]).isCloseTo(0, within(TOL));
    assertThat(c.buyKwh()[0]).isCloseTo(1, within(TOL));
    assertThat(a.energyCostEur()).isCloseTo(0.35, within(TOL));
    assertThat(b.energyCostEur()).isCloseTo(-0.525, within(TOL));
    assertThat(c.energyCostEur()).isCloseTo(0.175, within(TOL));
    ClearingInvariantsTest.assertInvariants(day, pooled, "hand-computed");
  }

  /**
   * Cost-minimising, one interval: s has L = 1, G = 3, b has L = 4; both without battery, so the
   * pooled request is one block (closed form). Own PV first: s uses 1 and sells its surplus 2 to b,
   * b imports the other 2 — not s importing for itself while selling (same cost, but each
   * household's cost is the natural one).
   */
  @Test
  void solve_oneBlockOfSellerAndBuyer_splitsOwnPvFirst() {
    TradingDay day =
        TestDays.day(
            List.of(plain("s", "HIGH", 4), plain("b", "LOW", 0)),
            new double[][] {{1}, {4}},
            new double[][] {{3}, {0}},
            TestDays.flat(1, 0.30, 0.10, 0.5, 10));
    double[] prices = PoolPricing.prices(PricingRule.MID_MARKET, day);
    ClearingResult result =
        pooling.solve(ClearingRequest.costMinimising(day, new int[] {0, 1}, prices));
    assertThat(result.report().reason()).contains("pooled 2");
    HouseholdSchedule s = result.schedules().get(0);
    HouseholdSchedule b = result.schedules().get(1);
    assertThat(s.importKwh()[0]).isZero();
    assertThat(s.sellKwh()[0]).isCloseTo(2, within(TOL));
    assertThat(b.buyKwh()[0]).isCloseTo(2, within(TOL));
    assertThat(b.importKwh()[0]).isCloseTo(2, within(TOL));
    assertThat(s.energyCostEur()).isCloseTo(-0.40, within(TOL));
    assertThat(result.totalCostEur()).isCloseTo(0.60 + 1.0, within(TOL));
    assertThat(result.report().lpBoundEur()).isCloseTo(1.6, within(TOL));
    ClearingInvariantsTest.assertInvariants(day, result, "seller and buyer");
  }

  /**
   * Seeded random communities (TestDays.random, about a third with a battery), each cleared
   * cost-minimising and weighted (LOW 1.4, MIDDLE 1.0, HIGH 0.6, ρ = 0.5 with LOW protected) with
   * and without pooling: the same LP bound, the same final objective where both are OPTIMAL, and
   * every invariant on the split schedules.
   */
  @Test
  void solve_randomCommunities_poolingKeepsLpBoundObjectiveAndInvariants() {
    int optimalPairs = 0;
    int pooledRuns = 0;
    for (int c = 0; c < 4; c++) {
      int n = 8 + 4 * c;
      TradingDay day = TestDays.random(7100 + c, n, 24);
      List<ClearingRequest> requests = TestDays.costAndWeightedRequests(day, c, pooling);
      for (int r = 0; r < requests.size(); r++) {
        String what = "community " + c + (r == 0 ? " cost-minimising" : " weighted");
        ClearingRequest request = requests.get(r);
        boolean pools = HouseholdPooling.of(request) != null;
        pooledRuns += pools ? 1 : 0;
        ClearingResult pooled = pooling.solve(request);
        ClearingResult plain = unpooled.solve(request);
        assertThat(pooled.report().reason().contains("pooled")).as(what).isEqualTo(pools);
        assertThat(pooled.report().status().hasSolution()).as(what + " pooled").isTrue();
        assertThat(plain.report().status().hasSolution()).as(what + " unpooled").isTrue();
        double bound = plain.report().lpBoundEur();
        assertThat(pooled.report().lpBoundEur())
            .as(what + " LP bound")
            .isCloseTo(bound, within(1e-7 * Math.max(1, Math.abs(bound))));
        if (pooled.report().status() == SolveStatus.OPTIMAL
            && plain.report().status() == SolveStatus.OPTIMAL) {
          optimalPairs++;
          double objective = plain.report().objectiveEur();
          assertThat(pooled.report().objectiveEur())
              .as(what + " objective")
              .isCloseTo(objective, within(1e-7 * Math.max(1, Math.abs(objective))));
        }
        assertSplitInvariants(day, request, pooled, what);
      }
    }
    assertThat(pooledRuns).as("runs that pooled").isGreaterThanOrEqualTo(6);
    assertThat(optimalPairs).as("pairs compared at OPTIMAL").isGreaterThanOrEqualTo(4);
  }

  /**
   * The invariants of ClearingInvariantsTest plus member order and the objective from the
   * schedules.
   */
  static void assertSplitInvariants(
      TradingDay day, ClearingRequest request, ClearingResult result, String what) {
    ClearingInvariantsTest.assertInvariants(day, result, what);
    double weighted = 0;
    double energy = 0;
    for (int k = 0; k < request.members().length; k++) {
      HouseholdSchedule s = result.schedules().get(k);
      assertThat(s.householdIndex()).as(what).isEqualTo(request.members()[k]);
      for (int t = 0; t < day.intervals(); t++) {
        assertThat(Math.min(s.buyKwh()[t], s.sellKwh()[t]))
            .as(what + " buys and sells")
            .isLessThanOrEqualTo(BinaryPairs.BREAK_KWH);
        assertThat(Math.min(s.importKwh()[t], s.exportKwh()[t]))
            .as(what + " imports and exports")
            .isLessThanOrEqualTo(BinaryPairs.BREAK_KWH);
      }
      weighted += request.weightByMember()[k] * s.energyCostEur();
      energy += s.energyCostEur();
    }
    assertThat(energy + result.peakChargeEur())
        .as(what + " total")
        .isCloseTo(result.totalCostEur(), within(1e-9));
    double floor =
        Double.isNaN(result.rawlsianFloor())
            ? 0
            : request.rawlsianStrengthEur() * result.rawlsianFloor();
    assertThat(weighted + result.peakChargeEur() - floor)
        .as(what + " objective from schedules")
        .isCloseTo(result.report().objectiveEur(), within(1e-9));
  }

  /**
   * Import limit 3 kW: x needs 4 kWh in interval 0 (at least 1 from y's PV; it takes all 2), so a
   * connection limit can bind x and it cannot be pooled; y alone is no block: no pooling, the same
   * result.
   */
  @Test
  void solve_householdAboveItsConnectionLimit_isNotPooled() {
    TradingDay day =
        TestDays.day(
            List.of(plain("x", "LOW", 0), plain("y", "LOW", 4)),
            new double[][] {{4, 1}, {0, 1}},
            new double[][] {{0, 0}, {2, 2}},
            TestDays.flat(2, 0.30, 0.05, 0.2, 3));
    double[] prices = PoolPricing.prices(PricingRule.MID_MARKET, day);
    ClearingRequest request = ClearingRequest.costMinimising(day, new int[] {0, 1}, prices);
    assertThat(HouseholdPooling.of(request)).isNull();
    ClearingResult withOption = pooling.solve(request);
    ClearingResult without = unpooled.solve(request);
    assertThat(withOption.report().reason()).doesNotContain("pooled");
    assertThat(withOption.report().objectiveEur())
        .isCloseTo(without.report().objectiveEur(), within(TOL));
    assertThat(withOption.schedules().get(0).importKwh())
        .containsExactly(without.schedules().get(0).importKwh());
    assertThat(withOption.schedules().get(0).buyKwh()[0]).isCloseTo(2, within(TOL));
    ClearingInvariantsTest.assertInvariants(day, withOption, "limit");
  }

  /** The same x with two poolable households beside it: they form a block, x stays alone. */
  @Test
  void solve_householdAboveItsConnectionLimitBesideOthers_staysAlone() {
    TradingDay day =
        TestDays.day(
            List.of(plain("x", "LOW", 0), plain("y", "LOW", 4), plain("z", "LOW", 0)),
            new double[][] {{4, 1}, {0, 1}, {1, 2}},
            new double[][] {{0, 0}, {2, 2}, {0, 0}},
            TestDays.flat(2, 0.30, 0.05, 0.2, 3));
    double[] prices = PoolPricing.prices(PricingRule.MID_MARKET, day);
    ClearingRequest request = ClearingRequest.costMinimising(day, new int[] {0, 1, 2}, prices);
    HouseholdPooling blocks = HouseholdPooling.of(request);
    assertThat(blocks).isNotNull();
    assertThat(blocks.pooled().members()).hasSize(2);
    assertThat(blocks.pooled().day().households().get(0).id()).isEqualTo("x");
    ClearingResult withOption = pooling.solve(request);
    ClearingResult without = unpooled.solve(request);
    assertThat(withOption.report().reason()).contains("pooled 2");
    assertThat(withOption.report().objectiveEur())
        .isCloseTo(without.report().objectiveEur(), within(TOL));
    assertThat(withOption.schedules().get(0).buyKwh()[0]).isGreaterThanOrEqualTo(1 - TOL);
    ClearingInvariantsTest.assertInvariants(day, withOption, "limit beside others");
  }

  /**
   * A member standing for 2 households exports up to twice the limit, in closed form as in the LP.
   */
  @Test
  void standaloneClosedForm_scaledMember_exportsUpToTheScaledLimit() {
    TradingDay day =
        TestDays.day(
            List.of(plain("t", "LOW", 8)),
            new double[][] {{0}},
            new double[][] {{15}},
            TestDays.flat(1, 0.30, 0.05, 0.0, 10));
    ClearingRequest request =
        ClearingRequest.costMinimising(
            day, new int[] {0}, PoolPricing.prices(PricingRule.MID_MARKET, day), new double[] {2});
    ClearingResult closed = pooling.solve(request);
    ClearingResult lp = new CoalitionSolver(EXACT, false).solve(request);
    assertThat(closed.schedules().get(0).exportKwh()[0]).isCloseTo(15, within(TOL));
    assertThat(lp.schedules().get(0).exportKwh()[0]).isCloseTo(15, within(TOL));
  }
}
