package org.equigrid.agents.learning;

/**
 * Running mean and (population) variance per dimension, merged batch by batch with Chan et al.'s
 * parallel formula, as gymnasium's {@code RunningMeanStd} (initial count 1e-4).
 */
final class RunningMeanStd {

  private final double[] mean;
  private final double[] variance;
  private double count = 1e-4;

  RunningMeanStd(int size) {
    mean = new double[size];
    variance = new double[size];
    java.util.Arrays.fill(variance, 1.0);
  }

  /** Merges one sample. */
  void update(double[] sample) {
    double total = count + 1.0;
    for (int k = 0; k < mean.length; k++) {
      double delta = sample[k] - mean[k];
      double newMean = mean[k] + delta / total;
      double m2 = variance[k] * count + delta * delta * count / total;
      mean[k] = newMean;
      variance[k] = m2 / total;
    }
    count = total;
  }

  /** {@code clip((x - mean) / sqrt(var + 1e-8), ±clip)} into a new array. */
  double[] normalise(double[] sample, double clip) {
    double[] out = new double[sample.length];
    for (int k = 0; k < sample.length; k++) {
      double z = (sample[k] - mean[k]) / Math.sqrt(variance[k] + 1e-8);
      out[k] = Math.max(-clip, Math.min(clip, z));
    }
    return out;
  }

  int size() {
    return mean.length;
  }

  double[] mean() {
    return mean;
  }

  double[] variance() {
    return variance;
  }

  double count() {
    return count;
  }

  void restore(double[] savedMean, double[] savedVariance, double savedCount) {
    System.arraycopy(savedMean, 0, mean, 0, mean.length);
    System.arraycopy(savedVariance, 0, variance, 0, variance.length);
    count = savedCount;
  }
}
