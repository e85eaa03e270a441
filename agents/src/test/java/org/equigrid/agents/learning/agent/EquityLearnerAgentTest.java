package org.equigrid.agents.learning.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import jade.core.AID;
import jade.lang.acl.ACLMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.equigrid.agents.learning.Ppo;
import org.equigrid.agents.learning.equity.DailyObservation;
import org.equigrid.agents.learning.equity.DayEvaluator;
import org.equigrid.agents.learning.equity.DayOutcome;
import org.equigrid.agents.learning.equity.EquityEnvironment;
import org.equigrid.agents.learning.equity.EquityPolicy;
import org.equigrid.agents.learning.equity.TrainingSettings;
import org.equigrid.agents.protocol.Acl;
import org.equigrid.agents.protocol.Message;
import org.equigrid.agents.protocol.MessageCodec;
import org.equigrid.agents.protocol.ProtocolObserver;
import org.equigrid.agents.protocol.ReceiptCheck;
import org.equigrid.agents.protocol.TraceEvent;
import org.equigrid.config.Scenario;
import org.equigrid.config.ScenarioReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EquityLearnerAgentTest {

  @TempDir Path dir;

  private EquityPolicy untrainedPolicy(TrainingSettings settings) throws Exception {
    Scenario scenario = scenario();
    EquityEnvironment env =
        new EquityEnvironment(
            new DayEvaluator(scenario, settings.environmentOptions()),
            settings.environmentOptions());
    Path checkpoint = dir.resolve("policy.ckpt");
    new Ppo(env, settings.ppoConfig()).save(checkpoint);
    settings.writeFor(checkpoint);
    return EquityPolicy.load(checkpoint, scenario);
  }

  private static Message.EquityMetrics day(int day, Map<String, Double> weights) {
    return new Message.EquityMetrics(
        day,
        100 + day,
        0.25 + 0.01 * day,
        0.2,
        0.04 + 0.001 * day,
        0.03,
        0.1,
        Map.of("HIGH", -0.01, "LOW", 0.008, "MIDDLE", 0.001),
        Map.of("HIGH", 0.1, "LOW", -0.08, "MIDDLE", 0.0),
        Map.of("HIGH", 0.6, "LOW", 1.5, "MIDDLE", 0.9),
        Map.of("HIGH", 1.2, "LOW", 0.8, "MIDDLE", 1.0),
        0.01,
        0.05,
        weights,
        0);
  }

  private static DayOutcome outcome(int day, Message.EquityMetrics m, Map<String, Double> weights) {
    return new DayOutcome(
        day,
        0,
        weights,
        m.giniEnergyBurden(),
        m.giniEnergyBurdenNetPayers(),
        m.largestEnergyBurden(),
        m.leastAdvantagedMeanEnergyBurden(),
        m.shareEnergyBurdenAbove6Percent(),
        m.burdenDifference(),
        m.accessDifference(),
        m.burdenGap(),
        m.accessGap(),
        m.priceOfFairness(),
        m.rawlsianMinimum(),
        0,
        "exact");
  }

  private static ACLMessage inform(Message content) {
    ACLMessage inform =
        Acl.create(
            ACLMessage.INFORM,
            new AID("learner@test", AID.ISGUID),
            content,
            "equity-7",
            7,
            0,
            7 * 86_400 + 1_000);
    inform.setSender(new AID("coordinator@test", AID.ISGUID));
    return inform;
  }

  @Test
  void handle_dailyInform_repliesWithTheWeightsThePolicyChoosesAndTracesBoth() throws Exception {
    EquityPolicy policy = untrainedPolicy(TrainingSettings.defaults(5, 3));
    Message.EquityMetrics metrics = day(7, Map.of("HIGH", 0.6, "LOW", 1.4, "MIDDLE", 1.0));
    List<TraceEvent> trace = new ArrayList<>();
    try (WeightAdvisor advisor = new WeightAdvisor(policy, false)) {
      EquityLearnerAgent.Answer answer =
          EquityLearnerAgent.handle(
                  inform(metrics), advisor, (event, content) -> trace.add(event), "learner")
              .orElseThrow();

      assertThat(answer.message().getPerformative()).isEqualTo(ACLMessage.INFORM);
      Message.NextWeights weights =
          (Message.NextWeights) MessageCodec.decode(answer.message().getContent());
      assertThat(weights.day()).isEqualTo(8);
      assertThat(weights.weights()).containsOnlyKeys("HIGH", "LOW", "MIDDLE");
      // The policy's mean action on the observation of the in-process path (first day: average =
      // index).
      DayOutcome outcome = outcome(7, metrics, metrics.weights());
      double index = outcome.index(policy.settings().rewardIndex());
      double[] expected =
          policy.weights(
              EquityEnvironment.observe(
                  outcome,
                  policy.settings().rewardIndex(),
                  index,
                  new double[] {0.6, 1.4, 1.0},
                  policy.weightMap(),
                  107));
      assertThat(weights.weights().values()).containsExactly(expected[0], expected[1], expected[2]);
      assertThat(policy.weightMap().populationMean(expected)).isCloseTo(1.0, within(1e-9));
      assertThat(Acl.day(answer.message())).isEqualTo(7);
      assertThat(trace)
          .extracting(TraceEvent::messageType, TraceEvent::phase)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("EquityMetrics", "learn"));
    }
  }

  @Test
  void handle_garbageOrWrongMessage_notUnderstoodAndInvalidValues_refused() throws Exception {
    EquityPolicy policy = untrainedPolicy(TrainingSettings.defaults(5, 3));
    try (WeightAdvisor advisor = new WeightAdvisor(policy, false)) {
      ACLMessage garbage = inform(new Message.Problem("x"));
      garbage.setContent("{oops");
      ACLMessage wrong = inform(new Message.NextWeights(3, Map.of("LOW", 1.0)));
      ACLMessage invalid =
          inform(
              new Message.EquityMetrics(
                  7, 400, 0.2, 0.2, 0.03, 0.03, 0, Map.of(), Map.of(), Map.of(), Map.of(), 0, 0,
                  Map.of(), 0));

      EquityLearnerAgent.Answer a =
          EquityLearnerAgent.handle(garbage, advisor, ProtocolObserver.none(), "l").get();
      EquityLearnerAgent.Answer b =
          EquityLearnerAgent.handle(wrong, advisor, ProtocolObserver.none(), "l").get();
      EquityLearnerAgent.Answer c =
          EquityLearnerAgent.handle(invalid, advisor, ProtocolObserver.none(), "l").get();

      assertThat(a.message().getPerformative()).isEqualTo(ACLMessage.NOT_UNDERSTOOD);
      assertThat(((Message.Problem) a.content()).reason()).startsWith("The content is not JSON");
      assertThat(b.message().getPerformative()).isEqualTo(ACLMessage.NOT_UNDERSTOOD);
      assertThat(((Message.Problem) b.content()).reason())
          .startsWith(EquityLearnerAgent.EXPECTS + "INFORM with NextWeights");
      assertThat(c.message().getPerformative()).isEqualTo(ACLMessage.REFUSE);
      assertThat(((Message.Problem) c.content()).reason())
          .startsWith(ReceiptCheck.BAD_METRICS)
          .contains("(400)");
      ACLMessage complaint = inform(new Message.Problem("no"));
      complaint.setPerformative(ACLMessage.NOT_UNDERSTOOD);
      assertThat(EquityLearnerAgent.handle(complaint, advisor, ProtocolObserver.none(), "l"))
          .isEmpty();
    }
  }

  @Test
  void advise_offline_movingAverageOverDaysAsDailyObservation() throws Exception {
    EquityPolicy policy = untrainedPolicy(TrainingSettings.defaults(5, 3));
    Map<String, Double> weights = Map.of("HIGH", 1.0, "LOW", 1.0, "MIDDLE", 1.0);
    DailyObservation reference = DailyObservation.of(policy);
    try (WeightAdvisor advisor = new WeightAdvisor(policy, false)) {
      for (int d = 0; d < 9; d++) {
        Message.EquityMetrics m = day(d, weights);
        WeightAdvisor.WeightsAdvice advice = advisor.advise(m);
        double[] obs = reference.next(outcome(d, m, weights), m.nextDayOfYear());
        assertThat(advice.observation()).containsExactly(obs);
        // A moving average of at most 7 days of the largest burden 0.040, 0.041, ...: on day 8 the
        // mean
        // of days 2..8 (the default reward index)
        if (d == 8) {
          assertThat(obs[2]).isCloseTo(0.04 + 0.001 * 5, within(1e-12));
        }
        weights = advice.weights();
      }
    }
  }

  @Test
  void advise_online_learnsFromLiveDays() throws Exception {
    TrainingSettings settings = new TrainingSettings(5, 3, 0, 365, 4, 2, 1.0, 0.02, 24);
    EquityPolicy policy = untrainedPolicy(settings);
    Map<String, Double> weights = Map.of("HIGH", 1.0, "LOW", 1.0, "MIDDLE", 1.0);
    try (WeightAdvisor advisor = new WeightAdvisor(policy, true)) {
      assertThat(advisor.online()).isTrue();
      for (int d = 0; d < 10; d++) {
        weights = advisor.advise(day(d, weights)).weights();
        double[] w = weights.values().stream().mapToDouble(Double::doubleValue).toArray();
        assertThat(policy.weightMap().populationMean(w)).isCloseTo(1.0, within(1e-9));
      }
    }
    assertThat(policy.ppo().updates()).isGreaterThanOrEqualTo(2);
    assertThat(Files.exists(dir.resolve("policy.ckpt"))).isTrue();
  }

  private static Scenario scenario() throws Exception {
    Path d = Path.of("").toAbsolutePath();
    while (!Files.exists(d.resolve("config/scenarios/s5-p2p-static-equity.yaml"))) {
      d = d.getParent();
    }
    return ScenarioReader.read(
        d.resolve("config/scenarios/s5-p2p-static-equity.yaml"),
        Map.of("community.generate.households", "4"));
  }
}
