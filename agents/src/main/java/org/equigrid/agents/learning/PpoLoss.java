package org.equigrid.agents.learning;

/**
 * The PPO-clip objective over one minibatch and its exact gradient:
 *
 * <pre>
 * L = mean_b max(-Â·r, -Â·clip(r, 1-ε, 1+ε))                    (policy, r = exp(logπ - logπ_old))
 *   + c_v · ½ mean_b max((V-R)², (V_old + clip(V-V_old, ±ε) - R)²)  (value; unclipped if disabled)
 *   - c_e · mean_b H(π)                                            (entropy bonus)
 * </pre>
 *
 * with Â the advantages, normalised over the minibatch (mean 0, unbiased std 1) when configured.
 * The parameter vector is {@code [actor | head (log-std) | critic]}.
 */
final class PpoLoss {

  /** A minibatch; arrays are row-major and exactly {@code size} rows long. */
  record Minibatch(
      double[] observations,
      double[] actions,
      double[] oldLogProb,
      double[] advantages,
      double[] returns,
      double[] oldValues,
      int size) {}

  /** Diagnostics of one evaluation. */
  record Parts(
      double total,
      double policyLoss,
      double valueLoss,
      double entropy,
      double approxKl,
      double clipFraction) {}

  private final PpoConfig config;
  private final Mlp actor;
  private final PolicyHead head;
  private final Mlp critic;

  PpoLoss(PpoConfig config, Mlp actor, PolicyHead head, Mlp critic) {
    this.config = config;
    this.actor = actor;
    this.head = head;
    this.critic = critic;
  }

  int headOffset() {
    return actor.parameterCount();
  }

  int criticOffset() {
    return actor.parameterCount() + head.parameterCount();
  }

  int parameterCount() {
    return criticOffset() + critic.parameterCount();
  }

  /** Evaluates the loss at {@code params}; when {@code grad} is not null, adds its gradient. */
  Parts evaluate(double[] params, Minibatch batch, double[] grad) {
    int n = batch.size();
    double[] advantages = batch.advantages().clone();
    if (config.normalizeAdvantages()) {
      double mean = 0.0;
      for (double a : advantages) {
        mean += a;
      }
      mean /= n;
      double squares = 0.0;
      for (double a : advantages) {
        squares += (a - mean) * (a - mean);
      }
      double std = Math.sqrt(squares / (n - 1));
      for (int b = 0; b < n; b++) {
        advantages[b] = (advantages[b] - mean) / (std + 1e-8);
      }
    }

    Mlp.Activations actorPass = actor.forward(params, 0, batch.observations(), n);
    double[] outputs = actorPass.output();
    double[] logProb = new double[n];
    double[] entropy = new double[n];
    head.evaluate(outputs, params, headOffset(), batch.actions(), n, logProb, entropy);
    Mlp.Activations criticPass = critic.forward(params, criticOffset(), batch.observations(), n);
    double[] values = criticPass.output();

    double eps = config.clipCoef();
    double policyLoss = 0.0;
    double valueLoss = 0.0;
    double meanEntropy = 0.0;
    double approxKl = 0.0;
    double clipped = 0.0;
    double[] gradLogProb = new double[n];
    double[] gradEntropy = new double[n];
    double[] gradValue = new double[n];
    for (int b = 0; b < n; b++) {
      double logRatio = logProb[b] - batch.oldLogProb()[b];
      double ratio = Math.exp(logRatio);
      double a = advantages[b];
      double unclippedTerm = -a * ratio;
      double clippedTerm = -a * Math.max(1.0 - eps, Math.min(1.0 + eps, ratio));
      policyLoss += Math.max(unclippedTerm, clippedTerm);
      // d/dlogπ: the unclipped branch when it is the max; the clipped branch is flat there.
      gradLogProb[b] = unclippedTerm >= clippedTerm ? -a * ratio / n : 0.0;
      approxKl += (ratio - 1.0) - logRatio;
      if (Math.abs(ratio - 1.0) > eps) {
        clipped++;
      }

      double v = values[b];
      double target = batch.returns()[b];
      double unclippedError = (v - target) * (v - target);
      if (config.clipValueLoss()) {
        double delta = v - batch.oldValues()[b];
        double vClipped = batch.oldValues()[b] + Math.max(-eps, Math.min(eps, delta));
        double clippedError = (vClipped - target) * (vClipped - target);
        if (unclippedError >= clippedError) {
          valueLoss += unclippedError;
          gradValue[b] = config.valueCoef() * (v - target) / n;
        } else {
          valueLoss += clippedError;
          boolean inside = Math.abs(delta) < eps;
          gradValue[b] = inside ? config.valueCoef() * (vClipped - target) / n : 0.0;
        }
      } else {
        valueLoss += unclippedError;
        gradValue[b] = config.valueCoef() * (v - target) / n;
      }
      meanEntropy += entropy[b];
      gradEntropy[b] = -config.entropyCoef() / n;
    }
    policyLoss /= n;
    valueLoss = 0.5 * valueLoss / n;
    meanEntropy /= n;
    double total = policyLoss + config.valueCoef() * valueLoss - config.entropyCoef() * meanEntropy;

    if (grad != null) {
      double[] gradOutputs = new double[outputs.length];
      head.backward(
          outputs,
          params,
          headOffset(),
          batch.actions(),
          n,
          gradLogProb,
          gradEntropy,
          gradOutputs,
          grad);
      actor.backward(params, 0, actorPass, gradOutputs, grad, 0, null);
      critic.backward(params, criticOffset(), criticPass, gradValue, grad, criticOffset(), null);
    }
    return new Parts(total, policyLoss, valueLoss, meanEntropy, approxKl / n, clipped / n);
  }
}
