package org.equigrid.agents.learning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * PPO-clip (Schulman et al. 2017) with a separate actor and critic, GAE(γ, λ), minibatch epochs,
 * Adam and global gradient-norm clipping, written after CleanRL's single-file implementation.
 *
 * <p>Reproducibility: every draw comes from generators derived from {@code config.seed()}: one for
 * initialisation, one per update (action sampling, then minibatch shuffles) and one per episode
 * (handed to {@link Environment#reset}). The same seed gives the same run bit for bit, and a run
 * resumed from a checkpoint continues exactly as if it had not stopped: the episode in progress is
 * restored by resetting with its generator and replaying its actions.
 *
 * <p>Time limits: on a truncated (not terminated) step the reward is increased by {@code γ·V(s')}
 * of the final observation, and GAE does not bootstrap across the episode boundary.
 *
 * <p>Over 400 lines on purpose: what is left is the learner's state (parameters, normalisation
 * statistics, the episode in progress) and the three things that must see all of it together:
 * collecting a rollout, saving and restoring it; the optimisation is {@link PpoEpochs}, the
 * checkpoint's file and its fit checks are {@link Checkpoint}.
 */
public final class Ppo {

  private static final Logger LOG = LogManager.getLogger();
  private static final RandomGeneratorFactory<RandomGenerator> RANDOM =
      RandomGeneratorFactory.of("L64X128MixRandom");
  private static final long STREAM_INIT = 1;
  private static final long STREAM_UPDATE = 2;
  private static final long STREAM_EPISODE = 3;
  private static final long STREAM_ACT = 4;
  private static final double OBSERVATION_CLIP = 10.0;
  private static final double REWARD_CLIP = 10.0;
  private static final int CURVE_WINDOW = 20;

  private final PpoConfig config;
  private final String environmentName;
  private final int observationSize;
  private final ActionSpace actionSpace;
  private final Mlp actor;
  private final PolicyHead head;
  private final Mlp critic;
  private final PpoLoss loss;
  private final double[] params;
  private final Adam adam;
  private final RunningMeanStd observationStats;
  private final RunningMeanStd returnStats = new RunningMeanStd(1);
  private final RandomGenerator actRandom;
  private final PpoEpochs epochs;

  private double discountedReturn;
  private long steps;
  private long updates;
  private final List<LearningCurve.Episode> curve = new ArrayList<>();
  // the episode in progress
  private Environment boundEnvironment;
  private double[] rawObservation;
  private double[] observation;
  private double episodeReturn;
  private int episodeLength;
  private final List<double[]> episodeActions = new ArrayList<>();

  /** A fresh learner for environments shaped like {@code environment}. */
  public Ppo(Environment environment, PpoConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.environmentName = environment.name();
    this.observationSize = environment.observationSize();
    this.actionSpace = environment.actionSpace();
    if (observationSize < 1) {
      throw new IllegalArgumentException(
          "observationSize (" + observationSize + ") of " + environmentName + " must be >= 1.");
    }
    this.head = PolicyHead.of(actionSpace);
    this.actor = new Mlp(config.layerSizes(observationSize, actionSpace.policyOutputs()));
    this.critic = new Mlp(config.layerSizes(observationSize, 1));
    this.loss = new PpoLoss(config, actor, head, critic);
    this.params = new double[loss.parameterCount()];
    RandomGenerator init = random(STREAM_INIT, 0);
    actor.initialise(params, 0, Math.sqrt(2.0), 0.01, init);
    head.initialise(params, loss.headOffset(), config.initialLogStd());
    critic.initialise(params, loss.criticOffset(), Math.sqrt(2.0), 1.0, init);
    this.adam = new Adam(params.length, config.adamEpsilon());
    this.observationStats = new RunningMeanStd(observationSize);
    this.actRandom = random(STREAM_ACT, 0);
    this.epochs = new PpoEpochs(config, loss, adam, params, observationSize, head.actionSize());
  }

  /** SplitMix64's finaliser, to derive independent seeds. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private RandomGenerator random(long stream, long index) {
    long seed = mix(mix(config.seed() + 0x9e3779b97f4a7c15L * stream) + index);
    return RANDOM.create(seed);
  }

  /**
   * Trains until at least {@code totalSteps} environment steps have been taken in all (whole
   * updates; nothing happens if already there). Calling it again continues the same run.
   *
   * @return the learning curve so far
   */
  public LearningCurve train(
      Environment environment, long totalSteps, Consumer<UpdateStats> progress) {
    bind(environment);
    while (steps < totalSteps) {
      UpdateStats stats = update(environment);
      if (LOG.isDebugEnabled()) {
        LOG.debug(
            "update {} steps {} episodes {} mean return {} kl {}",
            stats.update(),
            stats.steps(),
            stats.episodes(),
            stats.meanReturnLast20(),
            stats.approxKl());
      }
      if (progress != null) {
        progress.accept(stats);
      }
    }
    LOG.info(
        "PPO on {}: {} steps, {} updates, {} episodes, mean return of last {}: {}",
        environmentName,
        steps,
        updates,
        curve.size(),
        CURVE_WINDOW,
        learningCurve().meanReturnOfLast(CURVE_WINDOW));
    return learningCurve();
  }

  /**
   * The action for a raw observation, as the environment takes it (clipped to a box; an index for
   * discrete actions): the policy's mode, or a sample from a generator derived from the seed that
   * is separate from training's (and not saved in checkpoints).
   */
  public double[] act(double[] rawObs, boolean deterministic) {
    if (rawObs.length != observationSize) {
      throw new IllegalArgumentException(
          "The observation has "
              + rawObs.length
              + " values, the policy expects "
              + observationSize
              + ".");
    }
    double[] obs = normalised(rawObs);
    double[] outputs = actor.forward(params, 0, obs, 1).output();
    double[] action =
        deterministic
            ? head.mode(outputs, 0)
            : head.sample(outputs, 0, params, loss.headOffset(), actRandom);
    return environmentAction(action);
  }

  private double[] environmentAction(double[] action) {
    if (actionSpace instanceof ActionSpace.Box box) {
      return box.clip(action.clone());
    }
    return action.clone();
  }

  private double[] normalised(double[] rawObs) {
    return config.normalizeObservations()
        ? observationStats.normalise(rawObs, OBSERVATION_CLIP)
        : rawObs.clone();
  }

  private double[] receive(double[] rawObs) {
    if (rawObs.length != observationSize) {
      throw new IllegalStateException(
          environmentName
              + " returned an observation of "
              + rawObs.length
              + " values, expected "
              + observationSize
              + ".");
    }
    if (config.normalizeObservations()) {
      observationStats.update(rawObs);
    }
    return normalised(rawObs);
  }

  private void bind(Environment environment) {
    if (environment == boundEnvironment) {
      return;
    }
    if (environment.observationSize() != observationSize
        || !environment.actionSpace().equals(actionSpace)) {
      throw new IllegalArgumentException(
          "Environment "
              + environment.name()
              + " (observations "
              + environment.observationSize()
              + ", actions "
              + environment.actionSpace()
              + ") does not match the learner's "
              + environmentName
              + " (observations "
              + observationSize
              + ", actions "
              + actionSpace
              + ").");
    }
    boundEnvironment = environment;
    if (rawObservation == null) {
      rawObservation = environment.reset(random(STREAM_EPISODE, curve.size()));
      observation = receive(rawObservation);
      return;
    }
    // restore the episode in progress: same reset generator, same actions
    double[] replayed = environment.reset(random(STREAM_EPISODE, curve.size()));
    for (double[] action : episodeActions) {
      replayed = environment.step(action.clone()).observation();
    }
    if (!Arrays.equals(replayed, rawObservation)) {
      throw new IllegalStateException(
          "Replaying the episode in progress on "
              + environment.name()
              + " gave observation "
              + Arrays.toString(replayed)
              + " instead of "
              + Arrays.toString(rawObservation)
              + ".\nMaybe the environment draws randomness not from the generator given to reset.");
    }
  }

  private double value(double[] obs) {
    return critic.forward(params, loss.criticOffset(), obs, 1).output()[0];
  }

  private double scaleReward(double reward, boolean done) {
    if (!config.scaleRewards()) {
      return reward;
    }
    discountedReturn = discountedReturn * config.gamma() + reward;
    returnStats.update(new double[] {discountedReturn});
    if (done) {
      discountedReturn = 0.0;
    }
    double scaled = reward / Math.sqrt(returnStats.variance()[0] + 1e-8);
    return Math.max(-REWARD_CLIP, Math.min(REWARD_CLIP, scaled));
  }

  private UpdateStats update(Environment environment) {
    int horizon = config.rolloutSteps();
    int actionSize = head.actionSize();
    double[] obsBuffer = new double[horizon * observationSize];
    double[] actionBuffer = new double[horizon * actionSize];
    double[] logProbs = new double[horizon];
    double[] rewards = new double[horizon];
    double[] values = new double[horizon];
    boolean[] dones = new boolean[horizon];
    RandomGenerator rng = random(STREAM_UPDATE, updates);
    double learningRate =
        config.annealSteps() > 0
            ? config.learningRate() * Math.max(0.0, 1.0 - (double) steps / config.annealSteps())
            : config.learningRate();

    double[] oneLogProb = new double[1];
    double[] oneEntropy = new double[1];
    for (int t = 0; t < horizon; t++) {
      System.arraycopy(observation, 0, obsBuffer, t * observationSize, observationSize);
      double[] outputs = actor.forward(params, 0, observation, 1).output();
      double[] action = head.sample(outputs, 0, params, loss.headOffset(), rng);
      head.evaluate(outputs, params, loss.headOffset(), action, 1, oneLogProb, oneEntropy);
      System.arraycopy(action, 0, actionBuffer, t * actionSize, actionSize);
      logProbs[t] = oneLogProb[0];
      values[t] = value(observation);

      double[] envAction = environmentAction(action);
      episodeActions.add(envAction.clone());
      Step step = environment.step(envAction);
      steps++;
      episodeReturn += step.reward();
      episodeLength++;
      double reward = scaleReward(step.reward(), step.done());
      rawObservation = step.observation().clone();
      observation = receive(rawObservation);
      if (step.truncated() && !step.terminated()) {
        reward += config.gamma() * value(observation);
      }
      rewards[t] = reward;
      dones[t] = step.done();
      if (step.done()) {
        curve.add(new LearningCurve.Episode(steps, episodeLength, episodeReturn));
        episodeReturn = 0.0;
        episodeLength = 0;
        episodeActions.clear();
        rawObservation = environment.reset(random(STREAM_EPISODE, curve.size())).clone();
        observation = receive(rawObservation);
      }
    }

    PpoEpochs.Losses losses =
        epochs.optimise(
            new PpoEpochs.Rollout(
                obsBuffer, actionBuffer, logProbs, rewards, values, dones, value(observation)),
            rng,
            learningRate);
    updates++;
    return new UpdateStats(
        updates,
        steps,
        curve.size(),
        learningCurve().meanReturnOfLast(CURVE_WINDOW),
        learningRate,
        losses.policyLoss(),
        losses.valueLoss(),
        losses.entropy(),
        losses.approxKl(),
        losses.clipFraction(),
        losses.gradNorm());
  }

  /**
   * GAE(γ, λ): {@code δ_t = r_t + γ·V_{t+1}·(1 − done_t) − V_t}, {@code A_t = δ_t + γλ(1 −
   * done_t)·A_{t+1}}, returns {@code A_t + V_t}; {@code V_horizon = nextValue}.
   */
  static void gae(
      double[] rewards,
      double[] values,
      boolean[] dones,
      double nextValue,
      double gamma,
      double lambda,
      double[] advantages,
      double[] returns) {
    int horizon = rewards.length;
    double running = 0.0;
    for (int t = horizon - 1; t >= 0; t--) {
      double notDone = dones[t] ? 0.0 : 1.0;
      double next = t == horizon - 1 ? nextValue : values[t + 1];
      double delta = rewards[t] + gamma * next * notDone - values[t];
      running = delta + gamma * lambda * notDone * running;
      advantages[t] = running;
      returns[t] = running + values[t];
    }
  }

  // ---- checkpoints ----

  /** Writes a checkpoint atomically (temporary file, then move). */
  public void save(Path path) {
    Checkpoint checkpoint =
        new Checkpoint(
            environmentName,
            observationSize,
            actionSpace.toString(),
            actor.sizes(),
            critic.sizes(),
            describe(config),
            params.clone(),
            adam.firstMoment().clone(),
            adam.secondMoment().clone(),
            adam.stepCount(),
            observationStats.mean().clone(),
            observationStats.variance().clone(),
            observationStats.count(),
            returnStats.variance()[0],
            returnStats.mean()[0],
            returnStats.count(),
            discountedReturn,
            steps,
            updates,
            curve.size(),
            episodeReturn,
            episodeLength,
            rawObservation == null ? new double[0] : rawObservation.clone(),
            observation == null ? new double[0] : observation.clone(),
            List.copyOf(episodeActions),
            List.copyOf(curve));
    try {
      checkpoint.write(path);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the checkpoint " + path + ".", e);
    }
    LOG.info("Checkpoint {} written at {} steps, {} updates", path, steps, updates);
  }

  /**
   * Loads a checkpoint written by {@link #save} into this learner, which must be configured like
   * the run that wrote it. A corrupt or mismatched file is refused with a message naming what does
   * not match. The next {@link #train} continues the run exactly.
   */
  public void restore(Path path) {
    restore(path, environmentName);
  }

  /**
   * Like {@link #restore(Path)}, for a policy deployed on a related environment: the checkpoint may
   * name {@code acceptedEnvironment} instead of this learner's environment (every other part must
   * still match).
   */
  public void restore(Path path, String acceptedEnvironment) {
    Checkpoint c;
    try {
      c = Checkpoint.read(path);
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    c.requireFits(
        path,
        acceptedEnvironment,
        observationSize,
        actionSpace.toString(),
        actor.sizes(),
        critic.sizes(),
        describe(config),
        params.length);
    boolean fresh = c.rawObservation().length == 0;
    System.arraycopy(c.parameters(), 0, params, 0, params.length);
    adam.restore(c.adamFirstMoment(), c.adamSecondMoment(), c.adamSteps());
    observationStats.restore(c.observationMean(), c.observationVariance(), c.observationCount());
    returnStats.restore(
        new double[] {c.returnMean()}, new double[] {c.returnVariance()}, c.returnCount());
    discountedReturn = c.discountedReturn();
    steps = c.steps();
    updates = c.updates();
    curve.clear();
    curve.addAll(c.curve());
    episodeReturn = c.episodeReturn();
    episodeLength = c.episodeLength();
    rawObservation = fresh ? null : c.rawObservation().clone();
    observation = fresh ? null : c.observation().clone();
    episodeActions.clear();
    episodeActions.addAll(c.episodeActions());
    boundEnvironment = null;
    LOG.info("Checkpoint {} restored at {} steps, {} updates", path, steps, updates);
  }

  /** The environment a checkpoint was written for ({@link Environment#name()}). */
  public static String environmentOf(Path path) {
    try {
      return Checkpoint.read(path).environmentName();
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static Map<String, String> describe(PpoConfig config) {
    Map<String, String> values = new LinkedHashMap<>();
    for (RecordComponent component : PpoConfig.class.getRecordComponents()) {
      try {
        values.put(component.getName(), String.valueOf(component.getAccessor().invoke(config)));
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException(e);
      }
    }
    return values;
  }

  /**
   * Drops the episode in progress (if any), so that the next {@link #train} starts a new episode on
   * whatever environment it gets, e.g. live days after a restore, instead of replaying the old one.
   */
  public void forgetEpisode() {
    rawObservation = null;
    observation = null;
    episodeActions.clear();
    episodeReturn = 0;
    episodeLength = 0;
    boundEnvironment = null;
  }

  // ---- read access ----

  public PpoConfig config() {
    return config;
  }

  /** Environment steps taken so far. */
  public long steps() {
    return steps;
  }

  /** Updates finished so far. */
  public long updates() {
    return updates;
  }

  /** The finished episodes so far. */
  public LearningCurve learningCurve() {
    return new LearningCurve(curve);
  }

  /** The critic's value of a raw observation (normalised with the current statistics). */
  double criticValue(double[] rawObs) {
    return value(normalised(rawObs));
  }

  /** A copy of all parameters: {@code [actor | log-std | critic]}. */
  public double[] parameters() {
    return params.clone();
  }
}
