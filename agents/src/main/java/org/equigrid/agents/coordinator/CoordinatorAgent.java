package org.equigrid.agents.coordinator;

import jade.core.AID;
import jade.core.Agent;
import jade.core.behaviours.CyclicBehaviour;
import jade.domain.FIPAAgentManagement.DFAgentDescription;
import jade.domain.FIPAAgentManagement.ServiceDescription;
import jade.lang.acl.ACLMessage;
import jade.wrapper.AgentController;
import jade.wrapper.StaleProxyException;
import java.util.ArrayDeque;
import java.util.Deque;
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
import org.equigrid.agents.protocol.Message.JoinRequest;
import org.equigrid.agents.protocol.MessageAuth;
import org.equigrid.agents.protocol.MessageCodec;
import org.equigrid.agents.protocol.ProtocolObserver;
import org.equigrid.agents.protocol.ReceiptCheck;
import org.equigrid.agents.protocol.TraceEvent;
import org.equigrid.market.negotiation.NegotiationSession;

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
 *
 * <p>The agent only messages. One day's calls, answers, award and settlement messages are a {@link
 * DayRun}; the negotiation's rounds and award are market's {@code NegotiationSession}, the market's
 * days {@link TradingDays}, value checks {@code ReceiptCheck} and {@link Admission}, the joins and
 * their session keys {@link Joins}, the DF registration and search {@link CoordinatorDirectory}.
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

  final transient CoordinatorSettings settings;
  final transient IntFunction<DayTerms> termsOfDay;
  final transient DayMarket market;
  final transient ProtocolObserver observer;
  final transient Admission admission;
  final transient SortedMap<String, Participant> participants = new TreeMap<>();
  private final transient Joins joins;
  private final transient Deque<DayRequest> requests = new ArrayDeque<>();
  private final transient CompletableFuture<Void> registered = new CompletableFuture<>();
  transient DayRun active;

  /**
   * Where the last finished ADMM negotiation ended, for the next day's warm start ({@code
   * market.admm.warmStart}); empty before the first and after a day of another mechanism.
   */
  transient Optional<NegotiationSession.AdmmMemory> admmMemory = Optional.empty();

  record Participant(AID aid, JoinRequest join) {}

  record DayRequest(int day, CompletableFuture<DayResult> result) {}

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
    this.joins = new Joins(this, runKey, admission, onJoin, participants);
    this.admission = java.util.Objects.requireNonNull(admission, "admission");
  }

  /** Refused joins so far: household id (as claimed) to the last reason. */
  public SortedMap<String, String> refusedJoins() {
    return joins.refused();
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
    try {
      CoordinatorDirectory.register(this, description);
    } catch (RuntimeException e) {
      registered.completeExceptionally(e);
      throw e;
    }
    addBehaviour(new Conductor());
    registered.complete(null);
    LOG.debug("coordinator {} registered as {}", getLocalName(), SERVICE_TYPE);
  }

  /**
   * Completes once the coordinator has registered with the DF and listens (exceptionally if it
   * could not register). The platform creates no household agent before: see {@code
   * AgentPlatform#addHouseholds} on why no agent may be created while messages are delivered.
   */
  public CompletableFuture<Void> registered() {
    return registered;
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
        active = new DayRun(CoordinatorAgent.this, requests.poll());
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

  void send(ACLMessage msg, Message content) {
    jade.util.leap.Iterator receivers = msg.getAllReceiver();
    String to = receivers.hasNext() ? ((AID) receivers.next()).getName() : null;
    String id = to == null ? null : joins.householdOf(to);
    Joins.Session session = id == null ? null : joins.session(id);
    if (session != null) {
      msg.setSender(getAID());
      MessageAuth.sign(msg, session.key, session.next++);
    }
    send(msg);
    observer.onMessage(Acl.event(TraceEvent.SENT, getLocalName(), msg, content), content);
  }

  void reply(ACLMessage to, int performative, Message content, long virtualSeconds) {
    send(Acl.reply(to, performative, content, virtualSeconds), content);
  }

  long now(ACLMessage msg) {
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
    String sender = joins.householdOf(msg.getSender().getName());
    if (sender != null) {
      Joins.Session session = joins.session(sender);
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
      String id = joins.householdOf(msg.getSender().getName());
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
    String householdId = joins.householdOf(msg.getSender().getName());
    if (content instanceof JoinRequest join && msg.getPerformative() == ACLMessage.REQUEST) {
      joins.join(msg, join);
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
        } else {
          active.propose(msg, householdId, content);
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
}
