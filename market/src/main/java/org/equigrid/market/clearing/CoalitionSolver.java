package org.equigrid.market.clearing;

/**
 * Builds and solves the clearing LP/MILP of one coalition with OR-Tools: GLOP for the relaxation,
 * SCIP where the relaxation breaks a binary.
 */
public final class CoalitionSolver {

  private final SolverOptions options;

  public CoalitionSolver(SolverOptions options) {
    this.options = options;
  }

  /** Solves the request; never throws for solver trouble, the report says what happened. */
  public ClearingResult solve(ClearingRequest request) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** The full MILP of the request (binaries included) in free MPS format, objective offset included. */
  public String exportMps(ClearingRequest request) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  public SolverOptions options() {
    return options;
  }
}
