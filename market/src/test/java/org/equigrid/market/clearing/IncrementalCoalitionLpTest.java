package org.equigrid.market.clearing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.equigrid.market.model.TradingDay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IncrementalCoalitionLpTest {

  private static final CoalitionSolver SOLVER = new CoalitionSolver(SolverOptions.defaults());

  private static double separateCost(TradingDay day, int[] members, double[] price) {
    int[] sorted = members.clone();
    Arrays.sort(sorted);
    ClearingResult result = SOLVER.solve(ClearingRequest.costMinimising(day, sorted, price));
    assertThat(result.report().status().hasSolution()).isTrue();
    return result.totalCostEur();
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void solveCost_prefixesOfRandomOrders_equalSeparateSolves(boolean pool) {
    for (long seed = 1; seed <= 3; seed++) {
      TradingDay day = TestDays.random(seed, 24, 24);
      assertThat(IncrementalCoalitionLp.canPool(day)).isTrue();
      double[] price = TestDays.midMarketPrices(day);
      RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
      int compared = 0;
      try (IncrementalCoalitionLp lp = new IncrementalCoalitionLp(day, price, pool)) {
        for (int round = 0; round < 2; round++) {
          int[] order = TestDays.shuffled(day.householdCount(), rng);
          lp.reset();
          for (int k = 0; k < order.length; k++) {
            lp.join(order[k]);
            double cost = lp.solveCostEur();
            if (k % 3 != 1 || Double.isNaN(cost)) {
              continue;
            }
            double expected = separateCost(day, Arrays.copyOf(order, k + 1), price);
            assertThat(cost)
                .as("seed %d prefix %d", seed, k + 1)
                .isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
            compared++;
          }
        }
      }
      assertThat(compared).as("coalitions compared on seed %d", seed).isGreaterThan(10);
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void solveCost_afterLeaving_equalsSeparateSolveOfTheRest(boolean pool) {
    TradingDay day = TestDays.random(5, 16, 24);
    double[] price = TestDays.midMarketPrices(day);
    try (IncrementalCoalitionLp lp = new IncrementalCoalitionLp(day, price, pool)) {
      for (int i = 0; i < 16; i++) {
        lp.join(i);
      }
      lp.solveCostEur();
      for (int i : new int[] {3, 10}) {
        assertThat(day.households().get(i).hasBattery() && pool)
            .as("left household %d", i)
            .isFalse();
        lp.leave(i);
      }
      double cost = lp.solveCostEur();
      int[] rest = {0, 1, 2, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15};
      assertThat(lp.members()).containsExactlyInAnyOrder(rest);
      double expected = separateCost(day, rest, price);
      assertThat(cost).isCloseTo(expected, within(1e-9 * Math.abs(expected)));
    }
  }

  @Test
  void solveCost_sameJoinsAfterReset_giveIdenticalValues() {
    TradingDay day = TestDays.random(7, 12, 24);
    double[] price = TestDays.midMarketPrices(day);
    int[] order = TestDays.shuffled(12, RandomGeneratorFactory.of("L64X128MixRandom").create(7));
    try (IncrementalCoalitionLp first = new IncrementalCoalitionLp(day, price);
        IncrementalCoalitionLp second = new IncrementalCoalitionLp(day, price)) {
      CoalitionLpChecks.assertResetForgetsHistory(first, second, order);
    }
  }

  @Test
  void canPool_loadAboveTheImportLimit_isFalse() {
    TradingDay day = TestDays.random(5, 6, 24);
    int consumer = 0;
    while (day.households().get(consumer).hasBattery()) {
      consumer++;
    }
    double[][] load = day.loadKwh().clone();
    load[consumer] = load[consumer].clone();
    load[consumer][18] = day.tariff().importLimitKw() * day.intervalHours() + 0.5;
    TradingDay heavy =
        new TradingDay(
            day.dayIndex(),
            day.dayOfYear(),
            day.intervalHours(),
            day.households(),
            load,
            day.pvKwh(),
            day.initialSocKwh(),
            day.tariff());
    assertThat(IncrementalCoalitionLp.canPool(day)).isTrue();
    assertThat(IncrementalCoalitionLp.canPool(heavy)).isFalse();
  }
}
