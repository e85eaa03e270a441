package org.equigrid.agents.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.equigrid.agents.protocol.Message.BatterySpec;
import org.equigrid.agents.protocol.Message.Bid;
import org.equigrid.agents.protocol.Message.JoinRequest;
import org.junit.jupiter.api.Test;

class ReceiptCheckTest {

  private static final BatterySpec BATTERY = new BatterySpec(5.0, 2.5, 0.95, 0.95, 0.5, 5.0);
  private static final JoinRequest REGISTERED =
      new JoinRequest("h1", "PROSUMER", "LOW", 40, 4, BATTERY, null, List.of(), 10, 10);

  private static Bid bid(double[] load, BatterySpec battery) {
    return MessageCodecTest.bid(load, new double[] {0, 0.5}, battery);
  }

  @Test
  void bid_valid_isAccepted() {
    assertThat(ReceiptCheck.bid(bid(new double[] {1, 2}, BATTERY), REGISTERED, 3, 2, 1.0))
        .isEmpty();
    assertThat(ReceiptCheck.bid(bid(new double[] {1, 2}, null), REGISTERED, 3, 2, 1.0)).isEmpty();
  }

  @Test
  void bid_negativeLoad_refusedWithValue() {
    assertThat(ReceiptCheck.bid(bid(new double[] {1, -2}, BATTERY), REGISTERED, 3, 2, 1.0))
        .hasValueSatisfying(
            r -> assertThat(r).startsWith(ReceiptCheck.BAD_VALUE).contains("loadKwh[1] (-2.0)"));
  }

  @Test
  void bid_nanLoad_refused() {
    assertThat(ReceiptCheck.bid(bid(new double[] {Double.NaN, 2}, BATTERY), REGISTERED, 3, 2, 1.0))
        .hasValueSatisfying(r -> assertThat(r).startsWith(ReceiptCheck.BAD_VALUE).contains("NaN"));
  }

  @Test
  void bid_wrongLength_refused() {
    assertThat(ReceiptCheck.bid(bid(new double[] {1, 2, 3}, BATTERY), REGISTERED, 3, 2, 1.0))
        .hasValueSatisfying(
            r ->
                assertThat(r)
                    .startsWith(ReceiptCheck.WRONG_LENGTH)
                    .contains("3 intervals, expected 2"));
  }

  @Test
  void bid_batteryLargerThanRegistered_refused() {
    BatterySpec bigger = new BatterySpec(8.0, 2.5, 0.95, 0.95, 0.5, 5.0);
    assertThat(ReceiptCheck.bid(bid(new double[] {1, 2}, bigger), REGISTERED, 3, 2, 1.0))
        .hasValueSatisfying(
            r -> assertThat(r).startsWith(ReceiptCheck.BATTERY_LARGER).contains("8.0 kWh"));
  }

  @Test
  void bid_otherIdentityOrDay_refused() {
    JoinRequest other =
        new JoinRequest("h2", "PROSUMER", "LOW", 40, 4, BATTERY, null, List.of(), 10, 10);
    assertThat(ReceiptCheck.bid(bid(new double[] {1, 2}, null), other, 3, 2, 1.0))
        .hasValueSatisfying(r -> assertThat(r).startsWith(ReceiptCheck.WRONG_IDENTITY));
    assertThat(ReceiptCheck.bid(bid(new double[] {1, 2}, null), REGISTERED, 4, 2, 1.0))
        .hasValueSatisfying(r -> assertThat(r).startsWith(ReceiptCheck.WRONG_DAY));
  }

  /** A day-long (24 hourly intervals) bid with this flexible demand. */
  private static Bid flexible(Message.EvSpec ev, List<Message.ApplianceSpec> appliances) {
    double[] load = new double[24];
    return new Bid(
        "h1", 3, load, load, 4.0, null, 0, ev, appliances, 10.0, 10.0, null, null, "truthful");
  }

