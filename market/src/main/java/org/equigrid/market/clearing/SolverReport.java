package org.equigrid.market.clearing;

/**
 * What the solver did.
 *
 * @param status the outcome
 * @param objectiveEur objective of the returned dispatch (constant terms included), NaN without one
 * @param lpBoundEur the objective of the MILP's LP relaxation, every binary in {@code [0, 1]} (with
 *     battery blocks of the pooling: without their direction rows), a proven lower bound on the
 *     MILP (NaN if unknown)
 * @param relativeGap {@code (objective − bound) / max(|objective|, 1e-9)} against the best proven
 *     bound: {@code lpBoundEur}, or SCIP's bound where SCIP ran and proved more; 0 when proven
 *     optimal
 * @param buildSeconds time spent building the model
 * @param solveSeconds time spent in the solvers (LP and, if used, MILP)
 * @param milpUsed whether the MILP stage ran
 * @param binaryCount binaries in the MILP (0 if it did not run)
 * @param reason for INFEASIBLE, TIME_LIMIT and ERROR: what failed, naming the constraint family
 *     where known; empty otherwise
 */
public record SolverReport(
    SolveStatus status,
    double objectiveEur,
    double lpBoundEur,
    double relativeGap,
    double buildSeconds,
    double solveSeconds,
    boolean milpUsed,
    int binaryCount,
    String reason) {

  /** The same report with another reason. */
  public SolverReport withReason(String newReason) {
    return new SolverReport(
        status,
        objectiveEur,
        lpBoundEur,
        relativeGap,
        buildSeconds,
        solveSeconds,
        milpUsed,
        binaryCount,
        newReason);
  }

  /** {@code note} added to {@code reason}, with "; " between them when both say something. */
  public static String joined(String reason, String note) {
    return reason.isEmpty() ? note : reason + "; " + note;
  }
}
