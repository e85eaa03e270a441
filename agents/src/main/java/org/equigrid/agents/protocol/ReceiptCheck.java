package org.equigrid.agents.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.equigrid.agents.protocol.Message.BatterySpec;
import org.equigrid.agents.protocol.Message.Bid;
import org.equigrid.agents.protocol.Message.JoinRequest;
import org.equigrid.agents.protocol.Message.NetProfileBid;
import org.equigrid.market.model.ParticipantKind;
import org.equigrid.market.negotiation.Answers;
import org.equigrid.market.negotiation.Signal;

/**
 * Value checks at message receipt. Each check returns the REFUSE reason, or empty when the message
 * is acceptable. Reasons start with the shared constants below so tests assert on them. A bid's
 * flexible demand is checked in {@link FlexCheck}.
 */
public final class ReceiptCheck {

  public static final String NOT_REGISTERED = "The sender is not a registered participant";
  public static final String WRONG_IDENTITY =
      "The household id does not match the sender's registration";
  public static final String WRONG_DAY = "The bid is for another day";
  public static final String WRONG_LENGTH = "A profile has the wrong number of intervals";
  public static final String BAD_VALUE = "A value is out of range";
  public static final String BATTERY_LARGER = "The battery is larger than the registered one";
  public static final String BAD_FLEX = "The flexible demand is invalid";
  public static final String FLEX_UNREGISTERED =
      "The flexible demand differs from the registered one";
  public static final String BAD_JOIN = "The join request is invalid";
  public static final String BAD_METRICS = "The equity metrics are invalid";
  public static final String BAD_WEIGHTS = "The weights are invalid";

  /**
   * The most deferrable appliances a bid may offer: each is a start binary per interval in the
   * clearing's MILP (and in every coalition's), so an unbounded list would stall the day.
   */
  public static final int MAX_APPLIANCES = 24;

  static final double TOLERANCE = 1e-9;

  private ReceiptCheck() {}

  /**
   * Checks a join request on its own, its flexible demand as {@link FlexCheck#declared} (without a
   * day, so a bid can still find it unschedulable on a day of other intervals).
   */
  public static Optional<String> join(JoinRequest join) {
    if (join.householdId() == null || join.householdId().isBlank()) {
      return refuse(BAD_JOIN, "householdId is blank. Maybe you meant the scenario's household id.");
    }
    if (Arrays.stream(ParticipantKind.values()).noneMatch(k -> k.name().equals(join.kind()))) {
      return refuse(
          BAD_JOIN,
          "kind ("
              + join.kind()
              + ") must be "
              + Arrays.stream(ParticipantKind.values())
                  .map(Enum::name)
                  .collect(Collectors.joining(" or ")));
    }
    if (join.group() == null || join.group().isBlank()) {
      return refuse(BAD_JOIN, "group is blank. Maybe you meant MIDDLE.");
    }
    if (!(join.dailyIncomeEur() > 0) || !Double.isFinite(join.dailyIncomeEur())) {
      return refuse(
          BAD_JOIN, "dailyIncomeEur (" + join.dailyIncomeEur() + ") must be finite and > 0");
    }
    if (!nonNegative(join.pvKwp())) {
      return refuse(BAD_JOIN, "pvKwp (" + join.pvKwp() + ") must be finite and >= 0");
    }
    if (ParticipantKind.CONSUMER.name().equals(join.kind())
        && (join.pvKwp() > 0 || join.battery() != null)) {
      return refuse(BAD_JOIN, "a CONSUMER cannot own PV or a battery. Maybe you meant PROSUMER.");
    }
    if (!(join.importLimitKw() > 0) || !nonNegative(join.exportLimitKw())) {
      return refuse(
          BAD_JOIN,
          "importLimitKw ("
              + join.importLimitKw()
              + ") must be > 0 and exportLimitKw ("
              + join.exportLimitKw()
              + ") >= 0");
    }
    return battery(join.battery(), "battery")
        .or(() -> FlexCheck.declared(join.ev(), join.appliances(), BAD_JOIN));
  }

  /**
   * The first difference between the flexible demand of {@code join} and {@code expected}'s, or
   * empty when it is the same: the field and both values, e.g. {@code ev.energyKwh 9.0, expected
   * 7.0} or {@code appliance #2 {powerKw 1.2, ...}, expected none}.
   */
  public static Optional<String> flexDifference(JoinRequest join, JoinRequest expected) {
    return FlexCheck.difference(
        join.ev(), join.appliances(), expected.ev(), expected.appliances(), "expected");
  }

