package org.equigrid.market.day;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.random.RandomGeneratorFactory;
import org.equigrid.market.clearing.ClearingResult;
import org.equigrid.market.clearing.PricingRule;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.clearing.TestDays;
import org.equigrid.market.equity.DayEquityCalculator;
import org.equigrid.market.metrics.DayMetricsCalculator;
import org.equigrid.market.model.EquitySettings;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.ParticipantKind;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.settlement.SettlementOptions;
import org.junit.jupiter.api.Test;

class AbsentHouseholdsTest {

  private static Household consumer(String id) {
    return new Household(id, ParticipantKind.CONSUMER, "LOW", 30, 0, null, null);
  }

  /**
   * Two hours, import 0.30 and export 0.05 EUR/kWh, no peak charge: h1 (load 1, 2 kWh) and h3 (PV 1
   * kWh, load 0.5 kWh each hour) bid; h2 (load 3, 0 kWh) does not.
   */
  private static TradingDay truth() {
    return TestDays.day(
        List.of(
            consumer("h1"),
            consumer("h2"),
            new Household("h3", ParticipantKind.PROSUMER, "HIGH", 60, 1, null, null)),
        new double[][] {{1, 2}, {3, 0}, {0.5, 0.5}},
        new double[][] {{0, 0}, {0, 0}, {1, 1}},
        TestDays.flat(2, 0.30, 0.05, 0.0, 100));
  }

  private static SettledDay run(DayPipeline pipeline, TradingDay day, boolean trading) {
    return pipeline.run(
        day,
        EquitySettings.neutral(),
        PricingRule.MID_MARKET,
        trading,
        RandomGeneratorFactory.of("L64X128MixRandom").create(1));
  }

  @Test
  void subDay_membersInTheOrderGiven() {
    TradingDay sub = AbsentHouseholds.subDay(truth(), List.of(2, 0));

    assertThat(sub.households()).extracting(Household::id).containsExactly("h3", "h1");
    assertThat(sub.loadKwh()).isDeepEqualTo(new double[][] {{0.5, 0.5}, {1, 2}});
    assertThat(sub.pvKwh()[0]).containsExactly(1, 1);
  }

  @Test
  void merge_poolInOtherOrderAndOneAbsent_communityOrderSumsAndStandaloneBill() {
    DayPipeline pipeline = new DayPipeline(SolverOptions.defaults(), SettlementOptions.defaults());
    TradingDay truth = truth();
    SettledDay pool = run(pipeline, AbsentHouseholds.subDay(truth, List.of(2, 0)), true);
    SettledDay alone = run(pipeline, AbsentHouseholds.subDay(truth, List.of(1)), false);

    SettledDay merged =
        AbsentHouseholds.merge(
            truth,
            pool,
            Map.of("h3", 0, "h1", 1),
            alone,
            new DayMetricsCalculator(0.01),
            new DayEquityCalculator(0.01));

    assertThat(merged.cleared().day().households())
        .extracting(Household::id)
        .containsExactly("h1", "h2", "h3");
    ClearingResult dispatch = merged.cleared().dispatch();
    assertThat(dispatch.schedules()).extracting(s -> s.householdIndex()).containsExactly(0, 1, 2);
    // h2 alone imports its load, 3 and 0 kWh
    assertThat(dispatch.schedules().get(1).importKwh()).containsExactly(3, 0);
    // h3 sells its 0.5 kWh surplus to h1 each hour: h1 imports 0.5 and 1.5, peak 0.5 + 3 = 3.5 kW
    assertThat(dispatch.schedules().get(0).importKwh()[0]).isCloseTo(0.5, within(1e-7));
    assertThat(dispatch.peakKw()).isCloseTo(3.5, within(1e-7));
    ClearingResult poolDispatch = pool.cleared().dispatch();
    assertThat(dispatch.gridCostEur())
        .isCloseTo(poolDispatch.gridCostEur() + 3 * 0.30, within(1e-9));
    assertThat(dispatch.peakChargeEur())
        .isEqualTo(poolDispatch.peakChargeEur() + alone.cleared().dispatch().peakChargeEur());
    // bills: h1 and h3 as the pool settled them, h2 its standalone 3 kWh · 0.30 = 0.90 EUR
    double[] bill = merged.settlement().billEur();
    assertThat(bill[0]).isEqualTo(pool.settlement().billEur()[1]);
    assertThat(bill[1]).isCloseTo(0.90, within(1e-9));
    assertThat(bill[2]).isEqualTo(pool.settlement().billEur()[0]);
    assertThat(merged.cleared().aloneInDispatch()).containsExactly(false, true, false);
    assertThat(merged.explanations().get(1).sentence())
        .startsWith("h2 (LOW): you did not bid today")
        .endsWith("0.90 EUR.");
    assertThat(merged.explanations().get(0).sentence()).doesNotContain("did not bid");
  }
}
