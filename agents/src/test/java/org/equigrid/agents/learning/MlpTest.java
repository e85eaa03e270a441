package org.equigrid.agents.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

class MlpTest {

  private static RandomGenerator rng(long seed) {
    return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
  }

  private static double[] gaussian(int n, RandomGenerator rng) {
    double[] x = new double[n];
    for (int k = 0; k < n; k++) {
      x[k] = rng.nextGaussian();
    }
    return x;
  }

  @Test
  void parameterCount_sumsWeightsAndBiases() {
    assertThat(new Mlp(4, 64, 64, 2).parameterCount())
        .isEqualTo(4 * 64 + 64 + 64 * 64 + 64 + 64 * 2 + 2);
  }

  @Test
  void forward_oneHiddenLayer_matchesHandComputation() {
    // W1 = [[1, 2]], b1 = [0.5]; W2 = [[3]], b2 = [-1]; x = (0.1, -0.2)
    Mlp mlp = new Mlp(2, 1, 1);
    double[] params = {1, 2, 0.5, 3, -1};
    double out = mlp.forward(params, 0, new double[] {0.1, -0.2}, 1).output()[0];
    assertThat(out).isCloseTo(3 * Math.tanh(0.1 - 0.4 + 0.5) - 1, within(1e-15));
  }

  @Test
  void backward_matchesFiniteDifferences_forParametersAndInputs() {
    RandomGenerator rng = rng(11);
    Mlp mlp = new Mlp(3, 5, 4, 2);
    int offset = 7;
    double[] params = new double[offset + mlp.parameterCount()];
    mlp.initialise(params, offset, Math.sqrt(2), 1.0, rng);
    for (int k = offset; k < params.length; k++) {
      params[k] += 0.1 * rng.nextGaussian(); // non-zero biases too
    }
    int batch = 3;
    double[] inputs = gaussian(batch * 3, rng);
    double[] weights = gaussian(batch * 2, rng);
    // scalar L = Σ weights·outputs; dL/dOutputs = weights
    java.util.function.ToDoubleFunction<double[]> lossOfParams =
        p -> dot(weights, mlp.forward(p, offset, inputs, batch).output());
    java.util.function.ToDoubleFunction<double[]> lossOfInputs =
        x -> dot(weights, mlp.forward(params, offset, x, batch).output());

    double[] gradParams = new double[params.length];
    double[] gradInputs = new double[inputs.length];
    mlp.backward(
        params,
        offset,
        mlp.forward(params, offset, inputs, batch),
        weights,
        gradParams,
        offset,
        gradInputs);

    double[] numericParams = GradientCheck.numerical(lossOfParams, params);
    double[] numericInputs = GradientCheck.numerical(lossOfInputs, inputs);
    assertThat(GradientCheck.relativeError(gradParams, numericParams)).isLessThan(1e-6);
    assertThat(GradientCheck.relativeError(gradInputs, numericInputs)).isLessThan(1e-6);
    for (int k = 0; k < offset; k++) {
      assertThat(gradParams[k]).isZero();
    }
  }

  @Test
  void initialise_weightsAreOrthogonalTimesGain_biasesZero() {
    Mlp mlp = new Mlp(4, 6, 3);
    double[] params = new double[mlp.parameterCount()];
    mlp.initialise(params, 0, 2.0, 0.5, rng(3));
    // layer 1: W is 6×4 → columns orthonormal: WᵀW = 4 I
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        double s = 0;
        for (int r = 0; r < 6; r++) {
          s += params[r * 4 + i] * params[r * 4 + j];
        }
        assertThat(s).isCloseTo(i == j ? 4.0 : 0.0, within(1e-12));
      }
    }
    int second = 6 * 4 + 6;
    for (int k = 24; k < second; k++) {
      assertThat(params[k]).isZero();
    }
    // layer 2: W is 3×6 → rows orthonormal: WWᵀ = 0.25 I
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double s = 0;
        for (int c = 0; c < 6; c++) {
          s += params[second + i * 6 + c] * params[second + j * 6 + c];
        }
        assertThat(s).isCloseTo(i == j ? 0.25 : 0.0, within(1e-12));
      }
    }
  }

  @Test
  void initialise_sameSeed_sameParameters_otherSeed_different() {
    Mlp mlp = new Mlp(4, 8, 2);
    double[] a = new double[mlp.parameterCount()];
    double[] b = new double[mlp.parameterCount()];
    double[] c = new double[mlp.parameterCount()];
    mlp.initialise(a, 0, 1, 1, rng(5));
    mlp.initialise(b, 0, 1, 1, rng(5));
    mlp.initialise(c, 0, 1, 1, rng(6));
    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(c);
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += a[k] * b[k];
    }
    return s;
  }
}
