package org.equigrid.market.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.clearing.ClearingResult;
import org.equigrid.market.clearing.HouseholdSchedule;
import org.equigrid.market.clearing.PricingRule;
import org.equigrid.market.clearing.SolveStatus;
import org.equigrid.market.clearing.SolverReport;
import org.equigrid.market.model.EquitySettings;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.ParticipantKind;
import org.equigrid.market.model.Tariff;
import org.equigrid.market.model.TradingDay;
import org.junit.jupiter.api.Test;

/**
 * Metrics of a hand-made day: a prosumer (PV 4 kWh at noon) and a consumer, two 1-hour intervals,
 * import 0.30, export 0.10, pool 0.20 EUR/kWh, peak charge 0.5 EUR/kW.
 */
class DayMetricsCalculatorTest {

  private static final double TOL = 1e-12;

  @Test
  void compute_handMadeDay_matchesHandComputedMetrics() {
    Household seller = new Household("a", ParticipantKind.PROSUMER, "HIGH", 50, 4, null, null);
    Household buyer = new Household("b", ParticipantKind.CONSUMER, "LOW", 20, 0, null, null);
    Tariff tariff = new Tariff(new double[] {0.30, 0.30}, new double[] {0.10, 0.10}, 0.5, 10, 10);
    // interval 0 (night): a loads 1, b loads 2, no PV; interval 1 (noon): a loads 1, b loads 2, PV
    // 4
    TradingDay day =
        new TradingDay(
            0,
            172,
            1.0,
            List.of(seller, buyer),
            new double[][] {{1, 1}, {2, 2}},
            new double[][] {{0, 4}, {0, 0}},
            new double[2],
            tariff);
    double[] pool = {0.20, 0.20};
    // Community: night both import; noon a sells 2 to b, exports 1
    HouseholdSchedule a =
        schedule(
            0,
            new double[] {1, 0},
            new double[] {0, 1},
            new double[] {0, 0},
            new double[] {0, 2},
            1 * 0.30 - 1 * 0.10 - 2 * 0.20);
    HouseholdSchedule b =
        schedule(
            1,
            new double[] {2, 0},
            new double[] {0, 0},
            new double[] {0, 2},
            new double[] {0, 0},
            2 * 0.30 + 2 * 0.20);
    // peak = 3 kW at night
    ClearingResult community = result(List.of(a, b), 3, -0.2 + 1.0, 1.5);
    // Alone: a imports 1 at night, exports 3 at noon: 0.30 − 0.30 = 0, own peak 1 kW → 0.5
    HouseholdSchedule aAlone =
        schedule(0, new double[] {1, 0}, new double[] {0, 3}, new double[2], new double[2], 0.0);
    // b imports 2 and 2: 1.20, own peak 2 kW → 1.0
    HouseholdSchedule bAlone =
        schedule(1, new double[] {2, 2}, new double[2], new double[2], new double[2], 1.20);
    ClearingResult aResult = result(List.of(aAlone), 1, 0.0, 0.5);
    ClearingResult bResult = result(List.of(bAlone), 2, 1.20, 1.0);
    ClearedDay cleared =
        new ClearedDay(
            day,
            EquitySettings.neutral(),
            PricingRule.MID_MARKET,
            pool,
            List.of(aResult, bResult),
            community,
            community);

    DayMetrics metrics = new DayMetricsCalculator(0.01).compute(cleared);

    HouseholdDayMetrics ma = metrics.households().get(0);
    HouseholdDayMetrics mb = metrics.households().get(1);
    assertThat(ma.standaloneCostEur()).isCloseTo(0.5, within(TOL));
    assertThat(ma.energyCostEur()).isCloseTo(-0.2, within(TOL));
    // peak charge 1.5 EUR pro rata to the import at the peak (night: a 1, b 2 of 3 kWh)
    assertThat(ma.peakChargeShareEur()).isCloseTo(0.5, within(TOL));
    assertThat(mb.peakChargeShareEur()).isCloseTo(1.0, within(TOL));
    assertThat(ma.dispatchCostEur()).isCloseTo(-0.2 + 0.5, within(TOL));
    assertThat(mb.dispatchCostEur()).isCloseTo(1.0 + 1.0, within(TOL));
    // like with like: C0 with own peak charge, dispatch cost with the peak charge share
    assertThat(ma.savingsEur()).isCloseTo(0.5 - 0.3, within(TOL));
    assertThat(mb.savingsEur()).isCloseTo(2.2 - 2.0, within(TOL));
    assertThat(ma.relativeSavings()).isCloseTo(0.2 / 0.5, within(TOL));
    assertThat(ma.ownPvUsedKwh()).isCloseTo(1.0, within(TOL)); // 4 − 1 exported − 2 sold
    // a's access: night supply all grid (0), noon local 4 of 4 → 1 kWh of 2 kWh load local
    assertThat(ma.renewableAccess()).isCloseTo(0.5, within(TOL));
    // b's access: noon bought 2 of 2, night 0 → 2 of 4
    assertThat(mb.renewableAccess()).isCloseTo(0.5, within(TOL));
    assertThat(mb.energyBurden()).isCloseTo(2.0 / 20, within(TOL));

    CommunityDayMetrics c = metrics.community();
    assertThat(c.baselinePeakKw()).isCloseTo(3, within(TOL));
    assertThat(c.standalonePeakKw()).isCloseTo(3, within(TOL)); // night: 1 + 2
    assertThat(c.peakKw()).isCloseTo(3, within(TOL));
    assertThat(c.peakReductionVsBaseline()).isCloseTo(0, within(TOL));
    assertThat(c.solarUtilisation()).isCloseTo(3.0 / 4, within(TOL)); // 1 of 4 exported
    assertThat(c.selfSufficiency()).isCloseTo(1 - 3.0 / 6, within(TOL));
    assertThat(c.standaloneCostEur()).isCloseTo(0.5 + 2.2, within(TOL));
    assertThat(c.communityCostEur()).isCloseTo(0.8 + 1.5, within(TOL));
    assertThat(c.cooperativeGainEur()).isCloseTo(2.7 - 2.3, within(TOL));
    assertThat(c.poolTradedKwh()).isCloseTo(2, within(TOL));
    assertThat(c.costMinimisingCostEur()).isCloseTo(2.3, within(TOL));
    assertThat(c.costMinimisingGainEur()).isCloseTo(0.4, within(TOL));
    assertThat(c.priceOfFairnessEur()).isCloseTo(0, within(TOL));
    assertThat(c.priceOfFairness().value()).isCloseTo(0, within(TOL));
    assertThat(c.cooperativeGainShare().value()).isCloseTo(0.4 / 2.7, within(TOL));

    assertThat(metrics.groups()).extracting(GroupDayMetrics::group).containsExactly("HIGH", "LOW");
    GroupDayMetrics low = metrics.groups().get(1);
    double meanBurden = (0.3 / 50 + 2.0 / 20) / 2;
    assertThat(low.meanDispatchCostEur()).isCloseTo(2.0, within(TOL));
    assertThat(low.energyBurdenGap().value()).isCloseTo((2.0 / 20) / meanBurden, within(TOL));
  }

