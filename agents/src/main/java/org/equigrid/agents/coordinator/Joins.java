package org.equigrid.agents.coordinator;

import jade.lang.acl.ACLMessage;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.agents.coordinator.CoordinatorAgent.Participant;
import org.equigrid.agents.protocol.Acl;
import org.equigrid.agents.protocol.Message;
import org.equigrid.agents.protocol.Message.JoinRequest;
import org.equigrid.agents.protocol.MessageAuth;
import org.equigrid.agents.protocol.TraceEvent;

/**
 * The coordinator's side of the joins: admits or refuses each join request, and keeps which agent
 * holds which household, each joined household's session key and the refused joins. Answers go
 * through the {@link CoordinatorAgent}.
 */
final class Joins {

  /** Logs under the coordinator's name, as before the joins moved here from it. */
  private static final Logger LOG = LogManager.getLogger(CoordinatorAgent.class);

  private final CoordinatorAgent agent;
  private final MessageAuth.Key runKey;
  private final Admission admission;
  private final Consumer<String> onJoin;

  /** The coordinator's participants, which an accepted join adds to. */
  private final SortedMap<String, Participant> participants;

  private final Map<String, Session> sessions = new HashMap<>();
  private final SortedMap<String, String> refusedJoins = new TreeMap<>();
  private final Map<String, String> householdByAgent = new HashMap<>();

  /**
   * A joined household's session key, the next sequence number to it and the numbers seen from it.
   */
  static final class Session {
    final MessageAuth.Key key = MessageAuth.Key.random();
    long next = MessageAuth.firstSequence();
    final MessageAuth.Replay seen = new MessageAuth.Replay();
  }

  Joins(
      CoordinatorAgent agent,
      MessageAuth.Key runKey,
      Admission admission,
      Consumer<String> onJoin,
      SortedMap<String, Participant> participants) {
    this.agent = agent;
    this.runKey = java.util.Objects.requireNonNull(runKey, "runKey");
    this.admission = admission;
    this.onJoin = onJoin;
    this.participants = participants;
  }

  /** Refused joins so far: household id (as claimed) to the last reason. */
  synchronized SortedMap<String, String> refused() {
    return new TreeMap<>(refusedJoins);
  }

  /** The household the agent named {@code agentName} joined as, or null. */
  String householdOf(String agentName) {
    return householdByAgent.get(agentName);
  }

  /** The session of a joined household, or null. */
  Session session(String householdId) {
    return sessions.get(householdId);
  }

  /**
   * A join is accepted when it is signed with the run secret, shows the main's scenario, passes the
   * value checks and the roster, and its id is free or already held by this very agent (a repeated
   * join is answered again, so that a household may retry). Anything else is refused with the
   * reason; a refusal changes nothing else.
   */
  void join(ACLMessage msg, JoinRequest join) {
    Optional<String> problem =
        MessageAuth.verify(msg, runKey, null)
            .or(() -> admission.problem(join, msg.getUserDefinedParameter(MessageAuth.SCENARIO)));
    Participant existing = participants.get(join.householdId());
    String holder = householdByAgent.get(msg.getSender().getName());
    if (problem.isEmpty() && existing != null && !existing.aid().equals(msg.getSender())) {
      problem =
          Optional.of(
              CoordinatorAgent.ALREADY_REGISTERED
                  + ": "
                  + join.householdId()
                  + " by "
                  + existing.aid().getName()
                  + ". Maybe you meant another id.");
    } else if (problem.isEmpty() && holder != null && !holder.equals(join.householdId())) {
      problem =
          Optional.of(
              CoordinatorAgent.ALREADY_REGISTERED
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
      sendUnderRunKey(Acl.reply(msg, ACLMessage.REFUSE, refusal, agent.now(msg)), refusal);
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
    ACLMessage accepted = Acl.reply(msg, ACLMessage.INFORM, acceptance, agent.now(msg));
    accepted.addUserDefinedParameter(
        MessageAuth.SESSION_KEY, sessions.get(join.householdId()).key.hex());
    sendUnderRunKey(accepted, acceptance);
    if (first) {
      onJoin.accept(join.householdId());
    }
  }

  /** Sends a join's answer signed with the run key (the joiner has no session key yet). */
  private void sendUnderRunKey(ACLMessage msg, Message content) {
    msg.setSender(agent.getAID());
    MessageAuth.sign(msg, runKey, MessageAuth.firstSequence());
    agent.send(msg);
    agent.observer.onMessage(
        Acl.event(TraceEvent.SENT, agent.getLocalName(), msg, content), content);
  }
}
