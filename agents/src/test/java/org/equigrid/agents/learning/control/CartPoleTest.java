package org.equigrid.agents.learning.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.equigrid.agents.learning.Step;
import org.junit.jupiter.api.Test;

class CartPoleTest {

  private static final double TOL = 1e-15;

  @Test
  void step_twoStepsFromGivenState_matchesHandComputedEuler() {
    // Hand computation with gymnasium's equations, state (0.01, -0.02, 0.03, 0.04):
    // push right: temp = (10 + 0.05·0.04²·sin 0.03)/1.1, θ̈ = (9.8 sin θ − cos θ·temp)/(0.5(4/3 −
    // 0.1cos²θ/1.1)), ẍ = temp − 0.05·θ̈·cos θ/1.1, then x += τẋ, ẋ += τẍ, θ += τθ̇, θ̇ += τθ̈.
    CartPole env = new CartPole();
    env.setState(0.01, -0.02, 0.03, 0.04);
    Step first = env.step(new double[] {1});
    assertThat(first.observation()[0]).isCloseTo(0.009600000000000001, within(TOL));
    assertThat(first.observation()[1]).isCloseTo(0.17467919574755525, within(TOL));
    assertThat(first.observation()[2]).isCloseTo(0.030799999999999998, within(TOL));
    assertThat(first.observation()[3]).isCloseTo(-0.2430687179600081, within(TOL));
    assertThat(first.reward()).isEqualTo(1.0);
    assertThat(first.done()).isFalse();
    Step second = env.step(new double[] {0});
    assertThat(second.observation())
        .containsExactly(
            new double[] {
              0.013093583914951107, -0.020868848948191993, 0.025938625640799837, 0.0591679999394166
            },
            within(TOL));
  }

  @Test
  void step_poleBeyondTwelveDegrees_terminates() {
    CartPole env = new CartPole();
    env.setState(0.0, 0.0, 0.2094, 1.0); // θ after one step: 0.2094 + 0.02 > 0.2095
    Step step = env.step(new double[] {1});
    assertThat(step.terminated()).isTrue();
    assertThat(step.truncated()).isFalse();
    assertThat(step.reward()).isEqualTo(1.0);
  }

  @Test
  void step_cartBeyondTrack_terminates() {
    CartPole env = new CartPole();
    env.setState(2.39, 1.0, 0.0, 0.0);
    assertThat(env.step(new double[] {1}).terminated()).isTrue();
  }

  @Test
  void episode_balancedForever_isTruncatedAt500() {
    // zero state, alternate pushes: stays inside the bounds for 500 steps
    CartPole env = new CartPole();
    env.setState(0, 0, 0, 0);
    Step step = null;
    int steps = 0;
    do {
      double[] obs = step == null ? new double[4] : step.observation();
      step = env.step(new double[] {obs[2] + 0.5 * obs[3] > 0 ? 1 : 0});
      steps++;
    } while (!step.done());
    assertThat(steps).isEqualTo(500);
    assertThat(step.truncated()).isTrue();
    assertThat(step.terminated()).isFalse();
  }

  @Test
  void reset_drawsUniformInFivePercent() {
    CartPole env = new CartPole();
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(7);
    for (int k = 0; k < 200; k++) {
      for (double v : env.reset(rng)) {
        assertThat(v).isBetween(-0.05, 0.05);
      }
    }
  }
}
