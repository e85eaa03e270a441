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
    // interval 0 (night): a loads 1, b loads 2, no PV; interval 1 (noon): a loads 1, b loads 2, PV 4
    TradingDay day = new TradingDay(0, 172, 1.0, List.of(seller, buyer),
        new double[][] {{1, 1}, {2, 2}}, new double[][] {{0, 4}, {0, 0}}, new double[2], tariff);
    double[] pool = {0.20, 0.20};
    // Community: night both import; noon a sells 2 to b, exports 1
    HouseholdSchedule a = schedule(0, new double[] {1, 0}, new double[] {0, 1}, new double[] {0, 0},
        new double[] {0, 2}, 1 * 0.30 - 1 * 0.10 - 2 * 0.20);
    HouseholdSchedule b = schedule(1, new double[] {2, 0}, new double[] {0, 0}, new double[] {0, 2},
        new double[] {0, 0}, 2 * 0.30 + 2 * 0.20);
    // peak = 3 kW at night
    ClearingResult community = result(List.of(a, b), 3, -0.2 + 1.0, 1.5);
    // Alone: a imports 1 at night, exports 3 at noon: 0.30 − 0.30 = 0, own peak 1 kW → 0.5
    HouseholdSchedule aAlone = schedule(0, new double[] {1, 0}, new double[] {0, 3}, new double[2],
        new double[2], 0.0);
    // b imports 2 and 2: 1.20, own peak 2 kW → 1.0
    HouseholdSchedule bAlone = schedule(1, new double[] {2, 2}, new double[2], new double[2],
        new double[2], 1.20);
    ClearingResult aResult = result(List.of(aAlone), 1, 0.0, 0.5);
    ClearingResult bResult = result(List.of(bAlone), 2, 1.20, 1.0);
    ClearedDay cleared = new ClearedDay(day, EquitySettings.neutral(), PricingRule.MID_MARKET, pool,
        List.of(aResult, bResult), community, community);

    DayMetrics metrics = new DayMetricsCalculator(0.01).compute(cleared);

    HouseholdDayMetrics ma = metrics.households().get(0);
    HouseholdDayMetrics mb = metrics.households().get(1);
    assertThat(ma.standaloneCostEur()).isCloseTo(0.5, within(TOL));
    assertThat(ma.energyCostEur()).isCloseTo(-0.2, within(TOL));
    assertThat(ma.savingsEur()).isCloseTo(0.7, within(TOL));
    assertThat(ma.relativeSavings()).isCloseTo(0.7 / 0.5, within(TOL));
    assertThat(ma.ownPvUsedKwh()).isCloseTo(1.0, within(TOL)); // 4 − 1 exported − 2 sold
    // a's access: night supply all grid (0), noon local 4 of 4 → 1 kWh of 2 kWh load local
    assertThat(ma.renewableAccess()).isCloseTo(0.5, within(TOL));
    // b's access: noon bought 2 of 2, night 0 → 2 of 4
    assertThat(mb.renewableAccess()).isCloseTo(0.5, within(TOL));
    assertThat(mb.energyBurden()).isCloseTo(1.0 / 20, within(TOL));

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
    assertThat(c.priceOfFairness()).isCloseTo(0, within(TOL));

    assertThat(metrics.groups()).extracting(GroupDayMetrics::group).containsExactly("HIGH", "LOW");
    GroupDayMetrics low = metrics.groups().get(1);
    double meanBurden = (-0.2 / 50 + 1.0 / 20) / 2;
    assertThat(low.energyBurdenGap()).isCloseTo((1.0 / 20) / meanBurden, within(TOL));
  }

  private static HouseholdSchedule schedule(
      int index, double[] imp, double[] exp, double[] buy, double[] sell, double cost) {
    return new HouseholdSchedule(index, imp, exp, buy, sell, new double[2], new double[2],
        new double[2], new double[2], cost);
  }

  private static ClearingResult result(
      List<HouseholdSchedule> schedules, double peakKw, double gridCost, double peakCharge) {
    SolverReport report = new SolverReport(SolveStatus.OPTIMAL, gridCost + peakCharge,
        gridCost + peakCharge, 0, 0, 0, false, 0, "");
    return new ClearingResult(report, new double[] {0.2, 0.2}, schedules, peakKw, gridCost,
        peakCharge, Double.NaN);
  }
}
