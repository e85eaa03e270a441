package org.equigrid.agents.coordinator;

import jade.core.AID;
import jade.core.Agent;
import jade.core.behaviours.CyclicBehaviour;
import jade.domain.DFService;
import jade.domain.FIPAAgentManagement.DFAgentDescription;
import jade.domain.FIPAAgentManagement.ServiceDescription;
import jade.domain.FIPAException;
import jade.lang.acl.ACLMessage;
import jade.wrapper.AgentController;
import jade.wrapper.StaleProxyException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.agents.protocol.Acl;
import org.equigrid.agents.protocol.ContentException;
import org.equigrid.agents.protocol.Message;
import org.equigrid.agents.protocol.Message.Bid;
import org.equigrid.agents.protocol.Message.JoinRequest;
import org.equigrid.agents.protocol.Message.NetProfileBid;
import org.equigrid.agents.protocol.MessageAuth;
import org.equigrid.agents.protocol.MessageCodec;
import org.equigrid.agents.protocol.ProtocolObserver;
import org.equigrid.agents.protocol.ReceiptCheck;
import org.equigrid.agents.protocol.TraceEvent;
import org.equigrid.market.model.Tariff;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.negotiation.Answer;
import org.equigrid.market.negotiation.NegotiationSession;
import org.equigrid.market.negotiation.Signal;

/**
 * The coordinator: registers with the Directory Facilitator as {@value #SERVICE_TYPE}, accepts
 * households' join requests, and runs each requested day as a contract net (CFP, PROPOSE, clearing,
 * ACCEPT/REJECT_PROPOSAL, INFORM) or as decentralised price rounds. A household that does not
 * answer before the reply timeout, cannot be reached, or bids invalid values is standalone for the
 * day; the day always completes.
 *
 * <p>With adaptive weights (the market reports {@link DayMarket#equityMetrics}), a settled day ends
 * with an INFORM of its equity metrics to the learner found in the DF as {@value
 * #LEARNER_SERVICE_TYPE}, whose reply carries the next day's weights. A learner that is missing,
 * unreachable, late or answers something unusable is logged as a WARN and the weights stay.
 */
public final class CoordinatorAgent extends Agent {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LogManager.getLogger();

  /** The Directory Facilitator service type households search for. */
  public static final String SERVICE_TYPE = "equigrid-coordinator";

  static final String MISSING = "no answer before the deadline";

  /** The standalone reason of an expected household that had not joined when the day started. */
  public static final String NOT_JOINED = "it had not joined when the day started";

  static final String UNREACHABLE = "agent unreachable";
  static final String REFUSED = "its bid was refused: ";
  static final String DECLINED = "it declined: ";
  static final String LATE =
      "Late: the call this answers is closed; you are standalone for the day";

  /** The Directory Facilitator service type of the equity learner. */
  public static final String LEARNER_SERVICE_TYPE = "equigrid-equity-learner";

  static final String LEARNER_CONVERSATION = "equity-";

  /** The end of the warning when the learner gives no usable weights. */
  public static final String KEEP_WEIGHTS = "the weights stay as they are";

  static final String ALREADY_REGISTERED =
      "The household id is already registered by another agent";

  /** The start of the REFUSE reason of a join showing another scenario than the main's. */
  public static final String OTHER_SCENARIO = "The joiner's scenario differs from the main's";

  private final transient CoordinatorSettings settings;
  private final transient IntFunction<DayTerms> termsOfDay;
  private final transient DayMarket market;
  private final transient ProtocolObserver observer;
  private final transient Consumer<String> onJoin;
  private final transient MessageAuth.Key runKey;
  private final transient Admission admission;
  private final transient Map<String, Session> sessions = new HashMap<>();
  private final transient SortedMap<String, String> refusedJoins = new TreeMap<>();

  private final transient Map<String, String> householdByAgent = new HashMap<>();
  private final transient SortedMap<String, Participant> participants = new TreeMap<>();
  private final transient Deque<DayRequest> requests = new ArrayDeque<>();
  private transient DayRun active;

