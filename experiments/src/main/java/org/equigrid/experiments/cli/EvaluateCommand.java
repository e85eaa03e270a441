package org.equigrid.experiments.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.equigrid.agents.learning.equity.EquityPolicy;
import org.equigrid.config.Scenario;
import org.equigrid.experiments.learning.PolicyEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code equigrid evaluate}: the learned weights against neutral and static ones on held-out days.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description =
        "Compare neutral, static and learned weights on held-out days; writes evaluation.csv and"
            + " evaluation-summary.txt.")
final class EvaluateCommand implements Callable<Integer> {

  @Mixin ScenarioOptions scenarioOptions;

  @Option(
      names = "--policy",
      required = true,
      paramLabel = "CKPT",
      description = "Checkpoint of equigrid train.")
  Path policy;

  @Option(names = "--days", description = "Held-out days to evaluate (default ${DEFAULT-VALUE}).")
  int days = 30;

  @Option(
      names = "--from-day",
      description = "First evaluated day index (default: the end of the training pool).")
  Integer fromDay;

  @Option(names = "--out", description = "Output folder (default: the policy's folder).")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (!Files.exists(policy)) {
      throw new BadInputException(
          "--policy "
              + policy
              + ": no such checkpoint. Maybe the policy.ckpt written by"
              + " equigrid train?");
    }
    if (days < 1) {
      throw new BadInputException("--days (" + days + ") must be >= 1. Maybe 30?");
    }
    Scenario scenario = scenarioOptions.read(null);
    EquityPolicy loaded;
    try {
      loaded = EquityPolicy.load(policy, scenario);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(
          "--policy " + policy + " does not fit " + scenario.name() + ": " + e.getMessage());
    }
    int first = fromDay != null ? fromDay : loaded.settings().poolToDay();
    Path dir = out != null ? out : policy.toAbsolutePath().getParent();
    PolicyEvaluation.Result result;
    try (OutputFolder folder =
        OutputFolder.claim(
            dir,
            OutputFolder.estimateBytes(
                scenario.households().size(), days, scenario.intervalsPerDay()))) {
      try {
        result = PolicyEvaluation.run(scenario, loaded, first, days);
      } catch (IllegalArgumentException e) {
        throw new BadInputException(e.getMessage());
      }
      PolicyEvaluation.write(result, loaded.weightMap().groups(), dir);
    }
    System.out.print(PolicyEvaluation.summaryText(result, loaded.weightMap().groups()));
    System.err.println(
        "evaluation: " + dir.resolve(PolicyEvaluation.EVALUATION_CSV).toAbsolutePath());
    return 0;
  }
}
