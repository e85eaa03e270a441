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

  private static org.equigrid.market.negotiation.Answer.Schedule schedule(double... kwh) {
    return new org.equigrid.market.negotiation.Answer.Schedule(
        kwh,
        kwh.clone(),
        kwh.clone(),
        kwh.clone(),
        kwh.clone(),
        kwh.clone(),
        kwh.clone(),
        kwh.clone());
  }

  private static final org.equigrid.market.negotiation.Signal COLUMNS =
      new org.equigrid.market.negotiation.Signal.ColumnPrices(
          new double[2],
          new double[2],
          new double[2],
          new double[2],
          new boolean[2],
          new byte[2],
          new byte[2]);

  @Test
  void scheduleBid_identityRoundAndValuesChecked() {
    Message.ScheduleBid ok = new Message.ScheduleBid("h1", 3, 1, schedule(0, 1), "truthful");
    assertThat(ReceiptCheck.scheduleBid(ok, "h1", 3, 1, COLUMNS, 2)).isEmpty();
    assertThat(ReceiptCheck.scheduleBid(ok, "h2", 3, 1, COLUMNS, 2))
        .hasValue(ReceiptCheck.WRONG_IDENTITY + ": bid for h1 from h2");
    assertThat(ReceiptCheck.scheduleBid(ok, "h1", 3, 2, COLUMNS, 2))
        .hasValue("The bid is for day 3 round 1, the call for day 3 round 2");
    Message.ScheduleBid shortOne = new Message.ScheduleBid("h1", 3, 1, schedule(1), "truthful");
    assertThat(ReceiptCheck.scheduleBid(shortOne, "h1", 3, 1, COLUMNS, 2))
        .hasValueSatisfying(
            r ->
                assertThat(r)
                    .startsWith(org.equigrid.market.negotiation.Answers.BAD_VALUES)
                    .contains("importKwh has 1 values, expected 2"));
  }

  @Test
  void idleNetLoad_ownDayLengthAndFiniteValuesChecked() {
    assertThat(
            ReceiptCheck.idleNetLoad(
                new Message.IdleNetLoad("h1", 3, new double[] {-1, 2}), "h1", 3, 2))
        .isEmpty();
    assertThat(
            ReceiptCheck.idleNetLoad(
                new Message.IdleNetLoad("h1", 4, new double[] {-1, 2}), "h1", 3, 2))
        .hasValue("its idle net load is not for h1 on day 3 with 2 intervals");
    assertThat(
            ReceiptCheck.idleNetLoad(
                new Message.IdleNetLoad("h1", 3, new double[] {-1, Double.NaN}), "h1", 3, 2))
        .hasValue("netLoadKwh[1] (NaN) must be finite");
  }
}
