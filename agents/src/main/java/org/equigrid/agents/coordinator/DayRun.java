package org.equigrid.agents.coordinator;

import static org.equigrid.agents.coordinator.CoordinatorAgent.MISSING;
import static org.equigrid.agents.coordinator.CoordinatorAgent.NOT_JOINED;
import static org.equigrid.agents.coordinator.CoordinatorAgent.REFUSED;
import static org.equigrid.agents.coordinator.CoordinatorAgent.UNREACHABLE;

import jade.core.AID;
import jade.lang.acl.ACLMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.agents.protocol.Acl;
import org.equigrid.agents.protocol.Message;
import org.equigrid.agents.protocol.Message.Bid;
import org.equigrid.agents.protocol.Message.JoinRequest;
import org.equigrid.agents.protocol.Message.NetProfileBid;
import org.equigrid.agents.protocol.ProtocolObserver;
import org.equigrid.agents.protocol.ReceiptCheck;
import org.equigrid.market.model.Tariff;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.negotiation.Answer;
import org.equigrid.market.negotiation.NegotiationSession;
import org.equigrid.market.negotiation.Signal;

/**
 * One trading day at the coordinator, from the first call to the award: the calls of each round
 * (the central CFP, the tâtonnement's price announcements, the ADMM and decomposition signals after
 * the decomposition's preamble), the answers checked at receipt, the deadline, the ACCEPT_PROPOSAL
 * and INFORM of the settlement, and the learner's exchange. It only messages: the rounds and the
 * award are {@link NegotiationSession}'s, the market's days {@link TradingDays}', clearing and
 * settlement the {@link DayMarket}'s. Runs on the coordinator agent's thread ({@link
 * CoordinatorAgent}). The bids' checks at receipt are {@link DayReceipts}', the award and the
 * settlement {@link DaySettle}'s, the learner's exchange {@link LearnerExchange}'s.
 */
final class DayRun {
  // The day logs as the coordinator: one logger for the coordinator side of the protocol.
  private static final Logger LOG = LogManager.getLogger(CoordinatorAgent.class);

  final CoordinatorAgent agent;
  final CoordinatorSettings settings;
  final DayMarket market;
  final ProtocolObserver observer;
  final SortedMap<String, CoordinatorAgent.Participant> participants;

  final CoordinatorAgent.DayRequest request;
  final int day;
  final DayTerms terms;
  final String conversationId;
  final List<String> members;
  int round;
  long deadlineNanos;
  final SortedMap<String, String> pending = new TreeMap<>();
  final Map<String, String> householdByReplyWith = new HashMap<>();
  final SortedMap<String, String> standalone = new TreeMap<>();
  final SortedMap<String, Bid> bids = new TreeMap<>();
  final SortedMap<String, NetProfileBid> netBids = new TreeMap<>();
  final SortedMap<String, String> strategies = new TreeMap<>();

  /**
   * Decentralised: the households the mechanism negotiates with (its member order) and the
   * negotiation (null when central, and before the decomposition's preamble ends).
   */
  final List<String> negotiators = new ArrayList<>();

  NegotiationSession session;

  /** Decomposition: the households' idle net loads are asked for before the mechanism starts. */
  boolean preamble;

  final Map<String, double[]> idleNet = new HashMap<>();

  /**
   * Decomposition: the households with nothing to schedule, whose relaxation columns the
   * coordinator computes from their idle net loads ({@link FixedHouseholds}); null before the
   * preamble ends.
   */
  FixedHouseholds fixed;

  final Map<Integer, SortedMap<String, NetProfileBid>> bidsByRound = new HashMap<>();

  /** ADMM and decomposition: this round's signal of each negotiator, and the awarded schedules. */
  final Map<String, Signal> signals = new HashMap<>();

  final Map<String, Answer.Schedule> awardedSchedules = new HashMap<>();
  final java.util.Set<String> informed = new java.util.HashSet<>();
  int roundMessages;
  long roundNumbers;
  boolean converged = true;
  int bestRound;
  DayResult result;
  AID learner;
  String learnerReplyWith;

