package org.equigrid.market.clearing.engine;

import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import org.equigrid.market.clearing.ClearingModel;
import org.equigrid.market.clearing.ClearingRequest;
import org.equigrid.market.clearing.ClearingResult;
import org.equigrid.market.clearing.ResultAssembly;
import org.equigrid.market.clearing.SolveStatus;
import org.equigrid.market.clearing.SolverReport;

/**
 * What a solve of the LP/MILP stages has measured so far (build and solve seconds, the LP bound,
 * whether the MILP stage ran and with how many binaries), ended by {@link #answer} or {@link
 * #failure}: the fields every exit of {@link StagedMilpEngine} and {@link LpRelaxationEngine}
 * reports.
 */
final class Progress {

  private final ClearingRequest request;
  private final long start;
  private final double epsilonEur;
  double buildSeconds;
  double solveSeconds;
  double lpBound = Double.NaN;
  private boolean milpUsed;
  private int binaries;

  Progress(ClearingRequest request, long start, double epsilonEur) {
    this.request = request;
    this.start = start;
    this.epsilonEur = epsilonEur;
  }

  /** The MILP stage runs (rounding or SCIP) with this many binaries. */
  void milp(int binaryCount) {
    milpUsed = true;
    binaries = binaryCount;
  }

  /** Solves the model, its seconds added to {@link #solveSeconds}. */
  MPSolver.ResultStatus timedSolve(ClearingModel model, MPSolverParameters parameters) {
    long solveStart = System.nanoTime();
    MPSolver.ResultStatus status = model.solver().solve(parameters);
    solveSeconds += ResultAssembly.seconds(solveStart);
    return status;
  }

  private SolverReport report(SolveStatus status, double gap, String reason) {
    return new SolverReport(
        status, Double.NaN, lpBound, gap, buildSeconds, solveSeconds, milpUsed, binaries, reason);
  }

  ClearingResult answer(
      ClearingModel.RawSolution raw, SolveStatus status, double gap, String reason) {
    return ResultAssembly.finish(request, raw, report(status, gap, reason), start, epsilonEur);
  }

  ClearingResult failure(SolveStatus status, String reason) {
    return ResultAssembly.failed(request, report(status, Double.NaN, reason), start);
  }
}
