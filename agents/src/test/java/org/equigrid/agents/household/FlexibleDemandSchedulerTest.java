package org.equigrid.agents.household;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.equigrid.market.model.Appliance;
import org.equigrid.market.model.ElectricVehicle;
import org.equigrid.market.model.FlexibleDemand;
import org.junit.jupiter.api.Test;

/**
 * The scenario's flexible demand in {@link HouseholdScheduler}: an EV's charging (F3) and the
 * scenario's appliances (F4–F6), hand-computed.
 */
class FlexibleDemandSchedulerTest {

  private final HouseholdScheduler scheduler = HouseholdScheduler.standard();

  @Test
  void schedule_fiveIntervalsEvAndWasher_isTheHandComputedOptimum() {
    // Prices 0.30, 0.10, 0.25, 0.05, 0.40; base load 0.5 kWh each hour (0.55 EUR).
    // EV: 3 kWh at up to 2 kW, plugged from hour 1 to hour 4 (t = 1, 2, 3): 2 kWh at t3 (0.05)
    // and 1 kWh at t1 (0.10): 0.20 EUR.
    // Washer: 1 kW for 2 h between hour 0 and hour 4, starts 0, 1, 2 cost 0.40, 0.35, 0.30:
    // start 2, 0.30 EUR. Total 1.05 EUR.
    double[] price = {0.30, 0.10, 0.25, 0.05, 0.40};
    double[] load = {0.5, 0.5, 0.5, 0.5, 0.5};
    FlexibleDemand flex =
        new FlexibleDemand(
            new ElectricVehicle(3.0, 2.0, 1, 4), List.of(new Appliance("washer", 1.0, 2, 0, 4)));

    FlexSchedule s =
        scheduler.schedule(
            new PricedDay(load, new double[5], null, 0, flex, List.of(), price, 1.0));

    assertThat(s.note()).isEqualTo("optimal");
    assertThat(s.costEur()).isCloseTo(1.05, within(1e-9));
    assertThat(s.applianceStartIntervals()).containsExactly(2);
    assertThat(s.flexKwh()).containsExactly(new double[] {0, 1.0, 1.0, 3.0, 0}, within(1e-9));
    assertThat(s.netKwh()).containsExactly(new double[] {0.5, 1.5, 1.5, 3.5, 0.5}, within(1e-9));
  }

  @Test
  void schedule_evOverMidnightWithPvAndBattery_chargesOnTheCheapestPluggedHours() {
    // Six hours; the EV plugged from hour 4 over "midnight" to hour 2 (t = 0, 1, 4, 5), 2 kWh at
    // up to 1 kW: cheapest are t1 (0.06) and t5 (0.08), 1 kWh each: 0.14 EUR; the unplugged t2
    // (0.01) is out of reach. The lossless 1 kWh battery, empty, buys at t2 (0.01) and sells at t3
    // (0.50): -0.49 EUR; no other pair gains. PV of 1 kWh at t4: -0.09 EUR.
    double[] price = {0.12, 0.06, 0.01, 0.50, 0.09, 0.08};
    double[] pv = {0, 0, 0, 0, 1.0, 0};
    FlexibleDemand flex = new FlexibleDemand(new ElectricVehicle(2.0, 1.0, 4, 2));
    var battery = new org.equigrid.agents.protocol.Message.BatterySpec(1, 1, 1, 1, 0, 1);

    FlexSchedule s =
        scheduler.schedule(
            new PricedDay(new double[6], pv, battery, 0, flex, List.of(), price, 1.0));

    assertThat(s.note()).isEqualTo("optimal");
    assertThat(s.flexKwh()).containsExactly(new double[] {0, 1, 0, 0, 0, 1}, within(1e-9));
    assertThat(s.chargeKwh()[2]).isCloseTo(1.0, within(1e-9));
    assertThat(s.dischargeKwh()[3]).isCloseTo(1.0, within(1e-9));
    assertThat(s.costEur()).isCloseTo(0.14 - 0.49 - 0.09, within(1e-9));
  }

