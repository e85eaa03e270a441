package org.equigrid.experiments.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.config.Scenario;
import org.equigrid.config.ScenarioException;
import org.equigrid.config.ScenarioReader;
import org.equigrid.experiments.output.AtomicFiles;
import org.equigrid.experiments.report.HtmlReport;

/**
 * Runs a sweep: checks every run's scenario and deviating households first (all problems at once),
 * runs what is not yet complete through a {@link RunBatch}, then writes {@code sweep.csv} (and
 * {@code pareto.csv} and {@code report.html} when the sweep asks for a Pareto front) in the output
 * folder.
 */
public final class Sweep {

  private static final Logger LOG = LogManager.getLogger();

  public static final String SWEEP_CSV = "sweep.csv";
  public static final String PARETO_CSV = "pareto.csv";

  /** The result: the batch outcome, and the files written. */
  public record Outcome(RunBatch.Outcome batch, Path sweepCsv, Path paretoCsv) {}

  private final SweepFile sweep;
  private List<SweepRun> runs = List.of();

  public Sweep(SweepFile sweep) {
    this.sweep = sweep;
  }

  /** Every run with its scenario, checked; throws with every problem of every run. */
  public List<RunBatch.Job> jobs(Path out) throws SweepException {
    Scenario base;
    try {
      base = ScenarioReader.read(sweep.base(), scenarioOverrides(sweep.fixed()));
    } catch (ScenarioException e) {
      throw new SweepException(
          sweep.file()
              + ": base "
              + sweep.base()
              + " with set "
              + sweep.fixed()
              + ":\n"
              + e.getMessage());
    }
    List<RunBatch.Job> jobs = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    runs = sweep.runs(base.seed());
    for (SweepRun run : runs) {
      try {
        Scenario scenario = ScenarioReader.read(sweep.base(), scenarioOverrides(run.overrides()));
        Map<String, String> deviators = Deviation.of(run.overrides()).deviators(scenario);
        jobs.add(new RunBatch.Job(run.id(), scenario, out.resolve(run.id()), deviators));
      } catch (ScenarioException | IllegalArgumentException e) {
        problems.add(
            sweep.file() + ": run " + run.id() + " " + run.parameters() + ":\n" + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new SweepException(String.join("\n", problems));
    }
    return jobs;
  }

  /** The overrides that are scenario fields (not the bidding-strategy keys). */
  private static Map<String, String> scenarioOverrides(Map<String, String> overrides) {
    Map<String, String> scenario = new LinkedHashMap<>();
    overrides.forEach(
        (path, value) -> {
          if (!Deviation.isKey(path)) {
            scenario.put(path, value);
          }
        });
    return scenario;
  }

  public Outcome run(Path out, int parallel, String version, Consumer<String> progress)
      throws SweepException, InterruptedException {
    List<RunBatch.Job> jobs = jobs(out);
    LOG.info("Sweep {}: {} runs into {}", sweep.name(), jobs.size(), out);
    RunBatch.Outcome batch = new RunBatch(parallel, version, progress).run(jobs);
    List<SweepTable.Row> rows = new ArrayList<>();
    for (int r = 0; r < runs.size(); r++) {
      RunSummary summary = RunSummary.read(jobs.get(r).dir());
      if (summary != null && RunBatch.complete(jobs.get(r))) {
        rows.add(
            new SweepTable.Row(
                runs.get(r),
                summary,
                Deviators.read(
                    jobs.get(r).dir(), Deviation.of(runs.get(r).overrides()).strategy())));
      }
    }
    Path csv = out.resolve(SWEEP_CSV);
    AtomicFiles.write(csv, SweepTable.sweepCsv(sweep.parameters(), rows, sweep.strategic()));
    Path pareto = null;
    if (!sweep.pareto().isEmpty() && !rows.isEmpty()) {
      pareto = out.resolve(PARETO_CSV);
      AtomicFiles.write(pareto, SweepTable.paretoCsv(sweep.pareto(), sweep.parameters(), rows));
      HtmlReport.write(out);
    }
    return new Outcome(batch, csv, pareto);
  }
}
