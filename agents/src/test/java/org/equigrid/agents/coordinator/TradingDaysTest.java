package org.equigrid.agents.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.equigrid.agents.protocol.Message;
import org.equigrid.agents.protocol.Message.BatterySpec;
import org.equigrid.agents.protocol.Message.JoinRequest;
import org.equigrid.agents.protocol.Message.NetProfileBid;
import org.equigrid.market.model.Appliance;
import org.equigrid.market.model.ElectricVehicle;
import org.equigrid.market.model.FlexibleDemand;
import org.equigrid.market.model.Tariff;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.negotiation.Answer;
import org.junit.jupiter.api.Test;

/** The market's days built from what households sent, without an agent platform. */
class TradingDaysTest {

  private static final BatterySpec BATTERY = new BatterySpec(5.0, 2.5, 0.9, 0.8, 0.5, 5.0);
  private static final DayTerms TERMS =
      new DayTerms(
          10, 1.0, new Tariff(new double[] {0.3, 0.3}, new double[] {0.1, 0.1}, 0, 100, 100));
  private static final Map<String, JoinRequest> JOINS =
      Map.of(
          "a", new JoinRequest("a", "PROSUMER", "LOW", 40, 4, BATTERY, null, List.of(), 10, 10),
          "b", new JoinRequest("b", "CONSUMER", "HIGH", 90, 0, null, null, List.of(), 10, 10));
  private static final Function<String, JoinRequest> JOIN_OF = JOINS::get;

  private static NetProfileBid net(String id, double[] net, double[] ch, double[] dis) {
    return new NetProfileBid(id, 3, 0, net, ch, dis, List.of(), null, "truthful", "");
  }

  @Test
  void storedKwh_handComputedWithEfficiencies_zeroWithoutBatteryOrFlows() {
    // a: 0.9·(1 + 0) − (0 + 0.8)/0.8 = 0.9 − 1.0 = −0.1 kWh.
    NetProfileBid a = net("a", new double[] {1, -1}, new double[] {1, 0}, new double[] {0, 0.8});
    NetProfileBid b = net("b", new double[] {1, 1}, new double[] {1, 1}, new double[] {0, 0});
    assertThat(TradingDays.storedKwh(List.of("a", "b"), JOIN_OF, Map.of("a", a, "b", b)))
        .containsOnlyKeys("a", "b")
        .hasEntrySatisfying("a", kwh -> assertThat(kwh).isCloseTo(-0.1, within(1e-12)))
        .containsEntry("b", 0.0);
    NetProfileBid noFlows = net("a", new double[] {1, -1}, new double[] {1, 0}, null);
    assertThat(TradingDays.storedKwh(List.of("a"), JOIN_OF, Map.of("a", noFlows)))
        .containsEntry("a", 0.0);
  }

  @Test
  void central_asBid_batteryAtItsInitialSocReservationOnlyWithBothPrices() {
    Message.Bid a =
        new Message.Bid(
            "a",
            3,
            new double[] {1, 2},
            new double[] {0, 3},
            4,
            BATTERY,
            2.0,
            null,
            List.of(),
            10,
            10,
            0.25,
            null,
            "truthful");
    Message.Bid b =
        new Message.Bid(
            "b",
            3,
            new double[] {2, 2},
            new double[] {0, 0},
            0,
            null,
            0,
            null,
            List.of(),
            10,
            10,
            0.25,
            0.15,
            "truthful");
    TradingDay day =
        TradingDays.central(3, TERMS, List.of("a", "b"), JOIN_OF, Map.of("a", a, "b", b));
    assertThat(day.households().get(0).battery().initialSocKwh()).isEqualTo(2.0);
    assertThat(day.initialSocKwh()).containsExactly(2.0, 0.0);
    assertThat(day.households().get(0).reservation()).isNull();
    assertThat(day.households().get(1).reservation().sellMinEurPerKwh()).isEqualTo(0.15);
    assertThat(day.pvKwh()[0]).containsExactly(0, 3);
    assertThat(day.households().get(1).kind().name()).isEqualTo("CONSUMER");
  }

