package org.equigrid.agents.household;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.equigrid.agents.protocol.Message.BatterySpec;
import org.junit.jupiter.api.Test;

class HouseholdSchedulerTest {

  private final HouseholdScheduler scheduler = HouseholdScheduler.standard();

  @Test
  void schedule_fourIntervalsBatteryAndTwoAppliances_isTheHandComputedOptimum() {
    // Prices 0.1, 0.3, 0.2, 0.4; a lossless 1 kWh / 0.5 kW battery, empty at the start.
    // Best battery use: charge 0.5 at t0, discharge at t1, charge at t2, discharge at t3: -0.20
    // EUR.
    // Appliance "free" (1 kWh, 1 kW, any time) runs at t0: 0.10 EUR.
    // Appliance "fixed" (2 kWh, 1 kW, window [1, 3)) must run t1..t2: 0.50 EUR.
    double[] price = {0.1, 0.3, 0.2, 0.4};
    BatterySpec battery = new BatterySpec(1.0, 0.5, 1.0, 1.0, 0.0, 1.0);
    List<DeferrableAppliance> appliances =
        List.of(
            new DeferrableAppliance("free", 0, 4, 1.0, 1.0),
            new DeferrableAppliance("fixed", 1, 3, 2.0, 1.0));

    FlexSchedule s =
        scheduler.schedule(
            new PricedDay(
                new double[4], new double[4], battery, 0.0, null, appliances, price, 1.0));

    assertThat(s.optimal()).isTrue();
    assertThat(s.note()).isEqualTo("optimal");
    assertThat(s.costEur()).isCloseTo(0.40, within(1e-9));
    assertThat(s.applianceStartIntervals()).containsExactly(0, 1);
    assertThat(s.netKwh()).containsExactly(new double[] {1.5, 0.5, 1.5, -0.5}, within(1e-9));
    assertThat(s.socKwh()[3]).isGreaterThanOrEqualTo(0.0);
  }

  @Test
  void schedule_dayOf24IntervalsBatteryOnly_isTheHandComputedArbitrage() {
    double[] price = new double[24];
    for (int t = 0; t < 24; t++) {
      price[t] = t >= 17 && t < 21 ? 0.35 : t < 7 ? 0.12 : 0.22;
    }
    BatterySpec battery = new BatterySpec(5.0, 2.5, 0.95, 0.95, 0.5, 5.0);

    FlexSchedule s =
        scheduler.schedule(
            new PricedDay(
                new double[24], new double[24], battery, 2.5, null, List.of(), price, 1.0));

    // Fill up at night (2.5 kWh stored at 0.12), empty to the minimum in the evening (4.5 kWh
    // stored, 0.95 of it delivered at 0.35), back to the start level after 21:00 (2.0 at 0.22);
    // the flat day price leaves nothing to gain in between.
    double expected = 2.5 / 0.95 * 0.12 - 4.5 * 0.95 * 0.35 + 2.0 / 0.95 * 0.22;
    assertThat(s.note()).isEqualTo("optimal");
    assertThat(s.costEur()).isCloseTo(expected, within(1e-3));
    assertThat(s.socKwh()[6]).isCloseTo(5.0, within(1e-9));
    assertThat(s.socKwh()[20]).isCloseTo(0.5, within(1e-9));
    assertThat(s.socKwh()[23]).isCloseTo(2.5, within(1e-9));
  }

  @Test
  void schedule_dayOf24Intervals_keepsAppliancesInTheirWindowsAndBeatsNoFlexibility() {
    double[] price = new double[24];
    double[] load = new double[24];
    double[] pv = new double[24];
    for (int t = 0; t < 24; t++) {
      price[t] = t >= 17 && t < 21 ? 0.35 : t < 7 ? 0.12 : 0.22;
      load[t] = 0.4 + (t >= 17 && t < 21 ? 0.8 : 0.0);
      pv[t] = t >= 9 && t < 16 ? 1.2 : 0.0;
    }
    BatterySpec battery = new BatterySpec(5.0, 2.5, 0.95, 0.95, 0.5, 5.0);
    List<DeferrableAppliance> appliances =
        List.of(
            new DeferrableAppliance("dishwasher", 18, 24, 1.2, 1.2),
            new DeferrableAppliance("ev", 0, 8, 6.0, 3.0),
            new DeferrableAppliance("washer", 8, 20, 1.0, 0.5));

    FlexSchedule s =
        scheduler.schedule(new PricedDay(load, pv, battery, 2.5, null, appliances, price, 1.0));
    FlexSchedule rigid =
        scheduler.schedule(new PricedDay(load, pv, null, 0.0, null, List.of(), price, 1.0));

    for (int k = 0; k < appliances.size(); k++) {
      DeferrableAppliance a = appliances.get(k);
      int start = s.applianceStartIntervals().get(k);
      assertThat(start).isBetween(a.earliestStartInterval(), a.latestStartInterval(1.0));
      assertThat(start + a.durationIntervals(1.0)).isLessThanOrEqualTo(a.latestEndInterval());
    }
    assertThat(s.socKwh()[23]).isGreaterThanOrEqualTo(2.5 - 1e-9);
    double rigidWithAppliancesAtEarliest = rigid.costEur() + 1.2 * 0.35 + 6.0 * 0.12 + 1.0 * 0.22;
    assertThat(s.costEur()).isLessThan(rigidWithAppliancesAtEarliest);
    assertThat(rigid.note()).startsWith(HouseholdScheduler.FALLBACK);
  }

  @Test
  void schedule_applianceLongerThanItsWindow_fallsBackWithTheReason() {
    double[] price = {0.1, 0.2, 0.3};
    FlexSchedule s =
        scheduler.schedule(
            new PricedDay(
                new double[3],
                new double[3],
                null,
                0.0,
                null,
                List.of(new DeferrableAppliance("oven", 1, 2, 3.0, 1.0)),
                price,
                1.0));

    assertThat(s.optimal()).isFalse();
    assertThat(s.note()).startsWith(HouseholdScheduler.FALLBACK).contains("oven");
  }
}
