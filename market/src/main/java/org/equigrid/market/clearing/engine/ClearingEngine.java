package org.equigrid.market.clearing.engine;

import org.equigrid.market.clearing.ClearingModel;
import org.equigrid.market.clearing.ClearingRequest;
import org.equigrid.market.clearing.ClearingResult;
import org.equigrid.market.clearing.ResultAssembly;
import org.equigrid.market.clearing.SolverOptions;

/**
 * One way to clear a coalition's day: the request in, the result out, never an exception for solver
 * trouble (the report says what happened). Every engine ends through {@link ResultAssembly}, so
 * costs, the peak and the objective are always recomputed from the schedule the same way.
 *
 * <p>The engines and when they run ({@link Plan} composes them from {@link SolverOptions}):
 *
 * <ul>
 *   <li>{@link StagedMilpEngine} (exact): LP relaxation, rounding, SCIP on the pairs that broke;
 *       the reference solve.
 *   <li>{@link LpRelaxationEngine} (relaxation): the LP relaxation alone, where {@link
 *       SolverOptions#milpWhenBinariesBreak()} is off.
 *   <li>{@link FullMilpEngine} (exact): SCIP on the MILP with binaries everywhere; tests only.
 *   <li>{@link StandaloneClosedForm} (exact decorator): a single household without a battery.
 *   <li>{@link DecompositionEngine} (approximation, opt-in): price decomposition from {@link
 *       SolverOptions#decompositionMinHouseholds()} households on (by default never, {@link
 *       SolverOptions#NEVER_DECOMPOSE}).
 *   <li>{@link HouseholdPoolingEngine} (exact decorator): identical households without a battery
 *       merged into blocks ({@link SolverOptions#pooling()}, on by default).
 *   <li>{@link BatteryPoolingEngine} (approximation decorator, opt-in): identical batteries pooled
 *       too ({@link SolverOptions#poolIdenticalBatteries()}).
 *   <li>{@link TieBreakEngine} (exact decorator): the tie-break of the households' costs ({@link
 *       TieBreak}), the answer whose costs and bills are used.
 * </ul>
 *
 * <p>Engines live in this package and build the model through {@link ClearingModel}'s public,
 * solver-facing members; the model's package never imports this one (the facade {@link
 * org.equigrid.market.clearing.CoalitionSolver} aside).
 */
public sealed interface ClearingEngine
    permits StagedMilpEngine,
        LpRelaxationEngine,
        FullMilpEngine,
        StandaloneClosedForm,
        DecompositionEngine,
        HouseholdPoolingEngine,
        BatteryPoolingEngine,
        TieBreakEngine {

  /** Solves the request; never throws for solver trouble. */
  ClearingResult solve(ClearingRequest request);

  /** What the engine promises about its answer, checked by the conformance suite. */
  Guarantee guarantee();

  /** A short name for logs and the conformance suite, e.g. "staged MILP". */
  String name();

  /**
   * What an engine promises, relative to the reference solve ({@link StagedMilpEngine} on the
   * request as given, gap limit and node budget aside).
   */
  enum Guarantee {
    /**
     * The reference's optimum (to the gap limit; to 1e-7 in the conformance suite with a gap limit
     * of 1e-9): OPTIMAL or, where a limit stopped it, FEASIBLE with an honest gap.
     */
    EXACT,
    /**
     * The optimum of the LP relaxation (or of a weaker relaxation): a lower bound of the
     * reference's optimum; the schedule may break the one-meter rule.
     */
    RELAXATION,
    /**
     * A schedule that breaks no binary pair, never better than the reference's optimum; its bound
     * is a bound of that optimum and its gap is measured against it; OPTIMAL only within the gap
     * limit of that bound.
     */
    FEASIBLE_WITH_BOUND;

    /** The guarantee of an exact decorator over an engine with guarantee {@code inner}. */
    Guarantee over(Guarantee inner) {
      if (this == EXACT) {
        return inner;
      }
      return inner == RELAXATION ? RELAXATION : this;
    }
  }
}
