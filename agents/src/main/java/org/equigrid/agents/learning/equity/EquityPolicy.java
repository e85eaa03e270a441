package org.equigrid.agents.learning.equity;

import java.nio.file.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.agents.learning.Ppo;
import org.equigrid.config.Scenario;

/**
 * A trained equity policy: the PPO learner restored from a checkpoint of {@code equigrid train},
 * acting deterministically (the mean action) on observations of {@link EquityEnvironment}.
 */
public final class EquityPolicy {

  private static final Logger LOG = LogManager.getLogger();

  private final Ppo ppo;
  private final WeightMap weightMap;
  private final TrainingSettings settings;

  private EquityPolicy(Ppo ppo, WeightMap weightMap, TrainingSettings settings) {
    this.ppo = ppo;
    this.weightMap = weightMap;
    this.settings = settings;
  }

  /**
   * Loads a checkpoint for a scenario's community: the same groups as in training (else the
   * checkpoint is refused naming what differs); a community of another size gets the policy too
   * (its observation and action are per group), which is logged.
   */
  public static EquityPolicy load(Path checkpoint, Scenario scenario) {
    TrainingSettings settings = TrainingSettings.readFor(checkpoint);
    EquityEnvironment shape =
        new EquityEnvironment(
            new DayEvaluator(scenario, settings.environmentOptions()),
            settings.environmentOptions());
    Ppo ppo = new Ppo(shape, settings.ppoConfig());
    String trainedFor = Ppo.environmentOf(checkpoint);
    if (!trainedFor.equals(shape.name())
        && EquityEnvironment.sameGroups(trainedFor, shape.name())) {
      LOG.info(
          "Policy {} was trained for {}; applied to {} (same groups, another community size).",
          checkpoint.getFileName(),
          trainedFor,
          shape.name());
      ppo.restore(checkpoint, trainedFor);
    } else {
      ppo.restore(checkpoint);
    }
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

  /**
   * The policy's own action for an observation: its mean, clipped to [-1, 1] (before any residual
   * anchor; {@link EquityEnvironment#step} takes this action).
   */
  public double[] action(double[] observation) {
    return ppo.act(observation, true);
  }

  /**
   * The next day's weights (group order of {@link #weightMap()}) for an observation: the action
   * around the residual anchor, if the policy has one.
   */
  public double[] weights(double[] observation) {
    return weightMap.weights(settings.residual().apply(action(observation)));
  }
}
