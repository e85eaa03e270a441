package org.equigrid.market.clearing;

import org.equigrid.market.clearing.engine.Plan;
import org.equigrid.market.ortools.OrToolsNatives;

/**
 * Solves the clearing LP/MILP of one coalition: the facade of the clearing engines. The {@link
 * Plan} built from the {@link SolverOptions} chooses the engine ({@link
 * org.equigrid.market.clearing.engine.ClearingEngine} lists them with what each guarantees): by
 * default exact household pooling over the closed form of a single household and the staged MILP
 * ({@link org.equigrid.market.clearing.engine.StagedMilpEngine}: LP relaxation, rounding, SCIP) for
 * everything else, at every size; the price decomposition (an approximation) only from {@link
 * SolverOptions#decompositionMinHouseholds()} members where that is opted in. Instances are
 * thread-safe (every solve builds its own native models).
 */
public final class CoalitionSolver {

  private final SolverOptions options;
  private final Plan plan;

  public CoalitionSolver(SolverOptions options) {
    this(options, true);
  }

  /**
   * With {@code shortcuts} false, single households without battery go through the LP too (tests).
   */
  CoalitionSolver(SolverOptions options, boolean shortcuts) {
    this(options, shortcuts, false);
  }

  /**
   * With {@code forceBatteryPooling}, identical batteries are pooled whatever the size (tests of
   * the restricted MILP in SCIP's range; {@link SolverOptions#pooling()} must be on).
   */
  CoalitionSolver(SolverOptions options, boolean shortcuts, boolean forceBatteryPooling) {
    this(options, shortcuts, forceBatteryPooling, SolverOptions.MILP_NODE_BUDGET);
  }

  /**
   * With another node budget ({@link SolverOptions#MILP_NODE_BUDGET}; {@link Long#MAX_VALUE}: SCIP
   * stops only at the gap limit, the reference solve of the conformance tests).
   */
  CoalitionSolver(
      SolverOptions options, boolean shortcuts, boolean forceBatteryPooling, long nodeBudget) {
    this.options = options;
    this.plan = Plan.of(options, shortcuts, forceBatteryPooling, nodeBudget);
  }

  /**
   * Solves the request with the engine the {@link Plan} chose; never throws for solver trouble, the
   * report says what happened. With pooling (the default) the report's reason notes it; with the
   * pooling of identical batteries (an approximation, opt-in) the reason starts with
   * "approximation" and the gap is against the LP bound.
   */
  public ClearingResult solve(ClearingRequest request) {
    OrToolsNatives.load();
    return plan.solve().solve(request);
  }

  /**
   * Solves the request ({@link #solve}) and breaks the ties of its per-household costs ({@link
   * org.equigrid.market.clearing.engine.TieBreak}, docs/model.md "Ties"): the answer whose
   * households' costs and bills are used. The objective is unchanged (to 1e-9 relative); a
   * coalition whose total alone matters needs only {@link #solve}.
   */
  public ClearingResult solveDispatch(ClearingRequest request) {
    OrToolsNatives.load();
    return plan.dispatch().solve(request);
  }

  /**
   * The full MILP of the request (binaries on every battery and grid pair) in free MPS format, with
   * full double precision ({@link MpsText}: OR-Tools' own exporter keeps six digits). Always the
   * model of the request as given, one block per member (never pooled).
   */
  public String exportMps(ClearingRequest request) {
    OrToolsNatives.load();
    return MpsText.fullMilp(request, options.epsilonEur());
  }

  /**
   * The LP relaxation of the request (no binaries) in free MPS format with full precision: the
   * problem the first stage solves (before pooling: one block per member), for benchmarks against a
   * bare solver.
   */
  public String exportLpMps(ClearingRequest request) {
    OrToolsNatives.load();
    return MpsText.relaxation(request, options.epsilonEur());
  }

  public SolverOptions options() {
    return options;
  }

  /**
   * {@code result} after the tie-break stage ({@link
   * org.equigrid.market.clearing.engine.TieBreakEngine}); tests.
   */
  ClearingResult breakTies(ClearingRequest request, ClearingResult result) {
    return plan.breakTies(request, result);
  }

  /** The decomposition's answer, or null if it failed; tests. */
  ClearingResult solveDecomposed(ClearingRequest request, long start) {
    return plan.decomposition().decompose(request, start);
  }

  /** The whole coalition as one model (LP, rounding, SCIP), whatever its size; tests. */
  ClearingResult solveMonolithic(ClearingRequest request, long start) {
    return plan.monolithic().solve(request);
  }

  /**
   * The full MILP (binaries everywhere) solved directly with SCIP ({@link
   * org.equigrid.market.clearing.engine.FullMilpEngine}); tests.
   */
  ClearingResult solveFullMilp(ClearingRequest request) {
    return plan.fullMilp().solve(request);
  }
}
