package org.equigrid.experiments.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.equigrid.agents.learning.equity.ResidualAction;
import org.equigrid.config.Scenario;
import org.equigrid.experiments.learning.PolicyStudy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "study",
    mixinStandardHelpOptions = true,
    description =
        "Train one policy per seed and compare it on held-out days spread over a year with neutral,"
            + " static and the best static weights (chosen on training days), by paired 95 %% t-intervals; writes"
            + " study.csv, study-summary.csv and study.md.")
final class StudyCommand implements Callable<Integer> {

  @Mixin ScenarioOptions scenarioOptions;

  @Option(
      names = "--seeds",
      split = ",",
      description = "Training seeds (default ${DEFAULT-VALUE}).")
  List<Long> seeds = List.of(1L, 2L, 3L, 4L, 5L);

  @Option(
      names = "--episodes",
      description = "Training episodes per seed (default ${DEFAULT-VALUE}).")
  int episodes = 800;

  @Option(
      names = "--episode-days",
      description = "Days per training episode (default ${DEFAULT-VALUE}).")
  int episodeDays = 10;

  @Option(
      names = "--pool-from-day",
      description = "Training pool start (default ${DEFAULT-VALUE}).")
  int poolFromDay = 0;

  @Option(
      names = "--pool-days",
      description = "Training pool end, exclusive (default ${DEFAULT-VALUE}).")
  int poolDays = 365;

  @Option(
      names = "--selection-days",
      description =
          "Training days the best static weights are chosen on" + " (default ${DEFAULT-VALUE}).")
  int selectionDays = 24;

  @Option(names = "--held-out-from", description = "First held-out day (default: the pool end).")
  Integer heldOutFrom;

  @Option(
      names = "--blocks",
      description = "Held-out blocks spread over a year (default ${DEFAULT-VALUE}).")
  int blocks = 12;

  @Option(
      names = "--block-days",
      description = "Consecutive held-out days per block (default ${DEFAULT-VALUE}).")
  int blockDays = 5;

  @Option(
      names = "--residual-scale",
      description =
          "Each policy adjusts the best static weights by at most this"
              + " much of the action range (a residual policy, docs/learning.md); 0 trains a plain policy (default"
              + " ${DEFAULT-VALUE}).")
  double residualScale = ResidualAction.DEFAULT_SCALE;

  @Option(names = "--out", description = "Output folder (default: runs/<scenario>-study).")
  Path out;

  @Override
  public Integer call() throws Exception {
    Scenario scenario = scenarioOptions.read(null);
    PolicyStudy.Options options;
    try {
      options =
          new PolicyStudy.Options(
              seeds,
              episodes,
              episodeDays,
              poolFromDay,
              poolDays,
              selectionDays,
              heldOutFrom != null ? heldOutFrom : poolDays,
              blocks,
              blockDays,
              residualScale);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    Path dir = out != null ? out : Path.of("runs", scenario.name() + "-study");
    PolicyStudy.Result result;
    try (OutputFolder folder =
        OutputFolder.claim(
            dir,
            OutputFolder.estimateBytes(
                scenario.households().size(),
                seeds.size() * blocks * blockDays,
                scenario.intervalsPerDay()))) {
      result = PolicyStudy.run(scenario, options, dir, line -> System.err.println("  " + line));
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    System.out.print(result.markdown());
    System.err.println("study: " + dir.resolve(PolicyStudy.SUMMARY_MD).toAbsolutePath());
    return 0;
  }
}
