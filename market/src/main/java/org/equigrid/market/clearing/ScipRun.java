package org.equigrid.market.clearing;

import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * What one SCIP solve of the staged MILP returned and how long it took ({@link #solve}: SCIP with
 * the deterministic limits and the CPU-time guard).
 *
 * @param status SCIP's status
 * @param seconds wall-clock seconds of the solve
 * @param cpuSeconds CPU seconds of this thread during the solve
 * @param limitSeconds the CPU-time guard the solve was given
 * @param nodeLimit the node limit the solve was given (-1 for none)
 */
public record ScipRun(
    MPSolver.ResultStatus status,
    double seconds,
    double cpuSeconds,
    double limitSeconds,
    long nodeLimit) {

  private static final double NANOS = 1e9;

  /**
   * SCIP settings of the staged MILP, chosen by measurement (BENCHMARKS.md, "Exact weighted
   * clearing at 100 households (session 7)"; the weighted s5 day of 30 households, 240 binaries,
   * CPU seconds to prove the 1e-4 gap): SCIP's defaults 24.5 s and 3,322 nodes. No restart after
   * the root ({@code presolving/maxrestarts = 0}: the restart re-ran presolve and the root cuts for
   * nothing, 13.6 s, 1,489 nodes); no cutting planes below the root ({@code separating/maxrounds =
   * 0}: the node LPs stay small, 11.0 s); no RENS and ALNS sub-MIPs at the root (2 s there, and the
   * rounded hint or an objective-guided dive finds the same schedules) and pseudo-costs trusted
   * after two strong-branching samples ({@code branching/relpscost/maxreliable = 2}): 7.5 s, 2,299
   * nodes. Every setting changes only how SCIP searches, never what it proves.
   */
  static final String SCIP_SETTINGS =
      "presolving/maxrestarts = 0\n"
          + "separating/maxrounds = 0\n"
          + "heuristics/rens/freq = -1\n"
          + "heuristics/alns/freq = -1\n"
          + "branching/relpscost/maxreliable = 2\n";

  /** Which limit stopped SCIP: the node limit (deterministic) or the CPU-time guard. */
  public String limitHit(SolverOptions options) {
    return cpuSeconds >= 0.95 * limitSeconds
        ? "CPU-time guard of "
            + options.timeLimitSeconds()
            + " s reached: the answer depends on speed"
        : "SCIP node limit of "
            + nodeLimit
            + " reached ("
            + (options.milpEffort().proves() || nodeLimit != options.milpEffort().maxNodes()
                ? "SolverOptions.MILP_NODE_BUDGET"
                : "solver.milpEffort = " + options.milpEffort().spelling())
            + ")";
  }

  /**
   * One SCIP solve with the deterministic limits (relative gap {@code relativeGapLimit}, node limit
   * {@code nodeLimit}, see {@link SolverOptions#milpNodeLimit}) and the CPU-time guard of {@code
   * remainingMillis} (what is left of {@link SolverOptions#timeLimitSeconds()}) on this thread's
   * CPU time, enforced from outside SCIP ({@link MPSolver#interruptSolve()}), so neither the
   * machine's load nor other threads change answers.
   */
  public static ScipRun solve(
      MPSolver solver, long remainingMillis, long nodeLimit, double relativeGapLimit) {
    // SCIP's own clock counts the CPU time of the whole process (other day threads, settlement
    // threads), and SCIP hands the time left to its sub-MIP heuristics, so a time limit inside SCIP
    // made answers depend on what else ran (BENCHMARKS.md, "Staged MILP at 100 households: repair
    // and limits (session 9)"). The guard is this thread's CPU time, watched from outside; SCIP
    // gets a limit it never comes near.
    solver.setTimeLimit(remainingMillis * SCIP_LIMIT_FACTOR);
    solver.setSolverSpecificParametersAsString(
        "limits/nodes = " + nodeLimit + "\ntiming/clocktype = 1\n" + SCIP_SETTINGS);
    MPSolverParameters parameters = new MPSolverParameters();
    parameters.setDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, relativeGapLimit);
    long cpuStart = cpuNanos();
    long wallStart = System.nanoTime();
    Guard guard = new Guard(solver, Thread.currentThread().getId(), cpuStart, remainingMillis);
    MPSolver.ResultStatus status;
    try {
      status = solver.solve(parameters);
    } finally {
      guard.stop();
      parameters.delete();
    }
    return new ScipRun(
        status,
        ResultAssembly.seconds(wallStart),
        (cpuNanos() - cpuStart) / NANOS,
        remainingMillis / 1000.0,
        nodeLimit);
  }

  /** SCIP's own time limit, in multiples of the guard (never reached before the guard). */
  static final long SCIP_LIMIT_FACTOR = 100;

  /** How often the guard looks at the solving thread's CPU time (ms). */
  private static final long GUARD_POLL_MILLIS = 50;

  /**
   * Interrupts the solve once the solving thread has used {@code limitMillis} of CPU time since
   * {@code cpuStart} (wall-clock time where the JVM cannot measure a thread's CPU time).
   */
  private static final class Guard {
    private final java.util.concurrent.ScheduledExecutorService timer;

    Guard(MPSolver solver, long threadId, long cpuStart, long limitMillis) {
      timer =
          java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread thread = new Thread(task, "scip-guard");
                thread.setDaemon(true);
                return thread;
              });
      long limitNanos = limitMillis * 1_000_000;
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      boolean cpu = threads.isThreadCpuTimeSupported();
      long wallStart = System.nanoTime();
      timer.scheduleAtFixedRate(
          () -> {
            long used =
                cpu ? threads.getThreadCpuTime(threadId) - cpuStart : System.nanoTime() - wallStart;
            if (used >= limitNanos) {
              solver.interruptSolve();
            }
          },
          GUARD_POLL_MILLIS,
          GUARD_POLL_MILLIS,
          java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    void stop() {
      timer.shutdownNow();
    }
  }

  /** CPU time of this thread (ns); wall-clock time where the JVM cannot measure it. */
  public static long cpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    return threads.isCurrentThreadCpuTimeSupported()
        ? threads.getCurrentThreadCpuTime()
        : System.nanoTime();
  }
}
