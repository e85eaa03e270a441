package org.equigrid.experiments.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.config.Scenario;
import org.equigrid.experiments.learning.AdaptiveWeights;
import org.equigrid.experiments.output.ResultsWriter;
import org.equigrid.experiments.report.HtmlReport;
import org.equigrid.experiments.run.ProgressListener;
import org.equigrid.experiments.run.ScenarioRunner;
import org.equigrid.market.settlement.SettlementOptions;

/**
 * Runs scenarios into folders, up to {@code parallel} at a time, skipping every folder that already
 * holds a complete run of the same effective scenario (so an interrupted batch resumes). Each run
 * writes the results files of {@link ResultsWriter} and {@code report.html}.
 */
public final class RunBatch {

  private static final Logger LOG = LogManager.getLogger();

  /** One scenario to run into one folder. */
  public record Job(String id, Scenario scenario, Path dir) {}

  /** What happened: ids run, ids skipped as complete, and failures (id and message). */
  public record Outcome(List<String> ran, List<String> skipped, List<String> failed) {
    public Outcome {
      ran = List.copyOf(ran);
      skipped = List.copyOf(skipped);
      failed = List.copyOf(failed);
    }
  }

  private final int parallel;
  private final String version;
  private final Consumer<String> progress;

  /**
   * @param parallel runs at once (≥ 1); each run's settlement gets {@code cores / parallel} threads
   * @param version written into every {@code summary.json}
   * @param progress told one line per finished or skipped run (e.g. printed on stderr)
   */
  public RunBatch(int parallel, String version, Consumer<String> progress) {
    if (parallel < 1) {
      throw new IllegalArgumentException("parallel (" + parallel + ") must be >= 1");
    }
    this.parallel = parallel;
    this.version = version;
    this.progress = progress;
  }

  public Outcome run(List<Job> jobs) throws InterruptedException {
    List<String> ran = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    List<Job> todo = new ArrayList<>();
    for (Job job : jobs) {
      if (RunSummary.complete(job.dir(), job.scenario().canonicalYaml())) {
        skipped.add(job.id());
        progress.accept("  " + job.id() + ": complete, skipped");
      } else {
        todo.add(job);
      }
    }
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / parallel);
    SettlementOptions defaults = SettlementOptions.defaults();
    SettlementOptions settlement =
        new SettlementOptions(
            defaults.exactMaxHouseholds(), defaults.sampling(), defaults.counterfactualOrders(), threads);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(parallel, Math.max(1, todo.size())),
            runnable -> {
              Thread thread = new Thread(runnable, "equigrid-run");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<?>> futures = new ArrayList<>();
      int[] finished = {0};
      for (Job job : todo) {
        futures.add(
            pool.submit(
                () -> {
                  long start = System.nanoTime();
                  LOG.info("Run {} into {}", job.id(), job.dir());
                  var result = new ScenarioRunner(
                      ProgressListener.silent(), settlement, AdaptiveWeights.of(job.scenario())).run(job.scenario());
                  new ResultsWriter(version).write(result, job.dir());
                  HtmlReport.write(job.dir());
                  synchronized (finished) {
                    finished[0]++;
                    progress.accept(
                        String.format(
                            Locale.ROOT,
                            "  %s: done (%d/%d, %.1f s)",
                            job.id(),
                            finished[0],
                            todo.size(),
                            (System.nanoTime() - start) / 1e9));
                  }
                  return null;
                }));
      }
      for (int j = 0; j < todo.size(); j++) {
        try {
          futures.get(j).get();
          ran.add(todo.get(j).id());
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          LOG.error("Run {} failed", todo.get(j).id(), cause);
          failed.add(todo.get(j).id() + ": " + cause);
          progress.accept("  " + todo.get(j).id() + ": FAILED: " + cause);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return new Outcome(ran, skipped, failed);
  }
}