  private record Participant(AID aid, JoinRequest join) {}

  /**
   * A joined household's session key, the next sequence number to it and the numbers seen from it.
   */
  private static final class Session {
    final MessageAuth.Key key = MessageAuth.Key.random();
    long next = MessageAuth.firstSequence();
    final MessageAuth.Replay seen = new MessageAuth.Replay();
  }

  private record DayRequest(int day, CompletableFuture<DayResult> result) {}

  /**
   * @param settings mode, timeouts and round rules
   * @param termsOfDay the tariff and calendar of each day index
   * @param market clears and settles a day
   * @param observer receives every message (trace, narration)
   * @param onJoin called with the household id after each accepted join
   * @param runKey the run secret joins are signed with
   * @param admission the expected households and scenario
   */
  public CoordinatorAgent(
      CoordinatorSettings settings,
      IntFunction<DayTerms> termsOfDay,
      DayMarket market,
      ProtocolObserver observer,
      Consumer<String> onJoin,
      MessageAuth.Key runKey,
      Admission admission) {
    this.settings = settings;
    this.termsOfDay = termsOfDay;
    this.market = market;
    this.observer = observer;
    this.onJoin = onJoin;
    this.runKey = java.util.Objects.requireNonNull(runKey, "runKey");
    this.admission = java.util.Objects.requireNonNull(admission, "admission");
  }

  /** Refused joins so far: household id (as claimed) to the last reason. */
  public synchronized SortedMap<String, String> refusedJoins() {
    return new TreeMap<>(refusedJoins);
  }

  /** Asks the coordinator (through its controller) to run {@code day}; completes when it has. */
  public static CompletableFuture<DayResult> requestDay(AgentController coordinator, int day) {
    CompletableFuture<DayResult> result = new CompletableFuture<>();
    try {
      coordinator.putO2AObject(new DayRequest(day, result), AgentController.ASYNC);
    } catch (StaleProxyException e) {
      result.completeExceptionally(e);
    }
    return result;
  }

  @Override
  protected void setup() {
    setEnabledO2ACommunication(true, 0);
    DFAgentDescription description = new DFAgentDescription();
    description.setName(getAID());
    ServiceDescription service = new ServiceDescription();
    service.setType(SERVICE_TYPE);
    service.setName("equigrid community market");
    service.addLanguages(MessageCodec.LANGUAGE);
    service.addOntologies(MessageCodec.ONTOLOGY);
    service.addProtocols(Acl.PROTOCOL);
    description.addServices(service);
    register(description);
    addBehaviour(new Conductor());
    LOG.debug("coordinator {} registered as {}", getLocalName(), SERVICE_TYPE);
  }

  /** The longest wait for the DF's answer to one registration request, in ms. */
  static final long DF_REGISTER_TIMEOUT_MILLIS = 5_000;

  static final int DF_REGISTER_ATTEMPTS = 12;

  /**
   * Registers with the DF, each request waiting at most {@value #DF_REGISTER_TIMEOUT_MILLIS} ms and
   * tried up to {@value #DF_REGISTER_ATTEMPTS} times: under a flood of searches (a thousand
   * households joining at once) an answer can be lost, and an unbounded wait here stalled the whole
   * run. "Already registered" after a lost answer means the earlier request went through.
   */
  private void register(DFAgentDescription description) {
    String last = "no answer";
    for (int attempt = 1; attempt <= DF_REGISTER_ATTEMPTS; attempt++) {
      try {
        ACLMessage request =
            DFService.createRequestMessage(
                this,
                getDefaultDF(),
                jade.domain.FIPAAgentManagement.FIPAManagementVocabulary.REGISTER,
                description,
                null);
        ACLMessage reply =
            jade.domain.FIPAService.doFipaRequestClient(this, request, DF_REGISTER_TIMEOUT_MILLIS);
        if (reply != null) {
          return;
        }
        LOG.warn(
            "the DF did not answer the coordinator's registration within {} ms (attempt {} of {})",
            DF_REGISTER_TIMEOUT_MILLIS,
            attempt,
            DF_REGISTER_ATTEMPTS);
      } catch (FIPAException e) {
        if (String.valueOf(e.getMessage()).contains("already-registered")) {
          return;
        }
        last = e.getMessage();
        LOG.warn(
            "the DF refused the coordinator's registration (attempt {} of {}): {}",
            attempt,
            DF_REGISTER_ATTEMPTS,
            last);
      }
    }
    throw new IllegalStateException("the coordinator cannot register with the DF: " + last);
  }

