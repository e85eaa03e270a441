package org.equigrid.market.clearing;

import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import java.util.function.IntPredicate;

/**
 * A {@link ClearingModel} re-solved warm after bound changes (CLP without presolve, dual simplex,
 * {@link OrToolsModels#warmParameters()}), with the last status and the binary-pair check: what
 * {@link IncrementalCoalitionLp} and {@link IncrementalTypeLp} share. Not thread-safe.
 *
 * <p>The warm models use CLP ({@link #newSolver()}), not GLOP: behind OR-Tools' {@code MPSolver}
 * GLOP re-extracts the whole model on every solve, while CLP takes bound changes in place and
 * re-solves from its last basis. Measured (BENCHMARKS.md, game): the sampled settlement of 100
 * households 1.5× faster on {@link IncrementalCoalitionLp} and 2.1× on {@link SharedBusLp}, the
 * type settlement of 1,000 households 1.5×; the values are the same (tests compare them with the
 * per-coalition GLOP/SCIP solves to 1e-9 relative).
 */
final class WarmModel implements AutoCloseable {

  private final ClearingModel model;
  private final MPSolverParameters parameters = OrToolsModels.warmParameters();
  private MPSolver.ResultStatus lastStatus;

  WarmModel(ClearingModel model) {
    this.model = model;
  }

  /** A new, empty CLP solver for a warm model. */
  static MPSolver newSolver() {
    MPSolver solver = MPSolver.createSolver("CLP");
    if (solver == null) {
      throw new IllegalStateException("OR-Tools has no CLP solver in this build");
    }
    return solver;
  }

  /**
   * The optimal objective (EUR), or {@code NaN} when CLP finds no optimum or a member for which
   * {@code present} holds breaks a binary pair that no re-split of the pool mends ({@link
   * ClearingModel#breaksAtEqualWeights}: the models are cost-minimising, every weight 1).
   */
  double solveCostEur(IntPredicate present) {
    lastStatus = model.solver().solve(parameters);
    if (lastStatus != MPSolver.ResultStatus.OPTIMAL) {
      return Double.NaN;
    }
    if (model.breaksAtEqualWeights(present)) {
      return Double.NaN;
    }
    return model.solver().objective().value();
  }

  /** CLP's status of the last solve (null before the first), as the project's status. */
  SolveStatus lastStatus() {
    return lastStatus == null ? null : statusOf(lastStatus);
  }

  /**
   * The project's status for an OR-Tools LP status: OPTIMAL, FEASIBLE and INFEASIBLE as they are;
   * NOT_SOLVED (a limit stopped the solver) is {@link SolveStatus#TIME_LIMIT}; anything else
   * (unbounded, abnormal, an invalid model) is {@link SolveStatus#ERROR}.
   */
  static SolveStatus statusOf(MPSolver.ResultStatus status) {
    switch (status) {
      case OPTIMAL:
        return SolveStatus.OPTIMAL;
      case FEASIBLE:
        return SolveStatus.FEASIBLE;
      case INFEASIBLE:
        return SolveStatus.INFEASIBLE;
      case NOT_SOLVED:
        return SolveStatus.TIME_LIMIT;
      default:
        return SolveStatus.ERROR;
    }
  }

  @Override
  public void close() {
    parameters.delete();
    model.close();
  }
}
