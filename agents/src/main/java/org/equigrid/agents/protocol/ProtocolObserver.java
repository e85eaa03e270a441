package org.equigrid.agents.protocol;

/** Receives every protocol message and event; implementations must be thread-safe. */
public interface ProtocolObserver {

  /**
   * A message sent or received.
   *
   * @param content the decoded content, or null when it did not decode
   */
  void onMessage(TraceEvent event, Message content);

  /** A protocol event that is not a message (a missing bid, a cleared day, a converged round). */
  default void onNote(int day, long virtualSeconds, String text) {}

  /**
   * Decentralised: a round of the day's negotiation has been recorded, as the day's {@code
   * negotiationRounds} will hold it (the live view shows rounds while the day plays).
   *
   * @param mechanism the mechanism's name ({@code NegotiationName#key})
   */
  default void onRound(
      int day, String mechanism, org.equigrid.market.negotiation.RoundRecord round) {}

  /** An observer that ignores everything. */
  static ProtocolObserver none() {
    return (event, content) -> {};
  }

  /** Forwards to every observer in order. */
  static ProtocolObserver all(ProtocolObserver... observers) {
    return new ProtocolObserver() {
      @Override
      public void onMessage(TraceEvent event, Message content) {
        for (ProtocolObserver o : observers) {
          o.onMessage(event, content);
        }
      }

      @Override
      public void onNote(int day, long virtualSeconds, String text) {
        for (ProtocolObserver o : observers) {
          o.onNote(day, virtualSeconds, text);
        }
      }

      @Override
      public void onRound(
          int day, String mechanism, org.equigrid.market.negotiation.RoundRecord round) {
        for (ProtocolObserver o : observers) {
          o.onRound(day, mechanism, round);
        }
      }
    };
  }
}
