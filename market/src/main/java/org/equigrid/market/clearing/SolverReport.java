package org.equigrid.market.clearing;

/**
 * What the solver did.
 *
 * @param status the outcome
 * @param objectiveEur objective of the returned dispatch (constant terms included), NaN without one
 * @param lpBoundEur the LP relaxation's objective, a lower bound on the MILP (NaN if unknown)
 * @param relativeGap {@code |objective − bound| / max(|objective|, 1e-9)}; 0 when proven optimal
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
    String reason) {}
