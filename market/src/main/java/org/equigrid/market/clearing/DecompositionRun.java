package org.equigrid.market.clearing;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The coordinator's state machine behind {@link PriceDecomposition.Run}: the phases of the
 * decomposition and what each asks the households. A first column without trading, a column at the
 * bare pool prices, column generation until the bounds meet ({@link ColumnGeneration}), then either
 * rounding passes ({@link DirectionFixes}: fix the broken directions, ask the affected households
 * for a fresh column, generate columns again) or price-and-branch ({@link PriceAndBranch}). The
 * pieces: {@link MasterLp} and its {@link ColumnPool}, the prices ({@link PricingCalls}), the
 * answer's certificate ({@link StopRule}). Deterministic: the same answers give the same calls.
 */
final class DecompositionRun implements AutoCloseable {

  private static final Logger LOG = LogManager.getLogger();

  /** Rounding phases (fix directions, continue column generation). */
  static final int MAX_ROUNDING_PASSES = 60;

  private static final double NANOS = 1e9;

  private enum Phase {
    NO_TRADE,
    TRADING,
    GENERATE,
    FRESH,
    DONE
  }

  private final SolverOptions options;
  private final double tolerance;
  private final boolean integerColumns;
  private final boolean boxed;
  private final DecompositionData data;
  private final MasterLp master;
  private final DirectionFixes directions;
  private final PricingCalls pricing;
  private final ColumnGeneration generation;
  private final PriceAndBranch priceAndBranch;
  private final HouseholdBlock.PricingCall[] calls;
  private Phase phase = Phase.NO_TRADE;
  private String failure;
  private double lpBound = Double.NaN;
  private double lpObjective = Double.NaN;
  private int pass;
  private boolean rounded;
  private boolean[] touchedGroup;
  private ClearingModel.RawSolution raw;
  private long pricingNanos;

  /**
   * The master of {@code request}'s coalition (see {@link PriceDecomposition.Run}'s constructors):
   * {@code stabilise} for the negotiation's runs (the dual box), {@code priceAndBranch} for integer
   * columns where the objective is not plain cost minimisation.
   */
  DecompositionRun(
      ClearingRequest request,
      SolverOptions options,
      double tolerance,
      boolean stabilise,
      boolean priceAndBranch) {
    if (!(tolerance >= 0)) {
      throw new IllegalArgumentException("tolerance (" + tolerance + ") must be >= 0");
    }
    this.tolerance = Math.max(tolerance, PriceDecomposition.TOLERANCE);
    this.boxed = stabilise;
    this.options = options;
    this.data = DecompositionData.of(request);
    this.integerColumns =
        data.hasAppliances()
            || priceAndBranch && options.milpWhenBinariesBreak() && !data.costMinimising();
    this.master = new MasterLp(data, options, boxed);
    this.directions = new DirectionFixes(data);
    this.pricing = new PricingCalls(data, directions);
    this.priceAndBranch = new PriceAndBranch(data, options, this.tolerance);
    calls = new HouseholdBlock.PricingCall[data.memberCount()];
    this.generation = new ColumnGeneration(data, master, pricing, boxed, this.tolerance, calls);
    for (int k = 0; k < data.memberCount(); k++) {
      calls[k] = pricing.first(k);
    }
  }

  boolean integerColumns() {
    return integerColumns;
  }

  boolean done() {
    return phase == Phase.DONE;
  }

  String failure() {
    return failure;
  }

  HouseholdBlock.PricingCall[] calls() {
    return calls.clone();
  }

  double objective() {
    return generation.objective();
  }

  double lowerBound() {
    return generation.lowerBound();
  }

  double lpBound() {
    return lpBound;
  }

  int masterRounds() {
    return generation.rounds();
  }

  void addPricingNanos(long nanos) {
    pricingNanos += nanos;
  }

  /** The pool duals households were last priced at (zeros before the first master solve). */
  double[] poolDual() {
    return generation.poolDual();
  }

  /**
   * The master's current solution, the last phase's end after a rounding pass began, or null when
   * the master has no solution yet.
   */
  ClearingModel.RawSolution schedules() {
    return phase != Phase.DONE && master.current() ? combined() : raw;
  }

