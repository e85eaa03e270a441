package org.equigrid.market.negotiation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.equigrid.market.clearing.PoolPricing;
import org.equigrid.market.clearing.PricingRule;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.model.TradingDay;

/**
 * One negotiation as a coordinator holds it between messages: the mechanism, its households by id
 * (member order), the answers received in the current round, the per-round log with the messages
 * counted, and what is awarded at the end. Answers arrive one at a time ({@link #answer}); {@link
 * #closeRound} hands the round to the mechanism, a household without an answer being standalone
 * from then on. {@link Negotiation#run} drives a mechanism the same way in one call; this class is
 * for a caller that waits for messages in between (the coordinator agent). Nothing here sends or
 * times out.
 */
public final class NegotiationSession {

  private final Mechanism mechanism;
  private final List<String> ids;

  /**
   * {@link #ids} as a set: an answer's check is O(1), not O(households), a round O(n) not O(n²).
   */
  private final java.util.Set<String> negotiating;

  private final Map<String, Answer> answers = new HashMap<>();
  private final List<RoundRecord> rounds = new ArrayList<>();

  /**
   * What a finished negotiation awards, by household id.
   *
   * @param round the round whose answers are awarded (0-based)
   * @param converged whether the mechanism's own stopping test held
   * @param note how it ended, for logs and results
   * @param byHousehold the awarded answer of each household that has one (the net profile of the
   *     awarded round for the tâtonnement, the final schedule for ADMM and decomposition)
   * @param without the households that negotiated but are awarded nothing
   */
  public record Award(
      int round,
      boolean converged,
      String note,
      SortedMap<String, Answer> byHousehold,
      SortedSet<String> without) {
    public Award {
      byHousehold = Collections.unmodifiableSortedMap(new TreeMap<>(byHousehold));
      without = Collections.unmodifiableSortedSet(new TreeSet<>(without));
    }
  }

  /**
   * @param ids the households' ids in the mechanism's member order
   */
  public NegotiationSession(Mechanism mechanism, List<String> ids) {
    this.mechanism = Objects.requireNonNull(mechanism, "mechanism");
    this.ids = List.copyOf(ids);
    this.negotiating = new java.util.HashSet<>(this.ids);
    if (this.ids.size() != negotiating.size()) {
      throw new IllegalArgumentException("the household ids " + ids + " repeat an id");
    }
  }

  /**
   * The cost-minimising negotiation a coordinator runs over {@code day}'s households: weights 1,
   * the mid-market pool price, ADMM's {@code admm} settings and the default solver options for the
   * decomposition's master. ADMM with {@link AdmmSettings#warmStart} starts from {@code yesterday}
   * when there is one ({@link #startFrom}).
   *
   * @param day the households in member order, built from what they sent ({@link Mechanism#start}
   *     says what is read)
   * @param admm ADMM's settings (ignored by the other mechanisms)
   * @param tolerance the decomposition's certified-gap stop
   * @param yesterday where the previous day's ADMM ended ({@link #admmMemory}), if it did
   */
  public static NegotiationSession costMinimising(
      NegotiationName name,
      TradingDay day,
      Tatonnement.Settings tatonnement,
      AdmmSettings admm,
      double tolerance,
      Optional<AdmmMemory> yesterday) {
    double[] weights = new double[day.households().size()];
    Arrays.fill(weights, 1.0);
    Mechanism mechanism =
        Mechanism.start(
            name,
            day,
            weights,
            PoolPricing.prices(PricingRule.MID_MARKET, day),
            tatonnement,
            admm,
            SolverOptions.defaults(),
            tolerance);
    NegotiationSession session =
        new NegotiationSession(mechanism, day.households().stream().map(h -> h.id()).toList());
    if (admm.warmStart()) {
      yesterday.ifPresent(session::startFrom);
    }
    return session;
  }

  /**
   * The {@code mechanism} column of {@code negotiation.csv}: the mechanism's key, ADMM's with the
   * settings that differ from the defaults ({@link AdmmSettings#mechanismLabel}).
   */
  public String label() {
    return mechanism instanceof ExchangeAdmm a ? a.settings().mechanismLabel() : name().key();
  }

  public NegotiationName name() {
    return mechanism.name();
  }

  /** The round the next announcement belongs to (0-based). */
  public int round() {
    return mechanism.round();
  }

  /** Whether the households answer net profiles (tâtonnement) rather than whole schedules. */
  public boolean asksNetProfiles() {
    return mechanism instanceof Tatonnement;
  }

  /** This round's signal of each household asked, in member order. */
  public Map<String, Signal> announce() {
    Signal[] signals = mechanism.announce();
    Map<String, Signal> out = new LinkedHashMap<>();
    for (int k = 0; k < signals.length; k++) {
      if (signals[k] != null) {
        out.put(ids.get(k), signals[k]);
      }
    }
    return out;
  }

  /** Tâtonnement: the pool prices this round announces to everyone. */
  public double[] announcedPrices() {
    if (!(mechanism instanceof Tatonnement t)) {
      throw new IllegalStateException(mechanism.name().key() + " announces no common prices");
    }
    return t.prices();
  }

