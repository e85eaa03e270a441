package org.equigrid.market.clearing.engine;

import com.google.ortools.linearsolver.MPSolver;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.market.clearing.BinaryPairs;
import org.equigrid.market.clearing.ClearingModel;
import org.equigrid.market.clearing.ClearingRequest;
import org.equigrid.market.clearing.OrToolsModels;
import org.equigrid.market.clearing.ScipRun;
import org.equigrid.market.clearing.SolverOptions;

/**
 * The MILP stage of the tie-break ({@link TieBreak}): the tie-break's objective minimised by SCIP
 * over the MILP's optimal face, to a proven optimum (relative gap 0), where the LP stage broke a
 * battery pair. As in the staged MILP ({@link StagedMilpEngine}), the binaries are integer on every
 * interval of the households whose pairs broke and relaxed elsewhere, so each MILP solved is a
 * relaxation of the full one; pairs that break in its optimum get their binaries and it is solved
 * again, until none breaks: that optimum is then the optimum of the full MILP. The hint is the
 * schedule of the tie-break's heuristic rounds (on the face, and a good incumbent: measured on a
 * weighted day of 30 households, 240 binaries, the proof took 41 s of CPU with it and hit the node
 * limit after 53 s with the answer as hint), else the answer.
 *
 * <p>Limits, the staged MILP's (BENCHMARKS.md, "Canonical tie-break"): the node limit of {@link
 * SolverOptions#milpNodeLimit(int)} (deterministic), {@value #MAX_BINARIES} binaries (the default
 * {@link SolverOptions#milpMaxBinaries()}; 504 binaries, 60 households cost-minimising, took 34 s
 * of CPU), {@value #MAX_ROUNDS} rounds and a runaway guard of {@value #GUARD_FACTOR} times the
 * CPU-time guard {@link SolverOptions#timeLimitSeconds()} (the stage took up to 41 s of CPU on
 * weighted days of 30 households, close to the default 30 s: with the clearing's own guard, which
 * rule splits a day would depend on the machine's speed on such days); at a limit the stage gives
 * up and the caller falls back and says why (where the guard stopped it, the split depends on
 * speed, and the reason says so).
 */
final class TieBreakMilp {

  private static final Logger LOG = LogManager.getLogger();

  private static final double NANOS = 1e9;

  /** Integer binaries (after widening to households) above which the stage does not run. */
  static final int MAX_BINARIES = 600;

  /** The stage's CPU-time guard, as a multiple of {@link SolverOptions#timeLimitSeconds()}. */
  static final int GUARD_FACTOR = 4;

  /** MILP rounds (solve, add the binaries of the pairs that broke) before the stage gives up. */
  static final int MAX_ROUNDS = 20;

  private TieBreakMilp() {}

  /**
   * The stage's optimum, or why there is none.
   *
   * @param values the optimum of the tie-break on the face, per member (null where there is none)
   * @param why why the stage gave up ("" with values)
   * @param binaries integer binaries of the last MILP solved
   * @param rounds MILPs solved
   * @param nodes branch-and-bound nodes of all rounds
   */
  record Result(
      ClearingModel.RawSolution values, String why, int binaries, int rounds, long nodes) {}

  /**
   * Solves the stage.
   *
   * @param raw a schedule on the face with every battery pair in one direction (the hint)
   * @param lp the LP stage's schedule (its broken pairs get the first binaries)
   * @param objectiveEur the answer's objective {@code z*}
   * @param timeLimitSeconds the CPU-time guard of the whole stage
   */
  static Result solve(
      ClearingRequest request,
      ClearingModel.RawSolution raw,
      ClearingModel.RawSolution lp,
      double objectiveEur,
      double timeLimitSeconds,
      double epsilonEur) {
    int memberCount = request.members().length;
    int intervals = request.day().intervals();
    boolean[][] chargeBinary = new boolean[memberCount][intervals];
    boolean[][] gridBinary = new boolean[memberCount][intervals];
    BinaryPairs.markBroken(request, lp, chargeBinary, gridBinary);
    byte[][] chargeHint = new byte[memberCount][intervals];
    byte[][] gridHint = new byte[memberCount][intervals];
    TieBreak.directionsOf(request, raw, chargeHint, gridHint);
    long limitNanos = (long) (timeLimitSeconds * NANOS);
    long cpuStart = ScipRun.cpuNanos();
    int binaries = 0;
    long nodes = 0;
    for (int round = 1; round <= MAX_ROUNDS; round++) {
      BinaryPairs.widenToHouseholds(chargeBinary);
      BinaryPairs.widenToHouseholds(gridBinary);
      binaries = BinaryPairs.countTrue(chargeBinary) + BinaryPairs.countTrue(gridBinary);
      if (binaries > MAX_BINARIES) {
        return new Result(
            null,
            "MILP stage skipped: " + binaries + " binaries > " + MAX_BINARIES,
            binaries,
            round - 1,
            nodes);
      }
      long remainingMillis = (limitNanos - (ScipRun.cpuNanos() - cpuStart)) / 1_000_000;
      if (remainingMillis <= 0) {
        return new Result(
            null,
            "MILP stage stopped: CPU-time guard of " + timeLimitSeconds + " s",
            binaries,
            round - 1,
            nodes);
      }
      try (ClearingModel model =
          OrToolsModels.open(
              request, "SCIP", chargeBinary, gridBinary, null, false, true, epsilonEur)) {
        TieBreak.restrictToFace(request, model, objectiveEur);
        model.hint(raw, chargeHint, gridHint);
        long nodeLimit = SolverOptions.milpNodeLimit(binaries);
        ScipRun run = ScipRun.solve(model.solver(), remainingMillis, nodeLimit, 0.0);
        nodes += model.solver().nodes();
        LOG.trace(
            "tie-break MILP round {}: {} binaries, {} in {} s",
            round,
            binaries,
            run.status(),
            run.seconds());
        if (run.status() != MPSolver.ResultStatus.OPTIMAL) {
          String limit =
              run.status() == MPSolver.ResultStatus.FEASIBLE
                      || run.status() == MPSolver.ResultStatus.NOT_SOLVED
                  ? run.cpuSeconds() >= 0.95 * run.limitSeconds()
                      ? "CPU-time guard of " + timeLimitSeconds + " s"
                      : "SCIP node limit of " + nodeLimit
                  : "SCIP returned " + run.status();
          return new Result(
              null,
              "MILP stage not proven: " + limit + ", " + binaries + " binaries",
              binaries,
              round,
              nodes);
        }
        ClearingModel.RawSolution values = model.values();
        if (BinaryPairs.markBroken(request, values, chargeBinary, gridBinary) == 0) {
          return new Result(values, "", binaries, round, nodes);
        }
      }
    }
    return new Result(
        null, "MILP stage stopped after " + MAX_ROUNDS + " rounds", binaries, MAX_ROUNDS, nodes);
  }
}