  DayRun(CoordinatorAgent agent, CoordinatorAgent.DayRequest request) {
    this.agent = agent;
    this.settings = agent.settings;
    this.market = agent.market;
    this.observer = agent.observer;
    this.participants = agent.participants;
    this.request = request;
    this.day = request.day();
    this.terms = agent.termsOfDay.apply(day);
    this.conversationId = "day-" + day;
    this.members = new ArrayList<>(participants.keySet());
    for (String id : agent.admission.expected()) {
      if (!participants.containsKey(id)) {
        standalone.put(id, NOT_JOINED);
      }
    }
    for (String id : members) {
      if (!standalone.containsKey(id)) {
        negotiators.add(id);
      }
    }
    this.preamble =
        settings.mode() == MarketMode.DECENTRALISED
            && settings.negotiation()
                == org.equigrid.market.negotiation.NegotiationName.DECOMPOSITION;
    this.session = settings.mode() == MarketMode.CENTRAL || preamble ? null : startSession();
    LOG.debug("day {} starts with {} participants", day, members.size());
  }

  /**
   * The day's cost-minimising negotiation over the negotiators, on a day built from what they sent
   * ({@link TradingDays#negotiators}).
   */
  private NegotiationSession startSession() {
    TradingDay joined = TradingDays.negotiators(day, terms, negotiators, this::joinOf, idleNet);
    return NegotiationSession.costMinimising(
        settings.negotiation(),
        joined,
        settings.tatonnement(),
        settings.admm(),
        settings.negotiationTolerance(),
        agent.admmMemory);
  }

  JoinRequest joinOf(String id) {
    return participants.get(id).join();
  }

  boolean asksNetProfiles() {
    return session != null && session.asksNetProfiles();
  }

  long virtualNow() {
    return settings.clock().callAt(day, round);
  }

  void sendCalls() {
    roundMessages = 0;
    roundNumbers = 0;
    sendCalls0();
  }

  private void sendCalls0() {
    pending.clear();
    long deadline = settings.clock().deadline(day, round);
    if (preamble) {
      requestTerms(deadline);
      return;
    }
    if (session != null && !session.asksNetProfiles()) {
      sendSignals(deadline);
      return;
    }
    Message call =
        round == 0
            ? termsCall(deadline)
            : new Message.PricesAnnouncement(day, round, session.announcedPrices(), deadline);
    // The call is the same for everyone: encoded once, copied per receiver.
    ACLMessage template =
        Acl.create(ACLMessage.CFP, agent.getAID(), call, conversationId, day, round, virtualNow());
    for (String id : members) {
      if (standalone.containsKey(id)) {
        continue;
      }
      ACLMessage msg = (ACLMessage) template.clone();
      msg.clearAllReceiver();
      msg.addReceiver(participants.get(id).aid());
      call(id, msg, call, conversationId + "-r" + round + "-" + id, terms.tariff().intervals());
    }
    startTimer();
  }

  /** The day's terms, all a household's own solve needs (the central CFP and the first round's). */
  private Message termsCall(long deadline) {
    Tariff tariff = terms.tariff();
    return new Message.CallForProposals(
        Message.PROTOCOL_VERSION,
        day,
        terms.dayOfYear(),
        terms.intervalHours(),
        tariff.importPriceEurPerKwh(),
        tariff.exportPriceEurPerKwh(),
        tariff.peakChargeEurPerKw(),
        deadline,
        settings.mode().name());
  }

  /** Sends {@code id} a call it must answer under {@code replyWith}, counted in the round. */
  private void call(String id, ACLMessage msg, Message content, String replyWith, long numbers) {
    msg.setReplyWith(replyWith);
    pending.put(id, replyWith);
    householdByReplyWith.put(replyWith, id);
    agent.send(msg, content);
    roundMessages += 1;
    roundNumbers += numbers;
  }

