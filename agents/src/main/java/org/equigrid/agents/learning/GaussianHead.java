package org.equigrid.agents.learning;

import java.util.random.RandomGenerator;

/**
 * Diagonal Gaussian with a state-independent log-std vector: {@code log π(a) = Σ_d [-(a-μ)²/(2σ²) -
 * log σ - ½ log 2π]}, entropy {@code Σ_d [½ + ½ log 2π + log σ]}.
 */
final class GaussianHead implements PolicyHead {

  private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2.0 * Math.PI);

  private final int dimensions;

  GaussianHead(int dimensions) {
    this.dimensions = dimensions;
  }

  @Override
  public int parameterCount() {
    return dimensions;
  }

  @Override
  public int actionSize() {
    return dimensions;
  }

  @Override
  public void initialise(double[] params, int offset, double initialLogStd) {
    java.util.Arrays.fill(params, offset, offset + dimensions, initialLogStd);
  }

  @Override
  public double[] sample(
      double[] outputs, int row, double[] params, int offset, RandomGenerator rng) {
    double[] action = new double[dimensions];
    for (int d = 0; d < dimensions; d++) {
      action[d] = outputs[row * dimensions + d] + Math.exp(params[offset + d]) * rng.nextGaussian();
    }
    return action;
  }

  @Override
  public double[] mode(double[] outputs, int row) {
    double[] action = new double[dimensions];
    System.arraycopy(outputs, row * dimensions, action, 0, dimensions);
    return action;
  }

  @Override
  public void evaluate(
      double[] outputs,
      double[] params,
      int offset,
      double[] actions,
      int batch,
      double[] logProb,
      double[] entropy) {
    double logStdSum = 0.0;
    for (int d = 0; d < dimensions; d++) {
      logStdSum += params[offset + d];
    }
    double rowEntropy = dimensions * (0.5 + HALF_LOG_TWO_PI) + logStdSum;
    for (int b = 0; b < batch; b++) {
      double sum = 0.0;
      for (int d = 0; d < dimensions; d++) {
        double logStd = params[offset + d];
        double z = (actions[b * dimensions + d] - outputs[b * dimensions + d]) / Math.exp(logStd);
        sum += -0.5 * z * z - logStd - HALF_LOG_TWO_PI;
      }
      logProb[b] = sum;
      entropy[b] = rowEntropy;
    }
  }

  @Override
  public void backward(
      double[] outputs,
      double[] params,
      int offset,
      double[] actions,
      int batch,
      double[] gradLogProb,
      double[] gradEntropy,
      double[] gradOutputs,
      double[] gradParams) {
    for (int b = 0; b < batch; b++) {
      for (int d = 0; d < dimensions; d++) {
        double std = Math.exp(params[offset + d]);
        double diff = actions[b * dimensions + d] - outputs[b * dimensions + d];
        double z = diff / std;
        gradOutputs[b * dimensions + d] = gradLogProb[b] * diff / (std * std);
        gradParams[offset + d] += gradLogProb[b] * (z * z - 1.0) + gradEntropy[b];
      }
    }
  }
}
