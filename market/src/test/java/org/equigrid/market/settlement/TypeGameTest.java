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
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.clearing.ClearingResult;
import org.equigrid.market.clearing.CoalitionSolver;
import org.equigrid.market.clearing.MarketClearing;
import org.equigrid.market.clearing.PricingRule;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.clearing.TestDays;
import org.equigrid.market.model.EquitySettings;
import org.equigrid.market.model.Tariff;
import org.equigrid.market.model.TradingDay;
import org.junit.jupiter.api.Test;

/** {@link TypeGame}'s values against the per-coalition solve, on one or two threads. */
class TypeGameTest {

  private static final CoalitionSolver SOLVER = new CoalitionSolver(SolverOptions.defaults());
  private static final EquitySettings EQUITY =
      new EquitySettings(
          Map.of("LOW", 1.3, "MIDDLE", 1.0, "HIGH", 0.8), 0.5, Set.of("LOW"), 0.5, 2.0);

  /** Every count vector of {@code full}, in lexicographic order. */
  private static List<int[]> all(int[] full) {
    List<int[]> result = new ArrayList<>();
    int[] c = new int[full.length];
    while (true) {
      result.add(c.clone());
      int k = full.length - 1;
      while (k >= 0 && c[k] == full[k]) {
        c[k] = 0;
        k--;
      }
      if (k < 0) {
        return result;
      }
      c[k]++;
    }
  }

  private static double separateValue(
      ClearedDay cleared, HouseholdTypes types, TypeGame game, int[] counts) {
    double standalone = 0;
    for (int k = 0; k < counts.length; k++) {
      if (counts[k] > 0) {
        standalone += counts[k] * game.standaloneCostEur(k);
      }
    }
    ClearingResult result =
        SOLVER.solve(types.costMinimisingRequest(counts, cleared.poolPriceEurPerKwh()));
    assertThat(result.report().status().hasSolution()).isTrue();
    double value = standalone - result.totalCostEur();
    if (Arrays.equals(counts, types.counts())) {
      value -= cleared.dispatch().totalCostEur() - cleared.costMinimising().totalCostEur();
    }
    return value;
  }

  private static double[] prefetched(
      ClearedDay cleared, HouseholdTypes types, List<int[]> vectors, int threads) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (TypeGame game = new TypeGame(cleared, types, SOLVER, pool)) {
      game.prefetch(vectors, pool);
      double[] values = new double[vectors.size()];
      for (int j = 0; j < values.length; j++) {
        values[j] = game.value(vectors.get(j));
      }
      assertThat(game.solves()).isLessThanOrEqualTo(vectors.size());
      return values;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void prefetch_everyCountVector_equalsSeparateSolvesAndIsIdenticalOnOneOrTwoThreads() {
    TradingDay day = TestDays.random(41, 10, 24);
    ClearedDay cleared = new MarketClearing(SOLVER).clear(day, EQUITY, PricingRule.MID_MARKET);
    HouseholdTypes types = HouseholdTypes.cluster(day, 4);
    List<int[]> vectors = all(types.counts());
    assertThat(vectors.size())
        .as("more coalitions than one chunk")
        .isGreaterThan(2 * TypeGame.CHUNK);
    double[] one = prefetched(cleared, types, vectors, 1);
    double[] two = prefetched(cleared, types, vectors, 2);
    assertThat(two).containsExactly(one);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (TypeGame game = new TypeGame(cleared, types, SOLVER, pool)) {
      for (int j = 0; j < vectors.size(); j += 2) { // every other one keeps the test short
        int[] counts = vectors.get(j);
        double expected = separateValue(cleared, types, game, counts);
        assertThat(one[j])
            .as("counts %s", Arrays.toString(counts))
            .isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
        // the same coalition alone, from scratch on the incremental LP
        assertThat(game.value(counts))
            .isCloseTo(one[j], within(1e-9 * Math.max(1, Math.abs(one[j]))));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void value_incrementalLpWithoutOptimum_fallsBackToTheSeparateSolve() {
    TradingDay day = TestDays.random(9, 30, 24);
    ClearedDay cleared = new MarketClearing(SOLVER).clear(day, EQUITY, PricingRule.MID_MARKET);
    // Types of the same day behind connections too small to serve it: every LP is infeasible.
    Tariff t = day.tariff();
    TradingDay tight =
        new TradingDay(
            day.dayIndex(),
            day.dayOfYear(),
            day.intervalHours(),
            day.households(),
            day.loadKwh(),
            day.pvKwh(),
            day.initialSocKwh(),
            new Tariff(
                t.importPriceEurPerKwh(),
                t.exportPriceEurPerKwh(),
                t.peakChargeEurPerKw(),
                0.05,
                0.05));
    HouseholdTypes types = HouseholdTypes.cluster(tight, 5);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (TypeGame game = new TypeGame(cleared, types, SOLVER, pool)) {
      int failedStandalone = game.failedSolves();
      int[] full = types.counts();
      int[] part = full.clone();
      part[0] = 0;
      game.prefetch(List.of(full, part), pool);
      assertThat(game.fallbacks()).isEqualTo(2);
      assertThat(game.failedSolves() - failedStandalone).isEqualTo(2);
      assertThat(game.value(part)).as("a failed coalition counts as no cooperation").isZero();
      assertThat(game.value(full)).isZero();
    } finally {
      pool.shutdownNow();
    }
  }
}
