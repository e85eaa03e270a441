package org.equigrid.agents.learning;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The optimisation half of a PPO update: GAE over the rollout just collected, then {@code epochs}
 * passes of shuffled minibatches, each a clipped-loss gradient, global-norm clipping and an Adam
 * step on the learner's parameters (in place). {@link Ppo} collects the rollout.
 */
final class PpoEpochs {

  /**
   * One rollout of {@code rolloutSteps} steps, flat by step.
   *
   * @param observations normalised observations, {@code observationSize} per step
   * @param actions the actions sampled, {@code actionSize} per step
   * @param logProbs their log-probabilities under the policy that sampled them
   * @param rewards the (scaled) rewards
   * @param values the critic's values of the observations
   * @param dones whether the step ended its episode
   * @param nextValue the critic's value of the observation after the last step
   */
  record Rollout(
      double[] observations,
      double[] actions,
      double[] logProbs,
      double[] rewards,
      double[] values,
      boolean[] dones,
      double nextValue) {}

  /** The update's losses and gradient norm, each a mean over its minibatches. */
  record Losses(
      double policyLoss,
      double valueLoss,
      double entropy,
      double approxKl,
      double clipFraction,
      double gradNorm) {}

  private final PpoConfig config;
  private final PpoLoss loss;
  private final Adam adam;
  private final double[] params;
  private final int observationSize;
  private final int actionSize;

  PpoEpochs(
      PpoConfig config,
      PpoLoss loss,
      Adam adam,
      double[] params,
      int observationSize,
      int actionSize) {
    this.config = config;
    this.loss = loss;
    this.adam = adam;
    this.params = params;
    this.observationSize = observationSize;
    this.actionSize = actionSize;
  }

  /** Runs the epochs on {@code rollout}; {@code rng} shuffles the minibatches. */
  Losses optimise(Rollout rollout, RandomGenerator rng, double learningRate) {
    int horizon = rollout.rewards().length;
    double[] advantages = new double[horizon];
    double[] returns = new double[horizon];
    Ppo.gae(
        rollout.rewards(),
        rollout.values(),
        rollout.dones(),
        rollout.nextValue(),
        config.gamma(),
        config.gaeLambda(),
        advantages,
        returns);

    int batchSize = horizon / config.minibatches();
    int[] order = new int[horizon];
    for (int k = 0; k < horizon; k++) {
      order[k] = k;
    }
    double[] grad = new double[params.length];
    double policyLoss = 0.0;
    double valueLoss = 0.0;
    double entropy = 0.0;
    double approxKl = 0.0;
    double clipFraction = 0.0;
    double gradNorm = 0.0;
    int count = 0;
    for (int epoch = 0; epoch < config.epochs(); epoch++) {
      for (int k = horizon - 1; k > 0; k--) {
        int j = rng.nextInt(k + 1);
        int swap = order[k];
        order[k] = order[j];
        order[j] = swap;
      }
      for (int start = 0; start < horizon; start += batchSize) {
        PpoLoss.Minibatch batch =
            gather(
                order,
                start,
                batchSize,
                rollout.observations(),
                rollout.actions(),
                rollout.logProbs(),
                advantages,
                returns,
                rollout.values());
        Arrays.fill(grad, 0.0);
        PpoLoss.Parts parts = loss.evaluate(params, batch, grad);
        gradNorm += Adam.clipGlobalNorm(grad, config.maxGradNorm());
        adam.step(params, grad, learningRate);
        policyLoss += parts.policyLoss();
        valueLoss += parts.valueLoss();
        entropy += parts.entropy();
        approxKl += parts.approxKl();
        clipFraction += parts.clipFraction();
        count++;
      }
    }
    return new Losses(
        policyLoss / count,
        valueLoss / count,
        entropy / count,
        approxKl / count,
        clipFraction / count,
        gradNorm / count);
  }

  private PpoLoss.Minibatch gather(
      int[] order,
      int start,
      int size,
      double[] obsBuffer,
      double[] actionBuffer,
      double[] logProbs,
      double[] advantages,
      double[] returns,
      double[] values) {
    double[] obs = new double[size * observationSize];
    double[] actions = new double[size * actionSize];
    double[] oldLogProb = new double[size];
    double[] adv = new double[size];
    double[] ret = new double[size];
    double[] oldValues = new double[size];
    for (int b = 0; b < size; b++) {
      int t = order[start + b];
      System.arraycopy(obsBuffer, t * observationSize, obs, b * observationSize, observationSize);
      System.arraycopy(actionBuffer, t * actionSize, actions, b * actionSize, actionSize);
      oldLogProb[b] = logProbs[t];
      adv[b] = advantages[t];
      ret[b] = returns[t];
      oldValues[b] = values[t];
    }
    return new PpoLoss.Minibatch(obs, actions, oldLogProb, adv, ret, oldValues, size);
  }
}
