package org.equigrid.market.negotiation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Runs a mechanism in process against households that answer signals (normally {@link
 * LocalHousehold}s): the same rounds the agent platform carries as messages, without it. A
 * household whose answer throws, is null, or fails {@link Answers#problem} is standalone for the
 * day (a null answer to the mechanism) and the negotiation goes on with the others, so it always
 * terminates. Households answer in parallel; each answers only its own signal, so the result does
 * not depend on the thread count.
 */
public final class Negotiation {

  /** A negotiation that has not finished after this many rounds is a defect of the mechanism. */
  static final int ROUND_CAP = 100_000;

  /**
   * @param outcome what the mechanism awards
   * @param rounds per round, with its messages (each asked household: one signal, one answer) and
   *     the numbers they carry
   * @param standalone member index to the reason it is standalone
   */
  public record Result(
      Mechanism.Outcome outcome, List<RoundRecord> rounds, SortedMap<Integer, String> standalone) {
    public Result {
      rounds = List.copyOf(rounds);
      standalone = Collections.unmodifiableSortedMap(new TreeMap<>(standalone));
    }

    /** Messages over the whole negotiation. */
    public long messages() {
      return rounds.stream().mapToLong(RoundRecord::messages).sum();
    }
  }

  private Negotiation() {}

  /**
   * The objective of what a finished mechanism awards: the final master's (decomposition), the
   * cheapest round's community cost (tâtonnement), the last round's (ADMM: its restored schedules).
   */
  public static double awardedObjectiveEur(Mechanism mechanism) {
    if (mechanism instanceof Decomposition d) {
      return d.objectiveEur();
    }
    if (mechanism instanceof Tatonnement t) {
      return t.bestCostEur();
    }
    List<RoundRecord> rounds = mechanism.rounds();
    return rounds.isEmpty() ? Double.NaN : rounds.get(rounds.size() - 1).objectiveEur();
  }

  /**
   * @param households member order; each answers its own signals
   * @param intervals the day's intervals (answers are checked against it)
   */
  public static Result run(
      Mechanism mechanism, List<? extends Function<Signal, Answer>> households, int intervals) {
    SortedMap<Integer, String> standalone = new TreeMap<>();
    List<RoundRecord> rounds = new ArrayList<>();
    int n = households.size();
    for (int step = 0; !mechanism.finished(); step++) {
      if (step >= ROUND_CAP) {
        throw new IllegalStateException(
            mechanism.name().key() + " did not finish within " + ROUND_CAP + " rounds");
      }
      Signal[] signals = mechanism.announce();
      Answer[] answers = new Answer[n];
      String[] problems = new String[n];
      IntStream.range(0, n)
          .parallel()
          .forEach(
              k -> {
                if (signals[k] == null) {
                  return;
                }
                Answer answer;
                try {
                  answer = households.get(k).apply(signals[k]);
                } catch (RuntimeException e) {
                  problems[k] = "its answer failed: " + e.getMessage();
                  return;
                }
                Optional<String> problem = Answers.problem(signals[k], answer, intervals);
                if (problem.isPresent()) {
                  problems[k] = problem.get();
                } else {
                  answers[k] = answer;
                }
              });
      int messages = 0;
      long numbers = 0;
      for (int k = 0; k < n; k++) {
        if (signals[k] != null) {
          messages += 1;
          numbers += signals[k].numbers();
          if (answers[k] != null) {
            messages += 1;
            numbers += answers[k].numbers();
          }
        }
        if (problems[k] != null) {
          standalone.put(k, problems[k]);
        }
      }
      closeRound(mechanism, answers, messages, numbers).ifPresent(rounds::add);
    }
    return new Result(mechanism.outcome(), rounds, standalone);
  }

  /**
   * Hands one round's answers to the mechanism (by member; a null answer is standalone from then
   * on) and returns the round it logged, with the round's messages, if it logged one: the one way a
   * round is closed, by {@link #run} and by {@link NegotiationSession#closeRound}.
   *
   * @param messages messages of the round (sent and received)
   * @param numbers numbers those messages carried
   */
  static Optional<RoundRecord> closeRound(
      Mechanism mechanism, Answer[] answers, int messages, long numbers) {
    int before = mechanism.rounds().size();
    mechanism.update(answers);
    List<RoundRecord> logged = mechanism.rounds();
    if (logged.size() == before) {
      return Optional.empty();
    }
    return Optional.of(logged.get(logged.size() - 1).withMessages(messages, numbers));
  }
}
