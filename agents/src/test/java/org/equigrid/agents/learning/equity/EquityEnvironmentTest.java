package org.equigrid.agents.learning.equity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.random.RandomGeneratorFactory;
import org.equigrid.agents.learning.ActionSpace;
import org.equigrid.agents.learning.Step;
import org.equigrid.config.Scenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EquityEnvironmentTest {

  private static Scenario scenario;

  @BeforeAll
  static void readScenario() {
    scenario = TestScenarios.s5(4);
  }

  private static EquityEnvironment environment(EquityEnvironmentOptions options) {
    return new EquityEnvironment(new DayEvaluator(scenario, options), options);
  }

  private static EquityEnvironmentOptions shortEpisodes() {
    return EquityEnvironmentOptions.defaults(3).withEpisodeDays(3).withPool(0, 8);
  }

  @Test
  void observation_shapeAndNormalisation() {
    EquityEnvironment env = environment(shortEpisodes());
    int groups = scenario.groupShares().size();
    assertThat(env.observationSize()).isEqualTo(6 + 3 * groups);
    assertThat(env.actionSpace()).isEqualTo(ActionSpace.Box.symmetric(groups, 1.0));
    double[] obs = env.resetAt(2);
    assertThat(obs).hasSize(env.observationSize());
    DayOutcome day = env.lastOutcome();
    assertThat(obs[0]).isEqualTo(day.giniEnergyBurden());
    assertThat(obs[1]).isEqualTo(day.giniEnergyBurden()); // average of one day
    double[] w = env.weights();
    for (int g = 0; g < groups; g++) {
      String group = env.groups().get(g);
      assertThat(obs[2 + g]).isCloseTo(day.burdenGap().get(group) - 1, within(1e-12));
      assertThat(obs[2 + groups + g]).isCloseTo(day.accessGap().get(group) - 1, within(1e-12));
      assertThat(obs[4 + 2 * groups + g]).isCloseTo(Math.log(w[g]) / Math.log(2.0), within(1e-12)).isBetween(-1.0, 1.0);
    }
    assertThat(obs[2 + 2 * groups]).isCloseTo(10 * day.priceOfFairness(), within(1e-12));
    assertThat(obs[3 + 2 * groups]).isBetween(-1.0, 1.0);
    double angle = 2 * Math.PI * scenario.dayOfYear(3) / 365.0;
    assertThat(obs[4 + 3 * groups]).isCloseTo(Math.sin(angle), within(1e-12));
    assertThat(obs[5 + 3 * groups]).isCloseTo(Math.cos(angle), within(1e-12));
    for (double x : obs) {
      assertThat(Math.abs(x)).isLessThan(5.0);
    }
  }

  @Test
  void step_rewardIsMinusGiniMinusAlphaPofMinusKappaChange() {
    EquityEnvironmentOptions options = shortEpisodes().withReward(2.0, 0.5);
    EquityEnvironment env = environment(options);
    env.resetAt(0);
    double[] before = env.weights();
    Step step = env.step(new double[] {0.8, -0.6, 0.1});
    double[] after = env.weights();
    DayOutcome day = env.lastOutcome();
    double change = 0;
    for (int g = 0; g < after.length; g++) {
      change += Math.abs(after[g] - before[g]);
    }
    assertThat(change).isGreaterThan(0.1);
    assertThat(day.dayIndex()).isEqualTo(1);
    assertThat(step.reward())
        .isCloseTo(-day.giniEnergyBurden() - 2.0 * day.priceOfFairness() - 0.5 * change, within(1e-12));
    assertThat(step.truncated()).isFalse();
    env.step(new double[] {0.8, -0.6, 0.1});
    assertThat(env.step(new double[] {0.8, -0.6, 0.1}).truncated()).isTrue();
  }

  @Test
  void step_neutralBaseline_neutralActionLeavesOnlyTheChangeFromStaticWeights() {
    EquityEnvironmentOptions options = shortEpisodes().withReward(2.0, 0.5).withNeutralBaseline(true);
    EquityEnvironment env = environment(options);
    env.resetAt(0);
    Step step = env.step(new double[] {0, 0, 0});
    // 4 households (1 HIGH, 2 LOW, 1 MIDDLE): the static weights 0.6 / 1.4 / 1.0 over their population
    // mean 1.1; |1 − w| sums to (0.5 + 0.3 + 0.1) / 1.1
    assertThat(env.weights()).containsExactly(new double[] {1, 1, 1}, within(1e-12));
    assertThat(step.reward()).isCloseTo(-0.5 * 0.9 / 1.1, within(1e-9));
    DayOutcome day = env.lastOutcome();
    assertThat(env.lastPlainReward())
        .isCloseTo(-day.giniEnergyBurden() - 2.0 * day.priceOfFairness() - 0.5 * 0.9 / 1.1, within(1e-9));
  }

  @Test
  void step_neutralBaseline_subtractsTheSameDaysNeutralReward() {
    EquityEnvironmentOptions options = shortEpisodes().withReward(2.0, 0.5).withNeutralBaseline(true);
    EquityEnvironment env = environment(options);
    env.resetAt(1);
    double[] before = env.weights();
    Step step = env.step(new double[] {0.8, -0.6, 0.1});
    double[] after = env.weights();
    double change = 0;
    for (int g = 0; g < after.length; g++) {
      change += Math.abs(after[g] - before[g]);
    }
    DayOutcome day = env.lastOutcome();
    DayOutcome neutral = new DayEvaluator(scenario, options).evaluate(2, new double[] {1, 1, 1});
    double plain = -day.giniEnergyBurden() - 2.0 * day.priceOfFairness() - 0.5 * change;
    assertThat(env.lastPlainReward()).isCloseTo(plain, within(1e-12));
    assertThat(step.reward())
        .isCloseTo(plain + neutral.giniEnergyBurden() + 2.0 * neutral.priceOfFairness(), within(1e-12));
  }

  @Test
  void reward_handMadeValues() {
    EquityEnvironment env = environment(shortEpisodes().withReward(1.5, 0.1));
    assertThat(env.reward(0.3, 0.02, 0.4)).isCloseTo(-0.3 - 0.03 - 0.04, within(1e-15));
    assertThat(env.reward(Double.NaN, 0.02, 0.0)).isCloseTo(-0.03, within(1e-15));
  }

  @Test
  void episode_sameSeed_sameTrajectory() {
    double[][] a = rollout(environment(shortEpisodes()), 11);
    double[][] b = rollout(environment(shortEpisodes()), 11);
    assertThat(a).isDeepEqualTo(b);
  }

  @Test
  void evaluate_secondVisitOfADay_solvesNoCoalitionLp() {
    DayEvaluator evaluator = new DayEvaluator(scenario, shortEpisodes());
    double[] w = evaluator.weightMap().weights(new double[] {0.3, 0.2, -0.9});
    evaluator.evaluate(5, w);
    int solves = evaluator.coalitionSolves();
    assertThat(solves).isEqualTo(16 - 1 - 4 - 1);
    DayOutcome again = evaluator.evaluate(5, evaluator.weightMap().weights(new double[] {-0.7, 0.9, 0.4}));
    assertThat(evaluator.coalitionSolves()).isEqualTo(solves);
    assertThat(again.method()).isEqualTo("exact");
  }

  @Test
  void evaluate_largeCommunity_importanceSampledReusesOrdersAndBalancesBills() {
    EquityEnvironmentOptions options = shortEpisodes().withSettlementOrders(4);
    options = new EquityEnvironmentOptions(options.episodeDays(), options.poolFromDay(), options.poolToDay(),
        options.alpha(), options.kappa(), options.movingAverageDays(), 4, 3, options.seed());
    DayEvaluator evaluator = new DayEvaluator(scenario, options);
    DayOutcome first = evaluator.evaluate(1, new double[] {1, 1, 1});
    int solves = evaluator.coalitionSolves();
    assertThat(solves).isPositive().isLessThanOrEqualTo(4 * 2);
    DayOutcome second = evaluator.evaluate(1, evaluator.weightMap().weights(new double[] {-1, 1, 0}));
    assertThat(evaluator.coalitionSolves()).isEqualTo(solves);
    assertThat(first.method()).isEqualTo(DayEvaluator.IMPORTANCE_SAMPLED);
    assertThat(second.giniEnergyBurden()).isFinite();
  }

  private static double[][] rollout(EquityEnvironment env, long seed) {
    double[][] trace = new double[4][];
    trace[0] = env.reset(RandomGeneratorFactory.of("L64X128MixRandom").create(seed));
    for (int k = 1; k < 4; k++) {
      Step step = env.step(new double[] {0.5 * k - 1, 0.2, -0.3});
      double[] row = java.util.Arrays.copyOf(step.observation(), step.observation().length + 1);
      row[row.length - 1] = step.reward();
      trace[k] = row;
    }
    return trace;
  }

  @Test
  void sameGroups_namesDifferingOnlyInSize_match() {
    assertThat(EquityEnvironment.sameGroups("Equity-30h-HIGH,LOW,MIDDLE", "Equity-17h-HIGH,LOW,MIDDLE")).isTrue();
    assertThat(EquityEnvironment.sameGroups("Equity-30h-HIGH,LOW,MIDDLE", "Equity-30h-HIGH,LOW")).isFalse();
    assertThat(EquityEnvironment.sameGroups("CartPole-v1", "CartPole-v1")).isFalse();
  }
}