  @Test
  void compute_weightedDispatchCostsMore_priceOfFairnessIsShareOfCostMinimisingGain() {
    Fixture f = new Fixture();
    // The weighted dispatch: same schedules, 0.1 EUR more grid cost (2.4 against 2.3)
    ClearingResult weighted = result(f.community.schedules(), 3, 0.8 + 0.1, 1.5);
    ClearedDay cleared =
        new ClearedDay(
            f.day,
            EquitySettings.neutral(),
            PricingRule.MID_MARKET,
            f.pool,
            f.standalone,
            f.community,
            weighted);

    CommunityDayMetrics c = new DayMetricsCalculator(0.01).compute(cleared).community();

    // v_cost(N) = 2.7 − 2.3 = 0.4; v_w(N) = 2.7 − 2.4 = 0.3; PoF = 0.1 / 0.4
    assertThat(c.costMinimisingGainEur()).isCloseTo(0.4, within(TOL));
    assertThat(c.cooperativeGainEur()).isCloseTo(0.3, within(TOL));
    assertThat(c.priceOfFairnessEur()).isCloseTo(0.1, within(TOL));
    assertThat(c.priceOfFairness().value()).isCloseTo(0.25, within(TOL));
    // the old definition, 0.1 / 2.3 of the community cost, would read 4.3 %
  }

