package org.equigrid.experiments.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.agents.coordinator.MarketMode;
import org.equigrid.agents.household.BiddingStrategy;
import org.equigrid.agents.platform.ScenarioAgents;
import org.equigrid.agents.platform.ScenarioRun;
import org.equigrid.agents.protocol.TraceWriter;
import org.equigrid.config.Scenario;
import org.equigrid.experiments.learning.AdaptiveWeights;
import org.equigrid.experiments.output.Manifest;
import org.equigrid.experiments.output.ResultsWriter;
import org.equigrid.experiments.output.StrategyReport;
import org.equigrid.experiments.report.HtmlReport;
import org.equigrid.experiments.run.AgentRunner;
import org.equigrid.experiments.run.ProgressListener;
import org.equigrid.experiments.run.RunResult;
import org.equigrid.experiments.run.ScenarioRunner;
import org.equigrid.market.settlement.SettlementOptions;

/**
 * Runs scenarios into folders, up to {@code parallel} at a time, skipping every folder that already
 * holds a complete run of the same effective scenario and strategies (so an interrupted batch
 * resumes). Each run writes the results files of {@link ResultsWriter} and {@code report.html}; a
 * run with deviating bidders goes through the JADE agents and also writes {@code trace.jsonl} and
 * {@code strategies.csv}.
 */
public final class RunBatch {

  private static final Logger LOG = LogManager.getLogger();

  /**
   * One scenario to run into one folder.
   *
   * @param deviators the bidding strategy name ({@code ScenarioAgents.STRATEGY_NAMES}) of each
   *     household that does not bid truthfully; empty: everyone truthful, run in-process
   */
  public record Job(String id, Scenario scenario, Path dir, Map<String, String> deviators) {
    public Job {
      deviators = Collections.unmodifiableMap(new TreeMap<>(deviators));
    }

    /** Everyone truthful. */
    public Job(String id, Scenario scenario, Path dir) {
      this(id, scenario, dir, Map.of());
    }

    /** The strategies of the deviators, by household id. */
    Map<String, BiddingStrategy> strategies() {
      Map<String, BiddingStrategy> strategies = new TreeMap<>();
      deviators.forEach(
          (household, name) ->
              strategies.put(household, ScenarioAgents.strategy(name, scenario, household)));
      return strategies;
    }
  }

  /**
   * One JADE platform at a time in this JVM: strategic runs take turns, truthful ones run beside
   * them.
   */
  private static final Object AGENTS = new Object();

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

  /**
   * Whether {@code job.dir()} holds a complete run of the job: the same effective scenario in its
   * {@code summary.json}, a verified manifest, {@code report.html} (written after the manifest,
   * atomically: a run killed between the two is redone), and {@code strategies.csv} naming exactly
   * the job's strategies (absent when everyone is truthful).
   */
  static boolean complete(Job job) {
    if (!RunSummary.complete(job.dir(), job.scenario().canonicalYaml())
        || !Files.isRegularFile(job.dir().resolve(HtmlReport.REPORT_HTML))) {
      return false;
    }
    Path strategies = job.dir().resolve(StrategyReport.STRATEGIES_CSV);
    if (job.deviators().isEmpty()) {
      return !Files.exists(strategies);
    }
    Map<String, String> expected = new TreeMap<>();
    job.scenario().households().forEach(h -> expected.put(h.id(), Deviation.TRUTHFUL));
    job.strategies().forEach((household, strategy) -> expected.put(household, strategy.name()));
    Map<String, String> written = new TreeMap<>();
    Deviators.records(job.dir()).forEach(r -> written.put(r.get("household"), r.get("strategy")));
    return written.equals(expected);
  }

  /**
   * Runs a job and writes its folder, {@code summary.json} last. Truthful: in-process. With
   * deviators: through the JADE agents (central mode), then the same scenario truthful in-process
   * for {@code strategies.csv}, as {@code equigrid run --agents --strategy} does.
   */
  private void run(Job job, SettlementOptions settlement) throws IOException, InterruptedException {
    for (String stale :
        List.of(
            Manifest.FILE_NAME,
            ResultsWriter.SUMMARY_JSON,
            StrategyReport.STRATEGIES_CSV,
            TraceWriter.FILE_NAME)) {
      Files.deleteIfExists(job.dir().resolve(stale));
    }
    RunResult result;
    if (job.deviators().isEmpty()) {
      result =
          new ScenarioRunner(
                  ProgressListener.silent(), settlement, AdaptiveWeights.of(job.scenario()))
              .run(job.scenario());
    } else {
      Map<String, BiddingStrategy> strategies = job.strategies();
      ScenarioRun.Options options =
          AgentRunner.localOptions(MarketMode.CENTRAL, settlement).withStrategies(strategies);
      synchronized (AGENTS) {
        result =
            new AgentRunner(options, ProgressListener.silent(), null, platform -> {})
                .run(job.scenario(), job.dir())
                .run();
      }
      RunResult truthful =
          new ScenarioRunner(
                  ProgressListener.silent(), settlement, AdaptiveWeights.of(job.scenario()))
              .run(job.scenario());
      Map<String, String> names = new TreeMap<>();
      strategies.forEach((household, strategy) -> names.put(household, strategy.name()));
      StrategyReport.write(job.dir(), names, result, truthful);
    }
    new ResultsWriter(version).write(result, job.dir());
  }

  public Outcome run(List<Job> jobs) throws InterruptedException {
    List<String> ran = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    List<Job> todo = new ArrayList<>();
    for (Job job : jobs) {
      if (complete(job)) {
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
            defaults.exactMaxHouseholds(),
            defaults.sampling(),
            defaults.counterfactualOrders(),
            threads);
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
                  run(job, settlement);
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
