package org.equigrid.experiments.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.equigrid.agents.learning.equity.EquityEnvironment;
import org.equigrid.agents.learning.equity.EquityPolicy;
import org.equigrid.config.Scenario;
import org.equigrid.config.ScenarioReader;
import org.junit.jupiter.api.Test;

/**
 * The policy shipped with scenario S6 loads for S6's community and acts within the weight bounds.
 */
class ShippedPolicyTest {

  @Test
  void s6_shipsAPolicyThatFitsItsGroupsAndBounds() throws Exception {
    Path file = TrainEvaluateIT.s5().resolveSibling("s6-p2p-adaptive-equity.yaml");
    Scenario s6 = ScenarioReader.read(file, Map.of());
    assertThat(s6.adaptiveEquity()).isNotNull();
    assertThat(s6.adaptiveEquity().hasPolicy()).isTrue();
    Path policyFile = s6.adaptiveEquity().policy();
    assertThat(policyFile).isRegularFile().startsWith(file.getParent());
    assertThat(Files.size(policyFile)).isLessThan(1_000_000);

    EquityPolicy policy = EquityPolicy.load(policyFile, s6);
    assertThat(policy.weightMap().groups()).containsExactly("HIGH", "LOW", "MIDDLE");
    assertThat(policy.weightMap().groups())
        .containsExactlyInAnyOrderElementsOf(s6.groupShares().keySet());
    assertThat(policy.settings().neutralBaseline()).isTrue();
    // a residual policy around the best static weights of its training days (docs/learning.md)
    assertThat(policy.settings().residual().on()).isTrue();
    assertThat(policy.settings().residual().groups()).containsExactly("HIGH", "LOW", "MIDDLE");
    assertThat(policy.ppo().config().hiddenLayers()).isEqualTo(2);

    int g = policy.weightMap().dimensions();
    assertThat(policy.settings().rewardIndex()).isEqualTo(s6.adaptiveEquity().reward());
    double[] observation = new double[EquityEnvironment.observationSize(g)];
    double[] w = policy.weights(observation);
    assertThat(w).hasSize(g);
    for (double x : w) {
      assertThat(x).isBetween(s6.equity().minWeight(), s6.equity().maxWeight());
    }
    assertThat(policy.weightMap().populationMean(w)).isCloseTo(1.0, within(1e-9));
    assertThat(AdaptiveWeights.of(s6)).isNotNull();
  }

  @Test
  void s6_smallerCommunitySameGroups_getsTheSamePolicy() throws Exception {
    Path file = TrainEvaluateIT.s5().resolveSibling("s6-p2p-adaptive-equity.yaml");
    Scenario s6 = ScenarioReader.read(file, Map.of());
    Scenario small = ScenarioReader.read(file, Map.of("community.generate.households", "12"));

    EquityPolicy trained = EquityPolicy.load(s6.adaptiveEquity().policy(), s6);
    EquityPolicy carried = EquityPolicy.load(small.adaptiveEquity().policy(), small);

    double[] observation =
        new double[EquityEnvironment.observationSize(trained.weightMap().dimensions())];
    observation[0] = 0.04; // some largest burden
    observation[1] = 1.0; // defined
    assertThat(carried.action(observation)).containsExactly(trained.action(observation));
    double[] w = carried.weights(observation);
    assertThat(carried.weightMap().populationMean(w)).isCloseTo(1.0, within(1e-9));
  }
}