  @Test
  void compute_noCostMinimisingGain_priceOfFairnessIsUndefinedWithTheReason() {
    Fixture f = new Fixture();
    // cost-minimising community cost 2.695: v_cost(N) = 0.005 ≤ ε = 0.01
    ClearingResult costMinimising = result(f.community.schedules(), 3, 1.195, 1.5);
    ClearingResult weighted = result(f.community.schedules(), 3, 1.2, 1.5);
    ClearedDay cleared =
        new ClearedDay(
            f.day,
            EquitySettings.neutral(),
            PricingRule.MID_MARKET,
            f.pool,
            f.standalone,
            costMinimising,
            weighted);

    CommunityDayMetrics c = new DayMetricsCalculator(0.01).compute(cleared).community();

    assertThat(c.priceOfFairnessEur()).isCloseTo(0.005, within(TOL));
    assertThat(c.priceOfFairness().defined()).isFalse();
    assertThat(c.priceOfFairness().value()).isNaN();
    assertThat(c.priceOfFairness().undefinedReason())
        .isEqualTo(String.format(UndefinedReasons.NO_GAIN, "0.005", "0.01"));
  }

  @Test
  void compute_noTrading_savingsAreZeroForEveryHousehold() {
    Fixture f = new Fixture();
    // Every household alone: the standalone schedules, peak charge = Σ own peak charges (0.5 + 1.0)
    ClearingResult alone =
        result(
            List.of(f.standalone.get(0).schedules().get(0), f.standalone.get(1).schedules().get(0)),
            3,
            1.2,
            1.5);
    ClearedDay cleared =
        new ClearedDay(
            f.day,
            EquitySettings.neutral(),
            PricingRule.MID_MARKET,
            f.pool,
            f.standalone,
            alone,
            alone);

    DayMetrics metrics = new DayMetricsCalculator(0.01).compute(cleared);

    assertThat(cleared.everyoneAlone()).isTrue();
    assertThat(metrics.households())
        .extracting(HouseholdDayMetrics::peakChargeShareEur)
        .containsExactly(0.5, 1.0);
    assertThat(metrics.households())
        .extracting(HouseholdDayMetrics::savingsEur)
        .containsExactly(0.0, 0.0);
    assertThat(metrics.households())
        .extracting(HouseholdDayMetrics::relativeSavings)
        .containsExactly(0.0, 0.0);
    assertThat(metrics.community().cooperativeGainEur()).isCloseTo(0, within(TOL));
    assertThat(metrics.community().priceOfFairnessEur()).isZero();
    assertThat(metrics.community().priceOfFairness().undefinedReason())
        .isEqualTo(String.format(UndefinedReasons.NO_GAIN, "0", "0.01"));
  }

  @Test
  void compute_oneHouseholdAbsentFromThePool_paysItsOwnPeakChargeTheOthersShareTheRest() {
    Fixture f = new Fixture();
    // a ran alone (its standalone schedule, own peak charge 0.5); b is in the pool with 1.0 of
    // charge
    HouseholdSchedule aAlone = f.standalone.get(0).schedules().get(0);
    HouseholdSchedule b = f.community.schedules().get(1);
    ClearingResult merged = result(List.of(aAlone, b), 3, 0.0 + 1.0, 0.5 + 1.0);
    ClearedDay cleared =
        new ClearedDay(
            f.day,
            EquitySettings.neutral(),
            PricingRule.MID_MARKET,
            f.pool,
            f.standalone,
            merged,
            merged,
            new boolean[] {true, false});

    DayMetrics metrics = new DayMetricsCalculator(0.01).compute(cleared);

    assertThat(cleared.everyoneAlone()).isFalse();
    assertThat(cleared.peakChargeShareEur()).containsExactly(0.5, 1.0);
    assertThat(metrics.households().get(0).savingsEur()).isCloseTo(0, within(TOL));
  }

