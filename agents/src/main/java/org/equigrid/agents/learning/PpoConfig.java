package org.equigrid.agents.learning;

/**
 * Hyper-parameters of {@link Ppo}. {@link #defaults()} are CleanRL's {@code ppo_continuous_action}
 * values (one environment): rollout 2048, 10 epochs, 32 minibatches (64 samples), lr 3e-4, γ 0.99,
 * λ 0.95, clip 0.2, clipped value loss, entropy 0, value coefficient 0.5, max gradient norm 0.5,
 * Adam ε 1e-5, actor and critic 2×64 tanh, log-std initialised at 0.
 *
 * @param seed seed of every random draw of a run (initialisation, resets, sampling, shuffles)
 * @param rolloutSteps environment steps collected per update
 * @param epochs passes over each rollout
 * @param minibatches minibatches per epoch; {@code rolloutSteps} must be divisible by it
 * @param learningRate Adam learning rate (initial value when annealed)
 * @param annealSteps 0 for a constant learning rate; else it decays linearly to 0 at this many
 *     environment steps (part of the config, not of a {@code train} call, so resumed runs follow
 *     the same schedule)
 * @param gamma discount factor γ
 * @param gaeLambda GAE λ
 * @param clipCoef PPO clip ε of the ratio (and of the value when {@code clipValueLoss})
 * @param clipValueLoss clip the value update around the rollout's values (CleanRL's {@code
 *     clip_vloss})
 * @param entropyCoef weight of the entropy bonus
 * @param valueCoef weight of the value loss
 * @param maxGradNorm global gradient-norm clip
 * @param normalizeAdvantages normalise advantages per minibatch (mean 0, unbiased std 1)
 * @param normalizeObservations running mean/variance normalisation of observations, clipped to ±10
 * @param scaleRewards divide rewards by the running std of the discounted return, clipped to ±10
 *     (gymnasium's {@code NormalizeReward})
 * @param initialLogStd initial log-std of a Gaussian policy (ignored for discrete actions)
 * @param hiddenLayers number of tanh hidden layers of actor and critic
 * @param hiddenWidth width of each hidden layer
 * @param adamEpsilon Adam's ε
 */
