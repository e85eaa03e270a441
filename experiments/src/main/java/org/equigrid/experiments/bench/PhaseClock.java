package org.equigrid.experiments.bench;

import java.util.concurrent.atomic.AtomicLong;
import org.equigrid.agents.coordinator.PipelineMarket;
import org.equigrid.agents.platform.AgentPlatform;
import org.equigrid.agents.protocol.Message;
import org.equigrid.agents.protocol.ProtocolObserver;
import org.equigrid.agents.protocol.TraceEvent;

/**
 * Wall-clock marks of the day's phases, from the protocol's messages as the coordinator sends and
 * receives them.
 */
final class PhaseClock implements ProtocolObserver {
  final AtomicLong messages = new AtomicLong();
  volatile long booted;
  long firstCall;
  long lastCall;
  long lastBid;
  long firstAward;
  long lastInform;
  PipelineMarket.Timings market;

  @Override
  public synchronized void onMessage(TraceEvent event, Message content) {
    boolean sent = TraceEvent.SENT.equals(event.direction());
    if (sent) {
      messages.incrementAndGet();
    }
    if (!AgentPlatform.COORDINATOR.equals(event.agent())) {
      return;
    }
    long now = event.wallNanos();
    switch (event.performative()) {
      // A REQUEST the coordinator sends is the decomposition's preamble (the day's terms, answered
      // with the idle net loads): the first call of its day.
      case "CFP", "REQUEST" -> {
        if (sent) {
          firstCall = firstCall == 0 ? now : firstCall;
          lastCall = now;
        }
      }
      case "PROPOSE" -> {
        if (!sent) {
          lastBid = now;
        }
      }
      case "ACCEPT-PROPOSAL" -> firstAward = firstAward == 0 && sent ? now : firstAward;
      case "INFORM" -> lastInform = sent ? now : lastInform;
      default -> {}
    }
  }

  double seconds(long from, long to) {
    return from == 0 || to == 0 ? Double.NaN : (to - from) / 1e9;
  }

  /**
   * From the start of the run (the platform's boot) to the first call (the first CFP, or the
   * decomposition's preamble REQUEST): boot, DF registration, joins.
   */
  double joinSeconds(long start) {
    return seconds(start, firstCall);
  }
}