  @Test
  void ratioOfSums_sumsOnlyDaysWithADefinedPriceOfFairness() {
    CommunityDayMetrics day1 = community(0.1, 0.4, 0.01); // 25 %
    CommunityDayMetrics day2 = community(0.3, 2.0, 0.01); // 15 %
    CommunityDayMetrics day3 = community(0.2, 0.005, 0.01); // undefined, left out of both sums
    assertThat(PriceOfFairness.ratioOfSums(List.of(day1, day2, day3)).value())
        .isCloseTo(0.4 / 2.4, within(TOL));
    assertThat(PriceOfFairness.ratioOfSums(List.of(day3)).undefinedReason())
        .isEqualTo(UndefinedReasons.NO_DEFINED_DAY);
  }

  private static CommunityDayMetrics community(double pofEur, double gainEur, double epsilonEur) {
    return new CommunityDayMetrics(
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        Index.of(0),
        0,
        gainEur,
        pofEur,
        PriceOfFairness.ratio(pofEur, gainEur, epsilonEur),
        false);
  }

  /** The hand-made day of the first test. */
  private static final class Fixture {
    final TradingDay day;
    final double[] pool = {0.20, 0.20};
    final ClearingResult community;
    final List<ClearingResult> standalone;

    Fixture() {
      Household seller = new Household("a", ParticipantKind.PROSUMER, "HIGH", 50, 4, null, null);
      Household buyer = new Household("b", ParticipantKind.CONSUMER, "LOW", 20, 0, null, null);
      Tariff tariff = new Tariff(new double[] {0.30, 0.30}, new double[] {0.10, 0.10}, 0.5, 10, 10);
      day =
          new TradingDay(
              0,
              172,
              1.0,
              List.of(seller, buyer),
              new double[][] {{1, 1}, {2, 2}},
              new double[][] {{0, 4}, {0, 0}},
              new double[2],
              tariff);
      HouseholdSchedule a =
          schedule(
              0,
              new double[] {1, 0},
              new double[] {0, 1},
              new double[] {0, 0},
              new double[] {0, 2},
              1 * 0.30 - 1 * 0.10 - 2 * 0.20);
      HouseholdSchedule b =
          schedule(
              1,
              new double[] {2, 0},
              new double[] {0, 0},
              new double[] {0, 2},
              new double[] {0, 0},
              2 * 0.30 + 2 * 0.20);
      community = result(List.of(a, b), 3, -0.2 + 1.0, 1.5);
      HouseholdSchedule aAlone =
          schedule(0, new double[] {1, 0}, new double[] {0, 3}, new double[2], new double[2], 0.0);
      HouseholdSchedule bAlone =
          schedule(1, new double[] {2, 2}, new double[2], new double[2], new double[2], 1.20);
      standalone =
          List.of(result(List.of(aAlone), 1, 0.0, 0.5), result(List.of(bAlone), 2, 1.20, 1.0));
    }
  }

  private static HouseholdSchedule schedule(
      int index, double[] imp, double[] exp, double[] buy, double[] sell, double cost) {
    return new HouseholdSchedule(
        index,
        imp,
        exp,
        buy,
        sell,
        new double[2],
        new double[2],
        new double[2],
        new double[2],
        cost);
  }

  private static ClearingResult result(
      List<HouseholdSchedule> schedules, double peakKw, double gridCost, double peakCharge) {
    SolverReport report =
        new SolverReport(
            SolveStatus.OPTIMAL,
            gridCost + peakCharge,
            gridCost + peakCharge,
            0,
            0,
            0,
            false,
            0,
            "");
    return new ClearingResult(
        report, new double[] {0.2, 0.2}, schedules, peakKw, gridCost, peakCharge, Double.NaN);
  }
}
