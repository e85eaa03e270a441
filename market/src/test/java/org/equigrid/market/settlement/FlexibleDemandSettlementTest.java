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
import org.equigrid.market.model.Appliance;
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
    return day(evs, false);
  }

  /** The appliance of {@link #day(boolean, boolean)}: 1.5 kW for 4 h (6 kWh) between 8 and 24 h. */
  private static final Appliance APPLIANCE = new Appliance("dishwasher", 1.5, 4, 8, 24);

  /**
   * As {@link #day(boolean)}, and with {@code appliances} {@link #APPLIANCE} at households 0, 1 and
   * 3 (household 0 has the EV too).
   */
  private static TradingDay day(boolean evs, boolean appliances) {
    TradingDay day = TestDays.random(5, N, 6);
    List<Household> households = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      Household h = day.households().get(i);
      ElectricVehicle ev = evs && i % 2 == 0 ? new ElectricVehicle(7, 3.7, 16, 8) : null;
      List<Appliance> owned = appliances && i != 2 && i != 4 ? List.of(APPLIANCE) : List.of();
      households.add(h.withFlex(new FlexibleDemand(ev, owned)));
    }
    return day.withHouseholds(households, day.loadKwh(), day.pvKwh(), day.initialSocKwh());
  }

  @Test
  void settle_dayWithAppliances_standaloneAndBillsIncludeThemSampledAgreesWithExact() {
    ClearedDay with =
        new MarketClearing(SOLVER).clear(day(false, true), EQUITY, PricingRule.MID_MARKET);
    ClearedDay without =
        new MarketClearing(SOLVER).clear(day(false, false), EQUITY, PricingRule.MID_MARKET);
    double[] importPrice = with.day().tariff().importPriceEurPerKwh();
    double[] exportPrice = with.day().tariff().exportPriceEurPerKwh();
    double cheapestExport = java.util.Arrays.stream(exportPrice).min().orElseThrow();
    double dearestImport = java.util.Arrays.stream(importPrice).max().orElseThrow();
    double peakCharge = with.day().tariff().peakChargeEurPerKw();
    for (int i = 0; i < N; i++) {
      double extra = with.standaloneCostEur(i) - without.standaloneCostEur(i);
      if (i != 2 && i != 4) {
        // 6 kWh run whole in one 4 h interval: from own PV at least the cheapest export price
        // forgone, imported at most the dearest import price and 1.5 kW more peak
        assertThat(extra)
            .as("household %d's appliance alone", i)
            .isGreaterThan(6 * cheapestExport - 1e-9)
            .isLessThanOrEqualTo(6 * dearestImport + 1.5 * peakCharge + 1e-9);
      } else {
        assertThat(extra).as("household %d has none", i).isCloseTo(0, within(1e-9));
      }
      // the appliance runs whole in one interval of the window (the day's load includes it)
      double[] flex = with.dispatch().schedules().get(i).flexKwh();
      double run = java.util.Arrays.stream(flex).sum();
      assertThat(run)
          .as("household %d's flexible energy", i)
          .isCloseTo(i != 2 && i != 4 ? 6 : 0, within(1e-6));
      assertThat(java.util.Arrays.stream(flex).filter(f -> f > 1e-6).count())
          .isLessThanOrEqualTo(1);
      assertThat(flex[0] + flex[1]).as("before 8 h").isCloseTo(0, within(1e-9));
    }
    SettlementOptions exactOptions = SettlementOptions.defaults().withThreads(2).withLimits(N, N);
    DaySettlement exact = new Settlement(SOLVER, exactOptions).settle(with, rng(1));
    assertThat(exact.method()).isEqualTo(DaySettlement.EXACT);
    assertThat(java.util.Arrays.stream(exact.billEur()).sum())
        .isCloseTo(with.dispatch().totalCostEur(), within(1e-6));
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
