package org.equigrid.market.clearing;

/**
 * How to solve.
 *
 * @param timeLimitSeconds wall-clock limit for the MILP stage
 * @param relativeGapLimit the MILP stops when its relative gap is at most this
 * @param milpWhenBinariesBreak whether to solve the MILP where the LP relaxation breaks a binary
 *     (simultaneous charge and discharge, or import and export); otherwise the LP stands
 * @param epsilonEur {@code ε} of the relative savings denominator {@code max(|C0_i|, ε)}
 * @param decompositionMinHouseholds coalitions of at least this many households are solved by
 *     price-based decomposition (Dantzig–Wolfe column generation), an approximation: opt-in (issue
 *     13: a speed switch never changes answers unless opted in), named in the solver's reason
 *     ("approximation (solver.decompositionMinHouseholds …)") with its certified gap against its
 *     bound. Default {@link #NEVER_DECOMPOSE}: every size is solved exactly as one model
 * @param milpMaxBinaries SCIP runs only if the MILP of the rounding's broken pairs (widened to
 *     every interval of their households) has at most this many binaries; above it the rounded LP
 *     schedule stands (FEASIBLE with its gap against the LP bound, or OPTIMAL if within the gap
 *     limit). Default {@value #DEFAULT_MILP_MAX_BINARIES}, {@link Integer#MAX_VALUE} for always
 * @param pooling whether {@link CoalitionSolver#solve} first merges the members without a battery,
 *     without a floor row and of the same weight into blocks (exact, see {@link HouseholdPooling});
 *     default on
 * @param poolIdenticalBatteries whether pooling also merges the unprotected members of one weight
 *     with identical batteries and initial states of charge ({@link HouseholdPooling}: the same LP
 *     bound, a restricted MILP), in the regime where SCIP would be skipped anyway: {@code intervals
 *     × battery members > }{@value #BATTERY_POOLING_FACTOR}{@code × milpMaxBinaries}. An
 *     approximation (symmetric battery schedules only), so off by default (issue 13: a speed switch
 *     never changes answers unless opted in); the solver's reason then starts with "approximation"
 *     and the gap is against the LP bound
 * @param milpEffort how far SCIP searches in the staged MILP ({@link MilpEffort}): {@link
 *     MilpEffort#PROVE} by default; a node cap is an approximation, opt-in, named in the reason of
 *     every answer it stopped ({@link MilpEffort#APPROXIMATION}) with the gap against the best
 *     bound
 */