  @Override
  protected void takeDown() {
    // No DF deregistration here: during a platform shutdown the DF may be gone already and the
    // blocking request would hold the shutdown up. The DF forgets dead agents by itself.
    IllegalStateException stopped = new IllegalStateException("the coordinator stopped");
    if (active != null) {
      active.request.result().completeExceptionally(stopped);
    }
    requests.forEach(r -> r.result().completeExceptionally(stopped));
  }

  private final class Conductor extends CyclicBehaviour {
    private static final long serialVersionUID = 1L;

    @Override
    public void action() {
      for (Object o = getO2AObject(); o != null; o = getO2AObject()) {
        if (o instanceof DayRequest request) {
          requests.add(request);
        }
      }
      for (ACLMessage msg = receive(); msg != null; msg = receive()) {
        handleMessage(msg);
      }
      if (active == null && !requests.isEmpty()) {
        active = new DayRun(requests.poll());
        active.sendCalls();
      }
      if (active != null) {
        active.advanceIfDue();
      }
      if (active != null) {
        block(Math.max(1, active.remainingMillis()));
      } else if (requests.isEmpty()) {
        block();
      }
    }
  }

  private void send(ACLMessage msg, Message content) {
    jade.util.leap.Iterator receivers = msg.getAllReceiver();
    String to = receivers.hasNext() ? ((AID) receivers.next()).getName() : null;
    String id = to == null ? null : householdByAgent.get(to);
    Session session = id == null ? null : sessions.get(id);
    if (session != null) {
      msg.setSender(getAID());
      MessageAuth.sign(msg, session.key, session.next++);
    }
    send(msg);
    observer.onMessage(Acl.event(TraceEvent.SENT, getLocalName(), msg, content), content);
  }

  private void reply(ACLMessage to, int performative, Message content, long virtualSeconds) {
    send(Acl.reply(to, performative, content, virtualSeconds), content);
  }

  private long now(ACLMessage msg) {
    return active != null ? active.virtualNow() : Acl.virtualSeconds(msg);
  }

