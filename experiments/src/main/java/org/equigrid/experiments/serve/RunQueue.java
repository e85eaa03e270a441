package org.equigrid.experiments.serve;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.agents.household.BiddingStrategy;
import org.equigrid.config.Scenario;

/**
 * The live view's runs, by id: at most {@link #MAX_RUNS} kept, one queued or running at a time,
 * each executed on the server's one worker thread (JADE keeps per-JVM state) and writing into its
 * own folder {@code run-<id>} of the work folder.
 */
final class RunQueue {

  private static final Logger LOG = LogManager.getLogger();

  static final String RUN_UNDER_WAY = "run %d is still under way; wait for it to finish";

  /** Runs kept; older ones are forgotten (their folders stay in the work folder). */
  static final int MAX_RUNS = 20;

  private final Path workDir;
  private final ExecutorService worker;
  private final Map<Integer, LiveRun> runs = new LinkedHashMap<>();
  private int nextId = 1;

  RunQueue(Path workDir, ExecutorService worker) {
    this.workDir = workDir;
    this.worker = worker;
  }

  /** The run of a path's {@code id}; 400 when it is not a whole number, 404 when not kept. */
  synchronized LiveRun get(String idText) {
    int id;
    try {
      id = Integer.parseInt(idText);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("run id '" + idText + "' is not a whole number");
    }
    LiveRun run = runs.get(id);
    if (run == null) {
      throw ApiException.notFound("no run " + id + "; runs: " + runs.keySet());
    }
    return run;
  }

  /** The newest run, or null before the first. */
  synchronized LiveRun latest() {
    return runs.values().stream().reduce((a, b) -> b).orElse(null);
  }

  /** The kept runs, oldest first. */
  synchronized List<LiveRun> all() {
    return List.copyOf(runs.values());
  }

  /** Queues a run; 409 while the newest is still queued or running. */
  synchronized LiveRun submit(
      String label,
      RunSettings settings,
      Scenario scenario,
      Map<String, BiddingStrategy> strategies) {
    LiveRun busy = latest();
    if (busy != null
        && (busy.state() == LiveRun.State.RUNNING || busy.state() == LiveRun.State.QUEUED)) {
      throw ApiException.conflict(String.format(RUN_UNDER_WAY, busy.id()));
    }
    int id = nextId++;
    LiveRun run =
        new LiveRun(id, label, settings, scenario, strategies, workDir.resolve("run-" + id));
    runs.put(id, run);
    while (runs.size() > MAX_RUNS) {
      runs.remove(runs.keySet().iterator().next());
    }
    worker.submit(run::execute);
    LOG.info("live run {} queued ({})", id, label);
    return run;
  }
}
