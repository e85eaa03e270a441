package org.equigrid.market.clearing.engine;

import java.util.List;
import org.equigrid.market.clearing.ClearingRequest;
import org.equigrid.market.clearing.ClearingResult;
import org.equigrid.market.clearing.CoalitionSolver;
import org.equigrid.market.clearing.SolverOptions;

/**
 * Which {@link ClearingEngine} solves a request, built from the {@link SolverOptions} in this one
 * place. With the options' defaults the engine of {@link CoalitionSolver#solve} is exact at every
 * size (issue 13: speed switches never change answers unless an approximation is opted in):
 *
 * <pre>
 * household pooling            exact: identical households without a battery as blocks
 *   └ closed form              exact: one household without a battery
 *       └ staged MILP          exact: LP relaxation, rounding, SCIP (the reference solve)
 * </pre>
 *
 * <ul>
 *   <li>{@link SolverOptions#decompositionMinHouseholds()} set (opt-in, scenario key {@code
 *       solver.decompositionMinHouseholds}; default {@link SolverOptions#NEVER_DECOMPOSE}): the
 *       price decomposition ({@link DecompositionEngine}, an approximation) between the closed form
 *       and the staged MILP, from that many members on; household pooling then applies only below
 *       it. Its answers say so in the solver's reason ({@link DecompositionEngine#APPROXIMATION},
 *       with the certified gap against its bound) and the chain declares {@link
 *       ClearingEngine.Guarantee#FEASIBLE_WITH_BOUND}.
 *   <li>{@link SolverOptions#milpWhenBinariesBreak()} off: the LP relaxation ({@link
 *       LpRelaxationEngine}) replaces the staged MILP.
 *   <li>{@link SolverOptions#pooling()} off: no pooling decorators.
 *   <li>{@link SolverOptions#poolIdenticalBatteries()} on (an approximation): battery pooling
 *       ({@link BatteryPoolingEngine}) over household pooling; its blocks are solved by the same
 *       chain with SCIP skipped.
 *   <li>{@link CoalitionSolver#solveDispatch}: the tie-break ({@link TieBreakEngine}) over the
 *       whole.
 * </ul>
 *
 * <p>Each decorator decides per request whether it applies (the closed form: one member without a
 * battery; decomposition and pooling: by the number of members) and otherwise hands the request on,
 * so the plan is fixed by the options alone. Whether the exact model of a large request fits in
 * memory is checked before anything is built, by the command that reads the scenario ({@code
 * experiments} {@code ModelSize}: heap and the native solver's memory).
 */
public final class Plan {

  private final ClearingEngine solve;
  private final SolverOptions options;
  private final TieBreakEngine dispatch;
  private final ClearingEngine monolithic;
  private final DecompositionEngine decomposition;

  /**
   * @param shortcuts with false, single households without a battery go through the LP too (tests)
   * @param alwaysPoolBatteries pool identical batteries whatever the size (tests of the restricted
   *     MILP in SCIP's range; {@link SolverOptions#pooling()} must be on)
   * @param nodeBudget SCIP's node budget ({@link SolverOptions#MILP_NODE_BUDGET}; {@link
   *     Long#MAX_VALUE}: SCIP stops only at the gap limit)
   */
  private Plan(
      SolverOptions options, boolean shortcuts, boolean alwaysPoolBatteries, long nodeBudget) {
    this.options = options;
    this.monolithic = monolithic(options, nodeBudget, true);
    this.decomposition = new DecompositionEngine(options, monolithic);
    boolean decomposes = options.decomposes();
    ClearingEngine large = decomposes ? decomposition : monolithic;
    ClearingEngine asGiven = shortcuts ? new StandaloneClosedForm(large, options) : large;
    ClearingEngine solved = asGiven;
    if (options.pooling()) {
      HouseholdPoolingEngine pooling = new HouseholdPoolingEngine(options, asGiven);
      solved = pooling;
      if (options.poolIdenticalBatteries() || alwaysPoolBatteries) {
        ClearingEngine withoutScip = monolithic(options, nodeBudget, false);
        ClearingEngine blocks =
            decomposes ? new DecompositionEngine(options, withoutScip) : withoutScip;
        solved =
            new BatteryPoolingEngine(
                options,
                alwaysPoolBatteries,
                shortcuts ? new StandaloneClosedForm(blocks, options) : blocks,
                pooling);
      }
    }
    this.solve = solved;
    this.dispatch = new TieBreakEngine(options, solved);
  }

