package org.equigrid.experiments.learning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.agents.learning.ActionSpace;
import org.equigrid.agents.learning.Environment;
import org.equigrid.agents.learning.LearningCurve;
import org.equigrid.agents.learning.Ppo;
import org.equigrid.agents.learning.Step;
import org.equigrid.agents.learning.UpdateStats;
import org.equigrid.agents.learning.equity.DayEvaluator;
import org.equigrid.agents.learning.equity.DayOutcome;
import org.equigrid.agents.learning.equity.EquityEnvironment;
import org.equigrid.agents.learning.equity.TrainingSettings;
import org.equigrid.config.AdaptiveEquity;
import org.equigrid.config.Scenario;
import org.equigrid.experiments.output.AtomicFiles;

/**
 * Trains the equity learner on a scenario: PPO over episodes of trading days, a checkpoint after
 * every update ({@value #CHECKPOINT}, atomic, with its settings beside it) and the learning curve
 * {@value #LEARNING_CSV} (one row per update, numeric columns only). {@code mean_return} is the
 * return the learner optimises (relative to neutral weights when the neutral baseline is on);
 * {@code mean_plain_reward} is the per-step mean over the update's rollout of the plain reward of
 * DESIGN.md section 5; {@code mean_index} and {@code mean_index_neutral} the means of the reward
 * index ({@code reward_index} of the settings) under the learner's weights and under neutral
 * weights over the rollout's steps on which both are defined (empty when none); {@code
 * undefined_index_steps} the rollout's steps whose reward left the index out because it was
 * undefined.
 */
public final class EquityTrainer {

  private static final Logger LOG = LogManager.getLogger();

  public static final String CHECKPOINT = "policy.ckpt";
  public static final String LEARNING_CSV = "learning.csv";
  static final String HEADER =
      "update,steps,episodes,mean_return,entropy,approx_kl,mean_plain_reward,mean_index,mean_index_neutral,"
          + "undefined_index_steps,steps_per_second";

  /** Progress after each update. */
  public record Progress(UpdateStats stats, int episodeDays, double stepsPerSecond) {}

  private final Scenario scenario;
  private final TrainingSettings settings;

  public EquityTrainer(Scenario scenario, TrainingSettings settings) {
    this.scenario = scenario;
    this.settings = settings;
  }

  /**
   * Trains until {@code episodes × episodeDays} environment steps (whole updates) and returns the
   * learner. With {@code resume}, the run continues exactly from that checkpoint.
   */
  public Ppo train(int episodes, Path resume, Path outDir, Consumer<Progress> progress) {
    Recording env =
        new Recording(
            new EquityEnvironment(
                new DayEvaluator(scenario, settings.environmentOptions()),
                settings.environmentOptions()));
    Ppo ppo = new Ppo(env, settings.ppoConfig());
    List<String> rows = new ArrayList<>();
    Path csv = outDir.resolve(LEARNING_CSV);
    if (resume != null) {
      ppo.restore(resume);
      rows.addAll(previousRows(csv, ppo.updates()));
    }
    Path checkpoint = outDir.resolve(CHECKPOINT);
    settings.writeFor(checkpoint);
    long totalSteps = (long) episodes * settings.episodeDays();
    LOG.info(
        "Training the equity learner on {} ({} households): {} steps",
        scenario.name(),
        scenario.households().size(),
        totalSteps);
    long[] last = {System.nanoTime(), ppo.steps()};
    ppo.train(
        env,
        totalSteps,
        stats -> {
          long now = System.nanoTime();
          double rate = (stats.steps() - last[1]) / Math.max(1e-9, (now - last[0]) / 1e9);
          last[0] = now;
          last[1] = stats.steps();
          double[] means = env.drain();
          if (Double.isFinite(
              stats.meanReturnLast20())) { // no row before the first finished episode
            rows.add(
                String.format(
                    Locale.ROOT,
                    "%d,%d,%d,%.6f,%.6f,%.6f,%.6f,%s,%s,%d,%.3f",
                    stats.update(),
                    stats.steps(),
                    stats.episodes(),
                    stats.meanReturnLast20(),
                    stats.entropy(),
                    stats.approxKl(),
                    means[0],
                    cell(means[1]),
                    cell(means[2]),
                    (long) means[3],
                    rate));
          }
          // The curve before the checkpoint: killed between the two, the resume starts from the
          // previous checkpoint and drops this update's row (rows after the restored update are not
          // kept) to write it again; the other order would lose the row for good.
          AtomicFiles.write(csv, HEADER + "\n" + String.join("\n", rows) + "\n");
          ppo.save(checkpoint);
          if (progress != null) {
            progress.accept(new Progress(stats, settings.episodeDays(), rate));
          }
        });
    if (!Files.exists(checkpoint)) {
      ppo.save(checkpoint);
    }
    LearningCurve curve = ppo.learningCurve();
    LOG.info(
        "Training finished: {} steps, mean return of the last 20 episodes {}",
        ppo.steps(),
        curve.meanReturnOfLast(20));
    return ppo;
  }

