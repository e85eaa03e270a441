package org.equigrid.market.clearing;

/** Honest outcome of a solve: no silent zeros. */
public enum SolveStatus {
  /** Proven optimal (LP tight, or MILP with gap within the limit). */
  OPTIMAL,
  /** A feasible solution with a reported gap (MILP stopped at the time limit with an incumbent). */
  FEASIBLE,
  /** No feasible dispatch; the report names the constraint family. */
  INFEASIBLE,
  /** The time limit passed before any feasible solution. */
  TIME_LIMIT,
  /** The solver failed (abnormal status, numerical trouble). */
  ERROR;

  /** Whether a dispatch is available. */
  public boolean hasSolution() {
    return this == OPTIMAL || this == FEASIBLE;
  }
}
