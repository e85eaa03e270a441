package org.equigrid.market.clearing;

import com.google.ortools.linearsolver.MPModelRequest;
import com.google.ortools.linearsolver.MPSolutionResponse;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverResponseStatus;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * What one SCIP solve of the staged MILP returned and how long it took ({@link #solve}: SCIP with
 * the deterministic limits, the same bits for the same model, {@link #canonical}).
 *
 * @param status SCIP's status
 * @param seconds wall-clock seconds of the solve
 * @param cpuSeconds CPU seconds of this thread during the solve
 * @param limitSeconds SCIP's own wall-clock time limit (the backstop, {@value #SCIP_LIMIT_FACTOR}
 *     times the CPU-time guard left)
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

  /**
   * Which limit stopped SCIP: the node limit (deterministic; a limit of 1 under the default effort
   * is the staged MILP's root-only solve above {@link SolverOptions#milpMaxBinaries()}) or SCIP's
   * time backstop.
   */
  public String limitHit(SolverOptions options) {
    return seconds >= 0.95 * limitSeconds
        ? "SCIP's time limit of "
            + limitSeconds
            + " s (wall clock, "
            + SCIP_LIMIT_FACTOR
            + " × solver.timeLimitSeconds = "
            + options.timeLimitSeconds()
            + " s) reached: the answer depends on speed"
        : "SCIP node limit of "
            + nodeLimit
            + " reached ("
            + (nodeLimit == 1 && options.milpEffort().proves()
                ? "the root node alone, above SolverOptions.milpMaxBinaries"
                : options.milpEffort().proves() || nodeLimit != options.milpEffort().maxNodes()
                    ? "SolverOptions.MILP_NODE_BUDGET"
                    : "solver.milpEffort = " + options.milpEffort().spelling())
            + ")";
  }

  /**
   * One SCIP solve of the model in {@code solver} with the deterministic limits (relative gap
   * {@code relativeGapLimit}, node limit {@code nodeLimit}, see {@link
   * SolverOptions#milpNodeLimit}) and {@link #SCIP_SETTINGS}, by {@link #canonical}: the answer is
   * loaded into {@code solver}. The CPU-time guard of {@code remainingMillis} (what is left of
   * {@link SolverOptions#timeLimitSeconds()} on this thread's CPU) is checked by the callers
   * between solves; a solve in progress is stopped by its node limit, or by SCIP's own wall-clock
   * limit of {@value #SCIP_LIMIT_FACTOR} times the guard, a backstop that normal solves never come
   * near (a limit SCIP reaches makes the answer depend on speed; SCIP hands the time left to its
   * sub-MIP heuristics, so it must be far).
   */
  public static ScipRun solve(
      MPSolver solver, long remainingMillis, long nodeLimit, double relativeGapLimit) {
    return solve(solver, remainingMillis, nodeLimit, relativeGapLimit, "");
  }

  /** As above, with SCIP settings ({@code name = value} lines) after {@link #SCIP_SETTINGS}. */
  public static ScipRun solve(
      MPSolver solver,
      long remainingMillis,
      long nodeLimit,
      double relativeGapLimit,
      String moreSettings) {
    double limitSeconds = remainingMillis / 1000.0 * SCIP_LIMIT_FACTOR;
    long cpuStart = cpuNanos();
    long wallStart = System.nanoTime();
    MPSolver.ResultStatus status =
        canonical(
            solver,
            limitSeconds,
            "limits/nodes = " + nodeLimit + "\n" + SCIP_SETTINGS + moreSettings,
            relativeGapLimit);
    return new ScipRun(
        status,
        ResultAssembly.seconds(wallStart),
        (cpuNanos() - cpuStart) / NANOS,
        limitSeconds,
        nodeLimit);
  }

  /** SCIP's own time limit, in multiples of the CPU-time guard (a backstop, see {@link #solve}). */
  static final long SCIP_LIMIT_FACTOR = 100;

  /**
   * SCIP's tolerances as MPSolver sets them by default ({@code MPSolverParameters}' primal and dual
   * tolerance, 1e-7), which a model solved from its proto does not get.
   */
  static final String SCIP_TOLERANCES = "numerics/feastol = 1e-7\nnumerics/dualfeastol = 1e-7\n";

  /**
   * Solves the MILP built in {@code solver} (a SCIP {@link MPSolver}) with SCIP, bit for bit the
   * same way every time: from its proto ({@link MPSolver#exportModelToProto}: every row's terms in
   * the order of the variables, the hint included) by {@link MPSolver#solveWithProto}, and loads
   * the answer back into {@code solver} (solution values, objective value and best bound; not
   * {@link MPSolver#nodes}). Why not {@code solver.solve()}: MPSolver hands SCIP each row's terms
   * in the iteration order of a hash map keyed by the variables' native addresses, which differs
   * from solve to solve even in one JVM; SCIP's presolve and LPs sum in that order, so one request
   * gave answers that differed in the last bits (seed 501's weighted appliance day: 15 different
   * solution vectors in 60 solves of one model, household 6's cost 4.126876599266603 or ...604
   * EUR), and a different path could give a different schedule. With the terms in one order SCIP
   * returns the same bits every time.
   *
   * @param timeLimitSeconds SCIP's own time limit (wall clock unless {@code parameters} set {@code
   *     timing/clocktype = 1}); 0 for none
   * @param parameters SCIP settings ({@code name = value} lines) besides the gap and tolerances;
   *     they override those
   * @return the status as {@link MPSolver#solve} reports it
   */
  public static MPSolver.ResultStatus canonical(
      MPSolver solver, double timeLimitSeconds, String parameters, double relativeGapLimit) {
    MPModelRequest.Builder request =
        MPModelRequest.newBuilder()
            .setModel(solver.exportModelToProto())
            .setSolverType(MPModelRequest.SolverType.SCIP_MIXED_INTEGER_PROGRAMMING)
            .setSolverSpecificParameters(
                "limits/gap = "
                    + relativeGapLimit
                    + "\ntiming/clocktype = 2\n"
                    + SCIP_TOLERANCES
                    + parameters);
    if (timeLimitSeconds > 0) {
      request.setSolverTimeLimitSeconds(timeLimitSeconds);
    }
    MPSolutionResponse response = MPSolver.solveWithProto(request.build());
    MPSolver.ResultStatus status = statusOf(response.getStatus());
    if (status == MPSolver.ResultStatus.OPTIMAL || status == MPSolver.ResultStatus.FEASIBLE) {
      if (!solver.loadSolutionFromProto(response)) {
        throw new IllegalStateException("SCIP's answer does not fit its model: " + status);
      }
    }
    return status;
  }

  /** {@code MPSolver.solve}'s status for a proto response's. */
  static MPSolver.ResultStatus statusOf(MPSolverResponseStatus status) {
    return switch (status) {
      case MPSOLVER_OPTIMAL -> MPSolver.ResultStatus.OPTIMAL;
      case MPSOLVER_FEASIBLE -> MPSolver.ResultStatus.FEASIBLE;
      case MPSOLVER_INFEASIBLE -> MPSolver.ResultStatus.INFEASIBLE;
      case MPSOLVER_UNBOUNDED -> MPSolver.ResultStatus.UNBOUNDED;
      case MPSOLVER_NOT_SOLVED -> MPSolver.ResultStatus.NOT_SOLVED;
      default -> MPSolver.ResultStatus.ABNORMAL;
    };
  }

  /** CPU time of this thread (ns); wall-clock time where the JVM cannot measure it. */
  public static long cpuNanos() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    return threads.isCurrentThreadCpuTimeSupported()
        ? threads.getCurrentThreadCpuTime()
        : System.nanoTime();
  }
}
