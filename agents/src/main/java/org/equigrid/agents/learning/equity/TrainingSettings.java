package org.equigrid.agents.learning.equity;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Properties;
import org.equigrid.agents.learning.PpoConfig;
import org.equigrid.config.AdaptiveEquity;
import org.equigrid.config.AdaptiveEquity.RewardIndex;

/**
 * What a training run of the equity learner is made of, written beside each checkpoint (as {@code
 * <checkpoint>.properties}) so that a policy can be loaded, and a run resumed, with exactly the
 * learner configuration that wrote it.
 *
 * @param seed the run seed (PPO draws, settlement orders)
 * @param episodeDays days per episode
 * @param poolFromDay first day of the training pool (inclusive)
 * @param poolToDay end of the training pool (exclusive); evaluation uses days from here on
 * @param rolloutSteps environment steps per PPO update
 * @param minibatches minibatches per epoch
 * @param alpha weight of the price of fairness in the reward
 * @param kappa weight of the weight change in the reward
 * @param settlementOrders fixed orders per day of the importance-sampled settlement
 * @param neutralBaseline the reward is taken relative to the same day under neutral weights (see
 *     {@link EquityEnvironmentOptions#neutralBaseline()}); settings files without it mean false
 * @param rewardIndex the burden index the reward acts on (the scenario's {@code
 *     equity.adaptive.reward} at training); the policy observes it, so it stays the policy's
 * @param residual the anchor the policy's action adjusts ({@link ResidualAction}; {@link
 *     ResidualAction#NONE} for the plain action, and for settings files without it)
 */
