package org.equigrid.agents.coordinator;

import jade.core.AID;
import jade.core.Agent;
import jade.domain.DFService;
import jade.domain.FIPAAgentManagement.DFAgentDescription;
import jade.domain.FIPAAgentManagement.SearchConstraints;
import jade.domain.FIPAAgentManagement.ServiceDescription;
import jade.domain.FIPAException;
import jade.domain.FIPAService;
import jade.lang.acl.ACLMessage;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The dealings with the Directory Facilitator: the coordinator's own registration, with retries,
 * and the search for an agent by service type, with a bounded wait (the coordinator's search for
 * the equity learner, {@value CoordinatorAgent#LEARNER_SERVICE_TYPE}; a household's for the
 * coordinator).
 */
public final class CoordinatorDirectory {

  /** Logs under the coordinator's name, as before these steps moved here from it. */
  private static final Logger LOG = LogManager.getLogger(CoordinatorAgent.class);

  /** The longest wait for the DF's answer to one registration request, in ms. */
  static final long DF_REGISTER_TIMEOUT_MILLIS = 5_000;

  static final int DF_REGISTER_ATTEMPTS = 12;

  /** The longest wait for the DF's answer to one search, in ms. */
  public static final long DF_SEARCH_TIMEOUT_MILLIS = 3_000;

  private CoordinatorDirectory() {}

  /**
   * Registers with the DF, each request waiting at most {@value #DF_REGISTER_TIMEOUT_MILLIS} ms and
   * tried up to {@value #DF_REGISTER_ATTEMPTS} times: under a flood of searches (a thousand
   * households joining at once) an answer can be lost, and an unbounded wait here stalled the whole
   * run. "Already registered" after a lost answer means the earlier request went through.
   */
  static void register(Agent agent, DFAgentDescription description) {
    String last = "no answer";
    for (int attempt = 1; attempt <= DF_REGISTER_ATTEMPTS; attempt++) {
      try {
        ACLMessage reply =
            ask(
                agent,
                jade.domain.FIPAAgentManagement.FIPAManagementVocabulary.REGISTER,
                description,
                null,
                DF_REGISTER_TIMEOUT_MILLIS);
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

  /**
   * The equity learner registered with the DF, if any (searched each time: it may have been
   * restarted); the DF's answer is awaited at most {@value #DF_SEARCH_TIMEOUT_MILLIS} ms.
   */
  static Optional<AID> findLearner(Agent agent) {
    return find(agent, CoordinatorAgent.LEARNER_SERVICE_TYPE);
  }

  /**
   * The first agent registered with the DF under service {@code type}, if any. Empty also when the
   * DF does not answer within {@value #DF_SEARCH_TIMEOUT_MILLIS} ms or refuses the search (logged
   * at DEBUG): the callers search again later.
   */
  public static Optional<AID> find(Agent agent, String type) {
    DFAgentDescription template = new DFAgentDescription();
    ServiceDescription service = new ServiceDescription();
    service.setType(type);
    template.addServices(service);
    try {
      ACLMessage reply =
          ask(
              agent,
              jade.domain.FIPAAgentManagement.FIPAManagementVocabulary.SEARCH,
              template,
              new SearchConstraints(),
              DF_SEARCH_TIMEOUT_MILLIS);
      if (reply == null) {
        LOG.debug(
            "{}: no DF answer within {} ms to a search for {}",
            agent.getLocalName(),
            DF_SEARCH_TIMEOUT_MILLIS,
            type);
        return Optional.empty();
      }
      DFAgentDescription[] found = DFService.decodeResult(reply.getContent());
      return found.length == 0 ? Optional.empty() : Optional.of(found[0].getName());
    } catch (FIPAException e) {
      LOG.debug("{}: DF search for {} failed: {}", agent.getLocalName(), type, e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * The DF's answer to {@code action} on {@code description}, or null after {@code timeoutMillis}.
   */
  private static ACLMessage ask(
      Agent agent,
      String action,
      DFAgentDescription description,
      SearchConstraints constraints,
      long timeoutMillis)
      throws FIPAException {
    ACLMessage request =
        DFService.createRequestMessage(
            agent, agent.getDefaultDF(), action, description, constraints);
    return FIPAService.doFipaRequestClient(agent, request, timeoutMillis);
  }
}