  /** A bid of a day of two intervals (hours 0 and 1) with this flexible demand. */
  private static Bid twoIntervals(Message.EvSpec ev, List<Message.ApplianceSpec> appliances) {
    double[] load = {1, 2};
    return new Bid(
        "h1", 3, load, load, 4.0, null, 0, ev, appliances, 10.0, 10.0, null, null, "truthful");
  }

  private static final Message.EvSpec EV = new Message.EvSpec(7.0, 3.7, 18, 7);
  private static final Message.ApplianceSpec DISHWASHER =
      new Message.ApplianceSpec(1.2, 2.0, 8, 22);

  private static final Message.ApplianceSpec WASHER = new Message.ApplianceSpec(2.0, 1.0, 6, 20);

  /** h1 registered with {@code ev} and {@code appliances}. */
  private static JoinRequest registered(Message.EvSpec ev, List<Message.ApplianceSpec> appliances) {
    return new JoinRequest("h1", "PROSUMER", "LOW", 40, 4, BATTERY, ev, appliances, 10, 10);
  }

  /**
   * The refusal of a bid of {@code ev} and {@code appliances} on a day of hourly intervals, from a
   * household that registered them.
   */
  private static Optional<String> check(Message.EvSpec ev, List<Message.ApplianceSpec> appliances) {
    return ReceiptCheck.bid(flexible(ev, appliances), registered(ev, appliances), 3, 24, 1.0);
  }

  /** The refusal of a bid of {@code ev} and {@code appliances} from h1 registered with both. */
  private static Optional<String> againstRegistered(
      Message.EvSpec ev, List<Message.ApplianceSpec> appliances) {
    return ReceiptCheck.bid(
        flexible(ev, appliances), registered(EV, List.of(DISHWASHER, WASHER)), 3, 24, 1.0);
  }

  @Test
  void bid_registeredOrWithheldFlexibleDemand_isAccepted() {
    assertThat(againstRegistered(EV, List.of(DISHWASHER, WASHER))).isEmpty();
    assertThat(againstRegistered(null, List.of(DISHWASHER, WASHER))).as("EV withheld").isEmpty();
    assertThat(againstRegistered(EV, List.of())).as("appliances withheld").isEmpty();
    assertThat(againstRegistered(null, List.of())).as("withhold-flexibility").isEmpty();
    assertThat(againstRegistered(null, null)).as("null appliances read as none").isEmpty();
  }

  @Test
  void bid_flexibleDemandOtherThanRegistered_refusedNamingFieldAndValue() {
    List<Message.ApplianceSpec> both = List.of(DISHWASHER, WASHER);
    assertThat(againstRegistered(new Message.EvSpec(9.0, 3.7, 18, 7), both))
        .hasValue(
            ReceiptCheck.FLEX_UNREGISTERED
                + ": ev.energyKwh 9.0, registered 7.0. Maybe you meant to offer the registered"
                + " flexible demand or none.");
    assertThat(againstRegistered(new Message.EvSpec(7.0, 11.0, 18, 7), both))
        .hasValueSatisfying(r -> assertThat(r).contains("ev.maxPowerKw 11.0, registered 3.7"));
    assertThat(againstRegistered(new Message.EvSpec(7.0, 3.7, 17, 7), both))
        .hasValueSatisfying(r -> assertThat(r).contains("ev.arrivalHour 17, registered 18"));
    assertThat(againstRegistered(new Message.EvSpec(7.0, 3.7, 18, 9), both))
        .hasValueSatisfying(r -> assertThat(r).contains("ev.departureHour 9, registered 7"));
    assertThat(againstRegistered(EV, List.of(DISHWASHER, WASHER, DISHWASHER)))
        .hasValue(
            ReceiptCheck.FLEX_UNREGISTERED
                + ": appliance #3 {powerKw 1.2, durationHours 2.0, earliestStartHour 8,"
                + " latestEndHour 22}, registered none. Maybe you meant to offer the registered"
                + " flexible demand or none.");
    assertThat(againstRegistered(EV, List.of(DISHWASHER)))
        .as("a part of the appliances is neither the registered ones nor none")
        .hasValueSatisfying(
            r -> assertThat(r).contains("appliance #2 none, registered {powerKw 2.0,"));
    assertThat(againstRegistered(EV, List.of(WASHER, DISHWASHER)))
        .hasValueSatisfying(
            r -> assertThat(r).contains("appliance #1 powerKw 2.0, registered 1.2"));
    // A household registered without flexible demand offers an EV.
    assertThat(ReceiptCheck.bid(flexible(EV, List.of()), REGISTERED, 3, 24, 1.0))
        .hasValueSatisfying(
            r ->
                assertThat(r)
                    .startsWith(ReceiptCheck.FLEX_UNREGISTERED)
                    .contains(
                        "ev {energyKwh 7.0, maxPowerKw 3.7, arrivalHour 18, departureHour 7},"
                            + " registered none"));
  }

