package org.equigrid.market.clearing;

import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;

/** How the engines open a {@link ClearingModel} on an OR-Tools solver, and their LP settings. */
public final class OrToolsModels {

  private OrToolsModels() {}

  /**
   * A new model of the request on the named OR-Tools solver ("GLOP", "SCIP", "CLP").
   *
   * @param chargeBinary where {@code β} is integer (null for nowhere)
   * @param gridBinary where {@code δ} is integer (null for nowhere)
   * @param relaxed the constraint family left out (infeasibility diagnosis), or null
   * @param named whether variables and rows carry names (MPS export)
   * @param directionHull whether the one-meter rows of the binaries take their convex-hull form
   */
  public static ClearingModel open(
      ClearingRequest request,
      String solverId,
      boolean[][] chargeBinary,
      boolean[][] gridBinary,
      ConstraintFamily relaxed,
      boolean named,
      boolean directionHull,
      double epsilonEur) {
    MPSolver solver = MPSolver.createSolver(solverId);
    if (solver == null) {
      throw new IllegalStateException("OR-Tools has no " + solverId + " solver in this build");
    }
    return new ClearingModel(
        request, solver, chargeBinary, gridBinary, relaxed, named, epsilonEur, directionHull);
  }

  /**
   * GLOP without presolve and with the dual simplex: after bound changes (fixed directions) it
   * re-solves from the previous basis instead of from scratch. Measured at 1,000 households: a
   * rounding pass takes 0.1–0.2 s instead of a full solve (20–100 s under load).
   */
  public static MPSolverParameters warmParameters() {
    MPSolverParameters parameters = new MPSolverParameters();
    parameters.setIntegerParam(
        MPSolverParameters.IntegerParam.PRESOLVE,
        MPSolverParameters.PresolveValues.PRESOLVE_OFF.swigValue());
    parameters.setIntegerParam(
        MPSolverParameters.IntegerParam.LP_ALGORITHM,
        MPSolverParameters.LpAlgorithmValues.DUAL.swigValue());
    return parameters;
  }
}
