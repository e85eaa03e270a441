package org.equigrid.market.clearing;

import com.google.ortools.linearsolver.MPSolver;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One phase of column generation in {@link DecompositionRun}: solve the master ({@link MasterLp}),
 * price every household at its (stabilised, {@link DualStabilisation}) duals, take the columns of
 * negative reduced cost, until the stop rule ({@link StopRule}) says the bounds met. With the grid
 * open (boxed runs) a phase ends only with the pool balanced: the imbalance moved onto the
 * households ({@link ImbalanceRestoration}) or the grid closed for the rest of the phase. Keeps the
 * bounds: the master objective (upper) and the best Lagrangian bound (lower).
 */
final class ColumnGeneration {

  private static final Logger LOG = LogManager.getLogger();

  /** Column generation rounds per phase before giving up. */
  static final int MAX_ROUNDS = 400;

  /** Imbalance (kWh, summed over the intervals) below which the pool counts as balanced. */
  static final double BALANCED_KWH = 1e-7;

  /**
   * What a step left: the households' calls for the next round are set ({@link #NEXT_ROUND}), the
   * phase converged, or the run failed ({@link #failure} says why).
   */
  enum Step {
    NEXT_ROUND,
    CONVERGED,
    FAILED
  }

  private final DecompositionData data;
  private final MasterLp master;
  private final PricingCalls pricing;
  private final DualStabilisation stabilisation;
  private final boolean boxed;
  private final double tolerance;
  private final HouseholdBlock.PricingCall[] calls;
  private double objective = Double.NaN;
  private double lowerBound = Double.NEGATIVE_INFINITY;
  private double initialBound = Double.NaN;
  private int rounds;
  private int roundInPhase;
  private boolean smooth;
  private boolean afterFixes;
  private long masterNanos;
  private MasterLp.Duals duals;
  private double[] convexityDual;
  private DualStabilisation.PricePoint point;
  private String failure;

  /** Column generation on {@code master}, writing the households' calls into {@code calls}. */
  ColumnGeneration(
      DecompositionData data,
      MasterLp master,
      PricingCalls pricing,
      boolean boxed,
      double tolerance,
      HouseholdBlock.PricingCall[] calls) {
    this.data = data;
    this.master = master;
    this.pricing = pricing;
    this.stabilisation = new DualStabilisation(data, master, boxed);
    this.boxed = boxed;
    this.tolerance = tolerance;
    this.calls = calls;
  }

  double objective() {
    return objective;
  }

  void setObjective(double objective) {
    this.objective = objective;
  }

  double lowerBound() {
    return lowerBound;
  }

  void setLowerBound(double lowerBound) {
    this.lowerBound = lowerBound;
  }

  /** Master solves so far. */
  int rounds() {
    return rounds;
  }

  long masterNanos() {
    return masterNanos;
  }

  String failure() {
    return failure;
  }

  /** The pool duals households were last priced at (zeros before the first master solve). */
  double[] poolDual() {
    return point == null ? new double[data.intervals()] : point.duals().pool().clone();
  }

  /**
   * {@code π = 0}, {@code μ = 0}, {@code ψ = πpk/T} in boxed runs (else 0): the bare pool prices
   * the households answer before the first master.
   */
  MasterLp.Duals bareDuals() {
    double[] zero = new double[data.intervals()];
    return new MasterLp.Duals(
        zero, boxed ? stabilisation.initialPeakDual() : zero, new double[data.memberCount()]);
  }

  /**
   * The households' answers at {@link #bareDuals}: without the floor row (boxed runs) that point is
   * dual feasible, so its Lagrangian is a lower bound, and the point the first smoothed round
   * starts from.
   */
  void bareAnswers(HouseholdBlock.Column[] columns) {
    if (boxed && !ClearingModel.hasFloor(data.request())) {
      MasterLp.Duals bare = bareDuals();
      double bound = 0;
      for (int k = 0; k < data.memberCount(); k++) {
        bound += pricing.value(columns[k], k, bare);
      }
      initialBound = bound;
    }
  }

  /**
   * Column generation from scratch (new bounds) after the start ({@code pass} 0) or a rounding pass
   * or dive.
   */
  Step begin(int pass) {
    afterFixes = pass > 0;
    smooth = true;
    roundInPhase = 0;
    if (boxed) {
      master.setGridOpen(true);
      if (pass > 0) {
        // Fixing directions restricts the households' rows, so the LP optimum can only rise: the
        // first phase's bound stays a lower bound, and its best dual point a good centre.
        return prepareRound();
      }
    }
    lowerBound = Double.NEGATIVE_INFINITY;
    stabilisation.clearCentre();
    if (pass == 0 && Double.isFinite(initialBound)) {
      lowerBound = initialBound;
      stabilisation.moveCentre(
          new MasterLp.Duals(
              new double[data.intervals()],
              stabilisation.initialPeakDual(),
              new double[data.memberCount()]));
    }
    return prepareRound();
  }