  /** The plan of {@link CoalitionSolver#CoalitionSolver(SolverOptions)}. */
  public static Plan of(SolverOptions options) {
    return new Plan(options, true, false, SolverOptions.MILP_NODE_BUDGET);
  }

  /**
   * A plan with the tests' switches: the one factory the facade {@link CoalitionSolver} calls.
   *
   * @param shortcuts with false, single households without a battery go through the LP too (tests)
   * @param alwaysPoolBatteries pool identical batteries whatever the size (tests of the restricted
   *     MILP in SCIP's range; {@link SolverOptions#pooling()} must be on)
   * @param nodeBudget SCIP's node budget ({@link SolverOptions#MILP_NODE_BUDGET}; {@link
   *     Long#MAX_VALUE}: SCIP stops only at the gap limit)
   */
  public static Plan of(
      SolverOptions options, boolean shortcuts, boolean alwaysPoolBatteries, long nodeBudget) {
    return new Plan(options, shortcuts, alwaysPoolBatteries, nodeBudget);
  }

  private static ClearingEngine monolithic(
      SolverOptions options, long nodeBudget, boolean scipAllowed) {
    return options.milpWhenBinariesBreak()
        ? new StagedMilpEngine(options, nodeBudget, scipAllowed)
        : new LpRelaxationEngine(options);
  }

  /** The engine of {@link CoalitionSolver#solve}. */
  public ClearingEngine solve() {
    return solve;
  }

  /** The engine of {@link CoalitionSolver#solveDispatch}: the tie-break over {@link #solve()}. */
  public ClearingEngine dispatch() {
    return dispatch;
  }

  /** {@code result} of {@link #solve()} after the tie-break stage of {@link #dispatch()}; tests. */
  public ClearingResult breakTies(ClearingRequest request, ClearingResult result) {
    return dispatch.breakTies(request, result);
  }

  /**
   * The full MILP (binaries everywhere) solved directly with SCIP ({@link FullMilpEngine}); tests.
   */
  public ClearingEngine fullMilp() {
    return new FullMilpEngine(options);
  }

  /** The whole request as one model: the staged MILP, or the LP relaxation without the MILP. */
  public ClearingEngine monolithic() {
    return monolithic;
  }

  /** The price decomposition (falling back to {@link #monolithic()}). */
  public DecompositionEngine decomposition() {
    return decomposition;
  }

  /**
   * One instance of every engine class, each built from {@code options}, for the conformance suite;
   * the first is the reference, the staged MILP. Then the LP relaxation, the full MILP, the closed
   * form (over the LP relaxation: exact on single households, a relaxation elsewhere), the
   * decomposition from 2 members, household pooling, battery pooling whatever the size, and the
   * tie-break over household pooling (the market's dispatch).
   */
  public static List<ClearingEngine> everyEngine(SolverOptions options, long nodeBudget) {
    StagedMilpEngine staged = new StagedMilpEngine(options, nodeBudget, true);
    LpRelaxationEngine relaxation = new LpRelaxationEngine(options);
    HouseholdPoolingEngine pooling = new HouseholdPoolingEngine(options.withPooling(true), staged);
    return List.of(
        staged,
        relaxation,
        new FullMilpEngine(options),
        new StandaloneClosedForm(relaxation, options),
        new DecompositionEngine(options.withDecompositionMinHouseholds(2), staged),
        pooling,
        new BatteryPoolingEngine(
            options.withPooling(true),
            true,
            new StagedMilpEngine(options, nodeBudget, false),
            pooling),
        new TieBreakEngine(options, pooling));
  }
}
