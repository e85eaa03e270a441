package org.equigrid.market.clearing.engine;

import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.market.clearing.BinaryPairs;
import org.equigrid.market.clearing.ClearingModel;
import org.equigrid.market.clearing.ClearingResult;
import org.equigrid.market.clearing.MilpEffort;
import org.equigrid.market.clearing.OrToolsModels;
import org.equigrid.market.clearing.ResultAssembly;
import org.equigrid.market.clearing.ScipRun;
import org.equigrid.market.clearing.SolveStatus;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.clearing.SolverReport;

/**
 * Stage 2b of {@link StagedMilpEngine}: the MILP with binaries on every interval of the households
 * whose pairs broke, solved by SCIP round after round until its answer breaks no pair, and the
 * repair of an answer SCIP left at a limit. It takes over what stages 1 and 2a hand on: the marks
 * of the broken pairs, the rounded directions, the LP bound and the rounded schedule (null if the
 * rounding found none). One solve, one instance.
 */
final class MilpStage {

  private static final Logger LOG = LogManager.getLogger();

  private static final double NANOS = 1e9;

  private final StagedMilpEngine.Run run;
  private final SolverOptions options;
  private final long nodeBudget;
  private final boolean scipAllowed;
  private boolean capped; // solver.milpEffort lowered a SCIP node limit
  private boolean rootOnly; // above milpMaxBinaries: SCIP's root node alone

  /**
   * @param run the solve whose stages 1 and 2a have run: its marks, directions, LP bound and
   *     rounded schedule (null if the rounding found none)
   */
  MilpStage(StagedMilpEngine.Run run, SolverOptions options, long nodeBudget, boolean scipAllowed) {
    this.run = run;
    this.options = options;
    this.nodeBudget = nodeBudget;
    this.scipAllowed = scipAllowed;
  }

  /**
   * Stage 2b: the MILP with binaries on every interval of the households whose pairs broke (SCIP's
   * answer would otherwise move their simultaneity to other intervals and need another round).
   * Every other pair keeps its rows with a relaxed δ, β in [0, 1], so each MILP is a relaxation of
   * the full one; an optimum of it that breaks no pair is optimal for the full MILP. Pairs that
   * break in its answer get their binaries and the MILP is solved again. SCIP stops at the gap
   * limit or its node limit (deterministic); the time limit is a guard on the CPU time of this
   * thread, checked before each round (a solve in progress stops at its node limit, {@link
   * ScipRun#solve}), so the machine's load does not change answers.
   */
  ClearingResult solve() {
    int widened =
        BinaryPairs.widenedCount(run.chargeBinary) + BinaryPairs.widenedCount(run.gridBinary);
    rootOnly = run.rounded != null && widened > options.milpMaxBinaries();
    if (run.rounded != null
        && (!scipAllowed
            || widened > (long) StagedMilpEngine.ROOT_ONLY_FACTOR * options.milpMaxBinaries())) {
      LOG.trace(
          "SCIP skipped: {} binaries, limit {}, allowed {}",
          widened,
          options.milpMaxBinaries(),
          scipAllowed);
      String why =
          scipAllowed
              ? widened
                  + " binaries > "
                  + StagedMilpEngine.ROOT_ONLY_FACTOR
                  + " × milpMaxBinaries "
                  + options.milpMaxBinaries()
                  + ")"
              : "battery blocks, where the MILP of the households is above milpMaxBinaries)";
      run.progress.milp(widened);
      return run.progress.answer(
          run.rounded, SolveStatus.FEASIBLE, run.roundedGap, StagedMilpEngine.SCIP_SKIPPED + why);
    }
    BinaryPairs.widenToHouseholds(run.chargeBinary);
    BinaryPairs.widenToHouseholds(run.gridBinary);
    long limitNanos = (long) (options.timeLimitSeconds() * NANOS);
    long milpStart = ScipRun.cpuNanos();
    for (int iteration = 1; ; iteration++) {
      long remainingMillis = (limitNanos - (ScipRun.cpuNanos() - milpStart)) / 1_000_000;
      int binaries =
          BinaryPairs.countTrue(run.chargeBinary)
              + BinaryPairs.countTrue(run.gridBinary)
              + run.request.applianceStartCount();
      run.progress.milp(binaries);
      if (remainingMillis <= 0 || iteration > StagedMilpEngine.MAX_MILP_ROUNDS) {
        if (run.rounded != null) {
          return run.progress.answer(
              run.rounded, SolveStatus.FEASIBLE, run.roundedGap, StagedMilpEngine.ROUNDED_FALLBACK);
        }
        return run.progress.failure(
            SolveStatus.TIME_LIMIT,
            "time limit of "
                + options.timeLimitSeconds()
                + " s or "
                + StagedMilpEngine.MAX_MILP_ROUNDS
                + " MILP rounds reached before the MILP found a schedule");
      }
      ClearingResult answer = scipRound(iteration, binaries, remainingMillis);
      if (answer != null) {
        return rootOnly ? rootNamed(answer, widened) : capped ? named(answer) : answer;
      }
    }
  }