  private void handleMessage(ACLMessage msg) {
    if (msg.getPerformative() == ACLMessage.FAILURE
        && msg.getSender().getLocalName().equals("ams")) {
      observer.onMessage(Acl.event(TraceEvent.RECEIVED, getLocalName(), msg, null), null);
      if (active != null && msg.getInReplyTo() != null) {
        if (active.isLearnerReply(msg)) {
          active.keepWeights("the learner " + active.learner.getLocalName() + " is unreachable");
        } else {
          active.unreachable(msg.getInReplyTo());
        }
      }
      return;
    }
    String sender = householdByAgent.get(msg.getSender().getName());
    if (sender != null) {
      Session session = sessions.get(sender);
      Optional<String> forged = MessageAuth.verify(msg, session.key, session.seen);
      if (forged.isPresent()) {
        // Not from the household (or a replay): ignored, so that a forger can neither bid for it
        // nor make it standalone. No answer: it would go to the household named, not the forger.
        observer.onMessage(Acl.event(TraceEvent.RECEIVED, getLocalName(), msg, null), null);
        LOG.warn("refused a message claiming to be from {}: {}", sender, forged.get());
        return;
      }
    }
    Message content;
    try {
      content = MessageCodec.decode(msg.getContent());
    } catch (ContentException e) {
      observer.onMessage(Acl.event(TraceEvent.RECEIVED, getLocalName(), msg, null), null);
      int p = msg.getPerformative();
      if (p != ACLMessage.NOT_UNDERSTOOD && p != ACLMessage.FAILURE) {
        reply(msg, ACLMessage.NOT_UNDERSTOOD, new Message.Problem(e.getMessage()), now(msg));
      }
      if (active != null && active.isLearnerReply(msg)) {
        active.keepWeights("the learner's reply does not decode: " + e.getMessage());
        return;
      }
      String id = householdByAgent.get(msg.getSender().getName());
      if (id != null && active != null && p == ACLMessage.PROPOSE) {
        active.standaloneIfPending(id, "its bid was not understood: " + e.getMessage());
      }
      return;
    }
    observer.onMessage(Acl.event(TraceEvent.RECEIVED, getLocalName(), msg, content), content);
    if (active != null && active.isLearnerReply(msg)) {
      active.weights(msg, content);
      return;
    }
    if (content instanceof Message.NextWeights
        || msg.getConversationId() != null
            && msg.getConversationId().startsWith(LEARNER_CONVERSATION)) {
      LOG.debug(
          "ignored a late {} from the learner {}",
          ACLMessage.getPerformative(msg.getPerformative()),
          msg.getSender().getLocalName());
      return;
    }
    String householdId = householdByAgent.get(msg.getSender().getName());
    if (content instanceof JoinRequest join && msg.getPerformative() == ACLMessage.REQUEST) {
      join(msg, join);
      return;
    }
    if (householdId == null) {
      reply(
          msg,
          ACLMessage.REFUSE,
          new Message.Problem(
              ReceiptCheck.NOT_REGISTERED
                  + ": "
                  + msg.getSender().getLocalName()
                  + ". Maybe it has to send a join request first."),
          now(msg));
      return;
    }
    boolean current =
        active != null
            && active.conversationId.equals(msg.getConversationId())
            && active.round == Acl.round(msg);
    switch (msg.getPerformative()) {
      case ACLMessage.PROPOSE -> {
        if (!current || !active.pending.containsKey(householdId)) {
          reply(
              msg, ACLMessage.REJECT_PROPOSAL, new Message.Rejection(Acl.day(msg), LATE), now(msg));
        } else if (content instanceof Bid bid && settings.mode() == MarketMode.CENTRAL) {
          active.bid(msg, householdId, bid);
        } else if (content instanceof NetProfileBid net
            && settings.mode() == MarketMode.DECENTRALISED
            && active.asksNetProfiles()) {
          active.netBid(msg, householdId, net);
        } else if (content instanceof Message.ScheduleBid schedule
            && settings.mode() == MarketMode.DECENTRALISED
            && !active.asksNetProfiles()) {
          active.scheduleBid(msg, householdId, schedule);
        } else {
          String reason =
              "A PROPOSE in the "
                  + settings.mode()
                  + " mode must carry a "
                  + (settings.mode() == MarketMode.CENTRAL
                      ? "Bid"
                      : active.asksNetProfiles() ? "NetProfileBid" : "ScheduleBid");
          reply(msg, ACLMessage.NOT_UNDERSTOOD, new Message.Problem(reason), now(msg));
          active.standaloneIfPending(householdId, reason);
        }
      }
      case ACLMessage.REFUSE, ACLMessage.NOT_UNDERSTOOD, ACLMessage.FAILURE -> {
        if (current && content instanceof Message.Problem problem) {
          active.standaloneIfPending(householdId, DECLINED + problem.reason());
        }
      }
      case ACLMessage.INFORM -> {
        if (current
            && active.preamble
            && content instanceof Message.IdleNetLoad net
            && active.pending.containsKey(householdId)) {
          active.idleNet(householdId, net);
        } else {
          LOG.debug(
              "ignored an INFORM {} from {}", content.getClass().getSimpleName(), householdId);
        }
      }
      default ->
          LOG.debug(
              "ignored {} from {}", ACLMessage.getPerformative(msg.getPerformative()), householdId);
    }
  }

