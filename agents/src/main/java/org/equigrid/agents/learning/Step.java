package org.equigrid.agents.learning;

import java.util.Objects;

/**
 * The result of one environment step.
 *
 * @param observation the next observation (after a terminal or truncated step: the final one)
 * @param reward the reward of the transition
 * @param terminated the episode reached a terminal state (no bootstrap)
 * @param truncated the episode was cut by a time limit (the learner bootstraps from the value of
 *     {@code observation})
 */
public record Step(double[] observation, double reward, boolean terminated, boolean truncated) {
  public Step {
    Objects.requireNonNull(observation, "observation");
    if (!Double.isFinite(reward)) {
      throw new IllegalArgumentException("The reward (" + reward + ") must be finite.");
    }
  }

  /** True when the episode ended either way. */
  public boolean done() {
    return terminated || truncated;
  }
}
