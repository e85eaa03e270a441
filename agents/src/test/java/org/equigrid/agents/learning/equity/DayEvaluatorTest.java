package org.equigrid.agents.learning.equity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.random.RandomGeneratorFactory;
import org.equigrid.config.Scenario;
import org.equigrid.market.day.DayPipeline;
import org.equigrid.market.settlement.DaySettlement;
import org.equigrid.market.settlement.SettlementOptions;
import org.junit.jupiter.api.Test;

/** The learner settles by the scenario's rule, with the same rule code as {@code equigrid run}. */
class DayEvaluatorTest {

  private static final double[] ACTION = {0.7, -0.4, 0.2};

  private static EquityEnvironmentOptions options() {
    return EquityEnvironmentOptions.defaults(3).withEpisodeDays(3).withPool(0, 8);
  }

  /**
   * The pipeline's settlement of the learner's own cleared day (same dispatch, the run's rule
   * code).
   */
  private static DaySettlement pipeline(Scenario scenario, DayEvaluator.Settled day) {
    DayPipeline pipeline =
        new DayPipeline(
            scenario.solverOptions(),
            SettlementOptions.defaults().withSettlement(scenario.settlement()));
    return pipeline
        .settle(day.cleared(), true, RandomGeneratorFactory.of("L64X128MixRandom").create(1))
        .settlement();
  }

  @Test
  void market_billsEqualThePipelinesForTheSameWeights_andNoCoalitionIsSolved() {
    Scenario scenario = TestScenarios.s5(4);
    assertThat(scenario.settlement().rule().fileName()).isEqualTo("market");
    DayEvaluator evaluator = new DayEvaluator(scenario, options(), true);
    double[] weights = evaluator.weightMap().weights(ACTION);
    DayEvaluator.Settled day = evaluator.settled(3, weights);

    DaySettlement run = pipeline(scenario, day);
    // and from scratch: the run clears the day itself with these weights
    DayPipeline fresh =
        new DayPipeline(
            scenario.solverOptions(),
            SettlementOptions.defaults().withSettlement(scenario.settlement()));
    DaySettlement scratch =
        fresh
            .run(
                scenario.day(3, scenario.initialSocKwh()),
                scenario.equity().withWeights(evaluator.weightMap().asMap(weights)),
                scenario.pricingRule(),
                true,
                RandomGeneratorFactory.of("L64X128MixRandom").create(1))
            .settlement();

    assertThat(day.settlement().rule().rule()).isEqualTo("market");
    assertThat(day.settlement().method()).isEqualTo(DayEvaluator.MARKET);
    assertThat(day.settlement().billEur()).containsExactly(run.billEur(), within(1e-9));
    assertThat(day.settlement().billEur()).containsExactly(scratch.billEur(), within(1e-9));
    assertThat(evaluator.coalitionSolves()).isZero();
    assertThat(evaluator.evaluate(3, weights).method()).isEqualTo(DayEvaluator.MARKET);
  }

  @Test
  void weightedShapleyShapleyAndRawlsian_billsEqualThePipelinesOnTheSameClearedDay() {
    for (String rule : new String[] {"weighted-shapley", "shapley", "rawlsian"}) {
      Scenario scenario = TestScenarios.s5(4, Map.of("settlement.rule", rule));
      DayEvaluator evaluator = new DayEvaluator(scenario, options());
      DayEvaluator.Settled day = evaluator.settled(2, evaluator.weightMap().weights(ACTION));

      DaySettlement run = pipeline(scenario, day);

      assertThat(day.settlement().rule().rule()).as(rule).isEqualTo(rule);
      assertThat(day.settlement().method()).as(rule).isEqualTo(DaySettlement.EXACT);
      assertThat(day.settlement().billEur()).as(rule).containsExactly(run.billEur(), within(1e-9));
      double sum = 0;
      for (double bill : day.settlement().billEur()) {
        sum += bill;
      }
      assertThat(sum)
          .as(rule + ": budget balance")
          .isCloseTo(day.cleared().dispatch().totalCostEur(), within(1e-9));
    }
  }

  @Test
  void shapley_unitWeights_billsDoNotDependOnTheWeightsBeyondTheDispatch() {
    Scenario scenario = TestScenarios.s5(4, Map.of("settlement.rule", "shapley"));
    DayEvaluator evaluator = new DayEvaluator(scenario, options());
    DayEvaluator.Settled day = evaluator.settled(2, evaluator.weightMap().weights(ACTION));
    assertThat(day.settlement().weights()).containsOnly(1.0);
  }
}
