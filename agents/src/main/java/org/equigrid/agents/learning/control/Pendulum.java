package org.equigrid.agents.learning.control;

import java.util.random.RandomGenerator;
import org.equigrid.agents.learning.ActionSpace;
import org.equigrid.agents.learning.Environment;
import org.equigrid.agents.learning.Step;

/**
 * gymnasium's {@code Pendulum-v1}: swing up a pendulum with a torque in [-2, 2]; g = 10, m = 1, l =
 * 1, dt = 0.05, speed clipped to ±8; reward {@code -(θn² + 0.1·θ̇² + 0.001·u²)} with θn the angle
 * normalised to [-π, π); never terminates, truncated at 200 steps. Observation {@code (cos θ, sin
 * θ, θ̇)}; reset θ ~ U(-π, π), θ̇ ~ U(-1, 1).
 */
public final class Pendulum implements Environment {

  static final double MAX_SPEED = 8.0;
  static final double MAX_TORQUE = 2.0;
  static final double DT = 0.05;
  static final double G = 10.0;
  static final double MASS = 1.0;
  static final double LENGTH = 1.0;
  static final int MAX_EPISODE_STEPS = 200;

  private double theta;
  private double thetaDot;
  private int elapsedSteps;
  private boolean needsReset = true;

  @Override
  public String name() {
    return "Pendulum-v1";
  }

  @Override
  public int observationSize() {
    return 3;
  }

  @Override
  public ActionSpace actionSpace() {
    return ActionSpace.Box.symmetric(1, MAX_TORQUE);
  }

  @Override
  public double[] reset(RandomGenerator rng) {
    theta = rng.nextDouble(-Math.PI, Math.PI);
    thetaDot = rng.nextDouble(-1.0, 1.0);
    elapsedSteps = 0;
    needsReset = false;
    return observation();
  }

  /** Sets the state directly (tests). */
  void setState(double newTheta, double newThetaDot) {
    theta = newTheta;
    thetaDot = newThetaDot;
    elapsedSteps = 0;
    needsReset = false;
  }

  /** Python's {@code ((x + π) % 2π) - π}, with a non-negative modulo. */
  static double normaliseAngle(double x) {
    double twoPi = 2.0 * Math.PI;
    double m = (x + Math.PI) % twoPi;
    if (m < 0) {
      m += twoPi;
    }
    return m - Math.PI;
  }

  private double[] observation() {
    return new double[] {Math.cos(theta), Math.sin(theta), thetaDot};
  }

  @Override
  public Step step(double[] action) {
    if (needsReset) {
      throw new IllegalStateException("Pendulum: call reset before step (episode over or new).");
    }
    double u = Math.max(-MAX_TORQUE, Math.min(MAX_TORQUE, action[0]));
    double angle = normaliseAngle(theta);
    double cost = angle * angle + 0.1 * thetaDot * thetaDot + 0.001 * u * u;
    double newThetaDot =
        thetaDot
            + (3.0 * G / (2.0 * LENGTH) * Math.sin(theta) + 3.0 / (MASS * LENGTH * LENGTH) * u)
                * DT;
    newThetaDot = Math.max(-MAX_SPEED, Math.min(MAX_SPEED, newThetaDot));
    theta = theta + newThetaDot * DT;
    thetaDot = newThetaDot;
    elapsedSteps++;
    boolean truncated = elapsedSteps >= MAX_EPISODE_STEPS;
    needsReset = truncated;
    return new Step(observation(), -cost, false, truncated);
  }
}
