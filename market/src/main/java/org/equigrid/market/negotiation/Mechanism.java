package org.equigrid.market.negotiation;

import java.util.List;
import org.equigrid.market.clearing.ClearingRequest;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.model.TradingDay;

/**
 * The coordinator side of a negotiation mechanism: a deterministic state machine. Each round it
 * {@link #announce announces} a signal per household, takes every answer back in {@link #update}
 * and decides whether to go on. The households are the members given at the start, in a fixed
 * order; a household that answers nothing usable is standalone from then on (a null answer), and
 * the mechanism goes on with the others.
 */
public sealed interface Mechanism permits Tatonnement, ExchangeAdmm, Decomposition {

  /**
   * A mechanism over every household of {@code day} in its order, negotiating the weighted cost
   * (weights 1: the cost-minimising objective) without the Rawlsian floor. The coordinator reads
   * from {@code day} only what is public or was sent to it: the tariff and interval length, and
   * (decomposition) which households have a battery and whether each may trade in the pool; loads
   * and PV are not read, so a day built from the households' join requests serves.
   *
   * @param weightByMember the objective weight of each household (member order)
   * @param poolPriceEurPerKwh the pool price of the households' costs, per interval
   * @param tatonnement the tâtonnement's rules (ignored by the others)
   * @param admm the ADMM's rules (ignored by the others)
   * @param options the decomposition master's solver options (ignored by the others)
   * @param tolerance the decomposition's certified-gap stop ({@link Decomposition}; ignored by the
   *     others)
   */
  static Mechanism start(
      NegotiationName name,
      TradingDay day,
      double[] weightByMember,
      double[] poolPriceEurPerKwh,
      Tatonnement.Settings tatonnement,
      AdmmSettings admm,
      SolverOptions options,
      double tolerance) {
    int n = day.households().size();
    if (weightByMember.length != n) {
      throw new IllegalArgumentException(
          "weightByMember has " + weightByMember.length + " values for " + n + " households");
    }
    return switch (name) {
      case TATONNEMENT -> new Tatonnement(tatonnement, day.tariff(), day.intervalHours(), n);
      case ADMM ->
          new ExchangeAdmm(
              admm, day.tariff(), day.intervalHours(), weightByMember, poolPriceEurPerKwh);
      case DECOMPOSITION ->
          new Decomposition(
              new ClearingRequest(
                  day,
                  java.util.stream.IntStream.range(0, n).toArray(),
                  weightByMember,
                  0,
                  new boolean[n],
                  null,
                  poolPriceEurPerKwh),
              options,
              tolerance);
    };
  }

  NegotiationName name();

  /** The round the next {@link #announce} belongs to (0-based). */
  int round();

  /** The signal of each household this round (member order); null for a household not asked. */
  Signal[] announce();

  /**
   * The answers to the last announcement (member order). Each answer is of the kind its signal asks
   * for and passed {@link Answers#problem}; null means the household is standalone from now on (it
   * gave no usable answer, or was not asked because it already is).
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
   * @param awardedRound the round whose answers are awarded (0-based; the last for exact
   *     mechanisms)
   * @param converged whether the mechanism's own stopping test held (else it ran out of rounds)
   * @param note how it ended, for logs and results
   */
  record Outcome(List<Answer> schedules, int awardedRound, boolean converged, String note) {
    public Outcome {
      schedules = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(schedules));
    }
  }
}