  /**
   * Checks a central-mode bid against the sender's registration and the day's CFP ({@code
   * intervals} of {@code intervalHours}).
   */
  public static Optional<String> bid(
      Bid bid, JoinRequest registered, int day, int intervals, double intervalHours) {
    if (!registered.householdId().equals(bid.householdId())) {
      return refuse(
          WRONG_IDENTITY, "bid for " + bid.householdId() + " from " + registered.householdId());
    }
    if (bid.day() != day) {
      return refuse(WRONG_DAY, "day " + bid.day() + ", the call is for day " + day);
    }
    Optional<String> load = profile("loadKwh", bid.loadKwh(), intervals);
    if (load.isPresent()) {
      return load;
    }
    Optional<String> pv = profile("pvKwh", bid.pvKwh(), intervals);
    if (pv.isPresent()) {
      return pv;
    }
    if (!nonNegative(bid.pvKwp()) || bid.pvKwp() > registered.pvKwp() + TOLERANCE) {
      return refuse(
          BAD_VALUE, "pvKwp (" + bid.pvKwp() + ") must be in [0, " + registered.pvKwp() + "]");
    }
    Optional<String> battery = battery(bid.battery(), "battery");
    if (battery.isPresent()) {
      return battery;
    }
    if (bid.battery() != null) {
      BatterySpec own = registered.battery();
      if (own == null
          || bid.battery().capacityKwh() > own.capacityKwh() + TOLERANCE
          || bid.battery().powerKw() > own.powerKw() + TOLERANCE) {
        return refuse(
            BATTERY_LARGER,
            "offered "
                + describe(bid.battery())
                + ", registered "
                + describe(own)
                + ". Maybe you meant to offer at most the registered battery.");
      }
      if (!(bid.initialSocKwh() >= bid.battery().socMinKwh() - TOLERANCE
          && bid.initialSocKwh() <= bid.battery().socMaxKwh() + TOLERANCE)) {
        return refuse(
            BAD_VALUE,
            "initialSocKwh ("
                + bid.initialSocKwh()
                + ") must be in ["
                + bid.battery().socMinKwh()
                + ", "
                + bid.battery().socMaxKwh()
                + "]");
      }
    }
    if (!(bid.importLimitKw() > 0) || !nonNegative(bid.exportLimitKw())) {
      return refuse(BAD_VALUE, "importLimitKw (" + bid.importLimitKw() + ") must be > 0");
    }
    if (bid.buyMaxEurPerKwh() != null && !Double.isFinite(bid.buyMaxEurPerKwh())
        || bid.sellMinEurPerKwh() != null && !Double.isFinite(bid.sellMinEurPerKwh())) {
      return refuse(BAD_VALUE, "reservation prices must be finite");
    }
    return FlexCheck.flex(bid, intervals, intervalHours).or(() -> registered(bid, registered));
  }

  /**
   * Checks that a bid offers the registered flexible demand or withholds it: its EV the registered
   * one or none, its appliances the registered ones or none ({@code withhold-flexibility} bids them
   * as fixed load).
   */
  private static Optional<String> registered(Bid bid, JoinRequest registered) {
    boolean noAppliances = FlexCheck.orNone(bid.appliances()).isEmpty();
    return FlexCheck.difference(
            bid.ev() == null ? registered.ev() : bid.ev(),
            noAppliances ? registered.appliances() : bid.appliances(),
            registered.ev(),
            registered.appliances(),
            "registered")
        .flatMap(
            d ->
                refuse(
                    FLEX_UNREGISTERED,
                    d + ". Maybe you meant to offer the registered flexible demand or none."));
  }

  /** Checks a decentralised-mode net profile against the sender's registration and the round. */
  public static Optional<String> netProfile(
      NetProfileBid bid, JoinRequest registered, int day, int intervals) {
    if (!registered.householdId().equals(bid.householdId())) {
      return refuse(
          WRONG_IDENTITY, "bid for " + bid.householdId() + " from " + registered.householdId());
    }
    if (bid.day() != day) {
      return refuse(WRONG_DAY, "day " + bid.day() + ", the call is for day " + day);
    }
    if (bid.netKwh() == null || bid.netKwh().length != intervals) {
      return refuse(
          WRONG_LENGTH,
          "netKwh has "
              + (bid.netKwh() == null ? 0 : bid.netKwh().length)
              + ", expected "
              + intervals);
    }
    for (int t = 0; t < intervals; t++) {
      if (!Double.isFinite(bid.netKwh()[t])) {
        return refuse(BAD_VALUE, "netKwh[" + t + "] (" + bid.netKwh()[t] + ") must be finite");
      }
    }
    return bid.flexKwh() == null
        ? Optional.empty()
        : Answers.check("flexKwh", bid.flexKwh(), intervals, true)
            .flatMap(p -> refuse(BAD_VALUE, p));
  }

  /**
   * Checks an ADMM or decomposition schedule: from {@code senderId}, for this day and round, and an
   * answer of the kind {@code signal} asks for ({@link Answers#problem}).
   */
  public static Optional<String> scheduleBid(
      Message.ScheduleBid bid, String senderId, int day, int round, Signal signal, int intervals) {
    if (!senderId.equals(bid.householdId())) {
      return Optional.of(WRONG_IDENTITY + ": bid for " + bid.householdId() + " from " + senderId);
    }
    if (bid.day() != day || bid.round() != round) {
      return Optional.of(
          "The bid is for day "
              + bid.day()
              + " round "
              + bid.round()
              + ", the call for day "
              + day
              + " round "
              + round);
    }
    return Answers.problem(signal, bid.schedule(), intervals);
  }

