package org.equigrid.market.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.clearing.ClearingRequest;
import org.equigrid.market.clearing.ClearingResult;
import org.equigrid.market.clearing.CoalitionSolver;
import org.equigrid.market.clearing.MarketClearing;
import org.equigrid.market.clearing.PricingRule;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.clearing.TestDays;
import org.equigrid.market.game.SamplingOptions;
import org.equigrid.market.game.ShapleyValue;
import org.equigrid.market.game.TabularGame;
import org.equigrid.market.model.EquitySettings;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.TradingDay;
import org.junit.jupiter.api.Test;

class SettlementTest {

  private static final CoalitionSolver SOLVER = new CoalitionSolver(SolverOptions.defaults());
  private static final EquitySettings EQUITY =
      new EquitySettings(
          Map.of("LOW", 1.3, "MIDDLE", 1.0, "HIGH", 0.8), 0.5, Set.of("LOW"), 0.5, 2.0);
  private static final SettlementOptions OPTIONS = SettlementOptions.defaults().withThreads(2);

  private static ClearedDay cleared(TradingDay day) {
    return new MarketClearing(SOLVER).clear(day, EQUITY, PricingRule.MID_MARKET);
  }

  private static RandomGenerator rng(long seed) {
    return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
  }

  private static double sum(double[] values) {
    return Arrays.stream(values).sum();
  }

  private static void assertBalanced(ClearedDay cleared, DaySettlement settled) {
    double standalone = 0;
    for (int i = 0; i < cleared.day().householdCount(); i++) {
      standalone += cleared.standaloneCostEur(i);
    }
    assertThat(settled.grandValueEur())
        .isCloseTo(standalone - cleared.dispatch().totalCostEur(), within(1e-9));
    assertThat(sum(settled.shareEur())).isCloseTo(settled.grandValueEur(), within(1e-6));
    assertThat(sum(settled.billEur())).isCloseTo(cleared.dispatch().totalCostEur(), within(1e-6));
  }

  @Test
  void settle_eachMethodOnSmallRandomDay_sharesSumToGrandValueAndBillsToDispatchCost() {
    ClearedDay cleared = cleared(TestDays.random(11, 6, 24));
    assertThat(cleared.dispatch().totalCostEur())
        .as("the equity dispatch should cost more than the optimum, so v(N) is the real one")
        .isGreaterThan(cleared.costMinimising().totalCostEur() - 1e-9);
    DaySettlement exact = new Settlement(SOLVER, OPTIONS).settle(cleared, rng(1));
    DaySettlement sampled =
        new Settlement(SOLVER, OPTIONS.withLimits(1, 6)).settle(cleared, rng(1));
    DaySettlement types =
        new Settlement(SOLVER, OPTIONS.withLimits(1, 1).withTypes(3, 8)).settle(cleared, rng(1));
    assertThat(exact.method()).isEqualTo(DaySettlement.EXACT);
    assertThat(sampled.method()).isEqualTo(DaySettlement.SAMPLED);
    assertThat(types.method()).isEqualTo(DaySettlement.TYPES);
    assertThat(types.types()).isBetween(3, 6);
    for (DaySettlement settled : List.of(exact, sampled, types)) {
      assertBalanced(cleared, settled);
    }
  }

  @Test
  void settle_exactAgainstManySampledOrders_agreeWithinFourStandardErrors() {
    ClearedDay cleared = cleared(TestDays.random(12, 7, 24));
    DaySettlement exact = new Settlement(SOLVER, OPTIONS).settle(cleared, rng(2));
    DaySettlement sampled =
        new Settlement(
                SOLVER, OPTIONS.withLimits(1, 7).withSampling(SamplingOptions.fixedOrders(600)))
            .settle(cleared, rng(3));
    assertThat(sampled.orders()).isEqualTo(600);
    for (int i = 0; i < 7; i++) {
      double se = sampled.standardErrorEur()[i];
      assertThat(se).isPositive();
      assertThat(sampled.shareEur()[i]).isCloseTo(exact.shareEur()[i], within(4 * se + 1e-9));
    }
  }