  @Test
  void schedule_evEnergyOffTheStepAndTight_chargesExactlyItsEnergy() {
    // 1.4 kWh at 0.7 kW in two plugged hours: only 0.7 + 0.7 fits. With 0.3 kWh steps the first
    // unit count (5 of 0.28) caps each hour at 2 units (0.56), too little; 6 units of 0.2333 fit.
    HouseholdScheduler coarse = new HouseholdScheduler(0.3, 2_000, 20_000);
    FlexibleDemand flex = new FlexibleDemand(new ElectricVehicle(1.4, 0.7, 1, 3));
    double[] price = {0.1, 0.3, 0.2, 0.1};

    FlexSchedule s =
        coarse.schedule(
            new PricedDay(new double[4], new double[4], null, 0, flex, List.of(), price, 1.0));

    assertThat(s.note()).isEqualTo("optimal");
    assertThat(s.flexKwh()).containsExactly(new double[] {0, 0.7, 0.7, 0}, within(1e-9));
    assertThat(Arrays.stream(s.flexKwh()).sum()).isCloseTo(1.4, within(1e-12));
  }

  @Test
  void schedule_evThatCannotFitItsWindow_fallsBackChargingFromArrival() {
    // A day cut short to three hours: of the window from hour 2 to 6 only t2 is left, and 1 kW
    // cannot give 1.5 kWh there.
    FlexibleDemand flex = new FlexibleDemand(new ElectricVehicle(1.5, 1.0, 2, 6));
    double[] price = {0.1, 0.3, 0.2};

    FlexSchedule s =
        scheduler.schedule(
            new PricedDay(new double[3], new double[3], null, 0, flex, List.of(), price, 1.0));

    assertThat(s.optimal()).isFalse();
    assertThat(s.note()).startsWith(HouseholdScheduler.FALLBACK).contains("EV");
    assertThat(s.flexKwh()).containsExactly(new double[] {0, 0, 1.0}, within(1e-9));
  }

  @Test
  void schedule_evAtEqualPrices_spreadsItsChargingEvenly() {
    // 3 kWh at up to 2 kW, plugged t0..t2, one price: every split costs 0.60 EUR; the tie rule
    // charges 1 kWh in each hour rather than 2 + 1 in the first two.
    FlexibleDemand flex = new FlexibleDemand(new ElectricVehicle(3.0, 2.0, 0, 3));
    double[] price = {0.2, 0.2, 0.2, 0.2};

    FlexSchedule s =
        scheduler.schedule(
            new PricedDay(new double[4], new double[4], null, 0, flex, List.of(), price, 1.0));

    assertThat(s.costEur()).isCloseTo(0.60, within(1e-9));
    assertThat(s.flexKwh()).containsExactly(new double[] {1, 1, 1, 0}, within(1e-9));
  }

  @Test
  void schedule_evInATrustRegion_movesAtMostTheRadiusFromThePreviousRound() {
    // The previous round charged 2, 1, 0 kWh; now t2 is cheapest, but each hour may move only
    // 0.5 kWh: t2 takes 0.5, t0 gives 0.5, and the remaining 0.5 goes to t1 (0.2) rather than
    // staying at t0 (0.3): 1.5, 1.0, 0.5 kWh, 0.45 + 0.20 + 0.05 = 0.70 EUR.
    FlexibleDemand flex = new FlexibleDemand(new ElectricVehicle(3.0, 2.0, 0, 3));
    double[] price = {0.3, 0.2, 0.1, 0.4};
    double[] was = {2, 1, 0, 0};
    FlexSchedule previous =
        new FlexSchedule(
            was, new double[4], new double[4], new double[4], List.of(), was, 0, true, "optimal");

    FlexSchedule s =
        scheduler.schedule(
            new PricedDay(new double[4], new double[4], null, 0, flex, List.of(), price, 1.0),
            previous,
            0,
            0.5);

    assertThat(s.note()).isEqualTo("optimal");
    assertThat(s.flexKwh()).containsExactly(new double[] {1.5, 1.0, 0.5, 0}, within(1e-9));
    assertThat(s.costEur()).isCloseTo(0.70, within(1e-9));
  }
}
