package org.equigrid.agents.learning.equity;

import java.nio.file.Path;
import org.equigrid.agents.learning.Ppo;
import org.equigrid.config.Scenario;

/**
 * A trained equity policy: the PPO learner restored from a checkpoint of {@code equigrid train},
 * acting deterministically (the mean action) on observations of {@link EquityEnvironment}.
 */
public final class EquityPolicy {

  private final Ppo ppo;
  private final WeightMap weightMap;
  private final TrainingSettings settings;

  private EquityPolicy(Ppo ppo, WeightMap weightMap, TrainingSettings settings) {
    this.ppo = ppo;
    this.weightMap = weightMap;
    this.settings = settings;
  }

  /**
   * Loads a checkpoint for a scenario's community (the same scenario, community size and groups as
   * in training, else the checkpoint is refused naming what differs).
   */
  public static EquityPolicy load(Path checkpoint, Scenario scenario) {
    TrainingSettings settings = TrainingSettings.readFor(checkpoint);
    EquityEnvironment shape =
        new EquityEnvironment(new DayEvaluator(scenario, settings.environmentOptions()), settings.environmentOptions());
    Ppo ppo = new Ppo(shape, settings.ppoConfig());
    ppo.restore(checkpoint);
    return new EquityPolicy(ppo, shape.evaluator().weightMap(), settings);
  }

  /** The learner itself (for online updates). */
  public Ppo ppo() {
    return ppo;
  }

  public TrainingSettings settings() {
    return settings;
  }

  public WeightMap weightMap() {
    return weightMap;
  }

  /** The action for an observation: the policy's mean, clipped to [-1, 1]. */
  public double[] action(double[] observation) {
    return ppo.act(observation, true);
  }

  /** The next day's weights (group order of {@link #weightMap()}) for an observation. */
  public double[] weights(double[] observation) {
    return weightMap.weights(action(observation));
  }
}
