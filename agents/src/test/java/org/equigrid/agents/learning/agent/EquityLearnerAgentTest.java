package org.equigrid.agents.learning.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import jade.core.AID;
import jade.lang.acl.ACLMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.equigrid.agents.learning.Ppo;
import org.equigrid.agents.learning.equity.DayEvaluator;
import org.equigrid.agents.learning.equity.EquityEnvironment;
import org.equigrid.agents.learning.equity.EquityPolicy;
import org.equigrid.agents.learning.equity.TrainingSettings;
import org.equigrid.config.Scenario;
import org.equigrid.config.ScenarioReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EquityLearnerAgentTest {

  @TempDir Path dir;

  private EquityPolicy untrainedPolicy(TrainingSettings settings) throws Exception {
    Scenario scenario = scenario();
    EquityEnvironment env = new EquityEnvironment(
        new DayEvaluator(scenario, settings.environmentOptions()), settings.environmentOptions());
    Path checkpoint = dir.resolve("policy.ckpt");
    new Ppo(env, settings.ppoConfig()).save(checkpoint);
    settings.writeFor(checkpoint);
    return EquityPolicy.load(checkpoint, scenario);
  }

  private static DayMetricsInform day(int day, Map<String, Double> weights) {
    return new DayMetricsInform(day, 100 + day, 0.25 + 0.01 * day, Map.of("HIGH", 0.6, "LOW", 1.5, "MIDDLE", 0.9),
        Map.of("HIGH", 1.2, "LOW", 0.8, "MIDDLE", 1.0), 0.01, 0.05, weights);
  }

  @Test
  void handle_dailyInform_repliesWithNextDayWeightsOfMeanOne() throws Exception {
    EquityPolicy policy = untrainedPolicy(TrainingSettings.defaults(5, 3));
    ACLMessage inform = new ACLMessage(ACLMessage.INFORM);
    inform.setSender(new AID("coordinator@test", AID.ISGUID));
    inform.setOntology(DayMetricsInform.ONTOLOGY);
    inform.setContent(day(7, Map.of("HIGH", 1.0, "LOW", 1.0, "MIDDLE", 1.0)).toJson());
    try (WeightAdvisor advisor = new WeightAdvisor(policy, false)) {
      ACLMessage reply = EquityLearnerAgent.handle(inform, advisor);
      assertThat(reply.getPerformative()).isEqualTo(ACLMessage.INFORM);
      DayMetricsInform.WeightsReply weights = DayMetricsInform.WeightsReply.fromJson(reply.getContent());
      assertThat(weights.day()).isEqualTo(8);
      double[] w = weights.weights().values().stream().mapToDouble(Double::doubleValue).toArray();
      assertThat(weights.weights()).containsOnlyKeys("HIGH", "LOW", "MIDDLE");
      assertThat(policy.weightMap().populationMean(w)).isCloseTo(1.0, within(1e-9));
    }
  }

  @Test
  void handle_badContent_notUnderstoodNamingTheProblem() throws Exception {
    EquityPolicy policy = untrainedPolicy(TrainingSettings.defaults(5, 3));
    ACLMessage inform = new ACLMessage(ACLMessage.INFORM);
    inform.setSender(new AID("coordinator@test", AID.ISGUID));
    inform.setContent("{\"day\": 3, \"nextDayOfYear\": 400}");
    try (WeightAdvisor advisor = new WeightAdvisor(policy, false)) {
      ACLMessage reply = EquityLearnerAgent.handle(inform, advisor);
      assertThat(reply.getPerformative()).isEqualTo(ACLMessage.NOT_UNDERSTOOD);
      assertThat(reply.getContent()).contains("nextDayOfYear (400)");
    }
  }

  @Test
  void advise_online_learnsFromLiveDays() throws Exception {
    TrainingSettings settings = new TrainingSettings(5, 3, 0, 365, 4, 2, 1.0, 0.02, 24);
    EquityPolicy policy = untrainedPolicy(settings);
    Map<String, Double> weights = Map.of("HIGH", 1.0, "LOW", 1.0, "MIDDLE", 1.0);
    try (WeightAdvisor advisor = new WeightAdvisor(policy, true)) {
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
    return ScenarioReader.read(d.resolve("config/scenarios/s5-p2p-static-equity.yaml"),
        Map.of("community.generate.households", "4"));
  }
}
