package org.equigrid.market.negotiation;

import java.util.List;

/**
 * The coordinator side of a negotiation mechanism: a deterministic state machine. Each round it
 * {@link #announce announces} a signal per household, takes every answer back in {@link #update}
 * and decides whether to go on. The households are the members given at the start, in a fixed
 * order; a household that answers nothing usable is standalone from then on (a null answer), and
 * the mechanism goes on with the others.
 */
public sealed interface Mechanism permits Tatonnement, ExchangeAdmm, Decomposition {

  NegotiationName name();

  /** The round the next {@link #announce} belongs to (0-based). */
  int round();

  /** The signal of each household this round (member order); null for a household not asked. */
  Signal[] announce();

  /**
   * The answers to the last announcement (member order). Each answer is of the kind its signal
   * asks for and passed {@link Answers#problem}; null means the household is standalone from now
   * on (it gave no usable answer, or was not asked because it already is).
   */
  void update(Answer[] answers);

  /** Whether the negotiation has ended (converged, failed or out of rounds). */
  boolean finished();

  /** The per-round log so far. */
  List<RoundRecord> rounds();

  /** The result once {@link #finished}. */
  Outcome outcome();

  /**
   * What a finished negotiation awards.
   *
   * @param schedules per member: the awarded schedule or net profile; null for a standalone member
   * @param awardedRound the round whose answers are awarded (0-based; the last for exact mechanisms)
   * @param converged whether the mechanism's own stopping test held (else it ran out of rounds)
   * @param note how it ended, for logs and results
   */
  record Outcome(List<Answer> schedules, int awardedRound, boolean converged, String note) {
    public Outcome {
      schedules = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(schedules));
    }
  }
}
