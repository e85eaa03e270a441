package org.equigrid.experiments.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.equigrid.agents.learning.equity.EquityPolicy;
import org.equigrid.config.Scenario;
import org.equigrid.experiments.learning.AdaptiveWeights;
import org.equigrid.experiments.output.ResultsWriter;
import org.equigrid.experiments.report.HtmlReport;
import org.equigrid.experiments.run.RunResult;
import org.equigrid.experiments.run.ScenarioRunner;
import org.equigrid.market.settlement.SettlementOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code equigrid run}: a scenario day by day, results to a folder. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run a scenario day by day and write households.csv, intervals.csv, groups.csv, summary.json.")
final class RunCommand implements Callable<Integer> {

  @Mixin ScenarioOptions scenarioOptions;

  @Option(names = "--days", description = "Number of trading days (overrides horizon.days).")
  Integer days;

  @Option(names = "--out", description = "Output folder (default: runs/<scenario>-seed<seed>).")
  Path out;

  @Override
  public Integer call() throws Exception {
    Scenario scenario = scenarioOptions.read(days);
    Path dir = out != null ? out : Path.of("runs", scenario.name() + "-seed" + scenario.seed());
    PrintStream err = System.err;
    err.printf(
        Locale.ROOT,
        "equigrid %s: scenario %s, %d households, %d days, seed %d%n",
        VersionProvider.version(),
        scenario.name(),
        scenario.households().size(),
        scenario.days(),
        scenario.seed());
    ScenarioRunner.EquitySchedule schedule = null;
    if (scenario.adaptiveEquity() != null) {
      if (scenario.adaptiveEquity().hasPolicy()) {
        try {
          schedule = new AdaptiveWeights(scenario, EquityPolicy.load(scenario.adaptiveEquity().policy(), scenario));
        } catch (IllegalArgumentException e) {
          throw new BadInputException("equity.adaptive.policy " + scenario.adaptiveEquity().policy()
              + " does not fit this scenario: " + e.getMessage());
        }
        err.println("  adaptive weights from " + scenario.adaptiveEquity().policy());
      } else {
        err.println("  equity.adaptive has no trained policy (policy: null): running with the static weights."
            + " Train one with: equigrid train " + scenario.name());
      }
    }
    RunResult result =
        new ScenarioRunner(
                (finished, total, day, seconds) ->
                    err.printf(
                        Locale.ROOT,
                        "  day %d/%d  %-8s  peak %.1f kW  gain %.2f EUR  (%.1f s)%n",
                        finished,
                        total,
                        day.cleared().dispatch().report().status(),
                        day.metrics().community().peakKw(),
                        day.metrics().community().cooperativeGainEur(),
                        seconds),
                SettlementOptions.defaults(),
                schedule)
            .run(scenario);
    new ResultsWriter(VersionProvider.version()).write(result, dir);
    err.println("results: " + dir.toAbsolutePath());
    System.out.println(HtmlReport.write(dir).toAbsolutePath());
    return 0;
  }
}