  /**
   * The replies to the calls just sent are due within the reply timeout; at once when no call
   * awaits a reply (every household asked was answered for: {@link FixedHouseholds}).
   */
  void startTimer() {
    deadlineNanos =
        System.nanoTime()
            + (pending.isEmpty() && learnerReplyWith == null
                ? 0
                : settings.replyTimeoutMillis() * 1_000_000L);
  }

  /** Decomposition: the day's terms as a REQUEST; each household answers its idle net load. */
  private void requestTerms(long deadline) {
    Message call = termsCall(deadline);
    long numbers = 2L * terms.tariff().intervals() + 1;
    // The same terms for everyone: encoded once, copied per receiver.
    ACLMessage template =
        Acl.create(
            ACLMessage.REQUEST, agent.getAID(), call, conversationId, day, round, virtualNow());
    for (String id : negotiators) {
      if (standalone.containsKey(id)) {
        continue;
      }
      ACLMessage msg = (ACLMessage) template.clone();
      msg.clearAllReceiver();
      msg.addReceiver(participants.get(id).aid());
      informed.add(id);
      call(id, msg, call, conversationId + "-terms-" + id, numbers);
    }
    startTimer();
  }

  /** Decomposition, before the first round: a household's idle net load. */
  void idleNet(String id, Message.IdleNetLoad net) {
    Optional<String> problem = ReceiptCheck.idleNetLoad(net, id, day, terms.tariff().intervals());
    if (problem.isPresent()) {
      standaloneIfPending(id, REFUSED + problem.get());
      return;
    }
    pending.remove(id);
    idleNet.put(id, net.netLoadKwh().clone());
    if (net.strategy() != null) {
      // A household with nothing to schedule sends no bid after this: its declared strategy.
      strategies.put(id, net.strategy());
    }
    roundMessages += 1;
    roundNumbers += net.netLoadKwh().length;
  }

