package org.equigrid.agents.learning.agent;

import jade.core.Agent;
import jade.core.behaviours.CyclicBehaviour;
import jade.domain.DFService;
import jade.domain.FIPAAgentManagement.DFAgentDescription;
import jade.domain.FIPAAgentManagement.ServiceDescription;
import jade.domain.FIPAException;
import jade.lang.acl.ACLMessage;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.agents.coordinator.CoordinatorAgent;
import org.equigrid.agents.protocol.Acl;
import org.equigrid.agents.protocol.ContentException;
import org.equigrid.agents.protocol.Message;
import org.equigrid.agents.protocol.MessageCodec;
import org.equigrid.agents.protocol.ProtocolObserver;
import org.equigrid.agents.protocol.ReceiptCheck;
import org.equigrid.agents.protocol.TraceEvent;

/**
 * Hosts the equity policy on the platform, registered with the Directory Facilitator as {@value
 * CoordinatorAgent#LEARNER_SERVICE_TYPE}. Reads: an INFORM with {@link Message.EquityMetrics} (the
 * coordinator's report of the day just settled). Writes: an INFORM reply with {@link
 * Message.NextWeights} (the next day's weights); NOT_UNDERSTOOD for content that does not decode or
 * is not equity metrics, REFUSE for invalid values, each with the reason. Every message goes to the
 * observer (trace).
 */
public final class EquityLearnerAgent extends Agent {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LogManager.getLogger();

  static final String EXPECTS = "The equity learner expects an INFORM with EquityMetrics, got ";

  private final transient WeightAdvisor advisor;
  private final transient ProtocolObserver observer;
  private final transient CompletableFuture<Void> registered = new CompletableFuture<>();

  /** A reply and its content (for the trace). */
  record Answer(ACLMessage message, Message content) {}

  /**
   * @param advisor the policy (and its online learner, if any); closed when the agent ends
   * @param observer receives every message the learner sends or receives
   */
  public EquityLearnerAgent(WeightAdvisor advisor, ProtocolObserver observer) {
    this.advisor = advisor;
    this.observer = observer;
  }

  /** Completes once the learner is registered with the DF (the coordinator finds it there). */
  public CompletableFuture<Void> registered() {
    return registered;
  }

  @Override
  protected void setup() {
    DFAgentDescription description = new DFAgentDescription();
    description.setName(getAID());
    ServiceDescription service = new ServiceDescription();
    service.setType(CoordinatorAgent.LEARNER_SERVICE_TYPE);
    service.setName("equigrid equity weights");
    service.addLanguages(MessageCodec.LANGUAGE);
    service.addOntologies(MessageCodec.ONTOLOGY);
    description.addServices(service);
    try {
      DFService.register(this, description);
    } catch (FIPAException e) {
      registered.completeExceptionally(e);
      throw new IllegalStateException(
          "the equity learner cannot register with the DF: " + e.getMessage(), e);
    }
    addBehaviour(
        new CyclicBehaviour(this) {
          private static final long serialVersionUID = 1L;

          @Override
          public void action() {
            ACLMessage message = myAgent.receive();
            if (message == null) {
              block();
              return;
            }
            EquityLearnerAgent.handle(message, advisor, observer, getLocalName())
                .ifPresent(
                    answer -> {
                      myAgent.send(answer.message());
                      observer.onMessage(
                          Acl.event(
                              TraceEvent.SENT, getLocalName(), answer.message(), answer.content()),
                          answer.content());
                    });
          }
        });
    registered.complete(null);
    LOG.info(
        "Equity learner {} registered as {}",
        getLocalName(),
        CoordinatorAgent.LEARNER_SERVICE_TYPE);
  }

  @Override
  protected void takeDown() {
    // No DF deregistration (as the coordinator): the DF may be gone during a platform shutdown.
    advisor.close();
  }

  /** The answer to one message, or empty when it needs none (a failure or a complaint). */
  static Optional<Answer> handle(
      ACLMessage message, WeightAdvisor advisor, ProtocolObserver observer, String self) {
    int performative = message.getPerformative();
    boolean complaint =
        performative == ACLMessage.FAILURE
            || performative == ACLMessage.NOT_UNDERSTOOD
            || performative == ACLMessage.REFUSE;
    Message content;
    try {
      content = MessageCodec.decode(message.getContent());
    } catch (ContentException e) {
      observer.onMessage(Acl.event(TraceEvent.RECEIVED, self, message, null), null);
      return complaint
          ? Optional.empty()
          : Optional.of(
              answer(message, ACLMessage.NOT_UNDERSTOOD, new Message.Problem(e.getMessage())));
    }
    observer.onMessage(Acl.event(TraceEvent.RECEIVED, self, message, content), content);
    if (complaint) {
      LOG.warn(
          "{} from {}: {}",
          ACLMessage.getPerformative(performative),
          message.getSender().getLocalName(),
          content instanceof Message.Problem p ? p.reason() : content);
      return Optional.empty();
    }
    if (performative != ACLMessage.INFORM || !(content instanceof Message.EquityMetrics metrics)) {
      return Optional.of(
          answer(
              message,
              ACLMessage.NOT_UNDERSTOOD,
              new Message.Problem(
                  EXPECTS
                      + ACLMessage.getPerformative(performative)
                      + " with "
                      + content.getClass().getSimpleName()
                      + ".")));
    }
    Optional<String> problem = ReceiptCheck.equityMetrics(metrics);
    if (problem.isPresent()) {
      return Optional.of(answer(message, ACLMessage.REFUSE, new Message.Problem(problem.get())));
    }
    WeightAdvisor.WeightsAdvice advice = advisor.advise(metrics);
    LOG.trace("day {}: weights {}", metrics.day() + 1, advice.weights());
    return Optional.of(
        answer(
            message,
            ACLMessage.INFORM,
            new Message.NextWeights(metrics.day() + 1, advice.weights())));
  }

  private static Answer answer(ACLMessage to, int performative, Message content) {
    return new Answer(Acl.reply(to, performative, content, Acl.virtualSeconds(to)), content);
  }
}
