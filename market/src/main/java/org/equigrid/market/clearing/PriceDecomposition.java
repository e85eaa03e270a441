package org.equigrid.market.clearing;

import java.util.stream.IntStream;

/**
 * Price-based decomposition of the community clearing (DESIGN.md section 2, "Solving"):
 * Dantzig–Wolfe column generation. The master LP chooses, for every household, a convex combination
 * of schedules ("columns") it has proposed, subject to the coupling rows: pool balance per
 * interval, peak per interval and the Rawlsian floor. Its duals are prices: {@code π[t]} on pool
 * energy, {@code ψ[t]} on imports at the peak, {@code μ_i} on a protected household's cost. Each
 * household then answers with its cheapest schedule at those prices ({@link HouseholdBlock}, in
 * parallel); a schedule whose reduced cost is negative joins the master. This is the coordinator
 * and the bidders of the decentralised negotiation (section 7).
 *
 * <p>Stopping: the master objective is an upper bound, the master objective plus every household's
 * (non-positive) least reduced cost a lower bound (Lagrangian); the loop stops when they are within
 * {@link #TOLERANCE} relative, so the answer equals the monolithic LP optimum within that
 * tolerance. The negotiation's runs ({@link Run#Run(ClearingRequest, SolverOptions, double)}) stop
 * at their own certified gap and are stabilised (the grid takes the pool's imbalance at a price no
 * household beats, a first bound from the trading round, the smoothed duals projected on the box
 * those prices define; docs/negotiation.md).
 *
 * <p>Binaries: where the combined schedule charges and discharges, or imports and exports, at once,
 * the pair's direction is fixed by its net flow (as in the monolithic rounding pass): columns that
 * go the other way leave the master, the household's block forbids that direction, and column
 * generation continues. When no pair breaks, the schedule is feasible for the MILP; its gap is
 * measured against the LP bound of the first phase. Price-and-branch (opt-in, {@link
 * Run#integerColumns}) instead asks the households for their exact MILP ({@link HouseholdMilp}),
 * certifies the Dantzig–Wolfe bound, and ends with the restricted master as an integer program
 * ({@link RestrictedMasterIp}, SCIP) and diving passes (docs/negotiation.md, "Price-and-branch").
 *
 * <p>This class is the public face; the machinery is package-private beside it, one piece each: the
 * state machine ({@link DecompositionRun}) and its phases of column generation ({@link
 * ColumnGeneration}), the master LP ({@link MasterLp}) and its columns ({@link ColumnPool}), the
 * pricing problems ({@link PricingCalls}) and their stabilisation ({@link DualStabilisation}), the
 * stop and certification rule ({@link StopRule}), the rounding passes' fixed directions ({@link
 * DirectionFixes}), the restoration of a boxed master's imbalance ({@link ImbalanceRestoration},
 * {@link ScheduleObjective}) and price-and-branch ({@link PriceAndBranch}).
 */
public final class PriceDecomposition {

  /** Relative distance between the master (upper) and the Lagrangian (lower) bound at the end. */
  static final double TOLERANCE = 1e-9;

  private static final double NANOS = 1e9;

  private final SolverOptions options;

  /**
   * The certified gap between an upper and a lower bound of the same minimum: {@code (upper −
   * lower) / max(d, 1 EUR)}, {@code d} the smaller magnitude of the two when they have the same
   * sign, else 0. It bounds {@code (upper − optimum) / max(|optimum|, 1 EUR)}. Infinite when a
   * bound is missing (NaN or infinite).
   */
  public static double certifiedGap(double upper, double lower) {
    return StopRule.certifiedGap(upper, lower);
  }

  public PriceDecomposition(SolverOptions options) {
    this.options = options;
  }

  /**
   * What the decomposition found; {@code raw} is null if it failed (then {@code reason} says why).
   */
  public record Outcome(
      ClearingModel.RawSolution raw,
      SolveStatus status,
      double lpBound,
      double gap,
      double buildSeconds,
      double solveSeconds,
      boolean rounded,
      int fixedPairs,
      int rounds,
      int columns,
      String reason) {}

  /**
   * Runs the decomposition in process: the master's calls are answered by the households' blocks,
   * built here from the request's day and solved in parallel.
   */
  public Outcome solve(ClearingRequest request) {
    long buildStart = System.nanoTime();
    int n = request.members().length;
    HouseholdBlock[] blocks = new HouseholdBlock[n];
    HouseholdMilp[] milps = new HouseholdMilp[n];
    try (DecompositionRun run = new DecompositionRun(request, options, TOLERANCE, false, false)) {
      for (int k = 0; k < n; k++) {
        // integer columns (a request with appliances): each household answers its MILP
        if (run.integerColumns()) {
          milps[k] = new HouseholdMilp(request.day(), request.members()[k]);
        } else {
          blocks[k] = new HouseholdBlock(request.day(), request.members()[k]);
        }
      }
      double buildSeconds = (System.nanoTime() - buildStart) / NANOS;
      long solveStart = System.nanoTime();
      while (!run.done()) {
        HouseholdBlock.PricingCall[] calls = run.calls();
        HouseholdBlock.Column[] columns = new HouseholdBlock.Column[n];
        long pricingStart = System.nanoTime();
        IntStream.range(0, n)
            .parallel()
            .forEach(
                k -> {
                  if (calls[k] != null) {
                    columns[k] =
                        milps[k] != null ? milps[k].solve(calls[k]) : blocks[k].solve(calls[k]);
                  }
                });
        run.addPricingNanos(System.nanoTime() - pricingStart);
        run.answer(columns);
      }
      return run.outcome(buildSeconds, (System.nanoTime() - solveStart) / NANOS);
    } finally {
      for (HouseholdBlock block : blocks) {
        if (block != null) {
          block.close();
        }
      }
      for (HouseholdMilp milp : milps) {
        if (milp != null) {
          milp.close();
        }
      }
    }
  }

