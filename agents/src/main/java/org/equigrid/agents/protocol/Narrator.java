package org.equigrid.agents.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Turns protocol events into a readable play-by-play, one line per event, as the coordinator sees
 * them (messages logged by other agents are skipped so that each message is told once).
 */
public final class Narrator implements ProtocolObserver {

  private final Appendable out;
  private final String coordinatorName;

  /**
   * @param out where lines go (a {@code PrintStream}, a {@code StringBuilder}, a writer)
   * @param coordinatorName local name of the coordinator agent
   */
  public Narrator(Appendable out, String coordinatorName) {
    this.out = out;
    this.coordinatorName = coordinatorName;
  }

  @Override
  public synchronized void onMessage(TraceEvent event, Message content) {
    if (!coordinatorName.equals(event.agent())) {
      return;
    }
    String arrow = event.sender() + " -> " + event.receiver();
    line(event.day(), event.virtualSeconds(), arrow + ": " + describe(event, content));
  }

  @Override
  public synchronized void onNote(int day, long virtualSeconds, String text) {
    line(day, virtualSeconds, text);
  }

  /**
   * One line of plain language for a message, as the play-by-play tells it (also the live view's).
   */
  public static String describe(TraceEvent event, Message content) {
    String performative = event.performative();
    if (content == null) {
      return performative + " with content that does not decode";
    }
    if (content instanceof Message.JoinRequest j) {
      return String.format(
          Locale.ROOT,
          "asks to join as %s (%s), PV %.1f kWp%s",
          j.kind().toLowerCase(Locale.ROOT),
          j.group(),
          j.pvKwp(),
          j.battery() == null ? ", no battery" : ", battery " + j.battery().capacityKwh() + " kWh");
    }
    if (content instanceof Message.JoinAccepted j) {
      return "welcome, participant number " + j.participants();
    }
    if (content instanceof Message.CallForProposals c) {
      return String.format(
          Locale.ROOT,
          "call for proposals for day %d (%d intervals of %.2f h, %s mode), bids due %s",
          c.day(),
          c.importPriceEurPerKwh().length,
          c.intervalHours(),
          c.mode(),
          clock(c.deadlineVirtualSeconds()));
    }
    if (content instanceof Message.Bid b) {
      return String.format(
          Locale.ROOT,
          "bids %.1f kWh load, %.1f kWh PV%s (strategy %s)",
          sum(b.loadKwh()),
          sum(b.pvKwh()),
          b.battery() == null ? ", no battery" : ", battery " + b.battery().capacityKwh() + " kWh",
          b.strategy());
    }
    if (content instanceof Message.PricesAnnouncement p) {
      return String.format(
          Locale.ROOT,
          "round %d pool prices, mean %.4f EUR/kWh",
          p.round(),
          sum(p.poolPriceEurPerKwh()) / Math.max(1, p.poolPriceEurPerKwh().length));
    }
    if (content instanceof Message.NetProfileBid n) {
      return String.format(
          Locale.ROOT,
          "round %d net profile %.1f kWh (%s)",
          n.round(),
          sum(n.netKwh()),
          n.scheduleNote());
    }
    if (content instanceof Message.Acceptance a) {
      return String.format(
          Locale.ROOT,
          "accepted: imports %.1f kWh, exports %.1f kWh, buys %.1f kWh and sells %.1f kWh in the pool",
          sum(a.schedule().importKwh()),
          sum(a.schedule().exportKwh()),
          sum(a.schedule().buyKwh()),
          sum(a.schedule().sellKwh()));
    }
    if (content instanceof Message.Rejection r) {
      return "rejected: " + r.reason();
    }
    if (content instanceof Message.SettlementInform s) {
      return String.format(
          Locale.ROOT,
          "bill %.2f EUR (energy %.2f EUR, share %.2f EUR). %s",
          s.billEur(),
          s.energyCostEur(),
          s.shareEur(),
          s.explanation());
    }
    if (content instanceof Message.SettlementReceived r) {
      return "received its settlement of day " + r.day();
    }
    if (content instanceof Message.EquityMetrics m) {
      return String.format(
          Locale.ROOT,
          "day %d equity: Gini of burden %.4f, price of fairness %.4f, weights %s; next weights due %s",
          m.day(),
          m.giniEnergyBurden(),
          m.priceOfFairness(),
          rounded(m.weights()),
          clock(m.deadlineVirtualSeconds()));
    }
    if (content instanceof Message.NextWeights w) {
      return "weights for day " + w.day() + ": " + rounded(w.weights());
    }
    if (content instanceof Message.ColumnPricesCall c) {
      return String.format(
          Locale.ROOT,
          "round %d decomposition prices for %d intervals, schedule due %s",
          c.round(),
          c.prices().importCostEurPerKwh().length,
          clock(c.deadlineVirtualSeconds()));
    }
    if (content instanceof Message.ProximalPricesCall c) {
      return String.format(
          Locale.ROOT,
          "round %d ADMM prices, mean pool price %.4f EUR/kWh, penalty %.4f EUR/kWh², schedule due %s",
          c.round(),
          sum(c.prices().poolPriceEurPerKwh())
              / Math.max(1, c.prices().poolPriceEurPerKwh().length),
          c.prices().rhoEurPerKwh2(),
          clock(c.deadlineVirtualSeconds()));
    }
    if (content instanceof Message.IdleNetLoad n) {
      return String.format(
          Locale.ROOT, "net load without trading %.1f kWh over the day", sum(n.netLoadKwh()));
    }
    if (content instanceof Message.ScheduleBid b) {
      return String.format(
          Locale.ROOT,
          "round %d schedule: imports %.1f kWh, exports %.1f kWh, buys %.1f kWh and sells %.1f kWh"
              + " in the pool (strategy %s)",
          b.round(),
          sum(b.schedule().importKwh()),
          sum(b.schedule().exportKwh()),
          sum(b.schedule().buyKwh()),
          sum(b.schedule().sellKwh()),
          b.strategy());
    }
    if (content instanceof Message.Problem p) {
      return performative.toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + p.reason();
    }
    return performative + " " + content.getClass().getSimpleName();
  }

  private void line(int day, long virtualSeconds, String text) {
    try {
      out.append(day < 0 ? "[join]       " : "[day " + day + " " + clock(virtualSeconds) + "] ");
      out.append(text).append(System.lineSeparator());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot narrate", e);
    }
  }

  private static String clock(long virtualSeconds) {
    long inDay = Math.floorMod(virtualSeconds, VirtualClock.SECONDS_PER_DAY);
    return String.format(Locale.ROOT, "%02d:%02d", inDay / 3600, inDay % 3600 / 60);
  }

  private static String rounded(java.util.Map<String, Double> weights) {
    StringBuilder text = new StringBuilder("{");
    new java.util.TreeMap<>(weights)
        .forEach(
            (group, w) ->
                text.append(text.length() > 1 ? ", " : "")
                    .append(group)
                    .append('=')
                    .append(String.format(Locale.ROOT, "%.3f", w)));
    return text.append('}').toString();
  }

  private static double sum(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s;
  }
}
