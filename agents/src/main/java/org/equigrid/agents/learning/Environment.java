package org.equigrid.agents.learning;

import java.util.random.RandomGenerator;

/**
 * An episodic environment for the learner.
 *
 * <p>Contract: {@link #step} is a deterministic function of the state reached by {@link #reset} and
 * the actions since then, plus draws from the generator given to {@code reset} (which the
 * environment may keep). The learner relies on this to restore an episode in progress when it
 * resumes from a checkpoint (it resets with the same generator and replays the actions).
 */
public interface Environment {

  /** A short name written into checkpoints, e.g. {@code CartPole-v1}. */
  default String name() {
    return getClass().getSimpleName();
  }

  /** Length of every observation vector. */
  int observationSize();

  /** The action space; continuous actions of the equity environment live in [-1, 1]. */
  ActionSpace actionSpace();

  /** Starts an episode and returns its first observation. */
  double[] reset(RandomGenerator rng);

  /**
   * Applies an action: for {@link ActionSpace.Discrete} a one-element array holding the index, for
   * {@link ActionSpace.Box} a vector already clipped to the bounds.
   */
  Step step(double[] action);
}
