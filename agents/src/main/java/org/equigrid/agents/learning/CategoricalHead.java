package org.equigrid.agents.learning;

import java.util.random.RandomGenerator;

/**
 * Softmax over logits: {@code log π(k) = z_k - logsumexp(z)}, entropy {@code -Σ p log p}. An action
 * is its index stored as a double.
 */
final class CategoricalHead implements PolicyHead {

  private final int count;

  CategoricalHead(int count) {
    this.count = count;
  }

  @Override
  public int parameterCount() {
    return 0;
  }

  @Override
  public int actionSize() {
    return 1;
  }

  @Override
  public void initialise(double[] params, int offset, double initialLogStd) {
    // no own parameters
  }

  /** Log-probabilities of row {@code row} into {@code out}. */
  private void logSoftmax(double[] logits, int row, double[] out) {
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < count; k++) {
      max = Math.max(max, logits[row * count + k]);
    }
    double sum = 0.0;
    for (int k = 0; k < count; k++) {
      sum += Math.exp(logits[row * count + k] - max);
    }
    double logSum = max + Math.log(sum);
    for (int k = 0; k < count; k++) {
      out[k] = logits[row * count + k] - logSum;
    }
  }

  @Override
  public double[] sample(
      double[] outputs, int row, double[] params, int offset, RandomGenerator rng) {
    double[] logP = new double[count];
    logSoftmax(outputs, row, logP);
    double u = rng.nextDouble();
    double cumulative = 0.0;
    int chosen = count - 1;
    for (int k = 0; k < count; k++) {
      cumulative += Math.exp(logP[k]);
      if (u < cumulative) {
        chosen = k;
        break;
      }
    }
    return new double[] {chosen};
  }

  @Override
  public double[] mode(double[] outputs, int row) {
    int best = 0;
    for (int k = 1; k < count; k++) {
      if (outputs[row * count + k] > outputs[row * count + best]) {
        best = k;
      }
    }
    return new double[] {best};
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
    double[] logP = new double[count];
    for (int b = 0; b < batch; b++) {
      logSoftmax(outputs, b, logP);
      logProb[b] = logP[(int) actions[b]];
      double h = 0.0;
      for (int k = 0; k < count; k++) {
        h -= Math.exp(logP[k]) * logP[k];
      }
      entropy[b] = h;
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
    double[] logP = new double[count];
    for (int b = 0; b < batch; b++) {
      logSoftmax(outputs, b, logP);
      double h = 0.0;
      for (int k = 0; k < count; k++) {
        h -= Math.exp(logP[k]) * logP[k];
      }
      int action = (int) actions[b];
      for (int k = 0; k < count; k++) {
        double p = Math.exp(logP[k]);
        double dLogProb = (k == action ? 1.0 : 0.0) - p;
        double dEntropy = -p * (logP[k] + h);
        gradOutputs[b * count + k] = gradLogProb[b] * dLogProb + gradEntropy[b] * dEntropy;
      }
    }
  }
}