public record TrainingSettings(
    long seed,
    int episodeDays,
    int poolFromDay,
    int poolToDay,
    int rolloutSteps,
    int minibatches,
    double alpha,
    double kappa,
    int settlementOrders,
    boolean neutralBaseline,
    RewardIndex rewardIndex,
    ResidualAction residual) {

  /** Property of the observation layout ({@link EquityEnvironment#OBSERVATION_VERSION}). */
  static final String OBSERVATION_VERSION = "observationVersion";

  /** Properties of the residual anchor ({@link ResidualAction#anchorText()}) and its scale. */
  static final String RESIDUAL_ANCHOR = "residualAnchor";

  static final String RESIDUAL_SCALE = "residualScale";

  public TrainingSettings {
    Objects.requireNonNull(rewardIndex, "rewardIndex");
    Objects.requireNonNull(residual, "residual");
    environmentOptions(seed, episodeDays, poolFromDay, poolToDay, alpha, kappa, settlementOrders);
    if (rolloutSteps < 2 || minibatches < 1 || rolloutSteps % minibatches != 0) {
      throw new IllegalArgumentException(
          "rolloutSteps ("
              + rolloutSteps
              + ") must be >= 2 and a multiple of minibatches ("
              + minibatches
              + ").");
    }
  }

  /** Without the neutral baseline in the reward, on the default index. */
  public TrainingSettings(
      long seed,
      int episodeDays,
      int poolFromDay,
      int poolToDay,
      int rolloutSteps,
      int minibatches,
      double alpha,
      double kappa,
      int settlementOrders) {
    this(
        seed,
        episodeDays,
        poolFromDay,
        poolToDay,
        rolloutSteps,
        minibatches,
        alpha,
        kappa,
        settlementOrders,
        false,
        AdaptiveEquity.DEFAULT_REWARD,
        ResidualAction.NONE);
  }

  /**
   * Training's default {@code α}: one percent of the gain given up weighs like 0.0001 of the index.
   */
  public static final double DEFAULT_ALPHA = 0.01;

  /** Training's default {@code κ} on the L1 change of the weights. */
  public static final double DEFAULT_KAPPA = 0.005;

  /**
   * Episodes of {@code episodeDays} from the pool [0, 365), four episodes per update in four
   * minibatches, α {@value #DEFAULT_ALPHA}, κ {@value #DEFAULT_KAPPA}, 24 settlement orders, the
   * neutral baseline on, the default reward index, no residual anchor (the trainer and the study
   * set one: {@link #withResidual}).
   *
   * <p>Why α is small: on S6 (30 households, market rule, 12 days spread over the year) the weights
   * move the largest burden by about a point of income (0.01) while the price of fairness, a share
   * of the cooperative gain, moves by 0.1–0.6 (above 1 on summer days); with α = 1 any non-neutral
   * weights cost more in price of fairness than they gain in burden. S6's shipped policy was
   * trained with α = 0.01 (docs/learning.md).
   */
  public static TrainingSettings defaults(long seed, int episodeDays) {
    return new TrainingSettings(
        seed,
        episodeDays,
        0,
        365,
        4 * episodeDays,
        4,
        DEFAULT_ALPHA,
        DEFAULT_KAPPA,
        24,
        true,
        AdaptiveEquity.DEFAULT_REWARD,
        ResidualAction.NONE);
  }

  public EquityEnvironmentOptions environmentOptions() {
    return environmentOptions(
            seed, episodeDays, poolFromDay, poolToDay, alpha, kappa, settlementOrders)
        .withNeutralBaseline(neutralBaseline)
        .withRewardIndex(rewardIndex)
        .withResidual(residual);
  }

  /** The same settings with another pool, reward weights and baseline. */
  public TrainingSettings withPool(int fromDay, int toDay) {
    return new TrainingSettings(
        seed,
        episodeDays,
        fromDay,
        toDay,
        rolloutSteps,
        minibatches,
        alpha,
        kappa,
        settlementOrders,
        neutralBaseline,
        rewardIndex,
        residual);
  }

  /** The same settings with other reward coefficients. */
  public TrainingSettings withReward(double newAlpha, double newKappa, boolean baseline) {
    return new TrainingSettings(
        seed,
        episodeDays,
        poolFromDay,
        poolToDay,
        rolloutSteps,
        minibatches,
        newAlpha,
        newKappa,
        settlementOrders,
        baseline,
        rewardIndex,
        residual);
  }

  /** The same settings with the reward on another index. */
  public TrainingSettings withRewardIndex(RewardIndex index) {
    return new TrainingSettings(
        seed,
        episodeDays,
        poolFromDay,
        poolToDay,
        rolloutSteps,
        minibatches,
        alpha,
        kappa,
        settlementOrders,
        neutralBaseline,
        index,
        residual);
  }

  /**
   * The same settings with the policy's action around an anchor ({@link ResidualAction#NONE}:
   * none).
   */
  public TrainingSettings withResidual(ResidualAction newResidual) {
    return new TrainingSettings(
        seed,
        episodeDays,
        poolFromDay,
        poolToDay,
        rolloutSteps,
        minibatches,
        alpha,
        kappa,
        settlementOrders,
        neutralBaseline,
        rewardIndex,
        newResidual);
  }

  private static EquityEnvironmentOptions environmentOptions(
      long seed, int days, int from, int to, double alpha, double kappa, int orders) {
    return new EquityEnvironmentOptions(days, from, to, alpha, kappa, 7, orders, 10, seed);
  }

  /**
   * PPO for the equity environment: tanh MLP 2×64, 10 epochs, lr 3e-4, γ 0.9 (days are nearly
   * independent; the weights in force and the change penalty carry the dynamics), GAE λ 0.95, clip
   * 0.2, observation normalisation and reward scaling on (rewards differ by hundredths of a Gini),
   * initial log-std −0.5 (an action std of 0.6 in [-1, 1]).
   */
  public PpoConfig ppoConfig() {
    return new PpoConfig(
        seed,
        rolloutSteps,
        10,
        minibatches,
        3e-4,
        0,
        0.9,
        0.95,
        0.2,
        true,
        0.0,
        0.5,
        0.5,
        true,
        true,
        true,
        -0.5,
        2,
        64,
        1e-5);
  }

  /** The file beside a checkpoint that holds its settings. */
  public static Path sidecar(Path checkpoint) {
    return checkpoint.resolveSibling(checkpoint.getFileName() + ".properties");
  }

  /** Writes the settings beside {@code checkpoint}, atomically. */
  public void writeFor(Path checkpoint) {
    Properties p = new Properties();
    p.setProperty("seed", Long.toString(seed));
    p.setProperty("episodeDays", Integer.toString(episodeDays));
    p.setProperty("poolFromDay", Integer.toString(poolFromDay));
    p.setProperty("poolToDay", Integer.toString(poolToDay));
    p.setProperty("rolloutSteps", Integer.toString(rolloutSteps));
    p.setProperty("minibatches", Integer.toString(minibatches));
    p.setProperty("alpha", Double.toString(alpha));
    p.setProperty("kappa", Double.toString(kappa));
    p.setProperty("settlementOrders", Integer.toString(settlementOrders));
    p.setProperty("neutralBaseline", Boolean.toString(neutralBaseline));
    p.setProperty("rewardIndex", rewardIndex.fileName());
    if (residual.on()) {
      p.setProperty(RESIDUAL_ANCHOR, residual.anchorText());
      p.setProperty(RESIDUAL_SCALE, Double.toString(residual.scale()));
    }
    p.setProperty(OBSERVATION_VERSION, Integer.toString(EquityEnvironment.OBSERVATION_VERSION));
    Path target = sidecar(checkpoint);
    try {
      StringWriter text = new StringWriter();
      p.store(text, "equigrid equity learner settings");
      Path dir = target.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
      Files.writeString(temp, text.toString(), StandardCharsets.UTF_8);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** Reads the settings written beside {@code checkpoint}. */
  public static TrainingSettings readFor(Path checkpoint) {
    Path source = sidecar(checkpoint);
    if (!Files.exists(source)) {
      throw new IllegalArgumentException(
          "The policy "
              + checkpoint
              + " has no settings file "
              + source
              + ".\nMaybe pass the checkpoint written by"
              + " equigrid train (policy.ckpt), with its .properties file beside it?");
    }
    Properties p = new Properties();
    try (Reader reader = Files.newBufferedReader(source, StandardCharsets.UTF_8)) {
      p.load(reader);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Cannot read the policy settings " + source + ": " + e.getMessage(), e);
    }
    String version = p.getProperty(OBSERVATION_VERSION, "1");
    if (!version.equals(Integer.toString(EquityEnvironment.OBSERVATION_VERSION))) {
      throw new IllegalArgumentException(
          String.format(
              java.util.Locale.ROOT,
              "The policy %s was trained on observation version %s (%s values for 3 groups); this equigrid observes"
                  + " version %d (%d values for 3 groups: burden indices after settlement, the reward index, the"
                  + " price of fairness on the gain). Its network cannot read the new observation.%nMaybe retrain it"
                  + " with equigrid train (docs/learning.md), or set equity.adaptive.policy=null for the static"
                  + " weights?",
              checkpoint,
              version,
              version.equals("1") ? "15" : "?",
              EquityEnvironment.OBSERVATION_VERSION,
              EquityEnvironment.observationSize(3)));
    }
    try {
      return new TrainingSettings(
          Long.parseLong(p.getProperty("seed")),
          Integer.parseInt(p.getProperty("episodeDays")),
          Integer.parseInt(p.getProperty("poolFromDay")),
          Integer.parseInt(p.getProperty("poolToDay")),
          Integer.parseInt(p.getProperty("rolloutSteps")),
          Integer.parseInt(p.getProperty("minibatches")),
          Double.parseDouble(p.getProperty("alpha")),
          Double.parseDouble(p.getProperty("kappa")),
          Integer.parseInt(p.getProperty("settlementOrders")),
          Boolean.parseBoolean(p.getProperty("neutralBaseline", "false")),
          rewardIndex(p.getProperty("rewardIndex"), source),
          ResidualAction.parse(
              p.getProperty(RESIDUAL_ANCHOR),
              Double.parseDouble(p.getProperty(RESIDUAL_SCALE, "1"))));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "Cannot read the policy settings " + source + ": " + e.getMessage(), e);
    }
  }

  private static RewardIndex rewardIndex(String name, Path source) {
    if (name == null) {
      throw new IllegalArgumentException(
          "no rewardIndex (the index the policy was trained and observes on)");
    }
    for (RewardIndex index : RewardIndex.values()) {
      if (index.fileName().equals(name)) {
        return index;
      }
    }
    throw new IllegalArgumentException(
        "rewardIndex "
            + name
            + " in "
            + source
            + " is not one of "
            + java.util.Arrays.stream(RewardIndex.values()).map(RewardIndex::fileName).toList());
  }
}