  @Test
  void central_flexibleDemandAsBid_evAndAppliancesNamedByPlace() {
    Message.Bid a =
        new Message.Bid(
            "a",
            3,
            new double[] {1, 2},
            new double[] {0, 3},
            4,
            null,
            0,
            new Message.EvSpec(1.5, 2.0, 0, 2),
            List.of(
                new Message.ApplianceSpec(1.0, 1.0, 0, 2),
                new Message.ApplianceSpec(0.5, 2.0, 0, 2)),
            10,
            10,
            null,
            null,
            "truthful");
    TradingDay day = TradingDays.central(3, TERMS, List.of("a"), JOIN_OF, Map.of("a", a));
    assertThat(day.households().get(0).flex())
        .isEqualTo(
            new FlexibleDemand(
                new ElectricVehicle(1.5, 2.0, 0, 2),
                List.of(new Appliance("#1", 1.0, 1.0, 0, 2), new Appliance("#2", 0.5, 2.0, 0, 2))));
    Message.Bid none =
        new Message.Bid(
            "a", 3, a.loadKwh(), a.pvKwh(), 4, null, 0, null, null, 10, 10, null, null, "truthful");
    assertThat(TradingDays.flex(none)).isEqualTo(FlexibleDemand.NONE);
  }

  @Test
  void netProfiles_positiveNetIsLoadNegativeIsPv_noBattery() {
    NetProfileBid a = net("a", new double[] {1.5, -2}, null, null);
    TradingDay day = TradingDays.netProfiles(3, TERMS, List.of("a"), JOIN_OF, Map.of("a", a));
    assertThat(day.households().get(0).battery()).isNull();
    assertThat(day.households().get(0).group()).isEqualTo("LOW");
    assertThat(day.loadKwh()[0]).containsExactly(1.5, 0);
    assertThat(day.pvKwh()[0]).containsExactly(0, 2);
  }

  @Test
  void negotiators_idleNetSplitBatteryAtItsMinimum_zerosWithoutIdleNet() {
    TradingDay day =
        TradingDays.negotiators(
            3, TERMS, List.of("b", "a"), JOIN_OF, Map.of("a", new double[] {-1, 2}));
    assertThat(day.households()).extracting(h -> h.id()).containsExactly("b", "a");
    assertThat(day.households().get(1).battery().initialSocKwh()).isEqualTo(0.5);
    assertThat(day.loadKwh()[0]).containsExactly(0, 0);
    assertThat(day.loadKwh()[1]).containsExactly(0, 2);
    assertThat(day.pvKwh()[1]).containsExactly(1, 0);
    assertThat(day.dayOfYear()).isEqualTo(10);
  }

  @Test
  void answer_missingOrShortFlowsCountAsZeros() {
    Answer.NetProfile p = TradingDays.answer(net("a", new double[] {1, 2}, new double[] {1}, null));
    assertThat(p.chargeKwh()).containsExactly(0, 0);
    assertThat(p.dischargeKwh()).containsExactly(0, 0);
    assertThat(p.netKwh()).containsExactly(1, 2);
  }

  @Test
  void awarded_batteryFlowsFromTheNegotiatedSchedule() {
    Message.Schedule cleared =
        new Message.Schedule(
            new double[] {1},
            new double[] {2},
            new double[] {3},
            new double[] {4},
            new double[] {5},
            new double[] {6},
            new double[] {7});
    assertThat(TradingDays.awarded(cleared, null)).isSameAs(cleared);
    Answer.Schedule own =
        new Answer.Schedule(
            new double[] {9},
            new double[] {9},
            new double[] {9},
            new double[] {9},
            new double[] {9},
            new double[] {0.5},
            new double[] {0.25},
            new double[] {1.5},
            null,
            null);
    Message.Schedule merged = TradingDays.awarded(cleared, own);
    assertThat(merged.importKwh()).containsExactly(1);
    assertThat(merged.sellKwh()).containsExactly(4);
    assertThat(merged.chargeKwh()).containsExactly(0.5);
    assertThat(merged.dischargeKwh()).containsExactly(0.25);
    assertThat(merged.socKwh()).containsExactly(1.5);
  }
}