  /** Checks a decomposition household's idle net load: its own, for this day, finite values. */
  public static Optional<String> idleNetLoad(
      Message.IdleNetLoad net, String senderId, int day, int intervals) {
    if (!senderId.equals(net.householdId())
        || net.day() != day
        || net.netLoadKwh() == null
        || net.netLoadKwh().length != intervals) {
      return Optional.of(
          "its idle net load is not for "
              + senderId
              + " on day "
              + day
              + " with "
              + intervals
              + " intervals");
    }
    for (int t = 0; t < intervals; t++) {
      if (!Double.isFinite(net.netLoadKwh()[t])) {
        return Optional.of("netLoadKwh[" + t + "] (" + net.netLoadKwh()[t] + ") must be finite");
      }
    }
    return Optional.empty();
  }

  /** Checks the coordinator's equity metrics at the learner. */
  public static Optional<String> equityMetrics(Message.EquityMetrics metrics) {
    if (metrics.nextDayOfYear() < 1 || metrics.nextDayOfYear() > 366) {
      return refuse(
          BAD_METRICS, "nextDayOfYear (" + metrics.nextDayOfYear() + ") must be in 1..366");
    }
    if (metrics.weights() == null
        || metrics.burdenGap() == null
        || metrics.accessGap() == null
        || metrics.burdenDifference() == null
        || metrics.accessDifference() == null) {
      return refuse(
          BAD_METRICS,
          "weights, burdenDifference, accessDifference, burdenGap and accessGap must be present (maps by group)");
    }
    for (Map<String, Double> byGroup :
        List.of(
            metrics.burdenGap(),
            metrics.accessGap(),
            metrics.burdenDifference(),
            metrics.accessDifference())) {
      if (byGroup.values().stream().anyMatch(java.util.Objects::isNull)) {
        return refuse(
            BAD_METRICS,
            "burdenDifference, accessDifference, burdenGap and accessGap need a number per"
                + " group (NaN is allowed, null is not)");
      }
    }
    for (Map.Entry<String, Double> e : metrics.weights().entrySet()) {
      if (e.getValue() == null || !(e.getValue() > 0) || !Double.isFinite(e.getValue())) {
        return refuse(
            BAD_METRICS,
            "the weight of " + e.getKey() + " (" + e.getValue() + ") must be finite and > 0");
      }
    }
    return Optional.empty();
  }

  /**
   * Checks the learner's reply at the coordinator: weights of {@code day} for exactly {@code
   * groups}, each finite and in {@code [minWeight, maxWeight]}.
   */
  public static Optional<String> nextWeights(
      Message.NextWeights reply, int day, Set<String> groups, double minWeight, double maxWeight) {
    if (reply.day() != day) {
      return refuse(WRONG_DAY, "weights for day " + reply.day() + ", expected day " + day);
    }
    if (reply.weights() == null || !reply.weights().keySet().equals(groups)) {
      return refuse(
          BAD_WEIGHTS,
          "groups "
              + (reply.weights() == null ? "none" : new TreeSet<>(reply.weights().keySet()))
              + ", expected "
              + new TreeSet<>(groups));
    }
    for (Map.Entry<String, Double> e : new TreeMap<>(reply.weights()).entrySet()) {
      Double w = e.getValue();
      if (w == null
          || !Double.isFinite(w)
          || w < minWeight - TOLERANCE
          || w > maxWeight + TOLERANCE) {
        return refuse(
            BAD_WEIGHTS,
            "the weight of "
                + e.getKey()
                + " ("
                + w
                + ") must be in ["
                + minWeight
                + ", "
                + maxWeight
                + "]");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> profile(String name, double[] values, int intervals) {
    if (values == null || values.length != intervals) {
      return refuse(
          WRONG_LENGTH,
          name
              + " has "
              + (values == null ? 0 : values.length)
              + " intervals, expected "
              + intervals);
    }
    for (int t = 0; t < intervals; t++) {
      if (!nonNegative(values[t])) {
        return refuse(BAD_VALUE, name + "[" + t + "] (" + values[t] + ") must be finite and >= 0");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> battery(BatterySpec b, String name) {
    if (b == null) {
      return Optional.empty();
    }
    boolean ok =
        b.capacityKwh() > 0
            && Double.isFinite(b.capacityKwh())
            && b.powerKw() > 0
            && Double.isFinite(b.powerKw())
            && b.chargeEfficiency() > 0
            && b.chargeEfficiency() <= 1
            && b.dischargeEfficiency() > 0
            && b.dischargeEfficiency() <= 1
            && b.socMinKwh() >= 0
            && b.socMinKwh() <= b.socMaxKwh()
            && b.socMaxKwh() <= b.capacityKwh();
    return ok
        ? Optional.empty()
        : refuse(BAD_VALUE, name + " " + describe(b) + " is not a valid battery");
  }

  private static boolean nonNegative(double value) {
    return value >= 0 && Double.isFinite(value);
  }

  private static String describe(BatterySpec b) {
    return b == null ? "none" : b.capacityKwh() + " kWh / " + b.powerKw() + " kW";
  }

  /** The reason {@code kind: detail}. */
  static Optional<String> refuse(String kind, String detail) {
    return Optional.of(kind + ": " + detail);
  }
}
