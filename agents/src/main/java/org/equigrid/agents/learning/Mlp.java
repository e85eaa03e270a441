package org.equigrid.agents.learning;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A dense network with tanh hidden layers and a linear output, evaluated over a minibatch.
 *
 * <p>The network holds only its shape: parameters live in a caller's flat {@code double[]} at an
 * offset, so that one array can carry actor, log-std and critic for Adam and checkpoints. Layer
 * {@code l} stores its weights {@code W[out][in]} row-major, then its biases {@code b[out]}.
 * Minibatches are row-major {@code batch × width} arrays.
 */
final class Mlp {

  private final int[] sizes;
  private final int parameterCount;

  /** Layer widths from input to output, e.g. {@code 4, 64, 64, 2}. */
  Mlp(int... sizes) {
    if (sizes.length < 2) {
      throw new IllegalArgumentException(
          "An MLP needs at least input and output sizes, got " + Arrays.toString(sizes) + ".");
    }
    for (int size : sizes) {
      if (size < 1) {
        throw new IllegalArgumentException(
            "Every layer size must be >= 1, got " + Arrays.toString(sizes) + ".");
      }
    }
    this.sizes = sizes.clone();
    int count = 0;
    for (int l = 0; l + 1 < sizes.length; l++) {
      count += sizes[l] * sizes[l + 1] + sizes[l + 1];
    }
    this.parameterCount = count;
  }

  int[] sizes() {
    return sizes.clone();
  }

  int inputSize() {
    return sizes[0];
  }

  int outputSize() {
    return sizes[sizes.length - 1];
  }

  int parameterCount() {
    return parameterCount;
  }

  /**
   * Orthogonal initialisation (Saxe et al.; as {@code torch.nn.init.orthogonal_}): each weight
   * matrix is the orthonormal factor of a Gaussian matrix times a gain; biases are zero.
   */
  void initialise(
      double[] params, int offset, double hiddenGain, double outputGain, RandomGenerator rng) {
    int at = offset;
    for (int l = 0; l + 1 < sizes.length; l++) {
      int in = sizes[l];
      int out = sizes[l + 1];
      double gain = l + 2 == sizes.length ? outputGain : hiddenGain;
      double[] w = orthogonal(out, in, rng);
      for (int k = 0; k < w.length; k++) {
        params[at + k] = gain * w[k];
      }
      at += out * in;
      Arrays.fill(params, at, at + out, 0.0);
      at += out;
    }
  }

  /**
   * A {@code rows × cols} matrix (row-major) with orthonormal rows or columns, whichever are fewer:
   * modified Gram–Schmidt on the columns of a Gaussian {@code max × min} matrix, which equals the Q
   * of its QR decomposition with a positive diagonal R.
   */
  static double[] orthogonal(int rows, int cols, RandomGenerator rng) {
    int tall = Math.max(rows, cols);
    int narrow = Math.min(rows, cols);
    double[][] columns = new double[narrow][tall];
    for (int r = 0; r < tall; r++) {
      for (int c = 0; c < narrow; c++) {
        columns[c][r] = rng.nextGaussian();
      }
    }
    for (int c = 0; c < narrow; c++) {
      double[] v = columns[c];
      for (int p = 0; p < c; p++) {
        double[] q = columns[p];
        double dot = 0.0;
        for (int r = 0; r < tall; r++) {
          dot += q[r] * v[r];
        }
        for (int r = 0; r < tall; r++) {
          v[r] -= dot * q[r];
        }
      }
      double norm = 0.0;
      for (int r = 0; r < tall; r++) {
        norm += v[r] * v[r];
      }
      norm = Math.sqrt(norm);
      for (int r = 0; r < tall; r++) {
        v[r] /= norm;
      }
    }
    double[] matrix = new double[rows * cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        matrix[r * cols + c] = rows >= cols ? columns[c][r] : columns[r][c];
      }
    }
    return matrix;
  }

  /** Activations of one forward pass, kept for {@link #backward}. */
  static final class Activations {
    private final double[][] layers;
    private final int batch;

    private Activations(double[][] layers, int batch) {
      this.layers = layers;
      this.batch = batch;
    }

    /** The linear outputs, {@code batch × outputSize}. */
    double[] output() {
      return layers[layers.length - 1];
    }

    int batch() {
      return batch;
    }
  }

  /** Forward pass over {@code batch} rows of {@code inputs}. */
  Activations forward(double[] params, int offset, double[] inputs, int batch) {
    double[][] layers = new double[sizes.length][];
    layers[0] = inputs;
    int at = offset;
    for (int l = 0; l + 1 < sizes.length; l++) {
      int in = sizes[l];
      int out = sizes[l + 1];
      boolean hidden = l + 2 < sizes.length;
      double[] x = layers[l];
      double[] y = new double[batch * out];
      int biasAt = at + out * in;
      for (int b = 0; b < batch; b++) {
        int xRow = b * in;
        for (int o = 0; o < out; o++) {
          int wRow = at + o * in;
          double sum = params[biasAt + o];
          for (int i = 0; i < in; i++) {
            sum += params[wRow + i] * x[xRow + i];
          }
          y[b * out + o] = hidden ? Math.tanh(sum) : sum;
        }
      }
      layers[l + 1] = y;
      at = biasAt + out;
    }
    return new Activations(layers, batch);
  }

  /**
   * Backward pass: adds the gradient w.r.t. the parameters into {@code gradParams} at {@code
   * gradOffset} and, when {@code gradInputs} is not null, writes the gradient w.r.t. the inputs.
   *
   * @param gradOutput dLoss/dOutput, {@code batch × outputSize}
   */
  void backward(
      double[] params,
      int offset,
      Activations activations,
      double[] gradOutput,
      double[] gradParams,
      int gradOffset,
      double[] gradInputs) {
    int batch = activations.batch;
    double[][] layers = activations.layers;
    int[] layerStart = new int[sizes.length - 1];
    int at = 0;
    for (int l = 0; l + 1 < sizes.length; l++) {
      layerStart[l] = at;
      at += sizes[l] * sizes[l + 1] + sizes[l + 1];
    }
    double[] delta = gradOutput;
    for (int l = sizes.length - 2; l >= 0; l--) {
      int in = sizes[l];
      int out = sizes[l + 1];
      int w = offset + layerStart[l];
      int gw = gradOffset + layerStart[l];
      int gb = gw + out * in;
      double[] x = layers[l];
      boolean needInput = l > 0 || gradInputs != null;
      double[] dx = needInput ? (l > 0 ? new double[batch * in] : gradInputs) : null;
      if (dx != null && l == 0) {
        Arrays.fill(dx, 0, batch * in, 0.0);
      }
      for (int b = 0; b < batch; b++) {
        int xRow = b * in;
        for (int o = 0; o < out; o++) {
          double d = delta[b * out + o];
          if (d == 0.0) {
            continue;
          }
          gradParams[gb + o] += d;
          int gRow = gw + o * in;
          int wRow = w + o * in;
          for (int i = 0; i < in; i++) {
            gradParams[gRow + i] += d * x[xRow + i];
          }
          if (dx != null) {
            for (int i = 0; i < in; i++) {
              dx[xRow + i] += d * params[wRow + i];
            }
          }
        }
      }
      if (l > 0) {
        // x = tanh(z) of the previous layer: dz = dx * (1 - x^2)
        for (int k = 0; k < batch * in; k++) {
          dx[k] *= 1.0 - x[k] * x[k];
        }
        delta = dx;
      }
    }
  }
}