  /**
   * A join is accepted when it is signed with the run secret, shows the main's scenario, passes the
   * value checks and the roster, and its id is free or already held by this very agent (a repeated
   * join is answered again, so that a household may retry). Anything else is refused with the
   * reason; a refusal changes nothing else.
   */
  private void join(ACLMessage msg, JoinRequest join) {
    Optional<String> problem =
        MessageAuth.verify(msg, runKey, null)
            .or(() -> admission.problem(join, msg.getUserDefinedParameter(MessageAuth.SCENARIO)));
    Participant existing = participants.get(join.householdId());
    String holder = householdByAgent.get(msg.getSender().getName());
    if (problem.isEmpty() && existing != null && !existing.aid().equals(msg.getSender())) {
      problem =
          Optional.of(
              ALREADY_REGISTERED
                  + ": "
                  + join.householdId()
                  + " by "
                  + existing.aid().getName()
                  + ". Maybe you meant another id.");
    } else if (problem.isEmpty() && holder != null && !holder.equals(join.householdId())) {
      problem =
          Optional.of(
              ALREADY_REGISTERED
                  + ": the agent "
                  + msg.getSender().getName()
                  + " holds "
                  + holder
                  + " and cannot join as "
                  + join.householdId()
                  + " too");
    }
    if (problem.isPresent()) {
      LOG.warn(
          "refused the join of {} from {}: {}",
          join.householdId(),
          msg.getSender().getName(),
          problem.get());
      synchronized (this) {
        refusedJoins.put(String.valueOf(join.householdId()), problem.get());
      }
      // Under the run key, so that the household knows the refusal is the coordinator's and stops
      // trying.
      Message refusal = new Message.Problem(problem.get());
      ACLMessage refused = Acl.reply(msg, ACLMessage.REFUSE, refusal, now(msg));
      refused.setSender(getAID());
      MessageAuth.sign(refused, runKey, MessageAuth.firstSequence());
      send(refused);
      observer.onMessage(Acl.event(TraceEvent.SENT, getLocalName(), refused, refusal), refusal);
      return;
    }
    boolean first = existing == null;
    if (first) {
      participants.put(join.householdId(), new Participant(msg.getSender(), join));
      householdByAgent.put(msg.getSender().getName(), join.householdId());
      sessions.put(join.householdId(), new Session());
    }
    // The acceptance goes under the run key (the household has no session key yet) and carries it.
    Message acceptance = new Message.JoinAccepted(join.householdId(), participants.size());
    ACLMessage accepted = Acl.reply(msg, ACLMessage.INFORM, acceptance, now(msg));
    accepted.addUserDefinedParameter(
        MessageAuth.SESSION_KEY, sessions.get(join.householdId()).key.hex());
    accepted.setSender(getAID());
    MessageAuth.sign(accepted, runKey, MessageAuth.firstSequence());
    send(accepted);
    observer.onMessage(
        Acl.event(TraceEvent.SENT, getLocalName(), accepted, acceptance), acceptance);
    if (first) {
      onJoin.accept(join.householdId());
    }
  }

  /**
   * The equity learner registered with the DF, if any (searched each time: it may have been
   * restarted).
   */
  private Optional<AID> findLearner() {
    DFAgentDescription template = new DFAgentDescription();
    ServiceDescription service = new ServiceDescription();
    service.setType(LEARNER_SERVICE_TYPE);
    template.addServices(service);
    try {
      DFAgentDescription[] found = DFService.search(this, template);
      return found.length == 0 ? Optional.empty() : Optional.of(found[0].getName());
    } catch (FIPAException e) {
      LOG.debug("DF search for the learner failed: {}", e.getMessage());
      return Optional.empty();
    }
  }

  /** The state of the day in progress. */
  private final class DayRun {
    final DayRequest request;
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
    final Map<Integer, SortedMap<String, NetProfileBid>> bidsByRound = new HashMap<>();

    /**
     * ADMM and decomposition: this round's signal of each negotiator, and the awarded schedules.
     */
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