  /** One SCIP round; null when its answer breaks more pairs and another round is due. */
  private ClearingResult scipRound(int iteration, int binaries, long remainingMillis) {
    long buildStart = System.nanoTime();
    try (ClearingModel model =
        OrToolsModels.open(
            run.request,
            "SCIP",
            run.chargeBinary,
            run.gridBinary,
            null,
            false,
            true,
            options.epsilonEur())) {
      run.progress.buildSeconds += ResultAssembly.seconds(buildStart);
      MPSolver solver = model.solver();
      if (run.rounded != null) {
        model.hint(run.rounded, run.chargeDirection, run.gridDirection);
      }
      long limit =
          rootOnly
              ? 1
              : StagedMilpEngine.nodeLimit(nodeBudget, binaries, run.request.members().length);
      long nodes = rootOnly ? 1 : options.milpEffort().cap(limit);
      capped |= nodes != limit;
      ScipRun outcome =
          ScipRun.solve(
              solver,
              remainingMillis,
              nodes,
              options.relativeGapLimit(),
              rootOnly ? StagedMilpEngine.ROOT_ONLY_SETTINGS : "");
      run.progress.solveSeconds += outcome.seconds();
      LOG.trace(
          "MILP round {}: {} binaries, {} in {} s",
          iteration,
          binaries,
          outcome.status(),
          outcome.seconds());
      MPSolver.ResultStatus status = outcome.status();
      if (status == MPSolver.ResultStatus.OPTIMAL || status == MPSolver.ResultStatus.FEASIBLE) {
        return scipAnswer(model, outcome);
      } else if (status == MPSolver.ResultStatus.INFEASIBLE) {
        return run.progress.failure(
            SolveStatus.INFEASIBLE,
            "infeasible: no schedule avoids simultaneous charge/discharge or import/export"
                + " (binaries), although the LP relaxation is feasible");
      } else if (run.rounded != null) {
        LOG.trace("SCIP returned {}; keeping the rounded schedule", status);
        return run.progress.answer(
            run.rounded,
            SolveStatus.FEASIBLE,
            run.roundedGap,
            StagedMilpEngine.ROUNDED_FALLBACK
                + " (SCIP: "
                + status
                + ", "
                + outcome.limitHit(options)
                + ")");
      } else if (status == MPSolver.ResultStatus.NOT_SOLVED) {
        return run.progress.failure(
            SolveStatus.TIME_LIMIT, outcome.limitHit(options) + " before SCIP found a schedule");
      } else {
        return run.progress.failure(
            SolveStatus.ERROR, "SCIP returned " + status + " (" + solver.solverVersion() + ")");
      }
    }
  }

  /** SCIP found a schedule: the answer, or null when it breaks more pairs (proven optimal). */
  private ClearingResult scipAnswer(ClearingModel model, ScipRun outcome) {
    MPSolver solver = model.solver();
    ClearingModel.RawSolution milp = model.values();
    double objective = solver.objective().value();
    double bound = Math.max(run.lpObjective, solver.objective().bestBound());
    double gap = StagedMilpEngine.gapToBound(objective, bound);
    int newlyBroken = BinaryPairs.markBroken(run.request, milp, run.chargeBinary, run.gridBinary);
    boolean proven = outcome.status() == MPSolver.ResultStatus.OPTIMAL;
    if (newlyBroken > 0 && proven) {
      LOG.trace("MILP answer breaks {} more pairs; adding their binaries", newlyBroken);
      return null;
    }
    if (newlyBroken == 0 && run.rounded != null && run.roundedObjective < objective) {
      // SCIP stopped above the rounded schedule it was hinted: the rounded one stands.
      double roundedToBound = StagedMilpEngine.gapToBound(run.roundedObjective, bound);
      return run.progress.answer(
          run.rounded,
          roundedToBound <= options.relativeGapLimit() ? SolveStatus.OPTIMAL : SolveStatus.FEASIBLE,
          roundedToBound,
          StagedMilpEngine.ROUNDED_FALLBACK + " (" + outcome.limitHit(options) + ")");
    }
    if (newlyBroken == 0) {
      return run.progress.answer(
          milp,
          proven ? SolveStatus.OPTIMAL : SolveStatus.FEASIBLE,
          gap,
          proven ? "" : StagedMilpEngine.MILP_LIMIT + outcome.limitHit(options));
    }
    Repaired repaired = repair(milp);
    if (repaired != null && (run.rounded == null || repaired.objective() < run.roundedObjective)) {
      // A limit was hit and SCIP's answer is not exclusive: with its broken pairs rounded it is
      // a schedule, better than the rounded LP one.
      double repairedGap = StagedMilpEngine.gapToBound(repaired.objective(), bound);
      return run.progress.answer(
          repaired.schedule(),
          repairedGap <= options.relativeGapLimit() ? SolveStatus.OPTIMAL : SolveStatus.FEASIBLE,
          repairedGap,
          StagedMilpEngine.SCIP_REPAIRED
              + outcome.limitHit(options)
              + " ("
              + newlyBroken
              + " pairs broken, "
              + repaired.passes()
              + " rounding passes)");
    }
    if (run.rounded != null) {
      // A limit was hit and SCIP's answer is not exclusive: it is no schedule; the rounded one
      // is.
      return run.progress.answer(
          run.rounded,
          SolveStatus.FEASIBLE,
          run.roundedGap,
          StagedMilpEngine.ROUNDED_FALLBACK
              + " ("
              + outcome.limitHit(options)
              + "; SCIP's answer breaks "
              + newlyBroken
              + " more pairs)");
    }
    return run.progress.failure(
        SolveStatus.TIME_LIMIT,
        outcome.limitHit(options)
            + " with "
            + newlyBroken
            + " pairs still simultaneous in SCIP's answer");
  }

