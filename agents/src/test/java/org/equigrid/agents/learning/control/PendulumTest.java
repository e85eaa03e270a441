package org.equigrid.agents.learning.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.equigrid.agents.learning.Step;
import org.junit.jupiter.api.Test;

class PendulumTest {

  private static final double TOL = 1e-14;

  @Test
  void step_twoStepsFromGivenState_matchesHandComputed() {
    // θ = 1, θ̇ = 0.5, u = 1.5: cost = 1 + 0.1·0.25 + 0.001·2.25 = 1.02725;
    // θ̇' = 0.5 + (15 sin 1 + 3·1.5)·0.05 = 1.3561032386059226, θ' = 1 + 0.05 θ̇'.
    Pendulum env = new Pendulum();
    env.setState(1.0, 0.5);
    Step first = env.step(new double[] {1.5});
    assertThat(first.reward()).isCloseTo(-1.02725, within(TOL));
    assertThat(first.observation())
        .containsExactly(
            new double[] {
              Math.cos(1.0678051619302962), Math.sin(1.0678051619302962), 1.3561032386059226
            },
            within(TOL));
    // the torque −3 is clipped to −2
    Step second = env.step(new double[] {-3.0});
    assertThat(second.reward()).isCloseTo(-1.3281094632207342, within(TOL));
    assertThat(second.observation()[2]).isCloseTo(1.713211686588682, within(TOL));
    assertThat(second.terminated()).isFalse();
  }

  @Test
  void step_fastSwing_clipsSpeedAtEight() {
    // θ = 2, θ̇ = 7.9, u = 2: θ̇' = 7.9 + (15 sin 2 + 6)·0.05 = 8.88 → 8, θ' = 2.4;
    // cost = 2² + 0.1·7.9² + 0.001·4 = 10.245
    Pendulum env = new Pendulum();
    env.setState(2.0, 7.9);
    Step step = env.step(new double[] {2.0});
    assertThat(step.observation()[2]).isEqualTo(8.0);
    assertThat(step.observation()[1]).isCloseTo(Math.sin(2.4), within(TOL));
    assertThat(step.reward()).isCloseTo(-10.245, within(1e-12));
  }

  @Test
  void normaliseAngle_wrapsLikePythonModulo() {
    assertThat(Pendulum.normaliseAngle(4.0)).isCloseTo(4.0 - 2 * Math.PI, within(TOL));
    assertThat(Pendulum.normaliseAngle(-4.0)).isCloseTo(-4.0 + 2 * Math.PI, within(TOL));
    assertThat(Pendulum.normaliseAngle(0.5)).isCloseTo(0.5, within(TOL));
    assertThat(Pendulum.normaliseAngle(Math.PI)).isCloseTo(-Math.PI, within(TOL));
  }

  @Test
  void episode_isTruncatedAt200() {
    Pendulum env = new Pendulum();
    env.setState(0, 0);
    int steps = 0;
    Step step;
    do {
      step = env.step(new double[] {0});
      steps++;
    } while (!step.done());
    assertThat(steps).isEqualTo(200);
    assertThat(step.truncated()).isTrue();
    assertThat(step.terminated()).isFalse();
  }
}