public record PpoConfig(
    long seed,
    int rolloutSteps,
    int epochs,
    int minibatches,
    double learningRate,
    long annealSteps,
    double gamma,
    double gaeLambda,
    double clipCoef,
    boolean clipValueLoss,
    double entropyCoef,
    double valueCoef,
    double maxGradNorm,
    boolean normalizeAdvantages,
    boolean normalizeObservations,
    boolean scaleRewards,
    double initialLogStd,
    int hiddenLayers,
    int hiddenWidth,
    double adamEpsilon) {

  public PpoConfig {
    positive("rolloutSteps", rolloutSteps, 2048);
    positive("epochs", epochs, 10);
    positive("minibatches", minibatches, 32);
    positive("hiddenLayers", hiddenLayers, 2);
    positive("hiddenWidth", hiddenWidth, 64);
    if (rolloutSteps % minibatches != 0 || rolloutSteps / minibatches < 2) {
      throw new IllegalArgumentException(
          "rolloutSteps ("
              + rolloutSteps
              + ") must be a multiple of minibatches ("
              + minibatches
              + ") with at least 2 samples each.\nMaybe you meant minibatches = "
              + Math.max(1, rolloutSteps / 64)
              + "?");
    }
    inRange("learningRate", learningRate, 0.0, 1.0, "3e-4");
    inRange("gamma", gamma, 0.0, 1.0, "0.99");
    inRange("gaeLambda", gaeLambda, 0.0, 1.0, "0.95");
    inRange("clipCoef", clipCoef, 0.0, 1.0, "0.2");
    inRange("entropyCoef", entropyCoef, 0.0, 1.0, "0.0");
    inRange("valueCoef", valueCoef, 0.0, 100.0, "0.5");
    inRange("maxGradNorm", maxGradNorm, 0.0, Double.MAX_VALUE, "0.5");
    inRange("adamEpsilon", adamEpsilon, 0.0, 1.0, "1e-5");
    if (annealSteps < 0) {
      throw new IllegalArgumentException(
          "annealSteps (" + annealSteps + ") must be >= 0 (0 = constant learning rate).");
    }
    if (!Double.isFinite(initialLogStd)) {
      throw new IllegalArgumentException("initialLogStd (" + initialLogStd + ") must be finite.");
    }
  }

  private static void positive(String name, int value, int hint) {
    if (value < 1) {
      throw new IllegalArgumentException(
          name + " (" + value + ") must be >= 1.\nMaybe you meant " + hint + "?");
    }
  }

  private static void inRange(String name, double value, double low, double high, String hint) {
    if (!(value >= low && value <= high)) {
      throw new IllegalArgumentException(
          name
              + " ("
              + value
              + ") must be in ["
              + low
              + ", "
              + high
              + "].\nMaybe you meant "
              + hint
              + "?");
    }
  }

  /** CleanRL's continuous-action defaults (see the class comment), seed 1. */
  public static PpoConfig defaults() {
    return new PpoConfig(
        1, 2048, 10, 32, 3e-4, 0, 0.99, 0.95, 0.2, true, 0.0, 0.5, 0.5, true, false, false, 0.0, 2,
        64, 1e-5);
  }

  /**
   * CartPole-v1: the defaults with the learning rate annealed to 0 over 200k steps (as CleanRL
   * anneals by default). Reaches 475+ well before 200k steps on the seeds tested.
   */
  public static PpoConfig cartPole() {
    return defaults().withAnnealSteps(200_000);
  }

  /**
   * Pendulum-v1 (the usual tricks, close to rl-baselines3-zoo's): γ 0.9, rollout 1024 with 16
   * minibatches, lr 1e-3 annealed to 0 over 300k steps (a constant 1e-3 reaches −200 and then
   * collapses), observation normalisation, reward scaling, log-std initialised at -0.5.
   */
  public static PpoConfig pendulum() {
    return new PpoConfig(
        1, 1024, 10, 16, 1e-3, 300_000, 0.9, 0.95, 0.2, true, 0.0, 0.5, 0.5, true, true, true, -0.5,
        2, 64, 1e-5);
  }

  public PpoConfig withSeed(long newSeed) {
    return new PpoConfig(
        newSeed,
        rolloutSteps,
        epochs,
        minibatches,
        learningRate,
        annealSteps,
        gamma,
        gaeLambda,
        clipCoef,
        clipValueLoss,
        entropyCoef,
        valueCoef,
        maxGradNorm,
        normalizeAdvantages,
        normalizeObservations,
        scaleRewards,
        initialLogStd,
        hiddenLayers,
        hiddenWidth,
        adamEpsilon);
  }

  public PpoConfig withAnnealSteps(long newAnnealSteps) {
    return new PpoConfig(
        seed,
        rolloutSteps,
        epochs,
        minibatches,
        learningRate,
        newAnnealSteps,
        gamma,
        gaeLambda,
        clipCoef,
        clipValueLoss,
        entropyCoef,
        valueCoef,
        maxGradNorm,
        normalizeAdvantages,
        normalizeObservations,
        scaleRewards,
        initialLogStd,
        hiddenLayers,
        hiddenWidth,
        adamEpsilon);
  }

  /** Same config with another rollout length and minibatch count (e.g. small, fast test runs). */
  public PpoConfig withRollout(int newRolloutSteps, int newMinibatches) {
    return new PpoConfig(
        seed,
        newRolloutSteps,
        epochs,
        newMinibatches,
        learningRate,
        annealSteps,
        gamma,
        gaeLambda,
        clipCoef,
        clipValueLoss,
        entropyCoef,
        valueCoef,
        maxGradNorm,
        normalizeAdvantages,
        normalizeObservations,
        scaleRewards,
        initialLogStd,
        hiddenLayers,
        hiddenWidth,
        adamEpsilon);
  }

  /** Layer sizes of a network from {@code inputs} to {@code outputs} through the hidden layers. */
  int[] layerSizes(int inputs, int outputs) {
    int[] sizes = new int[hiddenLayers + 2];
    sizes[0] = inputs;
    java.util.Arrays.fill(sizes, 1, hiddenLayers + 1, hiddenWidth);
    sizes[hiddenLayers + 1] = outputs;
    return sizes;
  }
}