  /** The members' answers to {@link #calls}; see {@link PriceDecomposition.Run#answer}. */
  void answer(HouseholdBlock.Column[] columns) {
    if (phase == Phase.DONE) {
      throw new IllegalStateException("the decomposition has ended");
    }
    for (int k = 0; k < data.memberCount(); k++) {
      if (calls[k] != null && columns[k] == null) {
        fail(
            switch (phase) {
              case NO_TRADE -> "household " + data.id(k) + " has no schedule without trading";
              case TRADING -> "household " + data.id(k) + " has no schedule";
              case FRESH -> "a household has no schedule with the fixed directions";
              default -> "the pricing problem of household " + data.id(k) + " is infeasible";
            });
        return;
      }
    }
    switch (phase) {
      case NO_TRADE -> {
        addToEveryBlock(columns);
        // And every household's choice at the bare pool prices (no coupling price yet): columns
        // that trade, so the first master is not stuck at the no-trade corner. The peak charge is
        // spread evenly over the intervals (a feasible peak dual), so these answers also give a
        // first Lagrangian bound and stability centre.
        MasterLp.Duals bare = generation.bareDuals();
        for (int k = 0; k < data.memberCount(); k++) {
          calls[k] = pricing.at(k, bare);
        }
        phase = Phase.TRADING;
      }
      case TRADING -> {
        addToEveryBlock(columns);
        generation.bareAnswers(columns);
        beginPhase();
      }
      case GENERATE -> after(generation.priced(columns));
      case FRESH -> {
        for (int g = 0; g < master.columns().groupCount(); g++) {
          if (touchedGroup[g]) {
            master.addColumn(g, columns);
          }
        }
        beginPhase();
      }
      default -> throw new IllegalStateException("phase " + phase);
    }
  }

  private void addToEveryBlock(HouseholdBlock.Column[] columns) {
    for (int g = 0; g < master.columns().groupCount(); g++) {
      master.addColumn(g, columns);
    }
  }

  private void fail(String reason) {
    failure = reason;
    end();
  }

  private void end() {
    phase = Phase.DONE;
    java.util.Arrays.fill(calls, null);
  }

  /** Column generation from scratch (new bounds) after the start, a rounding pass or a dive. */
  private void beginPhase() {
    after(generation.begin(pass));
  }

  private void after(ColumnGeneration.Step step) {
    switch (step) {
      case NEXT_ROUND -> phase = Phase.GENERATE;
      case CONVERGED -> phaseConverged();
      case FAILED -> fail(generation.failure());
    }
  }

  /**
   * The bounds met: keep the LP bound of the first phase, then round the broken directions (or
   * price-and-branch) or end.
   */
  private void phaseConverged() {
    if (pass == 0) {
      lpBound = generation.lowerBound();
      lpObjective = generation.objective();
    }
    if (integerColumns) {
      solveRestrictedMasterIp();
      return;
    }
    raw = ResultAssembly.splitTies(data.request(), combined());
    if (!options.milpWhenBinariesBreak()) {
      end();
      return;
    }
    if (pass > 0) {
      LOG.trace("rounding pass {}: objective {}", pass, generation.objective());
    }
    if (pass == MAX_ROUNDING_PASSES) {
      if (directions.countBroken(raw) > 0) {
        fail("pairs still break after " + pass + " rounding passes");
      } else {
        end();
      }
      return;
    }
    if (fixBrokenDirections(raw) == 0) {
      end();
      return;
    }
    rounded = true;
    pass++;
    phase = Phase.FRESH;
  }

  /**
   * The households' schedules: each the master's convex combination of its columns, with the
   * imbalance the master sends to the grid moved onto the households where the connection limits
   * allow.
   */
  private ClearingModel.RawSolution combined() {
    ClearingModel.RawSolution mix = master.columns().combined();
    ClearingModel.RawSolution restored = ImbalanceRestoration.restore(data, master, mix);
    return restored == null ? mix : restored;
  }

  /**
   * Fixes the direction of every pair that breaks in {@code raw} by its net flow, drops columns
   * that go the other way and gives each affected household a fresh column that respects the fixed
   * directions (so every household keeps one). Returns how many pairs it fixed.
   */
  private int fixBrokenDirections(ClearingModel.RawSolution raw) {
    boolean[] touched = new boolean[data.memberCount()];
    int fixed = directions.fixBroken(raw, touched);
    if (fixed == 0) {
      return 0;
    }
    master.changed();
    ColumnPool pool = master.columns();
    touchedGroup = new boolean[pool.groupCount()];
    for (int k = 0; k < data.memberCount(); k++) {
      touchedGroup[pool.groupOf(k)] |= touched[k];
    }
    pool.closeColumns(touchedGroup, directions::violates);
    for (int k = 0; k < data.memberCount(); k++) {
      calls[k] = touchedGroup[pool.groupOf(k)] ? pricing.noTrade(k) : null;
    }
    return fixed;
  }