  /**
   * SCIP's answer made a schedule: the LP relaxation re-solved with every pair's direction fixed to
   * the one SCIP's answer takes where it takes one (charge or discharge, draw or give), and the
   * pairs it breaks (members without binaries in this MILP) rounded as in stage 2a, pass after pass
   * until nothing breaks. Every schedule this returns is feasible for the full MILP. Null if a
   * re-solve is not optimal (the directions contradict each other over the day).
   */
  private Repaired repair(ClearingModel.RawSolution milp) {
    int memberCount = run.request.members().length;
    int intervals = run.request.day().intervals();
    byte[][] charge = new byte[memberCount][intervals];
    byte[][] grid = new byte[memberCount][intervals];
    boolean[][] chargeMarks = new boolean[memberCount][intervals];
    boolean[][] gridMarks = new boolean[memberCount][intervals];
    BinaryPairs.keptDirections(run.request, milp, charge, grid);
    MPSolverParameters parameters = OrToolsModels.warmParameters();
    try (ClearingModel model =
        OrToolsModels.open(
            run.request, "GLOP", null, null, null, false, false, options.epsilonEur())) {
      for (int pass = 1; pass <= StagedMilpEngine.MAX_ROUNDING_PASSES; pass++) {
        model.fixDirections(charge, grid);
        MPSolver.ResultStatus status = run.progress.timedSolve(model, parameters);
        LOG.trace("repair pass {}: {}", pass, status);
        if (status != MPSolver.ResultStatus.OPTIMAL) {
          return null;
        }
        ClearingModel.RawSolution current = ResultAssembly.splitTies(run.request, model.values());
        if (BinaryPairs.markDirections(run.request, current, charge, grid, chargeMarks, gridMarks)
            == 0) {
          if (model.fractionalStarts()) {
            return null; // the LP split an appliance's start: no schedule
          }
          return new Repaired(current, model.solver().objective().value(), pass);
        }
      }
      return null;
    } finally {
      parameters.delete();
    }
  }

  /** An answer of SCIP's root node alone: says so, unless SCIP proved it there. */
  private ClearingResult rootNamed(ClearingResult answer, int widened) {
    SolverReport r = answer.report();
    if (r.status() != SolveStatus.FEASIBLE) {
      return answer;
    }
    String why =
        StagedMilpEngine.SCIP_ROOT_ONLY
            + widened
            + " binaries > milpMaxBinaries "
            + options.milpMaxBinaries()
            + "): ";
    return answer.withReport(r.withReason(why + r.reason()));
  }

  /** An answer under a node cap of solver.milpEffort, named an approximation unless proven. */
  private ClearingResult named(ClearingResult answer) {
    SolverReport r = answer.report();
    if (r.status() != SolveStatus.FEASIBLE) {
      return answer;
    }
    String effort = MilpEffort.APPROXIMATION + options.milpEffort().spelling() + "): ";
    return answer.withReport(r.withReason(effort + r.reason()));
  }

  /** SCIP's answer with its broken pairs rounded ({@code MilpStage#repair}). */
  private record Repaired(ClearingModel.RawSolution schedule, double objective, int passes) {}
}
