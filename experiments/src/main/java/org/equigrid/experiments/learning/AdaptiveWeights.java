package org.equigrid.experiments.learning;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.agents.learning.equity.DailyObservation;
import org.equigrid.agents.learning.equity.DayOutcome;
import org.equigrid.agents.learning.equity.EquityEnvironment;
import org.equigrid.agents.learning.equity.EquityPolicy;
import org.equigrid.config.Scenario;
import org.equigrid.experiments.run.ScenarioRunner;
import org.equigrid.market.day.SettledDay;
import org.equigrid.market.model.EquitySettings;

/**
 * Adaptive weights for {@code equigrid run}: the first day runs with the scenario's static weights,
 * every later day with the weights a learned policy chooses from the day before (observed as in
 * {@link EquityEnvironment}, through {@link DailyObservation} like the JADE learner). Unlike
 * training, the run carries batteries over from day to day and settles with the full settlement;
 * the policy only sees the observation.
 */
public final class AdaptiveWeights implements ScenarioRunner.EquitySchedule {

  private static final Logger LOG = LogManager.getLogger();

  private final Scenario scenario;
  private final EquityPolicy policy;
  private final DailyObservation observation;

  public AdaptiveWeights(Scenario scenario, EquityPolicy policy) {
    this.scenario = scenario;
    this.policy = policy;
    this.observation = DailyObservation.of(policy);
  }

  /**
   * The schedule a scenario asks for: adaptive weights from its {@code equity.adaptive.policy}, or
   * null (the static weights) when it names none.
   *
   * @throws IllegalArgumentException when the policy does not fit the scenario's community
   */
  public static AdaptiveWeights of(Scenario scenario) {
    if (scenario.adaptiveEquity() == null || !scenario.adaptiveEquity().hasPolicy()) {
      return null;
    }
    return new AdaptiveWeights(
        scenario, EquityPolicy.load(scenario.adaptiveEquity().policy(), scenario));
  }

  @Override
  public EquitySettings forDay(int dayIndex, SettledDay previous) {
    if (previous == null) {
      return scenario.equity();
    }
    DayOutcome outcome =
        DayOutcome.of(
            previous.cleared(),
            previous.metrics(),
            previous.equity(),
            previous.settlement().method(),
            policy.weightMap().groups());
    double[] next = policy.weights(observation.next(outcome, scenario.dayOfYear(dayIndex)));
    LOG.debug("day {}: adaptive weights {}", dayIndex, policy.weightMap().asMap(next));
    return scenario.equity().withWeights(policy.weightMap().asMap(next));
  }
}
