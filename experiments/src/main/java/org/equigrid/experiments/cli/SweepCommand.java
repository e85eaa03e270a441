package org.equigrid.experiments.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.equigrid.experiments.sweep.RunBatch;
import org.equigrid.experiments.sweep.Sweep;
import org.equigrid.experiments.sweep.SweepException;
import org.equigrid.experiments.sweep.SweepFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code equigrid sweep}: a grid or list of scenario overrides times seeds, resumable. */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {
      "Run a sweep file: a grid or list of overrides on a base scenario, times seeds.",
      "Runs in parallel and resumably (a run whose folder has a verified manifest.json and its report.html",
      "is skipped).",
      "Sweep keys strategy, strategy.households and strategy.share vary the bidding strategy;",
      "those runs go through the JADE agents and sweep.csv gets the deviators' gain.",
      "Writes a folder per run,",
      "sweep.csv (one row per run) and, when the sweep lists pareto metrics, pareto.csv and report.html."
    })
final class SweepCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      paramLabel = "SWEEP.yaml",
      description = "The sweep file (see docs/tutorial.md or experiments/sweeps/).")
  Path file;

  @Option(names = "--out", description = "Output folder (default: runs/sweep-<file name>).")
  Path out;

  @Option(
      names = "--parallel",
      paramLabel = "K",
      description = "Runs at once, 1..cores (default: min(2, cores)).")
  Integer parallel;

  @Override
  public Integer call() throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    int k = parallel != null ? parallel : Math.min(2, cores);
    if (k < 1 || k > cores) {
      throw new BadInputException(
          "--parallel = "
              + k
              + ": must be in [1, "
              + cores
              + "] (the cores of this machine). Maybe you meant "
              + Math.max(1, Math.min(k, cores))
              + "?");
    }
    SweepFile sweepFile;
    Sweep sweep;
    List<RunBatch.Job> jobs;
    Path dir;
    try {
      sweepFile = SweepFile.read(file, ScenarioOptions::resolve);
      dir = out != null ? out : Path.of("runs", "sweep-" + sweepFile.name());
      sweep = new Sweep(sweepFile);
      jobs = sweep.jobs(dir);
    } catch (SweepException e) {
      throw new BadInputException(e.getMessage());
    }
    System.err.printf(
        Locale.ROOT,
        "equigrid %s: sweep %s, %d runs on %s, %d at a time%n",
        VersionProvider.version(),
        sweepFile.name(),
        jobs.size(),
        sweepFile.base().getFileName(),
        k);
    long bytes = 0;
    for (RunBatch.Job job : jobs) {
      ModelSize.check(job.scenario(), "sweep");
      bytes +=
          OutputFolder.estimateBytes(
              job.scenario().households().size(),
              job.scenario().days(),
              job.scenario().intervalsPerDay());
    }
    Sweep.Outcome outcome;
    try (OutputFolder folder = OutputFolder.claim(dir, bytes)) {
      outcome = sweep.run(dir, k, VersionProvider.version(), System.err::println);
    }
    System.err.printf(
        Locale.ROOT,
        "ran %d, skipped %d (complete), failed %d%n",
        outcome.batch().ran().size(),
        outcome.batch().skipped().size(),
        outcome.batch().failed().size());
    if (outcome.paretoCsv() != null) {
      System.err.println("pareto front: " + outcome.paretoCsv().toAbsolutePath());
    }
    System.out.println(outcome.sweepCsv().toAbsolutePath());
    if (!outcome.batch().failed().isEmpty()) {
      System.err.println("failed runs (run the sweep again to retry them):");
      outcome.batch().failed().forEach(f -> System.err.println("  " + f));
      return EquigridCommand.EXIT_INTERNAL_ERROR;
    }
    return 0;
  }
}
