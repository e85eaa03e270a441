package org.equigrid.agents.learning.equity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.random.RandomGeneratorFactory;
import org.equigrid.agents.learning.ActionSpace;
import org.equigrid.agents.learning.Step;
import org.equigrid.config.AdaptiveEquity.RewardIndex;
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
    assertThat(env.observationSize()).isEqualTo(16 + 3 * groups);
    assertThat(env.actionSpace()).isEqualTo(ActionSpace.Box.symmetric(groups, 1.0));
    double[] obs = env.resetAt(2);
    assertThat(obs).hasSize(env.observationSize());
    DayOutcome day = env.lastOutcome();
    assertThat(env.options().rewardIndex()).isEqualTo(RewardIndex.LARGEST_BURDEN);
    assertThat(obs[0]).isEqualTo(day.largestEnergyBurden());
    assertThat(obs[1]).isEqualTo(1.0);
    assertThat(obs[2]).isEqualTo(day.largestEnergyBurden()); // average of one day
    assertFlagged(obs, 3, day.giniEnergyBurden());
    assertFlagged(obs, 5, day.giniEnergyBurdenNetPayers());
    assertThat(obs[7]).isCloseTo(10 * day.largestEnergyBurden(), within(1e-12));
    assertFlagged(obs, 8, 10 * day.leastAdvantagedMeanEnergyBurden());
    assertThat(obs[10]).isEqualTo(day.shareEnergyBurdenAbove6Percent());
    double[] w = env.weights();
    double burdenDifferenceSum = 0;
    for (int g = 0; g < groups; g++) {
      String group = env.groups().get(g);
      assertThat(obs[11 + g]).isCloseTo(100 * day.burdenDifference().get(group), within(1e-12));
      assertThat(obs[11 + groups + g]).isCloseTo(day.accessDifference().get(group), within(1e-12));
      assertThat(obs[14 + 2 * groups + g])
          .isCloseTo(Math.log(w[g]) / Math.log(2.0), within(1e-12))
          .isBetween(-1.0, 1.0);
      burdenDifferenceSum += day.burdenDifference().get(group) * scenarioCount(group);
    }
    // population-weighted group means sum to the community mean: the differences cancel
    assertThat(burdenDifferenceSum).isCloseTo(0, within(1e-12));
    assertFlagged(obs, 11 + 2 * groups, 10 * day.priceOfFairness());
    assertThat(obs[13 + 2 * groups]).isBetween(-1.0, 1.0);
    double angle = 2 * Math.PI * scenario.dayOfYear(3) / 365.0;
    assertThat(obs[14 + 3 * groups]).isCloseTo(Math.sin(angle), within(1e-12));
    assertThat(obs[15 + 3 * groups]).isCloseTo(Math.cos(angle), within(1e-12));
    for (double x : obs) {
      assertThat(Math.abs(x)).isLessThan(5.0);
    }
  }

  private static long scenarioCount(String group) {
    return scenario.households().stream().filter(h -> h.group().equals(group)).count();
  }

  /** A defined value and flag 1, or 0 and flag 0 for an undefined one. */
  private static void assertFlagged(double[] obs, int k, double value) {
    if (Double.isFinite(value)) {
      assertThat(obs[k]).isCloseTo(value, within(1e-12));
      assertThat(obs[k + 1]).isEqualTo(1.0);
    } else {
      assertThat(obs[k]).isEqualTo(0.0);
      assertThat(obs[k + 1]).isEqualTo(0.0);
    }
  }

  @Test
  void observe_undefinedIndices_zeroWithFlagZero_movingAverageOverDefinedDaysOnly() {
    WeightMap map = new WeightMap(java.util.Map.of("A", 0.5, "B", 0.5), 0.5, 2.0);
    DayOutcome sunny = outcome(Double.NaN, Double.NaN, 0.02, Double.NaN, Double.NaN);
    double[] obs =
        EquityEnvironment.observe(
            sunny,
            RewardIndex.GINI_BURDEN,
            EquityEnvironment.meanOfDefined(java.util.List.of(Double.NaN, 0.3, 0.1)),
            new double[] {1, 1},
            map,
            100);
    assertThat(obs).hasSize(16 + 6);
    assertThat(obs[0]).isEqualTo(0.0);
    assertThat(obs[1]).isEqualTo(0.0);
    assertThat(obs[2])
        .isCloseTo(0.2, within(1e-15)); // the undefined day is left out, not counted as 0
    assertThat(obs[3]).isEqualTo(0.0);
    assertThat(obs[4]).isEqualTo(0.0);
    assertThat(obs[7]).isCloseTo(0.2, within(1e-15));
    assertThat(obs[11 + 4]).isEqualTo(0.0); // price of fairness undefined
    assertThat(obs[12 + 4]).isEqualTo(0.0);
    assertThat(EquityEnvironment.meanOfDefined(java.util.List.of(Double.NaN))).isNaN();
  }

  @Test
  void step_rewardIsMinusIndexMinusAlphaPofMinusKappaChange() {
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
    assertThat(day.priceOfFairness()).isFinite();
    assertThat(step.reward())
        .isCloseTo(
            -day.largestEnergyBurden() - 2.0 * day.priceOfFairness() - 0.5 * change, within(1e-12));
    assertThat(step.truncated()).isFalse();
    env.step(new double[] {0.8, -0.6, 0.1});
    assertThat(env.step(new double[] {0.8, -0.6, 0.1}).truncated()).isTrue();
    assertThat(env.undefinedIndexSteps()).isZero();
  }

  @Test
  void step_neutralBaseline_neutralActionLeavesOnlyTheChangeFromStaticWeights() {
    EquityEnvironmentOptions options =
        shortEpisodes().withReward(2.0, 0.5).withNeutralBaseline(true);
    EquityEnvironment env = environment(options);
    env.resetAt(0);
    Step step = env.step(new double[] {0, 0, 0});
    // 4 households (1 HIGH, 2 LOW, 1 MIDDLE): the static weights 0.6 / 1.4 / 1.0 over their
    // population
    // mean 1.1; |1 − w| sums to (0.5 + 0.3 + 0.1) / 1.1
    assertThat(env.weights()).containsExactly(new double[] {1, 1, 1}, within(1e-12));
    assertThat(step.reward()).isCloseTo(-0.5 * 0.9 / 1.1, within(1e-9));
    DayOutcome day = env.lastOutcome();
    assertThat(env.lastPlainReward())
        .isCloseTo(
            -day.largestEnergyBurden() - 2.0 * day.priceOfFairness() - 0.5 * 0.9 / 1.1,
            within(1e-9));
  }

  @Test
  void step_neutralBaseline_subtractsTheSameDaysNeutralReward() {
    EquityEnvironmentOptions options =
        shortEpisodes()
            .withReward(2.0, 0.5)
            .withNeutralBaseline(true)
            .withRewardIndex(RewardIndex.LEAST_ADVANTAGED_BURDEN);
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
    double plain =
        -day.leastAdvantagedMeanEnergyBurden() - 2.0 * day.priceOfFairness() - 0.5 * change;
    assertThat(env.lastPlainReward()).isCloseTo(plain, within(1e-12));
    assertThat(step.reward())
        .isCloseTo(
            plain + neutral.leastAdvantagedMeanEnergyBurden() + 2.0 * neutral.priceOfFairness(),
            within(1e-12));
  }

  /** A hand-made day: the four reward indices and the price of fairness (NaN = undefined). */
  private static DayOutcome outcome(
      double gini,
      double giniNetPayers,
      double largest,
      double leastAdvantaged,
      double priceOfFairness) {
    java.util.Map<String, Double> none = java.util.Map.of();
    return new DayOutcome(
        0,
        1,
        java.util.Map.of("A", 1.0, "B", 1.0),
        gini,
        giniNetPayers,
        largest,
        leastAdvantaged,
        0.1,
        none,
        none,
        none,
        none,
        priceOfFairness,
        0.0,
        0.0,
        "exact");
  }

  @Test
  void reward_eachIndexChoice_actsOnThatIndex() {
    DayOutcome day = outcome(0.3, 0.25, 0.08, 0.05, 0.02);
    EquityEnvironmentOptions base = shortEpisodes().withReward(1.5, 0.1);
    double rest = -1.5 * 0.02 - 0.1 * 0.4;
    assertThat(
            EquityEnvironment.plainReward(base.withRewardIndex(RewardIndex.GINI_BURDEN), day, 0.4))
        .isCloseTo(-0.3 + rest, within(1e-15));
    assertThat(
            EquityEnvironment.plainReward(
                base.withRewardIndex(RewardIndex.GINI_BURDEN_NET_PAYERS), day, 0.4))
        .isCloseTo(-0.25 + rest, within(1e-15));
    assertThat(
            EquityEnvironment.plainReward(
                base.withRewardIndex(RewardIndex.LARGEST_BURDEN), day, 0.4))
        .isCloseTo(-0.08 + rest, within(1e-15));
    assertThat(
            EquityEnvironment.plainReward(
                base.withRewardIndex(RewardIndex.LEAST_ADVANTAGED_BURDEN), day, 0.4))
        .isCloseTo(-0.05 + rest, within(1e-15));
  }

  @Test
  void
      reward_undefinedIndexOrPriceOfFairness_termLeftOut_notCountedAsZeroAgainstADefinedNeutralDay() {
    EquityEnvironmentOptions options =
        shortEpisodes().withReward(1.5, 0.1).withRewardIndex(RewardIndex.GINI_BURDEN);
    DayOutcome sunny = outcome(Double.NaN, 0.2, 0.03, 0.01, 0.02);
    DayOutcome neutral = outcome(0.4, 0.2, 0.03, 0.01, 0.05);
    // plain: no Gini term at all (0 would be the best Gini there is)
    assertThat(EquityEnvironment.plainReward(options, sunny, 0.4))
        .isCloseTo(-1.5 * 0.02 - 0.04, within(1e-15));
    // baselined: the Gini difference is undefined, so left out; the price of fairness difference
    // stays
    assertThat(EquityEnvironment.baselinedReward(options, sunny, neutral, 0.4))
        .isCloseTo(-1.5 * (0.02 - 0.05) - 0.04, within(1e-15));
    assertThat(EquityEnvironment.baselinedReward(options, neutral, sunny, 0.0))
        .isCloseTo(-1.5 * (0.05 - 0.02), within(1e-15));
    DayOutcome noGain = outcome(0.3, 0.2, 0.03, 0.01, Double.NaN);
    assertThat(EquityEnvironment.plainReward(options, noGain, 0.0)).isCloseTo(-0.3, within(1e-15));
    assertThat(EquityEnvironment.baselinedReward(options, noGain, neutral, 0.0))
        .isCloseTo(-(0.3 - 0.4), within(1e-15));
  }

  @Test
  void episode_sameSeed_sameTrajectory() {
    double[][] a = rollout(environment(shortEpisodes()), 11);
    double[][] b = rollout(environment(shortEpisodes()), 11);
    assertThat(a).isDeepEqualTo(b);
  }

  @Test
  void evaluate_secondVisitOfADay_solvesNoCoalitionLp() {
    DayEvaluator evaluator = new DayEvaluator(shapleyScenario(), shortEpisodes());
    double[] w = evaluator.weightMap().weights(new double[] {0.3, 0.2, -0.9});
    evaluator.evaluate(5, w);
    int solves = evaluator.coalitionSolves();
    assertThat(solves).isEqualTo(16 - 1 - 4 - 1);
    DayOutcome again =
        evaluator.evaluate(5, evaluator.weightMap().weights(new double[] {-0.7, 0.9, 0.4}));
    assertThat(evaluator.coalitionSolves()).isEqualTo(solves);
    assertThat(again.method()).isEqualTo("exact");
  }

  @Test
  void evaluate_largeCommunity_importanceSampledReusesOrdersAndBalancesBills() {
    EquityEnvironmentOptions options = shortEpisodes().withSettlementOrders(4);
    options =
        new EquityEnvironmentOptions(
            options.episodeDays(),
            options.poolFromDay(),
            options.poolToDay(),
            options.alpha(),
            options.kappa(),
            options.movingAverageDays(),
            4,
            3,
            options.seed());
    DayEvaluator evaluator = new DayEvaluator(shapleyScenario(), options);
    DayOutcome first = evaluator.evaluate(1, new double[] {1, 1, 1});
    int solves = evaluator.coalitionSolves();
    assertThat(solves).isPositive().isLessThanOrEqualTo(4 * 2);
    DayOutcome second =
        evaluator.evaluate(1, evaluator.weightMap().weights(new double[] {-1, 1, 0}));
    assertThat(evaluator.coalitionSolves()).isEqualTo(solves);
    assertThat(first.method()).isEqualTo(DayEvaluator.IMPORTANCE_SAMPLED);
    assertThat(second.giniEnergyBurden()).isFinite();
  }

  /**
   * s5 settled by the weighted Shapley value (s5 itself settles by the market rule, without
   * coalitions).
   */
  private static Scenario shapleyScenario() {
    return TestScenarios.s5(4, java.util.Map.of("settlement.rule", "weighted-shapley"));
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
    assertThat(
            EquityEnvironment.sameGroups(
                "Equity-30h-HIGH,LOW,MIDDLE", "Equity-17h-HIGH,LOW,MIDDLE"))
        .isTrue();
    assertThat(EquityEnvironment.sameGroups("Equity-30h-HIGH,LOW,MIDDLE", "Equity-30h-HIGH,LOW"))
        .isFalse();
    assertThat(EquityEnvironment.sameGroups("CartPole-v1", "CartPole-v1")).isFalse();
  }
}
