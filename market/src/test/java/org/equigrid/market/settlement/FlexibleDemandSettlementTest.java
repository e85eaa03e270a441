package org.equigrid.market.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.clearing.CoalitionSolver;
import org.equigrid.market.clearing.MarketClearing;
import org.equigrid.market.clearing.PricingRule;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.clearing.TestDays;
import org.equigrid.market.model.ElectricVehicle;
import org.equigrid.market.model.EquitySettings;
import org.equigrid.market.model.FlexibleDemand;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.TradingDay;
import org.junit.jupiter.api.Test;

/**
 * A day with EVs (docs/model.md, "Flexible demand") cleared and settled: every standalone cost
 * includes the household's own optimal charging, the bills include it and balance the community's
 * real cost, and the sampled settlement (every coalition solved on its own, {@code
 * PerCoalitionSolves}) agrees with the exact one.
 */
class FlexibleDemandSettlementTest {

  private static final CoalitionSolver SOLVER = new CoalitionSolver(SolverOptions.defaults());
  private static final EquitySettings EQUITY =
      new EquitySettings(
          Map.of("LOW", 1.3, "MIDDLE", 1.0, "HIGH", 0.8), 0.5, Set.of("LOW"), 0.5, 2.0);
  private static final int N = 5;

  /** 6 intervals of 4 h; an EV of 7 kWh, 3.7 kW, 16 h to 8 h at every other household. */
  private static TradingDay day(boolean evs) {
    TradingDay day = TestDays.random(5, N, 6);
    List<Household> households = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      Household h = day.households().get(i);
      boolean ev = evs && i % 2 == 0;
      households.add(ev ? h.withFlex(new FlexibleDemand(new ElectricVehicle(7, 3.7, 16, 8))) : h);
    }
    return day.withHouseholds(households, day.loadKwh(), day.pvKwh(), day.initialSocKwh());
  }

  private static RandomGenerator rng(long seed) {
    return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
  }

  @Test
  void settle_dayWithEvs_standaloneAndBillsIncludeTheCharging() {
    ClearedDay with = new MarketClearing(SOLVER).clear(day(true), EQUITY, PricingRule.MID_MARKET);
    ClearedDay without =
        new MarketClearing(SOLVER).clear(day(false), EQUITY, PricingRule.MID_MARKET);
    double[] importPrice = with.day().tariff().importPriceEurPerKwh();
    double[] exportPrice = with.day().tariff().exportPriceEurPerKwh();
    double cheapestExport = java.util.Arrays.stream(exportPrice).min().orElseThrow();
    double dearestImport = java.util.Arrays.stream(importPrice).max().orElseThrow();
    for (int i = 0; i < N; i++) {
      double extra = with.standaloneCostEur(i) - without.standaloneCostEur(i);
      if (i % 2 == 0) {
        // 7 kWh from own PV forgoes at least the cheapest export price; importing them on top of
        // the optimum without the EV costs at most the dearest import price and raises the peak
        // by at most the EV's 3.7 kW
        double peakCharge = with.day().tariff().peakChargeEurPerKw();
        assertThat(extra)
            .as("household %d's EV alone", i)
            .isGreaterThan(7 * cheapestExport - 1e-9)
            .isLessThanOrEqualTo(7 * dearestImport + 3.7 * peakCharge + 1e-9);
      } else {
        assertThat(extra).as("household %d has no EV", i).isCloseTo(0, within(1e-9));
      }
    }
    SettlementOptions exactOptions = SettlementOptions.defaults().withThreads(2).withLimits(N, N);
    DaySettlement exact = new Settlement(SOLVER, exactOptions).settle(with, rng(1));
    assertThat(exact.method()).isEqualTo(DaySettlement.EXACT);
    double bills = java.util.Arrays.stream(exact.billEur()).sum();
    assertThat(bills).isCloseTo(with.dispatch().totalCostEur(), within(1e-6));

    DaySettlement sampled =
        new Settlement(SOLVER, exactOptions.withLimits(1, N)).settle(with, rng(2));
    assertThat(sampled.method()).isEqualTo(DaySettlement.SAMPLED);
    assertThat(java.util.Arrays.stream(sampled.billEur()).sum())
        .isCloseTo(with.dispatch().totalCostEur(), within(1e-6));
    for (int i = 0; i < N; i++) {
      double halfWidth = 1.959963984540054 * sampled.standardErrorEur()[i];
      assertThat(Math.abs(sampled.shareEur()[i] - exact.shareEur()[i]))
          .as("household %d", i)
          .isLessThanOrEqualTo(2 * halfWidth + 1e-6);
    }
  }
}
