package org.equigrid.experiments.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.agents.protocol.Message;
import org.equigrid.agents.protocol.ProtocolObserver;
import org.equigrid.agents.protocol.TraceEvent;
import org.equigrid.market.negotiation.NegotiationLog;
import org.equigrid.market.negotiation.RoundRecord;

/**
 * The rounds of a decentralised run while it plays: each round as the coordinator records it,
 * beside the day's central cost-minimising optimum once solved. The optimum of a day is asked for
 * when its first round arrives and solved on this object's own thread (the agents do not wait for
 * it); until it is known the round's {@code centralOptimumEur} and {@code gapToCentral} are
 * undefined (NaN). The rows are those of {@code negotiation.csv} (objective {@code cost}).
 */
final class LiveRounds implements ProtocolObserver {

  private static final Logger LOG = LogManager.getLogger();

  /** One round as recorded. */
  private record Row(int day, String mechanism, RoundRecord record) {}

  private final int households;
  private final List<Row> rows = new ArrayList<>();
  private final Map<Integer, Double> centralOptimumEurByDay = new TreeMap<>();
  private final ExecutorService solver =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "equigrid-live-optimum");
            t.setDaemon(true);
            return t;
          });
  private volatile IntFunction<OptionalDouble> optimum;

  /**
   * @param households households of the community (the {@code households} column)
   */
  LiveRounds(int households) {
    this.households = households;
  }

  /**
   * Where a day's central optimum (its objective, EUR) comes from: the run's market, once the
   * platform is up; empty when the market has none.
   */
  void optimumFrom(IntFunction<OptionalDouble> source) {
    this.optimum = source;
  }

  @Override
  public void onMessage(TraceEvent event, Message content) {}

  @Override
  public void onRound(int day, String mechanism, RoundRecord round) {
    boolean first;
    synchronized (this) {
      first = rows.stream().noneMatch(r -> r.day() == day);
      rows.add(new Row(day, mechanism, round));
    }
    IntFunction<OptionalDouble> source = optimum;
    if (first && source != null) {
      solver.execute(() -> solve(source, day));
    }
  }

  private void solve(IntFunction<OptionalDouble> source, int day) {
    try {
      OptionalDouble eur = source.apply(day);
      if (eur.isPresent()) {
        synchronized (this) {
          centralOptimumEurByDay.put(day, eur.getAsDouble());
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("live view: no central optimum for day {}: {}", day, e.toString());
    }
  }

  /** The rounds so far, as {@code negotiation.csv} rows (central optimum NaN until solved). */
  synchronized List<NegotiationLog> soFar() {
    List<NegotiationLog> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      out.add(
          new NegotiationLog(
              r.day(),
              households,
              r.mechanism(),
              "cost",
              r.record(),
              centralOptimumEurByDay.getOrDefault(r.day(), Double.NaN)));
    }
    return out;
  }

  /** Stops the solver thread (a solve under way finishes; nothing new starts). */
  void close() {
    solver.shutdown();
  }
}
