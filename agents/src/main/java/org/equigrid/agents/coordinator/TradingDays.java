package org.equigrid.agents.coordinator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.equigrid.agents.protocol.Message;
import org.equigrid.agents.protocol.Message.BatterySpec;
import org.equigrid.agents.protocol.Message.Bid;
import org.equigrid.agents.protocol.Message.JoinRequest;
import org.equigrid.agents.protocol.Message.NetProfileBid;
import org.equigrid.market.model.Appliance;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.FlexibleDemand;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.ParticipantKind;
import org.equigrid.market.model.ReservationPrices;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.negotiation.Answer;

/**
 * The market's days built from what households sent the coordinator (joins, bids, net profiles,
 * idle net loads), and the awards built back from the market's answers. Pure: no agent, no message
 * sent; the coordinator agent calls it between messages.
 */
final class TradingDays {

  private TradingDays() {}

  /**
   * The day a mechanism negotiates over, from the negotiators' joins (kind, group, income, PV size,
   * battery offered, at its lowest state of charge, flexible demand declared) and, for the
   * decomposition, each household's idle net load as load where positive and PV where negative (the
   * master reads only their difference; zeros for a household that sent none).
   *
   * @param ids the negotiators in member order
   * @param idleNetKwh by id, the idle net load per interval (decomposition; empty otherwise)
   */
  static TradingDay negotiators(
      int day,
      DayTerms terms,
      List<String> ids,
      Function<String, JoinRequest> joinOf,
      Map<String, double[]> idleNetKwh) {
    int n = ids.size();
    List<Household> households = new ArrayList<>();
    for (String id : ids) {
      JoinRequest join = joinOf.apply(id);
      BatterySpec b = join.battery();
      households.add(household(id, join, b == null ? null : b.battery(b.socMinKwh()), flex(join)));
    }
    int intervals = terms.tariff().intervals();
    double[][] load = new double[n][];
    double[][] pv = new double[n][];
    for (int k = 0; k < n; k++) {
      double[] net = idleNetKwh.get(ids.get(k));
      if (net == null) {
        net = new double[intervals];
      }
      load[k] = loadOf(net);
      pv[k] = pvOf(net);
    }
    return new TradingDay(
        day,
        terms.dayOfYear(),
        terms.intervalHours(),
        households,
        load,
        pv,
        new double[n],
        terms.tariff());
  }

  /**
   * Central mode: the bidders as they bid (profiles, battery at its initial state of charge,
   * reservation prices when both are given, flexible demand), with their joins' kind, group and
   * income.
   *
   * @param bidders non-empty, sorted by id
   */
  static TradingDay central(
      int day,
      DayTerms terms,
      List<String> bidders,
      Function<String, JoinRequest> joinOf,
      Map<String, Bid> bids) {
    int n = bidders.size();
    List<Household> households = new ArrayList<>();
    double[][] load = new double[n][];
    double[][] pv = new double[n][];
    double[] soc = new double[n];
    for (int i = 0; i < n; i++) {
      String id = bidders.get(i);
      JoinRequest join = joinOf.apply(id);
      Bid bid = bids.get(id);
      BatterySpec b = bid.battery();
      Battery battery = b == null ? null : b.battery(bid.initialSocKwh());
      ReservationPrices reservation =
          bid.buyMaxEurPerKwh() == null || bid.sellMinEurPerKwh() == null
              ? null
              : new ReservationPrices(bid.buyMaxEurPerKwh(), bid.sellMinEurPerKwh());
      households.add(
          new Household(
              id,
              ParticipantKind.valueOf(join.kind()),
              join.group(),
              join.dailyIncomeEur(),
              bid.pvKwp(),
              battery,
              reservation,
              flex(bid)));
      load[i] = bid.loadKwh();
      pv[i] = bid.pvKwh();
      soc[i] = battery == null ? 0 : bid.initialSocKwh();
    }
    return day(day, terms, households, load, pv, soc);
  }

  /**
   * A bid's flexible demand as the market's: its EV and its appliances, named {@code #1, #2, ...}
   * in bid order ({@link Message.ApplianceSpec#appliance}). The bid has passed {@link
   * org.equigrid.agents.protocol.ReceiptCheck#bid}, so every value is in range.
   */
  static FlexibleDemand flex(Bid bid) {
    return flex(bid.ev(), bid.appliances());
  }

  /**
   * A join's declared flexible demand as the market's (the decomposition's master reads where an EV
   * may draw and who has direction binaries; docs/negotiation.md), as {@link #flex(Bid)}.
   */
  static FlexibleDemand flex(JoinRequest join) {
    return flex(join.ev(), join.appliances());
  }