  @Test
  void settle_typesWithOneHouseholdEach_equalsExactShares() {
    ClearedDay cleared = cleared(TestDays.random(13, 7, 24));
    DaySettlement exact = new Settlement(SOLVER, OPTIONS).settle(cleared, rng(4));
    DaySettlement types =
        new Settlement(SOLVER, OPTIONS.withLimits(1, 1).withTypes(7, 8)).settle(cleared, rng(4));
    assertThat(types.types()).isEqualTo(7);
    assertThat(types.shareEur()).containsExactly(exact.shareEur(), within(1e-6));
    assertThat(types.grandValueEur()).isCloseTo(exact.grandValueEur(), within(1e-9));
  }

  /** Three distinct households, each copied: 3 + 2 + 2 members. */
  private static TradingDay copies() {
    TradingDay base = TestDays.random(21, 3, 24);
    int[] copies = {3, 2, 2};
    List<Household> households = new ArrayList<>();
    List<double[]> load = new ArrayList<>();
    List<double[]> pv = new ArrayList<>();
    List<Double> soc = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      Household h = base.households().get(k);
      for (int c = 0; c < copies[k]; c++) {
        households.add(
            new Household(
                h.id() + "-" + c,
                h.kind(),
                h.group(),
                h.dailyIncomeEur(),
                h.pvKwp(),
                h.battery(),
                null));
        load.add(base.loadKwh()[k]);
        pv.add(base.pvKwh()[k]);
        soc.add(base.initialSocKwh()[k]);
      }
    }
    return new TradingDay(
        0,
        172,
        base.intervalHours(),
        households,
        load.toArray(new double[0][]),
        pv.toArray(new double[0][]),
        soc.stream().mapToDouble(Double::doubleValue).toArray(),
        base.tariff());
  }

  @Test
  void settle_identicalHouseholds_equalSharesAndTypesMatchExact() {
    ClearedDay cleared = cleared(copies());
    DaySettlement exact = new Settlement(SOLVER, OPTIONS).settle(cleared, rng(5));
    DaySettlement types =
        new Settlement(SOLVER, OPTIONS.withLimits(1, 1).withTypes(3, 8)).settle(cleared, rng(5));
    assertThat(types.types()).isEqualTo(3);
    assertThat(types.coalitionSolves())
        .as("(3+1)(2+1)(2+1) count vectors, fewer need an LP")
        .isLessThan(36);
    double[] share = exact.shareEur();
    assertThat(share[1]).isCloseTo(share[0], within(1e-6));
    assertThat(share[2]).isCloseTo(share[0], within(1e-6));
    assertThat(share[4]).isCloseTo(share[3], within(1e-6));
    assertThat(share[6]).isCloseTo(share[5], within(1e-6));
    assertThat(types.shareEur()).containsExactly(share, within(1e-5));
  }

  @Test
  void typeShapley_sampledStrata_agreeWithExactTypeGame() {
    TradingDay day = TestDays.random(31, 9, 24);
    ClearedDay cleared = cleared(day);
    HouseholdTypes types = HouseholdTypes.cluster(day, 4);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      TypeGame game = new TypeGame(cleared, types, SOLVER, pool);
      assertThat(TypeShapley.exactFeasible(game.full())).isTrue();
      double[] lambda = new double[types.types()];
      for (int k = 0; k < lambda.length; k++) {
        lambda[k] = EQUITY.weightOf(types.group(k));
      }
      TypeShapley.Estimate exact = TypeShapley.exact(game, lambda, pool);
      double total = 0;
      int[] counts = game.full();
      for (int k = 0; k < counts.length; k++) {
        total += counts[k] * exact.share()[k];
      }
      assertThat(total)
          .as("efficiency of the exact type value")
          .isCloseTo(game.value(counts), within(1e-6));
      TypeShapley.Estimate sampled = TypeShapley.sampled(game, lambda, 64, rng(6), pool);
      for (int k = 0; k < lambda.length; k++) {
        assertThat(sampled.share()[k])
            .isCloseTo(exact.share()[k], within(4 * sampled.standardError()[k] + 1e-6));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void settle_sampledWithOneOrTwoThreads_identicalShares() {
    ClearedDay cleared = cleared(TestDays.random(14, 10, 24));
    SettlementOptions sampled =
        new SettlementOptions(1, new SamplingOptions(0.05, 1e-4, 8, 16, true), 2, 2)
            .withLimits(1, 10);
    DaySettlement one = new Settlement(SOLVER, sampled.withThreads(1)).settle(cleared, rng(7));
    DaySettlement two = new Settlement(SOLVER, sampled.withThreads(2)).settle(cleared, rng(7));
    assertThat(two.shareEur()).containsExactly(one.shareEur());
    assertThat(two.standardErrorEur()).containsExactly(one.standardErrorEur());
    assertThat(two.coalitionSolves()).isEqualTo(one.coalitionSolves());
    assertThat(two.stability()).isEqualTo(one.stability());
    // the counterfactuals read coalition values the walks recorded: recorded in batch order
    assertThat(two.counterfactuals()).isEqualTo(one.counterfactuals());
    DaySettlement three = new Settlement(SOLVER, sampled.withThreads(3)).settle(cleared, rng(7));
    assertThat(three.shareEur()).containsExactly(one.shareEur());
    assertThat(three.counterfactuals()).isEqualTo(one.counterfactuals());
    assertThat(three.stability()).isEqualTo(one.stability());
  }

  /**
   * {@code w(S) = v'(S) − v_cm(S)}: the game without household {@code i}'s asset minus the
   * original.
   */
  private static TabularGame assetEffect(ClearedDay cleared, TradingDay modified) {
    int n = cleared.day().householdCount();
    double[] prices = cleared.poolPriceEurPerKwh();
    double[] original = new double[1 << n];
    double[] changed = new double[1 << n];
    double[] c0 = new double[n];
    double[] c0Modified = new double[n];
    for (int i = 0; i < n; i++) {
      c0[i] = cleared.standaloneCostEur(i);
      c0Modified[i] = cost(modified, new int[] {i}, prices);
    }
    double[] effect = new double[1 << n];
    for (int m = 1; m < 1 << n; m++) {
      int mask = m;
      int[] members =
          java.util.stream.IntStream.range(0, n).filter(j -> (mask >> j & 1) == 1).toArray();
      if (members.length == 1) {
        continue;
      }
      double sum = 0;
      double sumModified = 0;
      for (int j : members) {
        sum += c0[j];
        sumModified += c0Modified[j];
      }
      original[mask] = sum - cost(cleared.day(), members, prices);
      changed[mask] = sumModified - cost(modified, members, prices);
      effect[mask] = changed[mask] - original[mask];
    }
    return TabularGame.of(n, effect);
  }

  private static double cost(TradingDay day, int[] members, double[] prices) {
    ClearingResult result = SOLVER.solve(ClearingRequest.costMinimising(day, members, prices));
    assertThat(result.report().status().hasSolution()).isTrue();
    return result.totalCostEur();
  }

  @Test
  void counterfactuals_fourHouseholds_matchExactRecomputation() {
    TradingDay day = null;
    for (long seed = 40; day == null; seed++) {
      TradingDay candidate = TestDays.random(seed, 4, 24);
      if (candidate.households().stream().anyMatch(Household::hasBattery)) {
        day = candidate;
      }
    }
    ClearedDay cleared = cleared(day);
    SettlementOptions options = new SettlementOptions(10, OPTIONS.sampling(), 400, 2);
    DaySettlement settled = new Settlement(SOLVER, options).settle(cleared, rng(8));
    double[] lambda = settled.weights();
    for (int i = 0; i < 4; i++) {
      Household h = day.households().get(i);
      DaySettlement.Counterfactual cf = settled.counterfactuals().get(i);
      if (h.hasBattery()) {
        double exact =
            settled.shareEur()[i]
                + ShapleyValue.weightedShapley(
                    assetEffect(cleared, Counterfactuals.withoutBattery(day, i)), lambda)[i];
        assertThat(cf.withoutBatteryEur())
            .isCloseTo(exact, within(4 * cf.withoutBatteryStandardErrorEur() + 1e-6));
      } else {
        assertThat(cf.withoutBatteryEur()).isNaN();
      }
      if (h.hasPv()) {
        double exact =
            settled.shareEur()[i]
                + ShapleyValue.weightedShapley(
                    assetEffect(cleared, Counterfactuals.withoutPv(day, i)), lambda)[i];
        assertThat(cf.withoutPvEur())
            .isCloseTo(exact, within(4 * cf.withoutPvStandardErrorEur() + 1e-6));
      }
    }
  }
}
