package org.equigrid.agents.household;

import jade.core.AID;
import jade.core.Agent;
import jade.core.behaviours.Behaviour;
import jade.core.behaviours.CyclicBehaviour;
import jade.lang.acl.ACLMessage;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.agents.coordinator.CoordinatorAgent;
import org.equigrid.agents.coordinator.CoordinatorDirectory;
import org.equigrid.agents.protocol.Acl;
import org.equigrid.agents.protocol.ContentException;
import org.equigrid.agents.protocol.JoinCredentials;
import org.equigrid.agents.protocol.Message;
import org.equigrid.agents.protocol.MessageAuth;
import org.equigrid.agents.protocol.MessageCodec;
import org.equigrid.agents.protocol.ProtocolObserver;
import org.equigrid.agents.protocol.TraceEvent;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.ParticipantKind;

/**
 * A community participant: is given the coordinator's address (or finds it through the Directory
 * Facilitator), joins with its assets (started in waves of a bounded number of joins in flight,
 * {@link JoinGate}), answers each call with a bid shaped by its {@link BiddingStrategy} (or, in the
 * decentralised mode, with its own Choco schedule's net profile), and records its settlements
 * ({@link ParticipantDay}). {@link HouseholdAgent} (consumer) and {@link ProsumerAgent} differ only
 * in the assets they hold.
 */
public abstract sealed class ParticipantAgent extends Agent permits HouseholdAgent, ProsumerAgent {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LogManager.getLogger();

  /**
   * The first wait before a join is tried again without an answer, in ms; it doubles up to the cap.
   */
  static final long FIRST_RETRY_MILLIS = 2_000;

  static final long MAX_RETRY_MILLIS = 16_000;

  private final transient HouseholdSetup setup;
  private final transient ProtocolObserver observer;
  private final transient JoinCredentials credentials;

  /** Its answers to the coordinator's messages of each day, and its battery's state of charge. */
  private final transient ParticipantDay day;

  /**
   * The bound on joins in flight this agent holds a place of, from its start to the coordinator's
   * answer, or null (it holds none).
   */
  private transient volatile JoinGate joinPlace;

  private transient MessageAuth.Key session;
  private transient long nextSequence = MessageAuth.firstSequence();
  private final transient MessageAuth.Replay seen = new MessageAuth.Replay();
  private transient String joinConversation;
  private transient volatile String refusedBecause;

  private transient AID coordinator;

  ParticipantAgent(
      HouseholdSetup setup,
      HouseholdScheduler scheduler,
      ProtocolObserver observer,
      Consumer<Message.SettlementInform> settlements,
      JoinCredentials credentials) {
    this.setup = setup;
    this.observer = observer;
    this.credentials = java.util.Objects.requireNonNull(credentials, "credentials");
    this.day = new ParticipantDay(this, setup, scheduler, settlements);
  }

  /**
   * The agent for a setup: a {@link ProsumerAgent} or a {@link HouseholdAgent} by the household's
   * kind.
   *
   * @param credentials the run key it signs its join with and the scenario fingerprint it shows
   */
  public static ParticipantAgent of(
      HouseholdSetup setup,
      HouseholdScheduler scheduler,
      ProtocolObserver observer,
      Consumer<Message.SettlementInform> settlements,
      JoinCredentials credentials) {
    return setup.household().kind() == ParticipantKind.PROSUMER
        ? new ProsumerAgent(setup, scheduler, observer, settlements, credentials)
        : new HouseholdAgent(setup, scheduler, observer, settlements, credentials);
  }

  /**
   * Tells the agent, before it starts, where the coordinator is, so that it sends its join there
   * without asking the DF (the platform and a second JVM's container give every household the
   * coordinator's AID; without one, the agent searches the DF). The join and its answer are signed
   * with the run key as before, so a wrong address can only cost the join, not admit anyone.
   *
   * @return this agent
   */
  public ParticipantAgent knowingCoordinator(AID known) {
    this.coordinator = java.util.Objects.requireNonNull(known, "known");
    return this;
  }

