package org.equigrid.market.clearing.engine;

import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.market.clearing.BinaryPairs;
import org.equigrid.market.clearing.ClearingModel;
import org.equigrid.market.clearing.ClearingRequest;
import org.equigrid.market.clearing.ClearingResult;
import org.equigrid.market.clearing.OrToolsModels;
import org.equigrid.market.clearing.ResultAssembly;
import org.equigrid.market.clearing.SolveStatus;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.clearing.SolverReport;
import org.equigrid.market.ortools.OrToolsNatives;

/**
 * The LP relaxation alone (every binary in {@code [0, 1]}, see {@link ClearingModel}), solved by
 * GLOP: the engine where {@link SolverOptions#milpWhenBinariesBreak()} is off, and stage 1 of
 * {@link StagedMilpEngine} ({@link #relax}). Its answer is OPTIMAL for the relaxation, which is a
 * lower bound of the MILP; the schedule may break a binary pair, and where it does the answer's
 * reason names it an approximation ({@link #APPROXIMATION}, with the number of pairs relaxed), or
 * split an appliance's start ({@link #FRACTIONAL_STARTS} in the reason). An infeasible relaxation
 * is diagnosed ({@link InfeasibilityDiagnosis}).
 */
public final class LpRelaxationEngine implements ClearingEngine {

  private static final Logger LOG = LogManager.getLogger();

  private final double epsilonEur;

  LpRelaxationEngine(SolverOptions options) {
    this.epsilonEur = options.epsilonEur();
  }

  @Override
  public ClearingResult solve(ClearingRequest request) {
    OrToolsNatives.load();
    Progress progress = new Progress(request, System.nanoTime(), epsilonEur);
    long buildStart = System.nanoTime();
    try (ClearingModel model =
        OrToolsModels.open(request, "GLOP", null, null, null, false, false, epsilonEur)) {
      progress.buildSeconds += ResultAssembly.seconds(buildStart);
      Relaxed relaxed = relax(request, model, new MPSolverParameters(), progress, epsilonEur);
      if (relaxed.failure() != null) {
        return relaxed.failure();
      }
      int members = request.members().length;
      int intervals = request.day().intervals();
      int broken =
          BinaryPairs.markBroken(
              request,
              relaxed.schedule(),
              new boolean[members][intervals],
              new boolean[members][intervals]);
      String reason = broken == 0 ? "" : relaxedPairs(broken);
      if (model.fractionalStarts()) {
        reason = SolverReport.joined(reason, FRACTIONAL_STARTS);
      }
      return progress.answer(relaxed.schedule(), SolveStatus.OPTIMAL, 0, reason);
    }
  }

  /**
   * Reason of a relaxation's answer that splits an appliance's start over several intervals
   * (docs/model.md, "Flexible demand", F4): a bound, not a schedule an appliance can run.
   */
  public static final String FRACTIONAL_STARTS =
      "LP relaxation: an appliance's start is split over several intervals (a bound, not a"
          + " schedule)";

  /** How the reason of an LP answer that breaks one-meter pairs starts. */
  public static final String APPROXIMATION = "approximation (solver.milpWhenBinariesBreak = false";

  /**
   * The reason of an LP answer that breaks {@code broken} one-meter pairs: optimal for the
   * relaxation (its objective is the LP bound), not a schedule of the MILP.
   */
  static String relaxedPairs(int broken) {
    return APPROXIMATION
        + "): the LP relaxation stands with "
        + broken
        + " one-meter pairs relaxed (a battery charging and discharging, or a meter drawing and"
        + " giving, in the same interval); OPTIMAL for the relaxation, whose objective bounds the"
        + " exact clearing's from below";
  }

  @Override
  public Guarantee guarantee() {
    return Guarantee.RELAXATION;
  }

  @Override
  public String name() {
    return "LP relaxation";
  }

  /**
   * The relaxation's schedule (ties split, {@link ResultAssembly#splitTies}) and objective, or the
   * failed result.
   */
  record Relaxed(ClearingModel.RawSolution schedule, double objectiveEur, ClearingResult failure) {}

  /**
   * Solves the open GLOP model of the relaxation with {@code parameters} (deleted here), records
   * the solve time and the LP bound in {@code progress}.
   */
  static Relaxed relax(
      ClearingRequest request,
      ClearingModel model,
      MPSolverParameters parameters,
      Progress progress,
      double epsilonEur) {
    long solveStart = System.nanoTime();
    MPSolver.ResultStatus status = model.solver().solve(parameters);
    parameters.delete();
    progress.solveSeconds += ResultAssembly.seconds(solveStart);
    LOG.trace(
        "LP of {} members: {} variables, {} rows, {} in {} s",
        request.members().length,
        model.solver().numVariables(),
        model.solver().numConstraints(),
        status,
        progress.solveSeconds);
    if (status != MPSolver.ResultStatus.OPTIMAL) {
      SolveStatus failure =
          status == MPSolver.ResultStatus.INFEASIBLE ? SolveStatus.INFEASIBLE : SolveStatus.ERROR;
      String reason =
          failure == SolveStatus.INFEASIBLE
              ? InfeasibilityDiagnosis.diagnose(request, epsilonEur)
              : "GLOP returned "
                  + status
                  + " on the LP relaxation ("
                  + model.solver().solverVersion()
                  + ")";
      return new Relaxed(null, Double.NaN, progress.failure(failure, reason));
    }
    ClearingModel.RawSolution lp = ResultAssembly.splitTies(request, model.values());
    double objective = model.solver().objective().value();
    progress.lpBound = objective;
    return new Relaxed(lp, objective, null);
  }
}