  @Test
  void join_invalidFlexibleDemand_refusedNamingFieldAndValue() {
    assertThat(ReceiptCheck.join(registered(EV, List.of(DISHWASHER, WASHER)))).isEmpty();
    assertThat(ReceiptCheck.join(registered(new Message.EvSpec(-7.0, 3.7, 18, 7), List.of())))
        .hasValueSatisfying(
            r -> assertThat(r).startsWith(ReceiptCheck.BAD_JOIN).contains("ev.energyKwh (-7.0)"));
    assertThat(
            ReceiptCheck.join(
                registered(null, List.of(DISHWASHER, new Message.ApplianceSpec(1.2, 2.0, 8, 25)))))
        .hasValueSatisfying(
            r ->
                assertThat(r)
                    .startsWith(ReceiptCheck.BAD_JOIN)
                    .contains("appliance #2")
                    .contains("latestEndHour (25)"));
    assertThat(ReceiptCheck.join(registered(null, java.util.Arrays.asList(DISHWASHER, null))))
        .hasValueSatisfying(r -> assertThat(r).contains("appliance #2 is null"));
    assertThat(
            ReceiptCheck.join(
                registered(
                    null,
                    java.util.Collections.nCopies(ReceiptCheck.MAX_APPLIANCES + 1, DISHWASHER))))
        .hasValue(
            ReceiptCheck.BAD_JOIN
                + ": appliances has "
                + (ReceiptCheck.MAX_APPLIANCES + 1)
                + " entries, at most "
                + ReceiptCheck.MAX_APPLIANCES);
    assertThat(
            ReceiptCheck.join(
                registered(
                    null, java.util.Collections.nCopies(ReceiptCheck.MAX_APPLIANCES, DISHWASHER))))
        .isEmpty();
  }

  @Test
  void bid_validFlexibleDemand_isAccepted() {
    assertThat(check(EV, List.of(DISHWASHER, DISHWASHER))).isEmpty();
    assertThat(check(null, null)).as("null appliances read as none").isEmpty();
  }

  @Test
  void bid_evFieldOutOfRange_refusedNamingFieldAndValue() {
    assertThat(check(new Message.EvSpec(-7.0, 3.7, 18, 7), List.of()))
        .hasValueSatisfying(
            r -> assertThat(r).startsWith(ReceiptCheck.BAD_FLEX).contains("ev.energyKwh (-7.0)"));
    assertThat(check(new Message.EvSpec(7.0, Double.NaN, 18, 7), List.of()))
        .hasValueSatisfying(r -> assertThat(r).contains("ev.maxPowerKw (NaN)"));
    assertThat(check(new Message.EvSpec(7.0, 3.7, 25, 7), List.of()))
        .hasValueSatisfying(r -> assertThat(r).contains("ev.arrivalHour (25)"));
    // 30 kWh at 3.7 kW in the 6 h from 18 h to midnight: at most 22.2 kWh
    assertThat(check(new Message.EvSpec(30.0, 3.7, 18, 0), List.of()))
        .hasValueSatisfying(r -> assertThat(r).contains("ev.energyKwh (30.0)"));
    // Two hourly intervals (hours 0 and 1) are none of the 18 h to 23 h window.
    assertThat(
            ReceiptCheck.bid(
                twoIntervals(new Message.EvSpec(7.0, 3.7, 18, 23), List.of()),
                REGISTERED,
                3,
                2,
                1.0))
        .hasValueSatisfying(
            r ->
                assertThat(r)
                    .startsWith(ReceiptCheck.BAD_FLEX)
                    .contains("ev.energyKwh (7.0)")
                    .contains("0 plugged-in intervals"));
  }