  /**
   * ADMM and decomposition: each asked negotiator gets its own signal as a CFP, preceded on its
   * first call of the day by an INFORM of the day's terms (the tariff its own solve needs).
   */
  private void sendSignals(long deadline) {
    signals.clear();
    Tariff tariff = terms.tariff();
    // The households with nothing to schedule are answered for after the calls have gone out, while
    // the others solve.
    Map<String, Signal> answeredHere = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, Signal> announced : session.announce().entrySet()) {
      String id = announced.getKey();
      Signal signal = announced.getValue();
      if (standalone.containsKey(id)) {
        continue;
      }
      if (fixed != null && fixed.answers(id, signal)) {
        answeredHere.put(id, signal);
        continue;
      }
      AID aid = participants.get(id).aid();
      if (informed.add(id)) {
        Message terms = termsCall(deadline);
        agent.send(
            Acl.create(ACLMessage.INFORM, aid, terms, conversationId, day, round, virtualNow()),
            terms);
        roundMessages += 1;
        roundNumbers += 2L * tariff.intervals() + 1;
      }
      Message call =
          signal instanceof Signal.ColumnPrices c
              ? new Message.ColumnPricesCall(day, round, c, deadline)
              : new Message.ProximalPricesCall(
                  day, round, (Signal.ProximalPrices) signal, deadline);
      ACLMessage msg =
          Acl.create(ACLMessage.CFP, aid, call, conversationId, day, round, virtualNow());
      signals.put(id, signal);
      call(id, msg, call, conversationId + "-r" + round + "-" + id, signal.numbers());
    }
    answeredHere.forEach(this::answerForFixed);
    startTimer();
  }

  /**
   * A household with nothing to schedule: its column at {@code signal}, computed here as it would
   * compute it ({@link FixedHouseholds}); no message. Without a feasible schedule it is standalone,
   * as if it had declined.
   */
  private void answerForFixed(String id, Signal signal) {
    Answer answer = fixed.answer(id, signal);
    if (answer == null) {
      makeStandalone(
          id, CoordinatorAgent.DECLINED + "no feasible schedule at the prices of round " + round);
      return;
    }
    session.answer(id, answer);
  }

  long remainingMillis() {
    return (deadlineNanos - System.nanoTime()) / 1_000_000L;
  }

  boolean isLearnerReply(ACLMessage msg) {
    return learnerReplyWith != null && learnerReplyWith.equals(msg.getInReplyTo());
  }

  void unreachable(String inReplyTo) {
    String id = householdByReplyWith.get(inReplyTo);
    if (id != null) {
      standaloneIfPending(id, UNREACHABLE);
    }
  }

  void standaloneIfPending(String id, String reason) {
    if (pending.remove(id) != null) {
      makeStandalone(id, reason);
    }
  }

  /** {@code id} is standalone for the day, for {@code reason}: whatever it sent is dropped. */
  private void makeStandalone(String id, String reason) {
    standalone.put(id, reason);
    bids.remove(id);
    netBids.remove(id);
    if (session != null) {
      session.withdraw(id);
    }
    observer.onNote(day, virtualNow(), id + " is standalone today: " + reason);
  }

  /** A PROPOSE from {@code id} that this round awaits: the bid the mode and mechanism ask for. */
  void propose(ACLMessage msg, String id, Message content) {
    if (content instanceof Bid bid && settings.mode() == MarketMode.CENTRAL) {
      DayReceipts.bid(this, msg, id, bid);
    } else if (content instanceof NetProfileBid net
        && settings.mode() == MarketMode.DECENTRALISED
        && asksNetProfiles()) {
      DayReceipts.netBid(this, msg, id, net);
    } else if (content instanceof Message.ScheduleBid schedule
        && settings.mode() == MarketMode.DECENTRALISED
        && !asksNetProfiles()) {
      DayReceipts.scheduleBid(this, msg, id, schedule);
    } else {
      String reason =
          "A PROPOSE in the "
              + settings.mode()
              + " mode must carry a "
              + (settings.mode() == MarketMode.CENTRAL
                  ? "Bid"
                  : asksNetProfiles() ? "NetProfileBid" : "ScheduleBid");
      agent.reply(msg, ACLMessage.NOT_UNDERSTOOD, new Message.Problem(reason), virtualNow());
      standaloneIfPending(id, reason);
    }
  }

  void advanceIfDue() {
    if (learnerReplyWith != null) {
      if (remainingMillis() <= 0) {
        keepWeights(
            "the learner " + learner.getLocalName() + " did not answer before the deadline");
      }
      return;
    }
    if (!pending.isEmpty() && remainingMillis() > 0) {
      return;
    }
    for (String id : new ArrayList<>(pending.keySet())) {
      standaloneIfPending(id, MISSING);
    }
    if (settings.mode() == MarketMode.CENTRAL) {
      DaySettle.settle(this);
      return;
    }
    if (preamble) {
      preamble = false;
      negotiators.removeIf(standalone::containsKey);
      session = startSession();
      fixed = FixedHouseholds.of(negotiators, this::joinOf, idleNet, day, terms);
      // The terms' messages count in the first round.
      sendCalls0();
      return;
    }
    bidsByRound.put(round, new TreeMap<>(netBids));
    session
        .closeRound(roundMessages, roundNumbers)
        .ifPresent(record -> observer.onRound(day, session.label(), record));
    if (session.finished()) {
      DaySettle.award(this, session.award());
      DaySettle.settle(this);
      return;
    }
    round = session.round();
    netBids.clear();
    sendCalls();
  }

  /** The learner's reply: the next day's weights, or a reason to keep the current ones. */
  void weights(ACLMessage msg, Message content) {
    LearnerExchange.weights(this, msg, content);
  }

  void keepWeights(String reason) {
    LearnerExchange.keepWeights(this, reason);
  }

  void finish() {
    if (fixed != null) {
      fixed.close();
    }
    learnerReplyWith = null;
    agent.active = null;
    request.result().complete(result);
  }
}
