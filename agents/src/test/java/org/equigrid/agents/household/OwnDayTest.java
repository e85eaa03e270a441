package org.equigrid.agents.household;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.equigrid.agents.protocol.Message;
import org.equigrid.agents.protocol.Message.BatterySpec;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.ParticipantKind;
import org.equigrid.market.model.TradingDay;
import org.junit.jupiter.api.Test;

/** A household's own day, worked out without an agent platform. */
class OwnDayTest {

  private static final Battery BATTERY = new Battery(5.0, 2.5, 0.9, 0.9, 0.5, 5.0, 1.0);
  private static final BatterySpec SPEC = OwnDay.spec(BATTERY);
  private static final Message.CallForProposals CALL =
      new Message.CallForProposals(
          Message.PROTOCOL_VERSION,
          3,
          40,
          0.5,
          new double[] {0.3, 0.25},
          new double[] {0.1, 0.05},
          0.2,
          900,
          "DECENTRALISED");

  private static HouseholdSetup setup(List<DeferrableAppliance> appliances) {
    Household h = new Household("p1", ParticipantKind.PROSUMER, "LOW", 40, 4, BATTERY, null);
    return new HouseholdSetup(
        h,
        new double[][] {{1, 2}},
        new double[][] {{0, 3}},
        appliances,
        BiddingStrategy.truthful(),
        7,
        6);
  }

  @Test
  void midMarketAndTrustRadius_handComputed() {
    assertThat(OwnDay.midMarket(CALL)).containsExactly(0.2, 0.15);
    // 2.5 kW · 0.5 h · 0.5 · 0.6² = 0.225 kWh.
    assertThat(OwnDay.trustRadiusKwh(SPEC, 0.5, 2)).isCloseTo(0.225, within(1e-12));
    assertThat(OwnDay.trustRadiusKwh(null, 0.5, 0)).isZero();
  }

  @Test
  void revealed_truthfulWithAppliancesAtTheirEarliestStart() {
    // 1 kWh in one interval of 0.5 h at up to 2 kW, from interval 1.
    HouseholdSetup withWasher = setup(List.of(new DeferrableAppliance("washer", 1, 2, 1.0, 2.0)));
    Forecast revealed = OwnDay.revealed(withWasher, 0, 2, 0.5);
    assertThat(revealed.loadKwh()).containsExactly(1, 3);
    assertThat(revealed.pvKwh()).containsExactly(0, 3);
    assertThat(revealed.battery()).isEqualTo(SPEC);
  }

  @Test
  void of_callTariffOwnLimitsAndClampedSoc_idleNetIsLoadMinusPv() {
    HouseholdSetup s = setup(List.of());
    Forecast revealed = OwnDay.revealed(s, 0, 2, 0.5);
    TradingDay own = OwnDay.of(s, revealed, CALL, 3, 9.0);
    assertThat(own.initialSocKwh()).containsExactly(5.0);
    assertThat(own.households().get(0).battery().initialSocKwh()).isEqualTo(5.0);
    assertThat(own.tariff().importLimitKw()).isEqualTo(7);
    assertThat(own.tariff().exportLimitKw()).isEqualTo(6);
    assertThat(own.tariff().importPriceEurPerKwh()).containsExactly(0.3, 0.25);
    assertThat(own.dayOfYear()).isEqualTo(40);
    assertThat(OwnDay.idleNetKwh(own)).containsExactly(1, -1);
  }

  @Test
  void socAfter_lastValueClampedToTheBounds_unchangedWithoutOne() {
    assertThat(OwnDay.socAfter(SPEC, new double[] {2, 6}, 1)).isEqualTo(5.0);
    assertThat(OwnDay.socAfter(SPEC, new double[] {2, 0.1}, 1)).isEqualTo(0.5);
    assertThat(OwnDay.socAfter(SPEC, new double[] {2, 3}, 1)).isEqualTo(3.0);
    assertThat(OwnDay.socAfter(SPEC, new double[0], 1.5)).isEqualTo(1.5);
    assertThat(OwnDay.socAfter(SPEC, null, 1.5)).isEqualTo(1.5);
  }
}
