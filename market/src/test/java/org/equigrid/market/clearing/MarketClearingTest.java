package org.equigrid.market.clearing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.equigrid.market.model.EquitySettings;
import org.equigrid.market.model.TradingDay;
import org.junit.jupiter.api.Test;

class MarketClearingTest {

  private static final double TOL = 1e-6;
  private final MarketClearing clearing =
      new MarketClearing(new CoalitionSolver(new SolverOptions(30, 1e-9, true, 0.01)), 2);

  @Test
  void clear_neutralSettings_dispatchIsCostMinimisingAndBeatsStandalone() {
    TradingDay day = TestDays.random(5, 6, 24);
    ClearedDay cleared = clearing.clear(day, EquitySettings.neutral(), PricingRule.MID_MARKET);
    assertThat(cleared.dispatch()).isSameAs(cleared.costMinimising());
    assertThat(cleared.degraded()).isFalse();
    assertThat(cleared.priceOfFairnessEur()).isZero();
    assertThat(cleared.standalone()).hasSize(6);
    double standaloneTotal = 0;
    for (int i = 0; i < 6; i++) {
      ClearingResult alone = cleared.standalone().get(i);
      assertThat(alone.schedules())
          .singleElement()
          .extracting(HouseholdSchedule::householdIndex)
          .isEqualTo(i);
      ClearingInvariantsTest.assertInvariants(day, alone, "standalone " + i);
      standaloneTotal += cleared.standaloneCostEur(i);
    }
    ClearingInvariantsTest.assertInvariants(day, cleared.costMinimising(), "community");
    assertThat(cleared.costMinimising().totalCostEur()).isLessThanOrEqualTo(standaloneTotal + TOL);
  }

  @Test
  void clear_parallelAndSequential_giveIdenticalStandaloneCosts() {
    TradingDay day = TestDays.random(9, 8, 24);
    MarketClearing sequential = new MarketClearing(clearing.solver(), 1);
    ClearedDay a = clearing.clear(day, EquitySettings.neutral(), PricingRule.SUPPLY_DEMAND_RATIO);
    ClearedDay b = sequential.clear(day, EquitySettings.neutral(), PricingRule.SUPPLY_DEMAND_RATIO);
    for (int i = 0; i < 8; i++) {
      assertThat(a.standaloneCostEur(i)).isEqualTo(b.standaloneCostEur(i));
    }
  }

  @Test
  void clear_largeWeightedDayConcurrentAndSequential_giveIdenticalResults() {
    TradingDay day = TestDays.random(13, MarketClearing.CONCURRENT_MIN_HOUSEHOLDS, 24);
    EquitySettings equity =
        new EquitySettings(
            Map.of("LOW", 1.6, "MIDDLE", 1.0, "HIGH", 0.6), 0.5, Set.of("LOW"), 0.5, 2.0);
    CoalitionSolver lpOnly = new CoalitionSolver(new SolverOptions(30, 1e-9, false, 0.01));
    ClearedDay concurrent =
        new MarketClearing(lpOnly, 2).clear(day, equity, PricingRule.MID_MARKET);
    ClearedDay sequential =
        new MarketClearing(lpOnly, 1).clear(day, equity, PricingRule.MID_MARKET);
    for (ClearingResult[] pair :
        new ClearingResult[][] {
          {concurrent.costMinimising(), sequential.costMinimising()},
          {concurrent.dispatch(), sequential.dispatch()}
        }) {
      assertThat(pair[0].report().status()).isEqualTo(SolveStatus.OPTIMAL);
      assertThat(pair[0].report().objectiveEur()).isEqualTo(pair[1].report().objectiveEur());
      assertThat(pair[0].schedules()).hasSameSizeAs(pair[1].schedules());
      for (int i = 0; i < pair[0].schedules().size(); i++) {
        assertThat(pair[0].schedules().get(i).importKwh())
            .isEqualTo(pair[1].schedules().get(i).importKwh());
        assertThat(pair[0].schedules().get(i).sellKwh())
            .isEqualTo(pair[1].schedules().get(i).sellKwh());
      }
    }
    assertThat(concurrent.dispatch().report().objectiveEur())
        .isNotEqualTo(concurrent.costMinimising().report().objectiveEur());
  }

  @Test
  void clear_equityWeightsAndFloor_costNoLessAndFloorBelowEverySaving() {
    TradingDay day = TestDays.random(11, 8, 24);
    EquitySettings equity =
        new EquitySettings(
            Map.of("LOW", 1.6, "MIDDLE", 1.0, "HIGH", 0.6), 0.5, Set.of("LOW"), 0.5, 2.0);
    ClearedDay cleared = clearing.clear(day, equity, PricingRule.MID_MARKET);
    assertThat(cleared.dispatch()).isNotSameAs(cleared.costMinimising());
    ClearingInvariantsTest.assertInvariants(day, cleared.dispatch(), "equity dispatch");
    assertThat(cleared.priceOfFairnessEur()).isGreaterThanOrEqualTo(-TOL);
    double floor = cleared.dispatch().rawlsianFloor();
    assertThat(floor).isFinite();
    double lowest = Double.POSITIVE_INFINITY;
    for (HouseholdSchedule s : cleared.dispatch().schedules()) {
      int i = s.householdIndex();
      if (day.households().get(i).group().equals("LOW")) {
        double c0 = cleared.standaloneCostEur(i);
        lowest = Math.min(lowest, (c0 - s.energyCostEur()) / Math.max(Math.abs(c0), 0.01));
      }
    }
    assertThat(floor).isCloseTo(lowest, within(TOL));
  }

