package org.equigrid.agents.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Truncation must bootstrap from the value of the truncated state, termination must not. In a
 * one-state world with reward 1 that ends after every step, the critic converges to 1/(1 − γ) = 2
 * (γ = 0.5) when the end is a time limit, and to 1 when it is terminal.
 */
class TimeLimitTest {

  /** One constant state, reward 1, every step ends the episode. */
  private static final class OneStep implements Environment {
    private final boolean truncate;

    OneStep(boolean truncate) {
      this.truncate = truncate;
    }

    @Override
    public int observationSize() {
      return 1;
    }

    @Override
    public ActionSpace actionSpace() {
      return new ActionSpace.Discrete(2);
    }

    @Override
    public double[] reset(RandomGenerator rng) {
      return new double[] {1.0};
    }

    @Override
    public Step step(double[] action) {
      return new Step(new double[] {1.0}, 1.0, !truncate, truncate);
    }
  }

  private static double learnedValue(boolean truncate) {
    PpoConfig config =
        new PpoConfig(
            5, 64, 10, 2, 1e-2, 0, 0.5, 0.95, 0.2, false, 0.0, 0.5, 10.0, true, false, false, 0.0,
            1, 8, 1e-5);
    Environment env = new OneStep(truncate);
    Ppo ppo = new Ppo(env, config);
    ppo.train(env, 64 * 60, null);
    return ppo.criticValue(new double[] {1.0});
  }

  @Test
  void truncatedEveryStep_valueBootstrapsToInfiniteHorizon() {
    assertThat(learnedValue(true)).isCloseTo(2.0, within(0.05));
  }

  @Test
  void terminatedEveryStep_valueIsOneStepReward() {
    assertThat(learnedValue(false)).isCloseTo(1.0, within(0.05));
  }
}