  private static FlexibleDemand flex(Message.EvSpec ev, List<Message.ApplianceSpec> declared) {
    List<Message.ApplianceSpec> specs = declared == null ? List.of() : declared;
    List<Appliance> appliances = new ArrayList<>(specs.size());
    for (int a = 0; a < specs.size(); a++) {
      appliances.add(specs.get(a).appliance(a + 1));
    }
    return new FlexibleDemand(ev == null ? null : ev.ev(), appliances);
  }

  /**
   * Decentralised mode: each bidder's net profile as load where positive and PV where negative, no
   * battery (the households scheduled their own).
   *
   * @param bidders non-empty, sorted by id
   */
  static TradingDay netProfiles(
      int day,
      DayTerms terms,
      List<String> bidders,
      Function<String, JoinRequest> joinOf,
      Map<String, NetProfileBid> bids) {
    int n = bidders.size();
    List<Household> households = new ArrayList<>();
    double[][] load = new double[n][];
    double[][] pv = new double[n][];
    for (int i = 0; i < n; i++) {
      String id = bidders.get(i);
      double[] net = bids.get(id).netKwh();
      households.add(household(id, joinOf.apply(id), null, FlexibleDemand.NONE));
      load[i] = loadOf(net);
      pv[i] = pvOf(net);
    }
    return day(day, terms, households, load, pv, new double[n]);
  }

  /**
   * Household {@code id} as its join declares it (kind, group, income, PV size), with {@code
   * battery} and {@code flex} and no reservation prices.
   */
  static Household household(String id, JoinRequest join, Battery battery, FlexibleDemand flex) {
    return new Household(
        id,
        ParticipantKind.valueOf(join.kind()),
        join.group(),
        join.dailyIncomeEur(),
        join.pvKwp(),
        battery,
        null,
        flex);
  }

  /** A net load's positive part, as load (kWh per interval). */
  static double[] loadOf(double[] netKwh) {
    return Arrays.stream(netKwh).map(x -> Math.max(x, 0)).toArray();
  }

  /** A net load's negative part, as PV (kWh per interval). */
  static double[] pvOf(double[] netKwh) {
    return Arrays.stream(netKwh).map(x -> Math.max(-x, 0)).toArray();
  }

  private static TradingDay day(
      int day,
      DayTerms terms,
      List<Household> households,
      double[][] load,
      double[][] pv,
      double[] soc) {
    if (terms.tariff().intervals() != load[0].length) {
      throw new IllegalStateException("profile length changed after validation");
    }
    return new TradingDay(
        day, terms.dayOfYear(), terms.intervalHours(), households, load, pv, soc, terms.tariff());
  }

  /**
   * Decentralised: the energy each bidder's own schedule stored in its registered battery, {@code
   * Σ_t ηc·ch[t] − dis[t]/ηd} (kWh; negative when it ends lower). A bidder without a battery, or
   * whose bid has no usable flows (missing, of different lengths, or a non-finite sum), stored 0.
   */
  static Map<String, Double> storedKwh(
      List<String> bidders, Function<String, JoinRequest> joinOf, Map<String, NetProfileBid> bids) {
    Map<String, Double> stored = new LinkedHashMap<>();
    for (String id : bidders) {
      BatterySpec b = joinOf.apply(id).battery();
      NetProfileBid bid = bids.get(id);
      double kwh = 0;
      double[] ch = bid.chargeKwh();
      double[] dis = bid.dischargeKwh();
      if (b != null && ch != null && dis != null && ch.length == dis.length) {
        for (int t = 0; t < ch.length; t++) {
          kwh += b.chargeEfficiency() * ch[t] - dis[t] / b.dischargeEfficiency();
        }
      }
      stored.put(id, Double.isFinite(kwh) ? kwh : 0.0);
    }
    return stored;
  }

  /**
   * Tâtonnement: the mechanism's answer of a net-profile bid; battery flows missing or of another
   * length than {@code netKwh} count as zeros.
   */
  static Answer.NetProfile answer(NetProfileBid bid) {
    int n = bid.netKwh().length;
    double[] ch =
        bid.chargeKwh() != null && bid.chargeKwh().length == n ? bid.chargeKwh() : new double[n];
    double[] dis =
        bid.dischargeKwh() != null && bid.dischargeKwh().length == n
            ? bid.dischargeKwh()
            : new double[n];
    return new Answer.NetProfile(bid.netKwh(), ch, dis);
  }

  /**
   * ADMM and decomposition: the cleared grid and pool flows with the battery flows and state of
   * charge of the household's negotiated schedule; the cleared schedule itself without one.
   */
  static Message.Schedule awarded(Message.Schedule cleared, Answer.Schedule negotiated) {
    if (negotiated == null) {
      return cleared;
    }
    return new Message.Schedule(
        cleared.importKwh(),
        cleared.exportKwh(),
        cleared.buyKwh(),
        cleared.sellKwh(),
        negotiated.chargeKwh(),
        negotiated.dischargeKwh(),
        negotiated.socKwh());
  }
}
