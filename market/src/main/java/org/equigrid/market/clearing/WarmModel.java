package org.equigrid.market.clearing;

import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import java.util.function.IntPredicate;

/**
 * A {@link ClearingModel} re-solved warm after bound changes (GLOP without presolve, dual simplex,
 * {@link CoalitionSolver#warmParameters()}), with the last status and the binary-pair check: what
 * {@link IncrementalCoalitionLp} and {@link IncrementalTypeLp} share. Not thread-safe.
 */
final class WarmModel implements AutoCloseable {

  private final ClearingModel model;
  private final MPSolverParameters parameters = CoalitionSolver.warmParameters();
  private MPSolver.ResultStatus lastStatus;

  WarmModel(ClearingModel model) {
    this.model = model;
  }

  /**
   * The optimal objective (EUR), or {@code NaN} when GLOP finds no optimum or a member for which
   * {@code present} holds breaks a binary pair ({@link ClearingModel#breaksPair}).
   */
  double solveCostEur(IntPredicate present) {
    lastStatus = model.solver().solve(parameters);
    if (lastStatus != MPSolver.ResultStatus.OPTIMAL) {
      return Double.NaN;
    }
    for (int k = 0; k < model.memberCount(); k++) {
      if (present.test(k) && model.breaksPair(k)) {
        return Double.NaN;
      }
    }
    return model.solver().objective().value();
  }

  /** GLOP's status of the last solve (null before the first). */
  MPSolver.ResultStatus lastStatus() {
    return lastStatus;
  }

  @Override
  public void close() {
    parameters.delete();
    model.close();
  }
}
