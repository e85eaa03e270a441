package org.equigrid.market.clearing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.equigrid.market.model.Tariff;
import org.equigrid.market.model.TradingDay;
import org.junit.jupiter.api.Test;

class SharedBusLpTest {

  private static final CoalitionSolver SOLVER = new CoalitionSolver(SolverOptions.defaults());

  /**
   * {@code day} with connection limits of {@code limitKw} both ways and the export price {@code
   * exportEur}.
   */
  private static TradingDay withTariff(TradingDay day, double limitKw, double exportEur) {
    Tariff tariff = day.tariff();
    double[] export = new double[day.intervals()];
    Arrays.fill(export, exportEur);
    return new TradingDay(
        day.dayIndex(),
        day.dayOfYear(),
        day.intervalHours(),
        day.households(),
        day.loadKwh(),
        day.pvKwh(),
        day.initialSocKwh(),
        new Tariff(
            tariff.importPriceEurPerKwh(), export, tariff.peakChargeEurPerKw(), limitKw, limitKw));
  }

  /**
   * The per-household model of DESIGN.md section 2, coalition by coalition (LP, MILP where needed).
   */
  private static double separateCost(TradingDay day, int[] members) {
    int[] sorted = members.clone();
    Arrays.sort(sorted);
    ClearingResult result =
        SOLVER.solve(ClearingRequest.costMinimising(day, sorted, TestDays.midMarketPrices(day)));
    assertThat(result.report().status().hasSolution()).isTrue();
    return result.totalCostEur();
  }

  @Test
  void solveCost_prefixesOfRandomOrders_equalPerHouseholdSolves() {
    int batteries = 0;
    for (long seed = 1; seed <= 4; seed++) {
      TradingDay day = withTariff(TestDays.random(seed, 20, 24), 20, 0.06);
      assertThat(SharedBusLp.applies(day)).isTrue();
      for (int i = 0; i < day.householdCount(); i++) {
        batteries += day.households().get(i).hasBattery() ? 1 : 0;
      }
      RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
      int compared = 0;
      try (SharedBusLp lp = new SharedBusLp(day)) {
        for (int round = 0; round < 2; round++) {
          int[] order = TestDays.shuffled(day.householdCount(), rng);
          lp.reset();
          for (int k = 0; k < order.length; k++) {
            lp.join(order[k]);
            double cost = lp.solveCostEur();
            if (k % 2 != 1 || Double.isNaN(cost)) {
              continue;
            }
            double expected = separateCost(day, Arrays.copyOf(order, k + 1));
            assertThat(cost)
                .as("seed %d prefix %d", seed, k + 1)
                .isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
            compared++;
          }
        }
      }
      assertThat(compared).as("coalitions compared on seed %d", seed).isGreaterThan(12);
    }
    assertThat(batteries).as("batteries in the compared communities").isGreaterThan(10);
  }

  @Test
  void solveCost_afterBatteryAndConsumerLeave_equalsPerHouseholdSolveOfTheRest() {
    TradingDay day = withTariff(TestDays.random(5, 16, 24), 20, 0.06);
    int battery = 0;
    while (!day.households().get(battery).hasBattery()) {
      battery++;
    }
    int consumer = 0;
    while (day.households().get(consumer).hasBattery()) {
      consumer++;
    }
    try (SharedBusLp lp = new SharedBusLp(day)) {
      for (int i = 0; i < 16; i++) {
        lp.join(i);
      }
      double everyone = lp.solveCostEur();
      assertThat(everyone)
          .isCloseTo(separateCost(day, lp.members()), within(1e-9 * Math.abs(everyone)));
      lp.leave(battery);
      lp.leave(consumer);
      double cost = lp.solveCostEur();
      assertThat(lp.members()).hasSize(14).doesNotContain(battery, consumer);
      double expected = separateCost(day, lp.members());
      assertThat(cost).isCloseTo(expected, within(1e-9 * Math.abs(expected)));
    }
  }

  @Test
  void solveCost_sameJoinsAfterReset_giveIdenticalValues() {
    TradingDay day = withTariff(TestDays.random(7, 12, 24), 20, 0.06);
    int[] order = TestDays.shuffled(12, RandomGeneratorFactory.of("L64X128MixRandom").create(7));
    try (SharedBusLp first = new SharedBusLp(day);
        SharedBusLp second = new SharedBusLp(day)) {
      CoalitionLpChecks.assertResetForgetsHistory(first, second, order);
    }
  }

  @Test
  void applies_bindingLimitOrNegativeExportPrice_isFalseAndOpenFallsBack() {
    TradingDay roomy = withTariff(TestDays.random(5, 8, 24), 20, 0.06);
    double maxPowerKw = 0;
    for (int i = 0; i < roomy.householdCount(); i++) {
      if (roomy.households().get(i).hasBattery()) {
        maxPowerKw = Math.max(maxPowerKw, roomy.households().get(i).battery().powerKw());
      }
    }
    assertThat(maxPowerKw).isGreaterThan(0);
    // A battery at full power next to its load could pass this limit, though no load alone does.
    TradingDay tight = withTariff(roomy, maxPowerKw, 0.06);
    TradingDay negative = withTariff(roomy, 20, -0.01);
    assertThat(SharedBusLp.applies(roomy)).isTrue();
    assertThat(SharedBusLp.applies(tight)).isFalse();
    assertThat(SharedBusLp.applies(negative)).isFalse();
    try (CoalitionLp bus = CoalitionLp.open(roomy, TestDays.midMarketPrices(roomy));
        CoalitionLp perHousehold = CoalitionLp.open(tight, TestDays.midMarketPrices(tight))) {
      assertThat(bus).isInstanceOf(SharedBusLp.class);
      assertThat(perHousehold).isInstanceOf(IncrementalCoalitionLp.class);
    }
    assertThatThrownBy(() -> new SharedBusLp(tight))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("IncrementalCoalitionLp");
  }
}