  @Test
  void bid_applianceFieldOutOfRangeOrUnschedulable_refusedNamingApplianceFieldAndValue() {
    assertThat(check(null, List.of(DISHWASHER, new Message.ApplianceSpec(-1.2, 2.0, 8, 22))))
        .hasValueSatisfying(
            r ->
                assertThat(r)
                    .startsWith(ReceiptCheck.BAD_FLEX)
                    .contains("appliance #2: powerKw (-1.2)"));
    assertThat(check(null, List.of(new Message.ApplianceSpec(1.2, 1.5, 8, 22))))
        .hasValueSatisfying(
            r ->
                assertThat(r)
                    .contains("appliance #1: durationHours (1.5)")
                    .contains("whole number of intervals"));
    assertThat(check(null, List.of(new Message.ApplianceSpec(1.2, 2.0, 22, 8))))
        .hasValueSatisfying(r -> assertThat(r).contains("latestEndHour (8)"));
    assertThat(check(null, java.util.Arrays.asList(DISHWASHER, null)))
        .hasValueSatisfying(r -> assertThat(r).contains("appliance #2 is null"));
    assertThat(check(null, java.util.Collections.nCopies(ReceiptCheck.MAX_APPLIANCES, DISHWASHER)))
        .isEmpty();
    assertThat(
            check(null, java.util.Collections.nCopies(ReceiptCheck.MAX_APPLIANCES + 1, DISHWASHER)))
        .hasValueSatisfying(
            r -> assertThat(r).contains("appliances has " + (ReceiptCheck.MAX_APPLIANCES + 1)));
    // A day of two hourly intervals ends before the dishwasher's window opens at 8 h.
    assertThat(ReceiptCheck.bid(twoIntervals(null, List.of(DISHWASHER)), REGISTERED, 3, 2, 1.0))
        .hasValueSatisfying(r -> assertThat(r).contains("appliance #1 cannot start"));
  }

  @Test
  void join_consumerWithBatteryOrBadKind_refused() {
    assertThat(ReceiptCheck.join(REGISTERED)).isEmpty();
    assertThat(
            ReceiptCheck.join(
                new JoinRequest("h1", "CONSUMER", "LOW", 40, 0, BATTERY, null, List.of(), 10, 10)))
        .hasValueSatisfying(
            r ->
                assertThat(r)
                    .startsWith(ReceiptCheck.BAD_JOIN)
                    .contains("Maybe you meant PROSUMER"));
    assertThat(
            ReceiptCheck.join(
                new JoinRequest("h1", "ROBOT", "LOW", 40, 0, null, null, List.of(), 10, 10)))
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
        kwh.clone(),
        null,
        null);
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
                new Message.IdleNetLoad("h1", 3, new double[] {-1, 2}, "truthful"), "h1", 3, 2))
        .isEmpty();
    assertThat(
            ReceiptCheck.idleNetLoad(
                new Message.IdleNetLoad("h1", 4, new double[] {-1, 2}, "truthful"), "h1", 3, 2))
        .hasValue("its idle net load is not for h1 on day 3 with 2 intervals");
    assertThat(
            ReceiptCheck.idleNetLoad(
                new Message.IdleNetLoad("h1", 3, new double[] {-1, Double.NaN}, "truthful"),
                "h1",
                3,
                2))
        .hasValue("netLoadKwh[1] (NaN) must be finite");
  }
}
