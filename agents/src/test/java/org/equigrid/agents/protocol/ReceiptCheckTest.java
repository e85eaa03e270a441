package org.equigrid.agents.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.equigrid.agents.protocol.Message.BatterySpec;
import org.equigrid.agents.protocol.Message.Bid;
import org.equigrid.agents.protocol.Message.JoinRequest;
import org.junit.jupiter.api.Test;

class ReceiptCheckTest {

  private static final BatterySpec BATTERY = new BatterySpec(5.0, 2.5, 0.95, 0.95, 0.5, 5.0);
  private static final JoinRequest REGISTERED =
      new JoinRequest("h1", "PROSUMER", "LOW", 40, 4, BATTERY, 10, 10);

  private static Bid bid(double[] load, BatterySpec battery) {
    return MessageCodecTest.bid(load, new double[] {0, 0.5}, battery);
  }

  @Test
  void bid_valid_isAccepted() {
    assertThat(ReceiptCheck.bid(bid(new double[] {1, 2}, BATTERY), REGISTERED, 3, 2)).isEmpty();
    assertThat(ReceiptCheck.bid(bid(new double[] {1, 2}, null), REGISTERED, 3, 2)).isEmpty();
  }

  @Test
  void bid_negativeLoad_refusedWithValue() {
    assertThat(ReceiptCheck.bid(bid(new double[] {1, -2}, BATTERY), REGISTERED, 3, 2))
        .hasValueSatisfying(
            r -> assertThat(r).startsWith(ReceiptCheck.BAD_VALUE).contains("loadKwh[1] (-2.0)"));
  }

  @Test
  void bid_nanLoad_refused() {
    assertThat(ReceiptCheck.bid(bid(new double[] {Double.NaN, 2}, BATTERY), REGISTERED, 3, 2))
        .hasValueSatisfying(r -> assertThat(r).startsWith(ReceiptCheck.BAD_VALUE).contains("NaN"));
  }

  @Test
  void bid_wrongLength_refused() {
    assertThat(ReceiptCheck.bid(bid(new double[] {1, 2, 3}, BATTERY), REGISTERED, 3, 2))
        .hasValueSatisfying(
            r ->
                assertThat(r)
                    .startsWith(ReceiptCheck.WRONG_LENGTH)
                    .contains("3 intervals, expected 2"));
  }

  @Test
  void bid_batteryLargerThanRegistered_refused() {
    BatterySpec bigger = new BatterySpec(8.0, 2.5, 0.95, 0.95, 0.5, 5.0);
    assertThat(ReceiptCheck.bid(bid(new double[] {1, 2}, bigger), REGISTERED, 3, 2))
        .hasValueSatisfying(
            r -> assertThat(r).startsWith(ReceiptCheck.BATTERY_LARGER).contains("8.0 kWh"));
  }

  @Test
  void bid_otherIdentityOrDay_refused() {
    JoinRequest other = new JoinRequest("h2", "PROSUMER", "LOW", 40, 4, BATTERY, 10, 10);
    assertThat(ReceiptCheck.bid(bid(new double[] {1, 2}, null), other, 3, 2))
        .hasValueSatisfying(r -> assertThat(r).startsWith(ReceiptCheck.WRONG_IDENTITY));
    assertThat(ReceiptCheck.bid(bid(new double[] {1, 2}, null), REGISTERED, 4, 2))
        .hasValueSatisfying(r -> assertThat(r).startsWith(ReceiptCheck.WRONG_DAY));
  }

  @Test
  void join_consumerWithBatteryOrBadKind_refused() {
    assertThat(ReceiptCheck.join(REGISTERED)).isEmpty();
    assertThat(ReceiptCheck.join(new JoinRequest("h1", "CONSUMER", "LOW", 40, 0, BATTERY, 10, 10)))
        .hasValueSatisfying(
            r ->
                assertThat(r)
                    .startsWith(ReceiptCheck.BAD_JOIN)
                    .contains("Maybe you meant PROSUMER"));
    assertThat(ReceiptCheck.join(new JoinRequest("h1", "ROBOT", "LOW", 40, 0, null, 10, 10)))
        .hasValueSatisfying(r -> assertThat(r).contains("ROBOT"));
  }
}
