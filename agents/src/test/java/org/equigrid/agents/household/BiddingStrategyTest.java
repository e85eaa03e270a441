package org.equigrid.agents.household;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.equigrid.agents.protocol.Message.BatterySpec;
import org.equigrid.market.model.Appliance;
import org.equigrid.market.model.ElectricVehicle;
import org.equigrid.market.model.FlexibleDemand;
import org.junit.jupiter.api.Test;

class BiddingStrategyTest {

  private static final BatterySpec BATTERY = new BatterySpec(5.0, 2.5, 0.95, 0.95, 0.5, 5.0);

  private static Forecast truth() {
    double[] load = new double[24];
    double[] pv = new double[24];
    java.util.Arrays.fill(load, 1.0);
    java.util.Arrays.fill(pv, 0.5);
    return new Forecast(load, pv, BATTERY, null);
  }

  /** {@link #truth} with flex-ev's EV (7 kWh at 3.7 kW, 18 h to 7 h) and a 2 h dishwasher. */
  private static Forecast flexibleTruth(int evArrivalHour) {
    Forecast t = truth();
    return new Forecast(
        t.loadKwh(),
        t.pvKwh(),
        BATTERY,
        new FlexibleDemand(
            new ElectricVehicle(7.0, 3.7, evArrivalHour, 7),
            List.of(new Appliance("dishwasher", 1.2, 2, 8, 22))));
  }

  @Test
  void withholdFlexibility_noFlexibleDemand_hidesTheBatteryOnly() {
    Forecast f = BiddingStrategy.withholdFlexibility().reveal(truth(), 0, 1.0);
    assertThat(f.battery()).isNull();
    assertThat(f.loadKwh()).containsOnly(1.0);
    assertThat(f.flex().any()).isFalse();
  }

  @Test
  void withholdFlexibility_evAndAppliance_bidAsFixedLoadAtTheEarliestTimes() {
    Forecast f = BiddingStrategy.withholdFlexibility().reveal(flexibleTruth(18), 0, 1.0);
    assertThat(f.battery()).isNull();
    assertThat(f.flex()).isEqualTo(FlexibleDemand.NONE);
    // By hand: the EV 3.7 kWh at 18 h and the 3.3 left at 19 h; the dishwasher 1.2 kWh at 8 and 9.
    double[] expected = new double[24];
    java.util.Arrays.fill(expected, 1.0);
    expected[8] += 1.2;
    expected[9] += 1.2;
    expected[18] += 3.7;
    expected[19] += 3.3;
    assertThat(f.loadKwh()).containsExactly(expected, within(1e-12));
  }

  @Test
  void withholdFlexibility_evWindowOverMidnight_chargesTheEveningThenTheMorning() {
    Forecast f = BiddingStrategy.withholdFlexibility().reveal(flexibleTruth(23), 0, 1.0);
    // Plugged in from 23 h: 3.7 kWh at 23 h, the 3.3 left at 0 h (the morning of the same day).
    assertThat(f.loadKwh()[23]).isCloseTo(1.0 + 3.7, within(1e-12));
    assertThat(f.loadKwh()[0]).isCloseTo(1.0 + 3.3, within(1e-12));
    assertThat(f.loadKwh()[1]).isEqualTo(1.0);
    // Half-hour intervals: 1.85 kWh an interval from 23:00, so 23:00, 23:30 and 0:00, then the 1.45
    // left at 0:30.
    Forecast half =
        BiddingStrategy.withholdFlexibility()
            .reveal(
                new Forecast(
                    new double[48],
                    new double[48],
                    null,
                    new FlexibleDemand(new ElectricVehicle(7.0, 3.7, 23, 7))),
                0,
                0.5);
    assertThat(half.loadKwh()[46]).isCloseTo(1.85, within(1e-12));
    assertThat(half.loadKwh()[47]).isCloseTo(1.85, within(1e-12));
    assertThat(half.loadKwh()[0]).isCloseTo(1.85, within(1e-12));
    assertThat(half.loadKwh()[1]).isCloseTo(1.45, within(1e-12));
    assertThat(java.util.Arrays.stream(half.loadKwh()).sum()).isCloseTo(7.0, within(1e-12));
  }

  @Test
  void inflatePeakAndNoisyForecast_keepTheFlexibleDemand() {
    FlexibleDemand flex = flexibleTruth(18).flex();
    assertThat(BiddingStrategy.inflatePeak(1.5, 17, 21).reveal(flexibleTruth(18), 0, 1.0).flex())
        .isEqualTo(flex);
    assertThat(BiddingStrategy.noisyForecast(7, 0.1).reveal(flexibleTruth(18), 0, 1.0).flex())
        .isEqualTo(flex);
    assertThat(BiddingStrategy.truthful().reveal(flexibleTruth(18), 0, 1.0).flex()).isEqualTo(flex);
  }

  @Test
  void inflatePeak_scalesEveningIntervalsOnly_andLeavesTheTruthAlone() {
    Forecast truth = truth();
    Forecast f = BiddingStrategy.inflatePeak(1.5, 17, 21).reveal(truth, 0, 0.5);
    // With half-hour intervals, hours 17..21 are intervals 34..41: none of these 24 intervals.
    assertThat(f.loadKwh()).containsOnly(1.0);
    Forecast hourly = BiddingStrategy.inflatePeak(1.5, 17, 21).reveal(truth, 0, 1.0);
    for (int t = 0; t < 24; t++) {
      assertThat(hourly.loadKwh()[t]).isEqualTo(t >= 17 && t < 21 ? 1.5 : 1.0);
    }
    assertThat(truth.loadKwh()).containsOnly(1.0);
    assertThatThrownBy(() -> BiddingStrategy.inflatePeak(-1, 17, 21))
        .hasMessageContaining("Maybe you meant");
  }

  @Test
  void noisyForecast_sameSeedAndDaySameNoise_meanNearTruthOverSeeds() {
    Forecast a = BiddingStrategy.noisyForecast(7, 0.1).reveal(truth(), 3, 1.0);
    Forecast b = BiddingStrategy.noisyForecast(7, 0.1).reveal(truth(), 3, 1.0);
    Forecast c = BiddingStrategy.noisyForecast(7, 0.1).reveal(truth(), 4, 1.0);
    assertThat(a.loadKwh()).containsExactly(b.loadKwh());
    assertThat(a.loadKwh()).isNotEqualTo(c.loadKwh());
    double sum = 0;
    int count = 0;
    for (long seed = 0; seed < 200; seed++) {
      for (double v : BiddingStrategy.noisyForecast(seed, 0.1).reveal(truth(), 0, 1.0).loadKwh()) {
        sum += v;
        count++;
      }
    }
    // 4,800 draws with σ = 0.1: the mean's standard error is 0.0014, so ±0.01 is > 6 σ
    assertThat(sum / count).isCloseTo(1.0, within(0.01));
  }
}