  /** Why the coordinator refused this household's join, or null (not refused). */
  public String refusedBecause() {
    return refusedBecause;
  }

  @Override
  protected void setup() {
    addBehaviour(new Joiner(this));
    addBehaviour(new Responder());
  }

  @Override
  protected void takeDown() {
    leaveJoinGate();
  }

  /**
   * Tells the agent, before it starts, that it holds a place of {@code gate} (whoever starts it
   * entered the gate for it): it leaves the gate when the coordinator has answered its join
   * (accepted or refused) or when it ends.
   *
   * @return this agent
   */
  public ParticipantAgent holdingJoinPlace(JoinGate gate) {
    this.joinPlace = java.util.Objects.requireNonNull(gate, "gate");
    return this;
  }

  /** Gives up this agent's place among the joins in flight, if it holds one. */
  private void leaveJoinGate() {
    JoinGate held = joinPlace;
    if (held != null) {
      joinPlace = null;
      held.leave();
    }
  }

  /**
   * Finds the coordinator in the DF and sends the join, again with a doubling wait ({@value
   * #FIRST_RETRY_MILLIS} ms up to {@value #MAX_RETRY_MILLIS} ms, with jitter) until the coordinator
   * accepts or refuses it. A DF search waits at most {@value
   * CoordinatorDirectory#DF_SEARCH_TIMEOUT_MILLIS} ms, so a lost DF answer or a lost join costs one
   * retry, not the run.
   */
  private final class Joiner extends Behaviour {
    private static final long serialVersionUID = 1L;
    private long waitMillis = FIRST_RETRY_MILLIS;
    private long nextAttemptNanos = System.nanoTime();
    private final java.util.Random jitter = new java.util.Random();

    Joiner(Agent agent) {
      super(agent);
    }

    @Override
    public void action() {
      if (done()) {
        return;
      }
      long left = (nextAttemptNanos - System.nanoTime()) / 1_000_000L;
      if (left > 0) {
        block(left);
        return;
      }
      // The DF is asked again only while the coordinator is unknown: a retry resends the join.
      AID found = coordinator != null ? coordinator : searchCoordinator();
      if (found != null) {
        coordinator = found;
        Household h = setup.household();
        Message join = Message.JoinRequest.of(h, setup.importLimitKw(), setup.exportLimitKw());
        joinConversation = "join-" + h.id();
        ACLMessage msg =
            Acl.create(ACLMessage.REQUEST, coordinator, join, joinConversation, -1, 0, 0);
        if (credentials.scenarioSha256() != null) {
          msg.addUserDefinedParameter(MessageAuth.SCENARIO, credentials.scenarioSha256());
        }
        msg.setSender(getAID());
        MessageAuth.sign(msg, credentials.runKey(), nextSequence++);
        ParticipantAgent.this.send(msg);
        observer.onMessage(Acl.event(TraceEvent.SENT, getLocalName(), msg, join), join);
      }
      long wait = waitMillis + (long) (jitter.nextDouble() * waitMillis / 4);
      nextAttemptNanos = System.nanoTime() + wait * 1_000_000L;
      waitMillis = Math.min(MAX_RETRY_MILLIS, waitMillis * 2);
      block(wait);
    }

    private AID searchCoordinator() {
      return CoordinatorDirectory.find(myAgent, CoordinatorAgent.SERVICE_TYPE).orElse(null);
    }

    @Override
    public boolean done() {
      return session != null || refusedBecause() != null;
    }
  }

  private final class Responder extends CyclicBehaviour {
    private static final long serialVersionUID = 1L;

    @Override
    public void action() {
      ACLMessage msg = receive();
      if (msg == null) {
        block();
        return;
      }
      respond(msg);
    }
  }

