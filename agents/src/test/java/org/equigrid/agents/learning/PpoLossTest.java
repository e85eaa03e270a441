package org.equigrid.agents.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PpoLossTest {

  private static final int OBS = 3;
  private static final int BATCH = 8;
  // log π − log π_old per sample: ratios 0.61, 0.90, 1.05, 1.49, ... away from the kinks 0.8 and
  // 1.2 so that both branches of the clip occur and finite differences stay on one side
  private static final double[] LOG_RATIOS = {-0.5, -0.1, 0.05, 0.4, 0.3, -0.4, 0.0, 0.1};
  // V − V_old per sample, away from ±ε = ±0.2
  private static final double[] VALUE_SHIFTS = {0.5, -0.1, 0.05, -0.6, 0.3, 0.0, -0.35, 0.12};

  private static PpoConfig config(boolean clipValueLoss, boolean normalise) {
    return new PpoConfig(
        1,
        16,
        1,
        2,
        3e-4,
        0,
        0.99,
        0.95,
        0.2,
        clipValueLoss,
        0.05,
        0.5,
        0.5,
        normalise,
        false,
        false,
        -0.3,
        2,
        8,
        1e-5);
  }

  @ParameterizedTest(name = "{0} actions, clipped value loss {1}, normalised advantages {2}")
  @CsvSource({
    "gaussian, true, true",
    "gaussian, false, false",
    "categorical, true, true",
    "categorical, false, true"
  })
  void gradient_matchesCentralFiniteDifferences(
      String kind, boolean clipValueLoss, boolean normalise) {
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(42);
    ActionSpace space =
        kind.equals("gaussian") ? ActionSpace.Box.symmetric(2, 1.0) : new ActionSpace.Discrete(3);
    PpoConfig config = config(clipValueLoss, normalise);
    PolicyHead head = PolicyHead.of(space);
    Mlp actor = new Mlp(config.layerSizes(OBS, space.policyOutputs()));
    Mlp critic = new Mlp(config.layerSizes(OBS, 1));
    PpoLoss loss = new PpoLoss(config, actor, head, critic);
    double[] params = new double[loss.parameterCount()];
    // output gain 1 (not 0.01) so the policy gradients are not tiny
    actor.initialise(params, 0, Math.sqrt(2), 1.0, rng);
    head.initialise(params, loss.headOffset(), config.initialLogStd());
    for (int d = 0; d < head.parameterCount(); d++) {
      params[loss.headOffset() + d] += 0.2 * d;
    }
    critic.initialise(params, loss.criticOffset(), Math.sqrt(2), 1.0, rng);

    double[] obs = new double[BATCH * OBS];
    for (int k = 0; k < obs.length; k++) {
      obs[k] = rng.nextGaussian();
    }
    double[] outputs = actor.forward(params, 0, obs, BATCH).output();
    double[] actions = new double[BATCH * head.actionSize()];
    for (int b = 0; b < BATCH; b++) {
      double[] a = head.sample(outputs, b, params, loss.headOffset(), rng);
      System.arraycopy(a, 0, actions, b * a.length, a.length);
    }
    double[] logProb = new double[BATCH];
    head.evaluate(outputs, params, loss.headOffset(), actions, BATCH, logProb, new double[BATCH]);
    double[] values = critic.forward(params, loss.criticOffset(), obs, BATCH).output();
    double[] oldLogProb = new double[BATCH];
    double[] oldValues = new double[BATCH];
    double[] advantages = new double[BATCH];
    double[] returns = new double[BATCH];
    for (int b = 0; b < BATCH; b++) {
      oldLogProb[b] = logProb[b] - LOG_RATIOS[b];
      oldValues[b] = values[b] - VALUE_SHIFTS[b];
      advantages[b] = rng.nextGaussian();
      returns[b] = values[b] + rng.nextGaussian();
    }
    PpoLoss.Minibatch batch =
        new PpoLoss.Minibatch(obs, actions, oldLogProb, advantages, returns, oldValues, BATCH);

    double[] analytic = new double[params.length];
    PpoLoss.Parts parts = loss.evaluate(params, batch, analytic);
    double[] numeric = GradientCheck.numerical(p -> loss.evaluate(p, batch, null).total(), params);

    assertThat(parts.clipFraction()).isGreaterThan(0.0).isLessThan(1.0);
    assertThat(GradientCheck.relativeError(analytic, numeric)).isLessThan(1e-6);
    // each block on its own, so a wrong small block cannot hide behind a large one
    int[] bounds = {0, loss.headOffset(), loss.criticOffset(), params.length};
    for (int k = 0; k + 1 < bounds.length; k++) {
      if (bounds[k + 1] > bounds[k]) {
        double[] a = java.util.Arrays.copyOfRange(analytic, bounds[k], bounds[k + 1]);
        double[] n = java.util.Arrays.copyOfRange(numeric, bounds[k], bounds[k + 1]);
        assertThat(GradientCheck.relativeError(a, n)).as("block %d", k).isLessThan(1e-6);
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"0.0, 1.0", "1.5, 0.5", "-2.0, 2.0"})
  void gaussianHead_logProbAndEntropy_matchTheDensity(double action, double std) {
    GaussianHead head = new GaussianHead(1);
    double[] params = {Math.log(std)};
    double[] logProb = new double[1];
    double[] entropy = new double[1];
    head.evaluate(new double[] {0.25}, params, 0, new double[] {action}, 1, logProb, entropy);
    double density =
        Math.exp(-(action - 0.25) * (action - 0.25) / (2 * std * std))
            / (std * Math.sqrt(2 * Math.PI));
    assertThat(logProb[0]).isCloseTo(Math.log(density), within(1e-12));
    assertThat(entropy[0])
        .isCloseTo(0.5 * Math.log(2 * Math.PI * Math.E * std * std), within(1e-12));
  }

  @org.junit.jupiter.api.Test
  void categoricalHead_logProbAndEntropy_matchSoftmax() {
    CategoricalHead head = new CategoricalHead(3);
    double[] logits = {1.0, 2.0, 0.5};
    double z = Math.exp(1.0) + Math.exp(2.0) + Math.exp(0.5);
    double[] p = {Math.exp(1.0) / z, Math.exp(2.0) / z, Math.exp(0.5) / z};
    double[] logProb = new double[1];
    double[] entropy = new double[1];
    head.evaluate(logits, new double[0], 0, new double[] {2}, 1, logProb, entropy);
    assertThat(logProb[0]).isCloseTo(Math.log(p[2]), within(1e-12));
    double h = 0;
    for (double q : p) {
      h -= q * Math.log(q);
    }
    assertThat(entropy[0]).isCloseTo(h, within(1e-12));
    assertThat(head.mode(logits, 0)).containsExactly(1.0);
  }

  @org.junit.jupiter.api.Test
  void categoricalHead_sampleFrequencies_matchProbabilitiesOverSeeds() {
    CategoricalHead head = new CategoricalHead(3);
    double[] logits = {Math.log(0.2), Math.log(0.5), Math.log(0.3)};
    for (long seed = 1; seed <= 5; seed++) {
      RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
      int[] counts = new int[3];
      int n = 20_000;
      for (int k = 0; k < n; k++) {
        counts[(int) head.sample(logits, 0, new double[0], 0, rng)[0]]++;
      }
      // 5 standard errors of a proportion around 0.5 at n = 20000: 0.018
      assertThat(counts[0] / (double) n).isCloseTo(0.2, within(0.018));
      assertThat(counts[1] / (double) n).isCloseTo(0.5, within(0.018));
      assertThat(counts[2] / (double) n).isCloseTo(0.3, within(0.018));
    }
  }

  @org.junit.jupiter.api.Test
  void gaussianHead_sampleMeanAndStd_matchOverSeeds() {
    GaussianHead head = new GaussianHead(1);
    double[] params = {Math.log(0.5)};
    for (long seed = 1; seed <= 5; seed++) {
      RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
      int n = 20_000;
      double sum = 0;
      double squares = 0;
      for (int k = 0; k < n; k++) {
        double a = head.sample(new double[] {1.0}, 0, params, 0, rng)[0];
        sum += a;
        squares += a * a;
      }
      double mean = sum / n;
      // standard error of the mean 0.5/√20000 = 0.0035
      assertThat(mean).isCloseTo(1.0, within(0.018));
      assertThat(Math.sqrt(squares / n - mean * mean)).isCloseTo(0.5, within(0.02));
    }
  }
}