  private static String cell(double value) {
    return Double.isFinite(value)
        ? String.format(Locale.ROOT, "%.6f", value)
        : ""; // undefined: empty
  }

  /**
   * The equity environment, summing the plain reward and the reward index of every step until
   * drained.
   */
  private static final class Recording implements Environment {
    private final EquityEnvironment env;
    private double plainReward;
    private double index;
    private double neutralIndex;
    private int definedSteps;
    private int steps;
    private long undefinedBefore;

    Recording(EquityEnvironment env) {
      this.env = env;
    }

    @Override
    public String name() {
      return env.name();
    }

    @Override
    public int observationSize() {
      return env.observationSize();
    }

    @Override
    public ActionSpace actionSpace() {
      return env.actionSpace();
    }

    @Override
    public double[] reset(RandomGenerator rng) {
      return env.reset(rng);
    }

    @Override
    public Step step(double[] action) {
      Step step = env.step(action);
      DayOutcome day = env.lastOutcome();
      plainReward += env.lastPlainReward();
      double value = day.index(env.options().rewardIndex());
      double neutral =
          env.evaluator().neutralOutcome(day.dayIndex()).index(env.options().rewardIndex());
      if (Double.isFinite(value) && Double.isFinite(neutral)) {
        index += value;
        neutralIndex += neutral;
        definedSteps++;
      }
      steps++;
      return step;
    }

    /**
     * Per-step mean plain reward, mean index and neutral index over the defined steps, and the
     * undefined-index steps since the last call; resets the sums.
     */
    double[] drain() {
      double[] means = {
        steps == 0 ? Double.NaN : plainReward / steps,
        definedSteps == 0 ? Double.NaN : index / definedSteps,
        definedSteps == 0 ? Double.NaN : neutralIndex / definedSteps,
        env.undefinedIndexSteps() - undefinedBefore
      };
      undefinedBefore = env.undefinedIndexSteps();
      plainReward = 0;
      index = 0;
      neutralIndex = 0;
      definedSteps = 0;
      steps = 0;
      return means;
    }
  }

  /**
   * The scenario's {@code equity.adaptive.reward}, or the default without {@code equity.adaptive}.
   */
  public static AdaptiveEquity.RewardIndex rewardIndex(Scenario scenario) {
    return scenario.adaptiveEquity() == null
        ? AdaptiveEquity.DEFAULT_REWARD
        : scenario.adaptiveEquity().reward();
  }

  /** The rows of an earlier run's learning curve up to the restored update. */
  private static List<String> previousRows(Path csv, long updates) {
    List<String> rows = new ArrayList<>();
    if (!Files.exists(csv)) {
      return rows;
    }
    try {
      for (String line : Files.readAllLines(csv)) {
        if (line.isBlank() || line.startsWith("update")) {
          continue;
        }
        if (Long.parseLong(line.substring(0, line.indexOf(','))) <= updates) {
          rows.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }
}
