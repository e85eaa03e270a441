package org.equigrid.experiments.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.equigrid.agents.learning.Ppo;
import org.equigrid.agents.learning.equity.DayEvaluator;
import org.equigrid.agents.learning.equity.ResidualAction;
import org.equigrid.agents.learning.equity.TrainingSettings;
import org.equigrid.config.AdaptiveEquity;
import org.equigrid.config.Scenario;
import org.equigrid.experiments.learning.BestStatic;
import org.equigrid.experiments.learning.EquityTrainer;
import org.equigrid.experiments.report.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code equigrid train}: PPO learns the equity weights day after day. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description =
        "Train the equity learner (PPO) on a scenario's days; writes policy.ckpt, learning.csv,"
            + " report.html.")
final class TrainCommand implements Callable<Integer> {

  @Mixin ScenarioOptions scenarioOptions;

  @Option(
      names = "--episodes",
      description = "Episodes to train in all (default ${DEFAULT-VALUE}).")
  int episodes = 40;

  @Option(
      names = "--episode-days",
      description = "Trading days per episode (default ${DEFAULT-VALUE}).")
  int episodeDays = 30;

  @Option(
      names = "--pool-days",
      description =
          "Training days are drawn from [--pool-from-day, N) (default"
              + " ${DEFAULT-VALUE}); evaluate holds out the days from N on.")
  int poolDays = 365;

  @Option(
      names = "--pool-from-day",
      description = "First day index of the training pool (default ${DEFAULT-VALUE}).")
  int poolFromDay = 0;

  @Option(
      names = "--alpha",
      description = "Weight α of the price of fairness in the reward (default ${DEFAULT-VALUE}).")
  double alpha = TrainingSettings.DEFAULT_ALPHA;

  @Option(
      names = "--kappa",
      description = "Weight κ of the L1 weight change in the reward (default ${DEFAULT-VALUE}).")
  double kappa = TrainingSettings.DEFAULT_KAPPA;

  @Option(
      names = "--neutral-baseline",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Learn from the reward minus the same day's reward under neutral weights (default: on;"
              + " --no-neutral-baseline for the plain reward).")
  boolean neutralBaseline = true;

  @Option(
      names = "--residual-scale",
      description =
          "The policy adjusts the best static weights (chosen on"
              + " --selection-days days of the pool, as equigrid study does) by at most this much of the action range;"
              + " 0 trains a plain policy (default ${DEFAULT-VALUE}; docs/learning.md).")
  double residualScale = ResidualAction.DEFAULT_SCALE;

  @Option(
      names = "--selection-days",
      description =
          "Training days the residual anchor is chosen on (default" + " ${DEFAULT-VALUE}).")
  int selectionDays = 24;

  @Option(
      names = "--resume",
      paramLabel = "CKPT",
      description = "Continue exactly from a checkpoint.")
  Path resume;

  @Option(
      names = "--out",
      description = "Output folder (default: runs/<scenario>-seed<seed>-train).")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (episodes < 1 || episodeDays < 1) {
      throw new BadInputException(
          "--episodes ("
              + episodes
              + ") and --episode-days ("
              + episodeDays
              + ") must be >= 1. Maybe --episodes 40 --episode-days 30?");
    }
    if (resume != null && !Files.exists(resume)) {
      throw new BadInputException(
          "--resume "
              + resume
              + ": no such checkpoint. Maybe runs/<scenario>-seed<seed>-train/"
              + EquityTrainer.CHECKPOINT
              + "?");
    }
    Scenario scenario = scenarioOptions.read(null);
    Path dir =
        out != null ? out : Path.of("runs", scenario.name() + "-seed" + scenario.seed() + "-train");
    TrainingSettings settings;
    try {
      if (resume != null) {
        settings = TrainingSettings.readFor(resume);
      } else {
        if (!(residualScale >= 0 && residualScale <= 2)) {
          throw new BadInputException(
              "--residual-scale ("
                  + residualScale
                  + ") must be in [0, 2]; 0 trains a plain"
                  + " policy. Maybe "
                  + ResidualAction.DEFAULT_SCALE
                  + "?");
        }
        settings =
            TrainingSettings.defaults(scenario.seed(), episodeDays)
                .withPool(poolFromDay, poolDays)
                .withReward(alpha, kappa, neutralBaseline)
                .withRewardIndex(rewardIndex(scenario));
        if (residualScale > 0) {
          DayEvaluator evaluator = new DayEvaluator(scenario, settings.environmentOptions());
          BestStatic best =
              BestStatic.choose(
                  evaluator,
                  settings.poolFromDay(),
                  settings.poolToDay(),
                  selectionDays,
                  settings.rewardIndex(),
                  settings.alpha());
          settings =
              settings.withResidual(
                  ResidualAction.around(evaluator.weightMap(), best.weights(), residualScale));
          System.err.printf(
              Locale.ROOT,
              "equigrid: residual policy around the best static weights %s (mean J %.5f on"
                  + " %d training days)%n",
              evaluator.weightMap().asMap(best.weights()),
              best.meanObjective(),
              selectionDays);
        }
      }
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    if (resume != null && settings.rewardIndex() != rewardIndex(scenario)) {
      throw new BadInputException(
          "equity.adaptive.reward "
              + rewardIndex(scenario).fileName()
              + " differs from the checkpoint's "
              + settings.rewardIndex().fileName()
              + ". Maybe --set equity.adaptive.reward="
              + settings.rewardIndex().fileName()
              + "?");
    }
    if (resume != null && settings.episodeDays() != episodeDays) {
      throw new BadInputException(
          "--episode-days "
              + episodeDays
              + " differs from the checkpoint's "
              + settings.episodeDays()
              + ". Maybe --episode-days "
              + settings.episodeDays()
              + "?");
    }
    PrintStream err = System.err;
    err.printf(
        Locale.ROOT,
        "equigrid %s: training on %s, %d households, %d episodes of %d days from days [%d, %d),"
            + " reward on %s, α %s, κ %s, neutral baseline %s, settlement %s, seed %d%n",
        VersionProvider.version(),
        scenario.name(),
        scenario.households().size(),
        episodes,
        episodeDays,
        settings.poolFromDay(),
        settings.poolToDay(),
        settings.rewardIndex().fileName(),
        settings.alpha(),
        settings.kappa(),
        settings.neutralBaseline() ? "on" : "off",
        scenario.settlement().rule().fileName(),
        settings.seed());
    long total = (long) episodes * episodeDays;
    Ppo ppo;
    try (OutputFolder folder =
        OutputFolder.claim(
            dir,
            OutputFolder.estimateBytes(
                scenario.households().size(), episodeDays, scenario.intervalsPerDay()))) {
      ppo =
          new EquityTrainer(scenario, settings)
              .train(
                  episodes,
                  resume,
                  dir,
                  progress ->
                      err.printf(
                          Locale.ROOT,
                          "\r  episode %d/%d  steps %d/%d  mean return %.4f  %.1f steps/s   ",
                          progress.stats().episodes(),
                          episodes,
                          progress.stats().steps(),
                          total,
                          progress.stats().meanReturnLast20(),
                          progress.stepsPerSecond()));
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    err.println();
    err.printf(
        Locale.ROOT,
        "trained %d steps, %d updates; policy %s%n",
        ppo.steps(),
        ppo.updates(),
        dir.resolve(EquityTrainer.CHECKPOINT).toAbsolutePath());
    System.out.println(HtmlReport.write(dir).toAbsolutePath());
    return 0;
  }

  private static AdaptiveEquity.RewardIndex rewardIndex(Scenario scenario) {
    return EquityTrainer.rewardIndex(scenario);
  }
}
