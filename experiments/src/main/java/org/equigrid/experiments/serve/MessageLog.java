package org.equigrid.experiments.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.equigrid.agents.platform.AgentPlatform;
import org.equigrid.agents.protocol.Message;
import org.equigrid.agents.protocol.Narrator;
import org.equigrid.agents.protocol.ProtocolObserver;
import org.equigrid.agents.protocol.TraceEvent;

/**
 * Records a run's messages as the coordinator logs them (each message once, like the {@link
 * Narrator}), with one readable sentence each, and keeps what the page shows per household: the
 * bid, the schedule awarded and the settlement of each day, and the prices announced per round.
 * Thread-safe: the agents append while the server reads.
 */
final class MessageLog implements ProtocolObserver {

  /**
   * One message or note as the page lists it.
   *
   * @param index position in the run, from 0
   * @param day trading day ({@code -1} for joining)
   * @param round decentralised round (0 central)
   * @param phase {@code join}, {@code bid}, {@code round}, {@code award}, {@code settle}, ...
   * @param performative FIPA performative, or {@code NOTE} for a protocol event
   * @param sender local name of the sender
   * @param receiver local name of the receiver
   * @param household the household the message is with ({@code null} for the learner or a note)
   * @param messageType the content's record name
   * @param text one sentence of plain language
   * @param virtualSeconds virtual time of the event
   * @param billEur the bill a settlement message tells ({@code null} for other messages)
   */
  record Entry(
      int index,
      int day,
      int round,
      String phase,
      String performative,
      String sender,
      String receiver,
      String household,
      String messageType,
      String text,
      long virtualSeconds,
      Double billEur) {}

  /**
   * A household's bid of a day, as sent.
   *
   * @param loadKwh declared load per interval
   * @param pvKwh declared PV per interval
   * @param batteryKwh battery capacity offered ({@code 0} for none or withheld)
   * @param strategy the bidding strategy's name
   */
  record BidView(double[] loadKwh, double[] pvKwh, double batteryKwh, String strategy) {}

  /**
   * What the coordinator told a household after clearing and settlement.
   *
   * @param schedule the dispatch awarded (null when the household was standalone)
   * @param poolPriceEurPerKwh the pool prices awarded
   * @param energyCostEur {@code C_i}
   * @param standaloneCostEur {@code C0_i}
   * @param shareEur {@code φ_i}
   * @param billEur {@code B_i}
   * @param explanation the sentence of DESIGN.md section 6
   */
  record Outcome(
      Message.Schedule schedule,
      double[] poolPriceEurPerKwh,
      double energyCostEur,
      double standaloneCostEur,
      double shareEur,
      double billEur,
      String explanation) {}

  /** Mean announced pool price of one decentralised round. */
  record RoundPrice(
      int day, int round, double meanPoolPriceEurPerKwh, double[] poolPriceEurPerKwh) {}

  private final List<Entry> entries = new ArrayList<>();
  private final Map<Integer, Map<String, BidView>> bids = new TreeMap<>();
  private final Map<Integer, Map<String, Message.Acceptance>> awards = new TreeMap<>();
  private final Map<Integer, Map<String, Message.SettlementInform>> settlements = new TreeMap<>();
  private final List<RoundPrice> roundPrices = new ArrayList<>();
  private final java.util.Set<String> roundsSeen = new java.util.HashSet<>();

  @Override
  public synchronized void onMessage(TraceEvent event, Message content) {
    if (!AgentPlatform.COORDINATOR.equals(event.agent())) {
      return;
    }
    String household = household(event);
    entries.add(
        new Entry(
            entries.size(),
            event.day(),
            event.round(),
            event.phase(),
            event.performative(),
            event.sender(),
            event.receiver(),
            household,
            event.messageType(),
            Narrator.describe(event, content),
            event.virtualSeconds(),
            content instanceof Message.SettlementInform s ? s.billEur() : null));
    if (household == null) {
      return;
    }
    if (content instanceof Message.Bid b) {
      bids.computeIfAbsent(b.day(), d -> new TreeMap<>())
          .put(
              household,
              new BidView(
                  b.loadKwh(),
                  b.pvKwh(),
                  b.battery() == null ? 0 : b.battery().capacityKwh(),
                  b.strategy()));
    } else if (content instanceof Message.Acceptance a) {
      awards.computeIfAbsent(a.day(), d -> new TreeMap<>()).put(household, a);
    } else if (content instanceof Message.SettlementInform s) {
      settlements.computeIfAbsent(s.day(), d -> new TreeMap<>()).put(household, s);
    } else if (content instanceof Message.PricesAnnouncement p
        && roundsSeen.add(p.day() + "/" + p.round())) {
      double mean = 0;
      for (double price : p.poolPriceEurPerKwh()) {
        mean += price / p.poolPriceEurPerKwh().length;
      }
      roundPrices.add(new RoundPrice(p.day(), p.round(), mean, p.poolPriceEurPerKwh()));
    }
  }

  @Override
  public synchronized void onNote(int day, long virtualSeconds, String text) {
    entries.add(
        new Entry(
            entries.size(),
            day,
            0,
            "note",
            "NOTE",
            AgentPlatform.COORDINATOR,
            AgentPlatform.COORDINATOR,
            null,
            "note",
            text,
            virtualSeconds,
            null));
  }

  /** The household a coordinator-logged message is with, or null (the learner, itself). */
  private static String household(TraceEvent event) {
    String other = TraceEvent.SENT.equals(event.direction()) ? event.receiver() : event.sender();
    if (other == null
        || other.equals(AgentPlatform.COORDINATOR)
        || other.equals(AgentPlatform.LEARNER)) {
      return null;
    }
    return other;
  }

  synchronized int size() {
    return entries.size();
  }

  /**
   * Entries {@code from} (inclusive) onward, at most {@code limit}, optionally of one household.
   */
  synchronized List<Entry> entries(int from, int limit, String household) {
    List<Entry> out = new ArrayList<>();
    for (int i = Math.max(0, from); i < entries.size() && out.size() < limit; i++) {
      Entry e = entries.get(i);
      if (household == null || household.equals(e.household())) {
        out.add(e);
      }
    }
    return out;
  }

  synchronized List<RoundPrice> roundPrices() {
    return List.copyOf(roundPrices);
  }

  /** Each day's bid, award and settlement of one household, by day. */
  synchronized Map<Integer, Map<String, Object>> household(String id) {
    Map<Integer, Map<String, Object>> days = new TreeMap<>();
    bids.forEach(
        (day, byId) -> {
          if (byId.containsKey(id)) {
            days.computeIfAbsent(day, d -> new LinkedHashMap<>()).put("bid", byId.get(id));
          }
        });
    awards.forEach(
        (day, byId) -> {
          Message.Acceptance a = byId.get(id);
          if (a != null) {
            days.computeIfAbsent(day, d -> new LinkedHashMap<>()).put("schedule", a.schedule());
            days.get(day).put("poolPriceEurPerKwh", a.poolPriceEurPerKwh());
          }
        });
    settlements.forEach(
        (day, byId) -> {
          Message.SettlementInform s = byId.get(id);
          if (s != null) {
            days.computeIfAbsent(day, d -> new LinkedHashMap<>()).put("settlement", s);
          }
        });
    return days;
  }
}
