package org.equigrid.agents.learning.agent;

import jade.core.Agent;
import jade.core.behaviours.CyclicBehaviour;
import jade.lang.acl.ACLMessage;
import jade.lang.acl.MessageTemplate;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Hosts the equity policy on the platform. Reads: an INFORM with ontology {@value
 * DayMetricsInform#ONTOLOGY} and a {@link DayMetricsInform} as JSON content (the coordinator's
 * report of the day just settled). Writes: an INFORM reply with a {@link
 * DayMetricsInform.WeightsReply} (the next day's weights), or a NOT_UNDERSTOOD naming what is wrong
 * with the content.
 */
public final class EquityLearnerAgent extends Agent {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LogManager.getLogger();

  private final transient WeightAdvisor advisor;

  /** @param advisor the policy (and its online learner, if any) */
  public EquityLearnerAgent(WeightAdvisor advisor) {
    this.advisor = advisor;
  }

  @Override
  protected void setup() {
    MessageTemplate template = MessageTemplate.and(
        MessageTemplate.MatchPerformative(ACLMessage.INFORM),
        MessageTemplate.MatchOntology(DayMetricsInform.ONTOLOGY));
    addBehaviour(new CyclicBehaviour(this) {
      private static final long serialVersionUID = 1L;

      @Override
      public void action() {
        ACLMessage message = myAgent.receive(template);
        if (message == null) {
          block();
          return;
        }
        myAgent.send(EquityLearnerAgent.handle(message, advisor));
      }
    });
    LOG.info("Equity learner {} ready", getLocalName());
  }

  @Override
  protected void takeDown() {
    advisor.close();
  }

  /** The reply to one daily INFORM. */
  static ACLMessage handle(ACLMessage message, WeightAdvisor advisor) {
    ACLMessage reply = message.createReply();
    reply.setOntology(DayMetricsInform.ONTOLOGY);
    try {
      DayMetricsInform inform = DayMetricsInform.fromJson(message.getContent());
      WeightAdvisor.WeightsAdvice advice = advisor.advise(inform);
      reply.setPerformative(ACLMessage.INFORM);
      reply.setContent(new DayMetricsInform.WeightsReply(inform.day() + 1, advice.weights()).toJson());
      LOG.trace("day {}: weights {}", inform.day() + 1, advice.weights());
    } catch (IllegalArgumentException e) {
      reply.setPerformative(ACLMessage.NOT_UNDERSTOOD);
      reply.setContent(e.getMessage());
    }
    return reply;
  }
}
