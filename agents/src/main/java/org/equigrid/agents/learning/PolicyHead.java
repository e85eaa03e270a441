package org.equigrid.agents.learning;

import java.util.random.RandomGenerator;

/**
 * The action distribution on top of the actor's outputs: log-probabilities, entropies and their
 * gradients over a minibatch, sampling and the deterministic action. Actions are row-major {@code
 * batch × actionSize}.
 */
sealed interface PolicyHead permits GaussianHead, CategoricalHead {

  static PolicyHead of(ActionSpace space) {
    if (space instanceof ActionSpace.Discrete discrete) {
      return new CategoricalHead(discrete.count());
    }
    return new GaussianHead(space.actionSize());
  }

  /** Parameters the head owns besides the actor (the log-std vector of a Gaussian). */
  int parameterCount();

  int actionSize();

  /** Sets the head's own parameters at {@code offset}. */
  void initialise(double[] params, int offset, double initialLogStd);

  /** Draws an action for row {@code row} of {@code outputs}. */
  double[] sample(double[] outputs, int row, double[] params, int offset, RandomGenerator rng);

  /** The most likely action (mean or arg-max) for row {@code row}. */
  double[] mode(double[] outputs, int row);

  /** Fills {@code logProb[b]} and {@code entropy[b]} for the given actions. */
  void evaluate(
      double[] outputs,
      double[] params,
      int offset,
      double[] actions,
      int batch,
      double[] logProb,
      double[] entropy);

  /**
   * Chains upstream gradients dL/dlogProb and dL/dentropy: writes dL/dOutputs and adds the gradient
   * of the head's own parameters into {@code gradParams} at {@code offset}.
   */
  void backward(
      double[] outputs,
      double[] params,
      int offset,
      double[] actions,
      int batch,
      double[] gradLogProb,
      double[] gradEntropy,
      double[] gradOutputs,
      double[] gradParams);
}