  @Test
  void clear_infeasibleDay_degradesWithReasonAndNoSilentZeros() {
    TradingDay day =
        TestDays.day(
            List.of(TestDays.consumer("a"), TestDays.consumer("b")),
            new double[][] {{12}, {1}},
            new double[][] {{0}, {0}},
            TestDays.flat(1, 0.3, 0.1, 0, 10));
    ClearedDay cleared = clearing.clear(day, EquitySettings.neutral(), PricingRule.MID_MARKET);
    assertThat(cleared.degraded()).isTrue();
    SolverReport report = cleared.dispatch().report();
    assertThat(report.status()).isEqualTo(SolveStatus.INFEASIBLE);
    assertThat(report.reason())
        .contains(ConstraintFamily.IMPORT_LIMIT.label())
        .contains(MarketClearing.STANDALONE_SUFFIX)
        .contains("household a has no standalone dispatch");
    assertThat(cleared.dispatch().schedules()).isEmpty();
    assertThat(cleared.dispatch().totalCostEur()).isNaN();
  }

  @Test
  void orStandalone_failedCommunity_assemblesStandaloneSchedules() {
    TradingDay day = TestDays.random(3, 4, 24);
    ClearedDay cleared = clearing.clear(day, EquitySettings.neutral(), PricingRule.MID_MARKET);
    SolverReport failure =
        new SolverReport(
            SolveStatus.TIME_LIMIT,
            Double.NaN,
            1.0,
            Double.NaN,
            0,
            0,
            true,
            5,
            "time limit of 1 s reached");
    ClearingResult failed =
        new ClearingResult(
            failure,
            cleared.poolPriceEurPerKwh(),
            List.of(),
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Double.NaN);
    ClearingResult degraded = MarketClearing.orStandalone(failed, day, cleared.standalone());
    assertThat(degraded.report().status()).isEqualTo(SolveStatus.TIME_LIMIT);
    assertThat(degraded.report().reason())
        .isEqualTo("time limit of 1 s reached" + MarketClearing.STANDALONE_SUFFIX);
    assertThat(degraded.schedules()).hasSize(4);
    double sum = 0;
    double ownPeakCharges = 0;
    double[] imports = new double[24];
    for (int i = 0; i < 4; i++) {
      sum += cleared.standalone().get(i).gridCostEur();
      ownPeakCharges += cleared.standalone().get(i).peakChargeEur();
      for (int t = 0; t < 24; t++) {
        imports[t] += cleared.standalone().get(i).schedules().get(0).importKwh()[t];
      }
    }
    double peak = 0;
    for (double v : imports) {
      peak = Math.max(peak, v);
    }
    assertThat(degraded.gridCostEur()).isCloseTo(sum, within(TOL));
    assertThat(degraded.peakKw()).isCloseTo(peak, within(TOL));
    assertThat(degraded.peakChargeEur())
        .as("each household pays its own peak")
        .isCloseTo(ownPeakCharges, within(TOL));
    assertThat(degraded.totalCostEur()).isCloseTo(sum + ownPeakCharges, within(TOL));
    ClearingInvariantsTest.assertScheduleInvariants(day, degraded, "degraded", false);
  }

  @Test
  void reweigh_otherWeights_equalsAFreshClearingAndReusesStandaloneAndCostMinimising() {
    TradingDay day = TestDays.random(11, 6, 24);
    ClearedDay base = clearing.clear(day, EquitySettings.neutral(), PricingRule.MID_MARKET);
    EquitySettings equity =
        new EquitySettings(Map.of("LOW", 1.6, "MIDDLE", 1.0, "HIGH", 0.6), 0.0, Set.of(), 0.5, 2.0);
    ClearedDay reweighed = clearing.reweigh(base, equity);
    ClearedDay fresh = clearing.clear(day, equity, PricingRule.MID_MARKET);
    assertThat(reweighed.standalone()).isSameAs(base.standalone());
    assertThat(reweighed.costMinimising()).isSameAs(base.costMinimising());
    assertThat(reweighed.equity()).isEqualTo(equity);
    assertThat(reweighed.dispatch().totalCostEur())
        .isCloseTo(fresh.dispatch().totalCostEur(), within(1e-6));
    assertThat(reweighed.priceOfFairnessEur()).isCloseTo(fresh.priceOfFairnessEur(), within(1e-9));
    assertThat(clearing.reweigh(reweighed, EquitySettings.neutral()).dispatch())
        .isSameAs(base.costMinimising());
  }
}
