package org.equigrid.experiments.learning;

import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
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
 * {@link EquityEnvironment}). Unlike training, the run carries batteries over from day to day and
 * settles with the full settlement; the policy only sees the observation.
 */
public final class AdaptiveWeights implements ScenarioRunner.EquitySchedule {

  private static final Logger LOG = LogManager.getLogger();

  private final Scenario scenario;
  private final EquityPolicy policy;
  private final Deque<Double> recentGini = new ArrayDeque<>();

  public AdaptiveWeights(Scenario scenario, EquityPolicy policy) {
    this.scenario = scenario;
    this.policy = policy;
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
    return new AdaptiveWeights(scenario, EquityPolicy.load(scenario.adaptiveEquity().policy(), scenario));
  }

  @Override
  public EquitySettings forDay(int dayIndex, SettledDay previous) {
    if (previous == null) {
      return scenario.equity();
    }
    DayOutcome outcome = DayOutcome.of(
        previous.cleared(), previous.equity(), previous.settlement().method(), policy.weightMap().groups());
    recentGini.addLast(Double.isFinite(outcome.giniEnergyBurden()) ? outcome.giniEnergyBurden() : 0.0);
    while (recentGini.size() > policy.settings().environmentOptions().movingAverageDays()) {
      recentGini.removeFirst();
    }
    double[] current = new double[policy.weightMap().dimensions()];
    for (int g = 0; g < current.length; g++) {
      current[g] = outcome.weights().get(policy.weightMap().groups().get(g));
    }
    double average = recentGini.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double[] obs = EquityEnvironment.observe(
        outcome, average, current, policy.weightMap(), scenario.dayOfYear(dayIndex));
    double[] next = policy.weights(obs);
    LOG.debug("day {}: adaptive weights {}", dayIndex, policy.weightMap().asMap(next));
    return scenario.equity().withWeights(policy.weightMap().asMap(next));
  }
}
