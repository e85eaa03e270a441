package org.equigrid.agents.learning.control;

import java.util.random.RandomGenerator;
import org.equigrid.agents.learning.ActionSpace;
import org.equigrid.agents.learning.Environment;
import org.equigrid.agents.learning.Step;

/**
 * gymnasium's {@code CartPole-v1}: a pole on a cart pushed left (action 0) or right (action 1) with
 * 10 N; Euler integration with τ = 0.02 s; reward 1 per step; terminated when |x| > 2.4 or |θ| >
 * 12°; truncated at 500 steps. Observation {@code (x, ẋ, θ, θ̇)}, reset uniform in ±0.05.
 */
public final class CartPole implements Environment {

  static final double GRAVITY = 9.8;
  static final double MASS_CART = 1.0;
  static final double MASS_POLE = 0.1;
  static final double TOTAL_MASS = MASS_CART + MASS_POLE;
  static final double HALF_LENGTH = 0.5;
  static final double POLE_MASS_LENGTH = MASS_POLE * HALF_LENGTH;
  static final double FORCE_MAG = 10.0;
  static final double TAU = 0.02;
  static final double THETA_THRESHOLD_RADIANS = 12 * 2 * Math.PI / 360;
  static final double X_THRESHOLD = 2.4;
  static final int MAX_EPISODE_STEPS = 500;

  private final double[] state = new double[4];
  private int elapsedSteps;
  private boolean needsReset = true;

  @Override
  public String name() {
    return "CartPole-v1";
  }

  @Override
  public int observationSize() {
    return 4;
  }

  @Override
  public ActionSpace actionSpace() {
    return new ActionSpace.Discrete(2);
  }

  @Override
  public double[] reset(RandomGenerator rng) {
    for (int k = 0; k < 4; k++) {
      state[k] = rng.nextDouble(-0.05, 0.05);
    }
    elapsedSteps = 0;
    needsReset = false;
    return state.clone();
  }

  /** Sets the state directly (tests). */
  void setState(double x, double xDot, double theta, double thetaDot) {
    state[0] = x;
    state[1] = xDot;
    state[2] = theta;
    state[3] = thetaDot;
    elapsedSteps = 0;
    needsReset = false;
  }

  @Override
  public Step step(double[] action) {
    if (needsReset) {
      throw new IllegalStateException("CartPole: call reset before step (episode over or new).");
    }
    int a = (int) action[0];
    if (a != 0 && a != 1 || action[0] != a) {
      throw new IllegalArgumentException("CartPole action must be 0 or 1, got " + action[0] + ".");
    }
    double x = state[0];
    double xDot = state[1];
    double theta = state[2];
    double thetaDot = state[3];
    double force = a == 1 ? FORCE_MAG : -FORCE_MAG;
    double cosTheta = Math.cos(theta);
    double sinTheta = Math.sin(theta);
    double temp = (force + POLE_MASS_LENGTH * thetaDot * thetaDot * sinTheta) / TOTAL_MASS;
    double thetaAcc =
        (GRAVITY * sinTheta - cosTheta * temp)
            / (HALF_LENGTH * (4.0 / 3.0 - MASS_POLE * cosTheta * cosTheta / TOTAL_MASS));
    double xAcc = temp - POLE_MASS_LENGTH * thetaAcc * cosTheta / TOTAL_MASS;
    state[0] = x + TAU * xDot;
    state[1] = xDot + TAU * xAcc;
    state[2] = theta + TAU * thetaDot;
    state[3] = thetaDot + TAU * thetaAcc;
    elapsedSteps++;
    boolean terminated =
        state[0] < -X_THRESHOLD
            || state[0] > X_THRESHOLD
            || state[2] < -THETA_THRESHOLD_RADIANS
            || state[2] > THETA_THRESHOLD_RADIANS;
    boolean truncated = !terminated && elapsedSteps >= MAX_EPISODE_STEPS;
    needsReset = terminated || truncated;
    return new Step(state.clone(), 1.0, terminated, truncated);
  }
}