  private Step fail(String reason) {
    failure = (afterFixes ? "after fixing directions: " : "") + reason;
    return Step.FAILED;
  }

  /**
   * Solves the master and prices every household at its duals, stabilised; a round that adds no
   * column prices at the master duals alone, which is plain Dantzig–Wolfe and always progresses.
   */
  private Step prepareRound() {
    if (roundInPhase >= MAX_ROUNDS) {
      return fail(
          "no convergence within "
              + MAX_ROUNDS
              + " rounds (gap "
              + (objective - lowerBound) / Math.max(1, Math.abs(objective))
              + ")");
    }
    rounds++;
    long masterStart = System.nanoTime();
    MPSolver.ResultStatus status = master.solve();
    masterNanos += System.nanoTime() - masterStart;
    if (status != MPSolver.ResultStatus.OPTIMAL) {
      return fail("the master LP returned " + status);
    }
    objective = master.objective();
    duals = master.duals();
    convexityDual = master.convexityDuals();
    point = stabilisation.point(duals, smooth);
    for (int k = 0; k < data.memberCount(); k++) {
      calls[k] = pricing.at(k, point.duals());
    }
    return Step.NEXT_ROUND;
  }

  /**
   * The households' columns at the priced point: the Lagrangian bound, new columns, the stop rule;
   * with the grid open, the imbalance restored or the grid closed before the phase ends.
   */
  Step priced(HouseholdBlock.Column[] proposed) {
    MasterLp.Duals sep = point.duals();
    double lagrangian = 0;
    double[] reducedCost = new double[data.memberCount()];
    for (int k = 0; k < data.memberCount(); k++) {
      double priced = pricing.value(proposed[k], k, sep);
      reducedCost[k] = !point.stabilised() ? priced : pricing.value(proposed[k], k, duals);
      lagrangian += priced;
      if (master.hasFloorRow(k)) {
        lagrangian += sep.floor()[k] * data.request().standaloneCostEur()[k];
      }
    }
    if (lagrangian > lowerBound) {
      lowerBound = lagrangian;
      stabilisation.moveCentre(sep);
    }
    int added = 0;
    ColumnPool pool = master.columns();
    double threshold = -1e-9 * Math.max(1, Math.abs(objective)) / pool.groupCount();
    for (int g = 0; g < pool.groupCount(); g++) {
      double groupReducedCost = -convexityDual[g];
      for (int k : pool.groupMembers(g)) {
        groupReducedCost += reducedCost[k];
      }
      if (groupReducedCost < threshold) {
        master.addColumn(g, proposed);
        added++;
      }
    }
    double gap = StopRule.certifiedGap(objective, lowerBound);
    LOG.trace(
        "round {}: master {}, lower bound {}, gap {}, alpha {}, {} columns added",
        rounds,
        objective,
        lowerBound,
        gap,
        point.alpha(),
        added);
    boolean done = StopRule.phaseDone(gap, tolerance, added, point.stabilised());
    if (done && added > 0) {
      MPSolver.ResultStatus again = master.solve();
      if (again != MPSolver.ResultStatus.OPTIMAL) {
        return fail("the master LP returned " + again);
      }
      objective = master.objective();
    }
    if (done && master.imbalanceKwh() > BALANCED_KWH) {
      // The schedules with the imbalance moved onto the households are feasible: their
      // objective is an upper bound; if it is within the tolerance, the phase ends with them.
      ClearingModel.RawSolution restored =
          ImbalanceRestoration.restore(data, master, pool.combined());
      double restoredObjective =
          restored == null ? Double.NaN : ScheduleObjective.of(data, restored);
      if (StopRule.certifiedGap(restoredObjective, lowerBound) <= tolerance) {
        objective = restoredObjective;
        return Step.CONVERGED;
      }
    }
    if (done && master.imbalanceKwh() > BALANCED_KWH) {
      // The master still sends part of the pool to the grid and the households' schedules
      // cannot take it (a connection limit) or would cost too much: its objective is no upper
      // bound yet. Close the grid for the rest of the phase (plain Dantzig–Wolfe, always feasible
      // with the no-trade columns) and go on.
      master.setGridOpen(false);
      smooth = false;
      roundInPhase++;
      return prepareRound();
    }
    if (done) {
      return Step.CONVERGED;
    }
    // A smoothed round without a column mis-priced: the next one prices at the master duals.
    smooth = added > 0;
    roundInPhase++;
    return prepareRound();
  }
}