  /**
   * Records {@code id}'s answer to this round's signal; it must have passed {@link
   * Answers#problem}.
   */
  public void answer(String id, Answer answer) {
    if (!negotiating.contains(id)) {
      throw new IllegalArgumentException(id + " does not negotiate (households: " + ids + ")");
    }
    answers.put(id, Objects.requireNonNull(answer, "answer"));
  }

  /** Forgets {@code id}'s answer this round: it is standalone from now on. */
  public void withdraw(String id) {
    answers.remove(id);
  }

  /**
   * Hands this round's answers to the mechanism (a household without one is standalone from now on)
   * and logs the round with its messages.
   *
   * @param messages messages of the round (sent and received)
   * @param numbers numbers those messages carried
   * @return the round's record, if the mechanism logged one
   */
  public Optional<RoundRecord> closeRound(int messages, long numbers) {
    Answer[] byMember = new Answer[ids.size()];
    for (int k = 0; k < byMember.length; k++) {
      byMember[k] = answers.get(ids.get(k));
    }
    answers.clear();
    Optional<RoundRecord> record = Negotiation.closeRound(mechanism, byMember, messages, numbers);
    record.ifPresent(rounds::add);
    return record;
  }

  /** Whether the negotiation has ended. */
  public boolean finished() {
    return mechanism.finished();
  }

  /** The rounds closed so far, with their messages. */
  public List<RoundRecord> rounds() {
    return List.copyOf(rounds);
  }

  /**
   * The last pool prices announced: the tâtonnement's current prices, else the last logged round's
   * (empty before the first).
   */
  public double[] lastPoolPrices() {
    if (mechanism instanceof Tatonnement t) {
      return t.prices();
    }
    return rounds.isEmpty() ? new double[0] : rounds.get(rounds.size() - 1).poolPriceEurPerKwh();
  }

  /** {@link Negotiation#awardedObjectiveEur} of the mechanism. */
  public double awardedObjectiveEur() {
    return Negotiation.awardedObjectiveEur(mechanism);
  }

  /**
   * What an ADMM coordinator remembers of a finished day for the next ({@link AdmmWarmStart}), with
   * the households' ids in its member order.
   */
  public record AdmmMemory(List<String> ids, AdmmWarmStart end) {
    public AdmmMemory {
      ids = List.copyOf(ids);
    }

    /**
     * The warm start of a negotiation over {@code members} (ids in its member order): each member's
     * local copies are yesterday's under the same id; a member that was not in yesterday's
     * negotiation starts with no pool trade and the mean import.
     */
    public AdmmWarmStart forMembers(List<String> members) {
      Map<String, Integer> before = new HashMap<>();
      for (int k = 0; k < ids.size(); k++) {
        before.put(ids.get(k), k);
      }
      double[][] pool = end.localPoolKwh();
      double[][] imp = end.localImportKwh();
      double[][] poolToday = new double[members.size()][];
      double[][] importToday = new double[members.size()][];
      for (int k = 0; k < members.size(); k++) {
        Integer j = before.get(members.get(k));
        poolToday[k] = j == null ? new double[end.meanImportKwh().length] : pool[j];
        importToday[k] = j == null ? end.meanImportKwh() : imp[j];
      }
      return new AdmmWarmStart(
          end.rhoEurPerKwh2(),
          end.poolDualEurPerKwh(),
          end.importDualEurPerKwh(),
          end.meanImportKwh(),
          poolToday,
          importToday);
    }
  }

  /** ADMM: where the finished negotiation ended; empty for the other mechanisms or before. */
  public Optional<AdmmMemory> admmMemory() {
    return mechanism instanceof ExchangeAdmm a && a.finished()
        ? Optional.of(new AdmmMemory(ids, a.endState()))
        : Optional.empty();
  }

  /**
   * ADMM, before the first announcement: start from yesterday's end ({@link
   * ExchangeAdmm#startFrom}, members mapped by id: {@link AdmmMemory#forMembers}) instead of the
   * mid-market prices. Does nothing (false) for the other mechanisms, after the first round or when
   * yesterday had another number of intervals.
   */
  public boolean startFrom(AdmmMemory yesterday) {
    AdmmWarmStart end = yesterday.end();
    if (!(mechanism instanceof ExchangeAdmm a)
        || mechanism.round() != 0
        || !rounds.isEmpty()
        || end.poolDualEurPerKwh().length != a.endState().poolDualEurPerKwh().length) {
      return false;
    }
    a.startFrom(yesterday.forMembers(ids));
    return true;
  }

  /** What the finished negotiation awards. */
  public Award award() {
    Mechanism.Outcome outcome = mechanism.outcome();
    SortedMap<String, Answer> byHousehold = new TreeMap<>();
    SortedSet<String> without = new TreeSet<>();
    for (int k = 0; k < ids.size(); k++) {
      Answer a = outcome.schedules().get(k);
      if (a == null) {
        without.add(ids.get(k));
      } else {
        byHousehold.put(ids.get(k), a);
      }
    }
    return new Award(
        outcome.awardedRound(), outcome.converged(), outcome.note(), byHousehold, without);
  }
}