  private void send(ACLMessage msg, Message content) {
    if (session != null && coordinator != null && coordinator.equals(firstReceiver(msg))) {
      msg.setSender(getAID());
      MessageAuth.sign(msg, session, nextSequence++);
    }
    send(msg);
    observer.onMessage(Acl.event(TraceEvent.SENT, getLocalName(), msg, content), content);
  }

  /** Replies to {@code to}; what goes to the coordinator is signed with the session key. */
  void reply(ACLMessage to, int performative, Message content) {
    send(Acl.reply(to, performative, content, Acl.virtualSeconds(to)), content);
  }

  private void respond(ACLMessage msg) {
    if (msg.getPerformative() == ACLMessage.FAILURE
        && "ams".equals(msg.getSender().getLocalName())) {
      observer.onMessage(Acl.event(TraceEvent.RECEIVED, getLocalName(), msg, null), null);
      return;
    }
    if (coordinator != null && coordinator.equals(msg.getSender())) {
      boolean joinReply =
          session == null
              && joinConversation != null
              && joinConversation.equals(msg.getConversationId());
      MessageAuth.Key key = joinReply ? credentials.runKey() : session;
      java.util.Optional<String> forged =
          key == null
              ? java.util.Optional.of(
                  MessageAuth.NOT_AUTHENTIC + ": no session with the coordinator yet")
              : MessageAuth.verify(msg, key, joinReply ? null : seen);
      if (forged.isPresent()) {
        // Ignored without an answer: whoever sent it is not the coordinator of this run.
        observer.onMessage(Acl.event(TraceEvent.RECEIVED, getLocalName(), msg, null), null);
        LOG.warn(
            "{}: ignored a message claiming to be from the coordinator: {}",
            getLocalName(),
            forged.get());
        return;
      }
      if (joinReply) {
        joinAnswered(msg);
      }
    }
    Message content;
    try {
      content = MessageCodec.decode(msg.getContent());
    } catch (ContentException e) {
      observer.onMessage(Acl.event(TraceEvent.RECEIVED, getLocalName(), msg, null), null);
      if (msg.getPerformative() != ACLMessage.NOT_UNDERSTOOD) {
        reply(msg, ACLMessage.NOT_UNDERSTOOD, new Message.Problem(e.getMessage()));
      }
      return;
    }
    observer.onMessage(Acl.event(TraceEvent.RECEIVED, getLocalName(), msg, content), content);
    if (coordinator == null || !coordinator.equals(msg.getSender())) {
      if (msg.getPerformative() != ACLMessage.REFUSE
          && msg.getPerformative() != ACLMessage.NOT_UNDERSTOOD) {
        reply(
            msg,
            ACLMessage.REFUSE,
            new Message.Problem(
                "Only the community coordinator may call " + setup.household().id()));
      }
      return;
    }
    day.handle(msg, content);
  }

  private static AID firstReceiver(ACLMessage msg) {
    jade.util.leap.Iterator receivers = msg.getAllReceiver();
    return receivers.hasNext() ? (AID) receivers.next() : null;
  }

  /** The coordinator's authentic answer to the join: the session key, or a final refusal. */
  private void joinAnswered(ACLMessage msg) {
    if (msg.getPerformative() == ACLMessage.INFORM) {
      MessageAuth.Key.parse(msg.getUserDefinedParameter(MessageAuth.SESSION_KEY))
          .ifPresent(k -> session = k);
      if (session != null) {
        leaveJoinGate();
      }
    } else if (msg.getPerformative() == ACLMessage.REFUSE) {
      leaveJoinGate();
      String reason;
      try {
        reason =
            MessageCodec.decode(msg.getContent()) instanceof Message.Problem p
                ? p.reason()
                : msg.getContent();
      } catch (ContentException e) {
        reason = msg.getContent();
      }
      refusedBecause = reason;
      LOG.warn("{}: the coordinator refused the join: {}", getLocalName(), reason);
    }
  }
}