public record SolverOptions(
    double timeLimitSeconds,
    double relativeGapLimit,
    boolean milpWhenBinariesBreak,
    double epsilonEur,
    int decompositionMinHouseholds,
    int milpMaxBinaries,
    boolean pooling,
    boolean poolIdenticalBatteries,
    MilpEffort milpEffort) {

  /**
   * Identical batteries are pooled when {@code intervals × battery members} exceeds this many times
   * {@link #milpMaxBinaries}. The unpooled solve widens every broken pair to all intervals of its
   * household, so its SCIP model has about {@code f × intervals × battery members} binaries, {@code
   * f} the share of battery households whose pairs break. Measured on the weighted s5 day
   * (BENCHMARKS.md, DEFAULT_MILP_MAX_BINARIES): {@code f} = 0.30 at 100 households (240 binaries,
   * 33 batteries), 0.17 at 300 (408), 0.18 at 500 (720) and 1,000 (1,464). With {@code f ≈ 1/4} the
   * rule pools exactly where SCIP was measured to be skipped (500 and 1,000 households: 3,960 and
   * 7,920 potential binaries above 2,400) and keeps today's answers where SCIP ran (100 and 300:
   * 792 and 2,400).
   */
  public static final int BATTERY_POOLING_FACTOR = 4;

  /** {@link #decompositionMinHouseholds} of "never": the decomposition is left out. */
  public static final int NEVER_DECOMPOSE = Integer.MAX_VALUE;

  /**
   * Default {@link #decompositionMinHouseholds}: {@link #NEVER_DECOMPOSE}, so the default is exact
   * at every size (issue 13). The decomposition is an approximation wherever the relaxation breaks
   * a binary: measured 2026-11-24 on 2 shared cores (BENCHMARKS.md) at 1,000 households it reached
   * the monolithic LP optimum exactly but took 20.7 s against 3.5 s for bare GLOP on the same LP,
   * and its weighted schedule (35 s) had an 11 % gap against 1.9 % from the monolithic rounding +
   * SCIP. Opt in with a value of at least 2 (scenario key {@code
   * solver.decompositionMinHouseholds}).
   */
  public static final int DEFAULT_DECOMPOSITION_MIN_HOUSEHOLDS = NEVER_DECOMPOSE;

  /**
   * Default {@link #milpMaxBinaries}. Measured 2026-11-24 on the s5 day (BENCHMARKS.md, Clearing; 2
   * shared cores, load 4–5): 100 households, 240 binaries: SCIP proves the LP bound in 3.5 s; 300
   * households, 408 binaries: within its 30 s it raises the bound (gap 8.7 % → 3.2 %) and once
   * found a better schedule; 500 households (720 binaries) and 1,000 (1,464): nothing better, no
   * better bound, 30 s lost.
   */
  public static final int DEFAULT_MILP_MAX_BINARIES = 600;

  /**
   * The deterministic limit of one SCIP solve of the staged MILP, in nodes × binaries: a solve with
   * {@code b} binaries may explore {@code max(}{@value #MILP_MIN_NODES}{@code , budget / b)}
   * branch-and-bound nodes (a node's LP grows with the model). The answer then does not depend on
   * timing; {@link #timeLimitSeconds} is only a guard on CPU time. A solve stopped by either limit
   * is reported FEASIBLE, its gap against the best proven bound and the limit in the reason.
   * Measured (BENCHMARKS.md, "Exact weighted clearing at 100 households (session 7)"): the weighted
   * s5 day of 30 households needs 2,299 nodes with 240 binaries to prove the 1e-4 gap under {@code
   * ScipRun.SCIP_SETTINGS} (7.5 CPU s); the budget gives it 4,166. At 100 households (528 binaries,
   * 1,893 nodes allowed) the CPU-time guard stops SCIP first.
   */
  public static final long MILP_NODE_BUDGET = 1_000_000;

  /** The fewest nodes a SCIP solve may explore (see {@link #MILP_NODE_BUDGET}). */
  public static final long MILP_MIN_NODES = 10;

  /**
   * The node limit of a SCIP solve with {@code binaries} binaries (see {@link #MILP_NODE_BUDGET}).
   */
  public static long milpNodeLimit(int binaries) {
    return milpNodeLimit(MILP_NODE_BUDGET, binaries);
  }

  /** As {@link #milpNodeLimit(int)} with another budget ({@link Long#MAX_VALUE}: no node limit). */
  public static long milpNodeLimit(long budget, int binaries) {
    return budget == Long.MAX_VALUE ? -1 : Math.max(MILP_MIN_NODES, budget / Math.max(1, binaries));
  }

  public SolverOptions {
    java.util.Objects.requireNonNull(milpEffort, "milpEffort");
    if (!(timeLimitSeconds > 0)) {
      throw new IllegalArgumentException("timeLimitSeconds (" + timeLimitSeconds + ") must be > 0");
    }
    if (!(relativeGapLimit >= 0)) {
      throw new IllegalArgumentException(
          "relativeGapLimit (" + relativeGapLimit + ") must be >= 0");
    }
    if (!(epsilonEur > 0)) {
      throw new IllegalArgumentException("epsilonEur (" + epsilonEur + ") must be > 0");
    }
    if (decompositionMinHouseholds < 2) {
      throw new IllegalArgumentException(
          "decompositionMinHouseholds ("
              + decompositionMinHouseholds
              + ") must be >= 2 (Integer.MAX_VALUE: never decompose)");
    }
    if (milpMaxBinaries < 0) {
      throw new IllegalArgumentException(
          "milpMaxBinaries ("
              + milpMaxBinaries
              + ") must be >= 0. Maybe you meant "
              + DEFAULT_MILP_MAX_BINARIES
              + "?");
    }
  }

  /** Options with SCIP searching to the gap limit ({@link MilpEffort#PROVE}). */
  public SolverOptions(
      double timeLimitSeconds,
      double relativeGapLimit,
      boolean milpWhenBinariesBreak,
      double epsilonEur,
      int decompositionMinHouseholds,
      int milpMaxBinaries,
      boolean pooling,
      boolean poolIdenticalBatteries) {
    this(
        timeLimitSeconds,
        relativeGapLimit,
        milpWhenBinariesBreak,
        epsilonEur,
        decompositionMinHouseholds,
        milpMaxBinaries,
        pooling,
        poolIdenticalBatteries,
        MilpEffort.PROVE);
  }

  /**
   * Options with the exact pooling on and the pooling of identical batteries (an approximation,
   * opt-in) off.
   */
  public SolverOptions(
      double timeLimitSeconds,
      double relativeGapLimit,
      boolean milpWhenBinariesBreak,
      double epsilonEur,
      int decompositionMinHouseholds,
      int milpMaxBinaries) {
    this(
        timeLimitSeconds,
        relativeGapLimit,
        milpWhenBinariesBreak,
        epsilonEur,
        decompositionMinHouseholds,
        milpMaxBinaries,
        true,
        false);
  }

  /** Options with the default SCIP binary limit. */
  public SolverOptions(
      double timeLimitSeconds,
      double relativeGapLimit,
      boolean milpWhenBinariesBreak,
      double epsilonEur,
      int decompositionMinHouseholds) {
    this(
        timeLimitSeconds,
        relativeGapLimit,
        milpWhenBinariesBreak,
        epsilonEur,
        decompositionMinHouseholds,
        DEFAULT_MILP_MAX_BINARIES);
  }

  /** Options with the default decomposition threshold. */
  public SolverOptions(
      double timeLimitSeconds,
      double relativeGapLimit,
      boolean milpWhenBinariesBreak,
      double epsilonEur) {
    this(
        timeLimitSeconds,
        relativeGapLimit,
        milpWhenBinariesBreak,
        epsilonEur,
        DEFAULT_DECOMPOSITION_MIN_HOUSEHOLDS);
  }

  /** Whether the price decomposition (an approximation, opt-in) is in the plan. */
  public boolean decomposes() {
    return decompositionMinHouseholds != NEVER_DECOMPOSE;
  }

  /** The same options with another decomposition threshold. */
  public SolverOptions withDecompositionMinHouseholds(int households) {
    return new SolverOptions(
        timeLimitSeconds,
        relativeGapLimit,
        milpWhenBinariesBreak,
        epsilonEur,
        households,
        milpMaxBinaries,
        pooling,
        poolIdenticalBatteries,
        milpEffort);
  }

  /** The same options with another SCIP binary limit. */
  public SolverOptions withMilpMaxBinaries(int binaries) {
    return new SolverOptions(
        timeLimitSeconds,
        relativeGapLimit,
        milpWhenBinariesBreak,
        epsilonEur,
        decompositionMinHouseholds,
        binaries,
        pooling,
        poolIdenticalBatteries,
        milpEffort);
  }

  /** The same options with pooling on or off. */
  public SolverOptions withPooling(boolean on) {
    return new SolverOptions(
        timeLimitSeconds,
        relativeGapLimit,
        milpWhenBinariesBreak,
        epsilonEur,
        decompositionMinHouseholds,
        milpMaxBinaries,
        on,
        poolIdenticalBatteries,
        milpEffort);
  }

  /** The same options with pooling of identical batteries (in its regime) on or off. */
  public SolverOptions withPoolIdenticalBatteries(boolean on) {
    return new SolverOptions(
        timeLimitSeconds,
        relativeGapLimit,
        milpWhenBinariesBreak,
        epsilonEur,
        decompositionMinHouseholds,
        milpMaxBinaries,
        pooling,
        on,
        milpEffort);
  }

  /** The same options with another SCIP effort ({@link MilpEffort}). */
  public SolverOptions withMilpEffort(MilpEffort effort) {
    return new SolverOptions(
        timeLimitSeconds,
        relativeGapLimit,
        milpWhenBinariesBreak,
        epsilonEur,
        decompositionMinHouseholds,
        milpMaxBinaries,
        pooling,
        poolIdenticalBatteries,
        effort);
  }

  /**
   * Whether a community of this many intervals and battery members is in the battery-pooling
   * regime.
   */
  public boolean batteryPoolingRegime(int intervals, int batteryMembers) {
    return poolIdenticalBatteries
        && (long) intervals * batteryMembers > (long) BATTERY_POOLING_FACTOR * milpMaxBinaries;
  }

  public static SolverOptions defaults() {
    return new SolverOptions(30.0, 1e-4, true, 0.01);
  }
}