  /**
   * Price-and-branch's last step: the restricted master IP over every member's columns; its
   * schedule is kept if it is the best so far, then the run ends or dives.
   */
  private void solveRestrictedMasterIp() {
    PriceAndBranch.IpAnswer answer = priceAndBranch.solve(master, pass, lpBound);
    if (answer.failure() != null) {
      fail(answer.failure());
      return;
    }
    rounded = true;
    raw = priceAndBranch.best();
    generation.setObjective(priceAndBranch.bestObjective());
    if (StopRule.certifiedGap(generation.objective(), lpBound) <= tolerance
        || pass >= PriceAndBranch.MAX_DIVES) {
      // The answer's bound is the first phase's (of the whole MILP), not a dive's own.
      generation.setLowerBound(lpBound);
      end();
    } else {
      dive(answer.flows(), answer.starts());
    }
  }

  /**
   * A diving step: fixes each battery member's directions where the IP's schedule {@code flows}
   * uses them (idle intervals stay free) and each appliance's start as the IP chose it ({@code
   * starts}), drops the columns against them, adds that schedule as a column (the master then
   * starts from it, feasible) and generates columns again; the households' MILPs respect the fixes.
   * The phase ends with another restricted master IP.
   */
  private void dive(double[][][] flows, int[][] starts) {
    directions.fixStarts(starts);
    directions.fixUsed(flows);
    master.columns().closeColumns(null, directions::violates);
    addToEveryBlock(PriceAndBranch.asColumns(flows, starts)); // the master is not current
    pass++;
    beginPhase();
  }

  /** The result after {@link #done}. */
  PriceDecomposition.Outcome outcome(double buildSeconds, double solveSeconds) {
    double objective = generation.objective();
    int rounds = generation.rounds();
    int fixedPairs = directions.fixedPairs();
    int columnCount = master.columns().columnCount();
    if (failure != null) {
      return new PriceDecomposition.Outcome(
          null,
          SolveStatus.ERROR,
          Double.NaN,
          Double.NaN,
          buildSeconds,
          solveSeconds,
          false,
          fixedPairs,
          rounds,
          columnCount,
          failure);
    }
    double gap = StopRule.roundingGap(objective, lpBound);
    SolveStatus status =
        !rounded || gap <= options.relativeGapLimit() ? SolveStatus.OPTIMAL : SolveStatus.FEASIBLE;
    String reason =
        status == SolveStatus.FEASIBLE
            ? "decomposition with rounded directions; gap against the LP bound (LP optimum "
                + lpObjective
                + ")"
            : "";
    LOG.debug(
        "decomposition of {} households: {} rounds, {} columns, LP {} (bound {}), final {}, {} fixed"
            + " pairs, master {} s, pricing {} s",
        data.memberCount(),
        rounds,
        columnCount,
        lpObjective,
        lpBound,
        objective,
        fixedPairs,
        generation.masterNanos() / NANOS,
        pricingNanos / NANOS);
    return new PriceDecomposition.Outcome(
        raw,
        status,
        lpBound,
        status == SolveStatus.OPTIMAL && !rounded ? 0 : gap,
        buildSeconds,
        solveSeconds,
        rounded,
        fixedPairs,
        rounds,
        columnCount,
        reason);
  }

  /** Whether the answer is certified optimal for the LP (no rounding) or within the gap limit. */
  boolean certified() {
    double objective = generation.objective();
    if (integerColumns) {
      return failure == null
          && phase == Phase.DONE
          && StopRule.certifiedGap(objective, lpBound) <= tolerance;
    }
    return failure == null
        && phase == Phase.DONE
        && (!rounded || StopRule.roundingGap(objective, lpBound) <= options.relativeGapLimit());
  }

  /** The certified gap of the current phase; infinite before a bound. */
  double certifiedGap() {
    return StopRule.certifiedGap(generation.objective(), generation.lowerBound());
  }

  @Override
  public void close() {
    master.close();
  }
}