    DayRun(DayRequest request) {
      this.request = request;
      this.day = request.day();
      this.terms = termsOfDay.apply(day);
      this.conversationId = "day-" + day;
      this.members = new ArrayList<>(participants.keySet());
      for (String id : admission.expected()) {
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
     * The day's cost-minimising negotiation over the negotiators, on a day built from what they
     * sent ({@link TradingDays#negotiators}).
     */
    private NegotiationSession startSession() {
      TradingDay joined = TradingDays.negotiators(day, terms, negotiators, this::joinOf, idleNet);
      return NegotiationSession.costMinimising(
          settings.negotiation(), joined, settings.tatonnement(), settings.negotiationTolerance());
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
          Acl.create(ACLMessage.CFP, getAID(), call, conversationId, day, round, virtualNow());
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

    /**
     * The day's terms, all a household's own solve needs (the central CFP and the first round's).
     */
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
      send(msg, content);
      roundMessages += 1;
      roundNumbers += numbers;
    }

    /** The replies to the calls just sent are due within the reply timeout. */
    private void startTimer() {
      deadlineNanos = System.nanoTime() + settings.replyTimeoutMillis() * 1_000_000L;
    }

    /** Decomposition: the day's terms as a REQUEST; each household answers its idle net load. */
    private void requestTerms(long deadline) {
      Message call = termsCall(deadline);
      long numbers = 2L * terms.tariff().intervals() + 1;
      for (String id : negotiators) {
        if (standalone.containsKey(id)) {
          continue;
        }
        ACLMessage msg =
            Acl.create(
                ACLMessage.REQUEST,
                participants.get(id).aid(),
                call,
                conversationId,
                day,
                round,
                virtualNow());
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
      for (Map.Entry<String, Signal> announced : session.announce().entrySet()) {
        String id = announced.getKey();
        Signal signal = announced.getValue();
        if (standalone.containsKey(id)) {
          continue;
        }
        AID aid = participants.get(id).aid();
        if (informed.add(id)) {
          Message terms = termsCall(deadline);
          send(
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
      startTimer();
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
        standalone.put(id, reason);
        bids.remove(id);
        netBids.remove(id);
        if (session != null) {
          session.withdraw(id);
        }
        observer.onNote(day, virtualNow(), id + " is standalone today: " + reason);
      }
    }

    void bid(ACLMessage msg, String id, Bid bid) {
      JoinRequest registered = participants.get(id).join();
      Optional<String> problem = ReceiptCheck.bid(bid, registered, day, terms.tariff().intervals());
      if (problem.isPresent()) {
        reply(msg, ACLMessage.REFUSE, new Message.Problem(problem.get()), virtualNow());
        standaloneIfPending(id, REFUSED + problem.get());
        return;
      }
      pending.remove(id);
      bids.put(id, bid);
      strategies.put(id, bid.strategy());
    }

    void netBid(ACLMessage msg, String id, NetProfileBid bid) {
      JoinRequest registered = participants.get(id).join();
      Optional<String> problem =
          ReceiptCheck.netProfile(bid, registered, day, terms.tariff().intervals());
      if (problem.isPresent()) {
        reply(msg, ACLMessage.REFUSE, new Message.Problem(problem.get()), virtualNow());
        standaloneIfPending(id, REFUSED + problem.get());
        return;
      }
      pending.remove(id);
      netBids.put(id, bid);
      session.answer(id, TradingDays.answer(bid));
      strategies.put(id, bid.strategy());
      roundMessages += 1;
      roundNumbers += 3L * bid.netKwh().length;
    }

    /** ADMM and decomposition: a household's schedule, checked against the signal it answers. */
    void scheduleBid(ACLMessage msg, String id, Message.ScheduleBid bid) {
      Optional<String> problem =
          ReceiptCheck.scheduleBid(
              bid, id, day, round, signals.get(id), terms.tariff().intervals());
      if (problem.isPresent()) {
        reply(msg, ACLMessage.REFUSE, new Message.Problem(problem.get()), virtualNow());
        standaloneIfPending(id, REFUSED + problem.get());
        return;
      }
      pending.remove(id);
      if (session != null) {
        session.answer(id, bid.schedule());
      }
      strategies.put(id, bid.strategy());
      roundMessages += 1;
      roundNumbers += bid.schedule().numbers();
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
        settle();
        return;
      }
      if (preamble) {
        preamble = false;
        negotiators.removeIf(standalone::containsKey);
        session = startSession();
        // The terms' messages count in the first round.
        sendCalls0();
        return;
      }
      bidsByRound.put(round, new TreeMap<>(netBids));
      session
          .closeRound(roundMessages, roundNumbers)
          .ifPresent(record -> observer.onRound(day, session.name().key(), record));
      if (session.finished()) {
        award(session.award());
        settle();
        return;
      }
      round = session.round();
      netBids.clear();
      sendCalls();
    }

    /**
     * The award becomes the households' net profiles for the settlement: the tâtonnement's awarded
     * round's bids as received; ADMM's and the decomposition's schedules as net-profile bids.
     */
    private void award(NegotiationSession.Award award) {
      converged = award.converged();
      bestRound = award.round();
      observer.onNote(day, virtualNow(), award.note());
      SortedMap<String, NetProfileBid> received =
          bidsByRound.getOrDefault(bestRound, new TreeMap<>());
      netBids.clear();
      if (session.asksNetProfiles()) {
        received.forEach(
            (id, bid) -> {
              if (!standalone.containsKey(id)) {
                netBids.put(id, bid);
              }
            });
        return;
      }
      for (String id : negotiators) {
        if (standalone.containsKey(id)) {
          continue;
        }
        if (!(award.byHousehold().get(id) instanceof Answer.Schedule s)) {
          standalone.put(id, "the negotiation awarded it no schedule: " + award.note());
          continue;
        }
        awardedSchedules.put(id, s);
        netBids.put(
            id,
            new NetProfileBid(
                id,
                day,
                bestRound,
                s.netKwh(),
                s.chargeKwh(),
                s.dischargeKwh(),
                List.of(),
                strategies.getOrDefault(id, ""),
                settings.negotiation().key()));
      }
    }

    void settle() {
      long awardAt = settings.clock().deadline(day, round);
      List<String> bidders =
          new ArrayList<>(settings.mode() == MarketMode.CENTRAL ? bids.keySet() : netBids.keySet());
      Map<String, HouseholdOutcome> settled = new LinkedHashMap<>();
      double[] pool = new double[terms.tariff().intervals()];
      if (!bidders.isEmpty()) {
        try {
          DayOutcome outcome =
              settings.mode() == MarketMode.CENTRAL
                  ? market.settle(TradingDays.central(day, terms, bidders, this::joinOf, bids))
                  : market.settleNetProfiles(
                      TradingDays.netProfiles(day, terms, bidders, this::joinOf, netBids),
                      TradingDays.storedKwh(bidders, this::joinOf, netBids));
          pool = outcome.poolPriceEurPerKwh();
          for (String id : bidders) {
            HouseholdOutcome o = outcome.byHousehold().get(id);
            if (o == null) {
              standalone.put(id, "the market returned no outcome for it");
            } else {
              settled.put(id, o);
            }
          }
        } catch (RuntimeException e) {
          LOG.warn("day {}: the market failed, everyone is standalone: {}", day, e.getMessage());
          for (String id : bidders) {
            standalone.put(id, "the market failed: " + e.getMessage());
          }
        }
      }
      observer.onNote(
          day,
          awardAt,
          "cleared: " + settled.size() + " settled, " + standalone.size() + " standalone");
      for (Map.Entry<String, HouseholdOutcome> e : settled.entrySet()) {
        AID aid = participants.get(e.getKey()).aid();
        Message.Schedule schedule =
            TradingDays.awarded(e.getValue().schedule(), awardedSchedules.get(e.getKey()));
        Message award = new Message.Acceptance(day, schedule, pool);
        int awarded = settings.mode() == MarketMode.CENTRAL ? round : bestRound;
        send(
            Acl.create(
                ACLMessage.ACCEPT_PROPOSAL, aid, award, conversationId, day, awarded, awardAt),
            award);
      }
      for (Map.Entry<String, HouseholdOutcome> e : settled.entrySet()) {
        HouseholdOutcome o = e.getValue();
        AID aid = participants.get(e.getKey()).aid();
        Message inform =
            new Message.SettlementInform(
                day,
                o.householdId(),
                o.energyCostEur(),
                o.standaloneCostEur(),
                o.shareEur(),
                o.billEur(),
                o.explanation());
        send(
            Acl.create(ACLMessage.INFORM, aid, inform, conversationId, day, round, awardAt + 60),
            inform);
      }
      SortedMap<String, String> notes = new TreeMap<>();
      netBids.forEach((id, b) -> notes.put(id, b.scheduleNote()));
      DayResult result =
          new DayResult(
              day,
              settings.mode(),
              settled,
              standalone,
              strategies,
              notes,
              round + 1,
              settings.mode() == MarketMode.CENTRAL ? 0 : bestRound,
              converged,
              session == null ? new double[0] : session.lastPoolPrices(),
              pool,
              awardAt + 60,
              session == null ? "" : session.name().key(),
              session == null ? List.of() : session.rounds(),
              session == null ? Double.NaN : session.awardedObjectiveEur());
      LOG.debug("day {} done: {} settled, standalone {}", day, settled.size(), standalone);
      this.result = result;
      askLearner(awardAt + 120);
    }

    /**
     * Adaptive weights: sends the day's metrics to the learner and waits for its reply; else ends
     * the day.
     */
    void askLearner(long sentAt) {
      long due = sentAt + settings.clock().bidWindowSeconds();
      Optional<Message.EquityMetrics> metrics;
      try {
        metrics = market.equityMetrics(day, due);
      } catch (RuntimeException e) {
        LOG.warn(
            "day {}: no equity metrics for the learner ({}); {}",
            day,
            e.getMessage(),
            KEEP_WEIGHTS);
        metrics = Optional.empty();
      }
      if (metrics.isEmpty()) {
        finish();
        return;
      }
      learner = findLearner().orElse(null);
      if (learner == null) {
        keepWeights("no equity learner is registered as " + LEARNER_SERVICE_TYPE);
        return;
      }
      ACLMessage msg =
          Acl.create(
              ACLMessage.INFORM,
              learner,
              metrics.get(),
              LEARNER_CONVERSATION + day,
              day,
              round,
              sentAt);
      learnerReplyWith = LEARNER_CONVERSATION + day + "-metrics";
      msg.setReplyWith(learnerReplyWith);
      send(msg, metrics.get());
      startTimer();
    }

    /** The learner's reply: the next day's weights, or a reason to keep the current ones. */
    void weights(ACLMessage msg, Message content) {
      if (msg.getPerformative() != ACLMessage.INFORM
          || !(content instanceof Message.NextWeights next)) {
        String why = content instanceof Message.Problem p ? ": " + p.reason() : "";
        keepWeights(
            "the learner answered "
                + ACLMessage.getPerformative(msg.getPerformative())
                + " with a "
                + (content == null ? "unreadable content" : content.getClass().getSimpleName())
                + why);
        return;
      }
      try {
        market.useWeights(next);
      } catch (RuntimeException e) {
        reply(msg, ACLMessage.REFUSE, new Message.Problem(e.getMessage()), Acl.virtualSeconds(msg));
        keepWeights("the learner's weights are refused: " + e.getMessage());
        return;
      }
      observer.onNote(
          day, Acl.virtualSeconds(msg), "weights for day " + next.day() + " set by the learner");
      finish();
    }

    void keepWeights(String reason) {
      LOG.warn("day {}: {}; {}", day, reason, KEEP_WEIGHTS);
      observer.onNote(day, result.virtualEndSeconds(), reason + "; " + KEEP_WEIGHTS);
      finish();
    }

    void finish() {
      learnerReplyWith = null;
      active = null;
      request.result().complete(result);
    }
  }
}