  /**
   * The coordinator's side of the decomposition as a state machine: {@link #calls} says what each
   * household is asked (its pricing problem), {@link #answer} takes the households' columns, until
   * {@link #done}. The phases: a first column without trading, a column at the bare pool prices,
   * column generation until the bounds meet, then (with {@link
   * SolverOptions#milpWhenBinariesBreak}) rounding passes that fix the broken directions, ask the
   * affected households for a fresh column and generate columns again. Deterministic: the same
   * answers give the same calls. (The machine itself is {@link DecompositionRun}.)
   */
  public static final class Run implements AutoCloseable {

    private final DecompositionRun run;

    /**
     * The master of {@code request}'s coalition; it reads the day's households only for who has a
     * battery and which intervals the pool is open in (the data every column reveals anyway).
     */
    public Run(ClearingRequest request, SolverOptions options) {
      run = new DecompositionRun(request, options, TOLERANCE, false, false);
    }

    /**
     * The master of {@code request}'s coalition that stops each phase when its certified gap {@code
     * (master − Lagrangian bound) / max(d, 1 EUR)} is at most {@code tolerance}, {@code d} being
     * the smaller of the two bounds' magnitudes when they have the same sign, else 0 (so the gap
     * bounds the master's distance to the LP optimum relative to {@code max(|optimum|, 1 EUR)}).
     * The in-process clearing uses {@link #TOLERANCE}.
     */
    public Run(ClearingRequest request, SolverOptions options, double tolerance) {
      run = new DecompositionRun(request, options, tolerance, true, false);
    }

    /**
     * As {@link #Run(ClearingRequest, SolverOptions, double)}; with {@code priceAndBranch} and an
     * objective that is not plain cost minimisation (weights or the Rawlsian floor), and {@link
     * SolverOptions#milpWhenBinariesBreak} on, the households answer their exact MILP and the run
     * ends with the restricted master IP and its dives ({@link #integerColumns}).
     */
    public Run(
        ClearingRequest request, SolverOptions options, double tolerance, boolean priceAndBranch) {
      run = new DecompositionRun(request, options, tolerance, true, priceAndBranch);
    }

    /**
     * Whether the households answer their exact MILP (price-and-branch, opt-in): runs of a weighted
     * objective or one with the Rawlsian floor, when {@link SolverOptions#milpWhenBinariesBreak} is
     * on. Cost minimisation and the in-process clearing keep the relaxed columns and the rounding
     * passes.
     */
    public boolean integerColumns() {
      return run.integerColumns();
    }

    /** Whether the run has ended (with a solution or a {@link #failure}). */
    public boolean done() {
      return run.done();
    }

    /** Why the run failed, or null. */
    public String failure() {
      return run.failure();
    }

    /** What each member is asked now (member order); null for a member not asked this round. */
    public HouseholdBlock.PricingCall[] calls() {
      return run.calls();
    }

    /**
     * The master objective (an upper bound of the phase's LP), NaN before the first master solve.
     */
    public double objective() {
      return run.objective();
    }

    /** The best Lagrangian bound of the current phase (a lower bound of the LP optimum). */
    public double lowerBound() {
      return run.lowerBound();
    }

    /**
     * The pool duals {@code π[t]} households were last priced at (zeros before the first master
     * solve).
     */
    public double[] poolDual() {
      return run.poolDual();
    }

    /** Master solves so far. */
    public int masterRounds() {
      return run.masterRounds();
    }

    /**
     * The households' combined schedules, {@code [flow][member][t]} (flow indices of {@link
     * HouseholdBlock}): the master's current solution, the last phase's end after a rounding pass
     * began, or null when the master has no solution yet.
     */
    public double[][][] schedules() {
      ClearingModel.RawSolution r = run.schedules();
      return r == null
          ? null
          : new double[][][] {
            r.imp(), r.exp(), r.buy(), r.sell(), r.cur(), r.ch(), r.dis(), r.soc(), r.evOrZero()
          };
    }

    /**
     * The members' answers to {@link #calls} (null where not asked; null where asked means the
     * household has no schedule, which fails the run).
     */
    public void answer(HouseholdBlock.Column[] columns) {
      run.answer(columns);
    }

    /** Whether the answer is certified optimal for the LP (no rounding) or within the gap limit. */
    public boolean certified() {
      return run.certified();
    }

    /** The LP bound of the first phase (NaN before it ends). */
    public double lpBound() {
      return run.lpBound();
    }

    /**
     * The certified gap of the current phase: {@code (master − bound) / max(d, 1 EUR)}, {@code d}
     * the smaller magnitude of the two bounds when they have the same sign, else 0; infinite before
     * a bound.
     */
    public double certifiedGap() {
      return run.certifiedGap();
    }

    @Override
    public void close() {
      run.close();
    }
  }
}
