package org.equigrid.agents.coordinator;

import static org.equigrid.agents.coordinator.CoordinatorAgent.KEEP_WEIGHTS;
import static org.equigrid.agents.coordinator.CoordinatorAgent.LEARNER_CONVERSATION;
import static org.equigrid.agents.coordinator.CoordinatorAgent.LEARNER_SERVICE_TYPE;

import jade.lang.acl.ACLMessage;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.agents.protocol.Acl;
import org.equigrid.agents.protocol.Message;

/**
 * A {@link DayRun}'s exchange with the equity learner after the settlement: the day's metrics sent,
 * the next day's weights received (or the current ones kept, with the reason).
 */
final class LearnerExchange {

  private static final Logger LOG = LogManager.getLogger(CoordinatorAgent.class);

  private LearnerExchange() {}

  /**
   * Adaptive weights: sends the day's metrics to the learner and waits for its reply; else ends the
   * day.
   */
  static void ask(DayRun run, long sentAt) {
    long due = sentAt + run.settings.clock().bidWindowSeconds();
    Optional<Message.EquityMetrics> metrics;
    try {
      metrics = run.market.equityMetrics(run.day, due);
    } catch (RuntimeException e) {
      LOG.warn(
          "day {}: no equity metrics for the learner ({}); {}",
          run.day,
          e.getMessage(),
          KEEP_WEIGHTS);
      metrics = Optional.empty();
    }
    if (metrics.isEmpty()) {
      run.finish();
      return;
    }
    run.learner = CoordinatorDirectory.findLearner(run.agent).orElse(null);
    if (run.learner == null) {
      keepWeights(run, "no equity learner is registered as " + LEARNER_SERVICE_TYPE);
      return;
    }
    ACLMessage msg =
        Acl.create(
            ACLMessage.INFORM,
            run.learner,
            metrics.get(),
            LEARNER_CONVERSATION + run.day,
            run.day,
            run.round,
            sentAt);
    run.learnerReplyWith = LEARNER_CONVERSATION + run.day + "-metrics";
    msg.setReplyWith(run.learnerReplyWith);
    run.agent.send(msg, metrics.get());
    run.startTimer();
  }

  /** The learner's reply: the next day's weights, or a reason to keep the current ones. */
  static void weights(DayRun run, ACLMessage msg, Message content) {
    if (msg.getPerformative() != ACLMessage.INFORM
        || !(content instanceof Message.NextWeights next)) {
      String why = content instanceof Message.Problem p ? ": " + p.reason() : "";
      keepWeights(
          run,
          "the learner answered "
              + ACLMessage.getPerformative(msg.getPerformative())
              + " with a "
              + (content == null ? "unreadable content" : content.getClass().getSimpleName())
              + why);
      return;
    }
    try {
      run.market.useWeights(next);
    } catch (RuntimeException e) {
      run.agent.reply(
          msg, ACLMessage.REFUSE, new Message.Problem(e.getMessage()), Acl.virtualSeconds(msg));
      keepWeights(run, "the learner's weights are refused: " + e.getMessage());
      return;
    }
    run.observer.onNote(
        run.day, Acl.virtualSeconds(msg), "weights for day " + next.day() + " set by the learner");
    run.finish();
  }

  /** Ends the day with the current weights kept, saying why. */
  static void keepWeights(DayRun run, String reason) {
    LOG.warn("day {}: {}; {}", run.day, reason, KEEP_WEIGHTS);
    run.observer.onNote(run.day, run.result.virtualEndSeconds(), reason + "; " + KEEP_WEIGHTS);
    run.finish();
  }
}
