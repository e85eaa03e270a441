package org.equigrid.agents.learning;

/**
 * Adam (Kingma &amp; Ba) with bias correction, written as {@code torch.optim.Adam}: {@code p -= lr
 * / (1 - β1^t) · m / (sqrt(v) / sqrt(1 - β2^t) + ε)}. Its state is two flat arrays and the step
 * count, all saved in checkpoints.
 */
final class Adam {

  static final double BETA1 = 0.9;
  static final double BETA2 = 0.999;

  private final double epsilon;
  private final double[] firstMoment;
  private final double[] secondMoment;
  private long stepCount;

  Adam(int parameterCount, double epsilon) {
    this.epsilon = epsilon;
    this.firstMoment = new double[parameterCount];
    this.secondMoment = new double[parameterCount];
  }

  /** One update of {@code params} along {@code grad} with learning rate {@code lr}. */
  void step(double[] params, double[] grad, double lr) {
    stepCount++;
    double biasCorrection1 = 1.0 - Math.pow(BETA1, stepCount);
    double sqrtBiasCorrection2 = Math.sqrt(1.0 - Math.pow(BETA2, stepCount));
    double stepSize = lr / biasCorrection1;
    for (int k = 0; k < params.length; k++) {
      double g = grad[k];
      firstMoment[k] = BETA1 * firstMoment[k] + (1.0 - BETA1) * g;
      secondMoment[k] = BETA2 * secondMoment[k] + (1.0 - BETA2) * g * g;
      double denominator = Math.sqrt(secondMoment[k]) / sqrtBiasCorrection2 + epsilon;
      params[k] -= stepSize * firstMoment[k] / denominator;
    }
  }

  /**
   * Scales {@code grad} in place so that its Euclidean norm is at most {@code maxNorm} (as {@code
   * torch.nn.utils.clip_grad_norm_}) and returns the norm before clipping.
   */
  static double clipGlobalNorm(double[] grad, double maxNorm) {
    double sum = 0.0;
    for (double g : grad) {
      sum += g * g;
    }
    double norm = Math.sqrt(sum);
    double coefficient = maxNorm / (norm + 1e-6);
    if (coefficient < 1.0) {
      for (int k = 0; k < grad.length; k++) {
        grad[k] *= coefficient;
      }
    }
    return norm;
  }

  double[] firstMoment() {
    return firstMoment;
  }

  double[] secondMoment() {
    return secondMoment;
  }

  long stepCount() {
    return stepCount;
  }

  void restore(double[] first, double[] second, long steps) {
    System.arraycopy(first, 0, firstMoment, 0, firstMoment.length);
    System.arraycopy(second, 0, secondMoment, 0, secondMoment.length);
    this.stepCount = steps;
  }
}
