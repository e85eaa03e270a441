package org.equigrid.market.clearing.engine;

import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.market.clearing.BinaryPairs;
import org.equigrid.market.clearing.ClearingModel;
import org.equigrid.market.clearing.ClearingRequest;
import org.equigrid.market.clearing.ClearingResult;
import org.equigrid.market.clearing.MilpEffort;
import org.equigrid.market.clearing.OrToolsModels;
import org.equigrid.market.clearing.ResultAssembly;
import org.equigrid.market.clearing.ScipRun;
import org.equigrid.market.clearing.SolveStatus;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.ortools.OrToolsNatives;

/**
 * The staged MILP, the reference solve: the whole request as one model, GLOP for the relaxation,
 * SCIP where the relaxation breaks a binary. Exact (within {@link
 * SolverOptions#relativeGapLimit()}; where a limit stops it the answer is FEASIBLE with its gap).
 *
 * <p>The LP relaxation (every binary in {@code [0, 1]}, see {@link ClearingModel}) is solved first
 * ({@link LpRelaxationEngine#relax}); its optimum is {@code lpBound}, and its flows are re-split
 * within each weight class ({@link ResultAssembly#splitTies}). Only if a battery household then
 * charges and discharges, or draws and gives ({@link BinaryPairs#breaksDirection}), at once
 * somewhere (both above {@value BinaryPairs#BREAK_KWH} kWh) does the MILP stage run: first a
 * rounding (each broken pair keeps the direction of its net flow, the sign of {@code L + ch − G −
 * dis}, with a consistent battery direction; from the second pass on every other pair that takes a
 * direction keeps it too ({@link BinaryPairs#keepTaken}); if a re-solve is infeasible every fixed
 * pair takes the direction that admits an idle battery; the LP is re-solved from its basis until
 * nothing breaks; weighted LPs are solved without presolve so that these re-solves are warm); if
 * that schedule is within the gap limit of the LP bound it is the answer, otherwise SCIP solves the
 * MILP with binaries on every interval of the households whose pairs broke (the rounded schedule as
 * a hint, the one-meter rows of those binaries in their convex-hull form, {@link ClearingModel};
 * above {@link SolverOptions#milpMaxBinaries()} binaries SCIP solves its root node alone, {@link
 * #SCIP_ROOT_ONLY}, and above {@value #ROOT_ONLY_FACTOR} times that it is skipped), adding pairs
 * that break in the MILP answer until none do: every MILP solved is a relaxation of the full one,
 * so an answer that breaks nothing is optimal for the full MILP. SCIP stops at the gap limit or at
 * a node limit ({@link #nodeLimit}: the budget per binary, smaller for models of many members), so
 * the answer does not depend on timing, and SCIP gets the model with every row's terms in one order
 * ({@link ScipRun#canonical}), so the same request gives the same bits; the time limit is only a
 * guard on CPU time, checked before each SCIP solve. Where a limit stops SCIP the answer is
 * FEASIBLE with its gap and the limit named in the reason; an answer of SCIP's at a limit that
 * breaks pairs of members without binaries is repaired (the LP re-solved with SCIP's directions,
 * its broken pairs rounded, {@link #SCIP_REPAIRED}); if SCIP found nothing better, the rounded
 * schedule stands. A schedule that still breaks a pair is never returned as a solution. A node cap
 * of {@link SolverOptions#milpEffort()} (opt-in) lowers every SCIP node limit; an answer it left
 * FEASIBLE has a reason starting with {@link MilpEffort#APPROXIMATION}.
 *
 * <p>Deferrable appliances (docs/model.md, "Flexible demand", F4): their start binaries are in [0,
 * 1] in every GLOP model and integer in every SCIP model. Where the relaxation (or a rounding or
 * repair re-solve) splits a start, that schedule is no answer: the request goes to the MILP stage,
 * whose every model has the starts integer; the rounding and the repair stand only where their
 * starts are whole. Thread-safe (every solve builds its own native models).
 */
public final class StagedMilpEngine implements ClearingEngine {

  private static final Logger LOG = LogManager.getLogger();

  /**
   * Reason of a FEASIBLE answer that is the rounded LP schedule because SCIP found none in time.
   */
  public static final String ROUNDED_FALLBACK =
      "SCIP found no schedule within the time limit; the rounded LP schedule stands, gap against the LP bound";

  /**
   * Reason of a FEASIBLE answer that is the rounded LP schedule because the MILP is too large for
   * SCIP.
   */
  public static final String SCIP_SKIPPED =
      "the rounded LP schedule stands, gap against the LP bound (SCIP skipped: ";

  /**
   * Reason prefix of a FEASIBLE answer that is SCIP's answer repaired: a limit stopped SCIP with a
   * schedule that breaks pairs of members without binaries, and those pairs were rounded.
   */
  public static final String SCIP_REPAIRED =
      "SCIP's answer at its limit, with the pairs it breaks rounded (LP re-solved with its"
          + " directions), gap against the best bound: ";

  /**
   * Reason prefix of an answer of SCIP's root node alone: the MILP of the broken pairs has more
   * than {@link SolverOptions#milpMaxBinaries()} binaries (up to {@value #ROOT_ONLY_FACTOR} times
   * that).
   */
  public static final String SCIP_ROOT_ONLY = "SCIP's root node only (";

  /**
   * Above {@link SolverOptions#milpMaxBinaries()} and up to this many times it, SCIP solves the
   * root node alone ({@link #ROOT_ONLY_SETTINGS}); above, it is skipped. Measured on S5 with 100
   * households (BENCHMARKS.md, "SCIP's root above the binary limit (session 13)"): 8 of 12 sampled
   * days of the year have 696–768 binaries, where the rounded schedule stood with a gap of 4.9–6.4
   * % against the LP bound.
   */
  static final int ROOT_ONLY_FACTOR = 2;

  /**
   * SCIP settings of a root-only solve, after {@link ScipRun#SCIP_SETTINGS}: three rounds of cuts
   * at the root (SCIP's default is as many as help; on the 720-binary day of year 15 that took 36
   * rounds and most of a minute before the feasibility pump ran) and no strong branching (the root
   * node ends at the node limit of 1, so its branching decision is never used).
   */
  static final String ROOT_ONLY_SETTINGS =
      "separating/maxroundsroot = 3\nbranching/relpscost/maxreliable = 0\n";

  /**
   * Reason prefix of a FEASIBLE MILP answer: a SCIP limit stopped it before it proved the gap
   * limit.
   */
  static final String MILP_LIMIT = "not proven optimal, gap against the best bound: ";

  /**
   * MILP rounds (solve, add the binaries of the pairs that broke) before the rounded schedule
   * stands.
   */
  static final int MAX_MILP_ROUNDS = 50;

  /** Rounding passes (fix directions, re-solve) before handing over to SCIP. */
  static final int MAX_ROUNDING_PASSES = 60;

  private final SolverOptions options;
  private final long nodeBudget;
  private final boolean scipAllowed;

  /**
   * @param nodeBudget the SCIP node budget ({@link SolverOptions#MILP_NODE_BUDGET}; {@link
   *     Long#MAX_VALUE}: SCIP stops only at the gap limit, the reference of the conformance suite)
   * @param scipAllowed without it the rounded schedule stands wherever the relaxation breaks a
   *     binary (the blocks of {@link BatteryPoolingEngine})
   */
  StagedMilpEngine(SolverOptions options, long nodeBudget, boolean scipAllowed) {
    this.options = options;
    this.nodeBudget = nodeBudget;
    this.scipAllowed = scipAllowed;
  }

  @Override
  public ClearingResult solve(ClearingRequest request) {
    OrToolsNatives.load();
    return new Run(request).solve();
  }

  @Override
  public Guarantee guarantee() {
    return Guarantee.EXACT;
  }

  @Override
  public String name() {
    return scipAllowed ? "staged MILP" : "staged MILP without SCIP";
  }

  /**
   * One solve: the LP relaxation (stage 1) and the rounding (stage 2a); its fields are the marks,
   * directions, LP bound and rounded schedule they hand on to the MILP stage ({@link MilpStage}),
   * which reads them and widens the marks.
   */
  final class Run {
    final ClearingRequest request;
    final Progress progress;
    final boolean[][] chargeBinary;
    final boolean[][] gridBinary;
    final byte[][] chargeDirection;
    final byte[][] gridDirection;
    double lpObjective;
    ClearingModel.RawSolution rounded;
    double roundedObjective = Double.NaN;
    double roundedGap = Double.NaN;

    Run(ClearingRequest request) {
      this.request = request;
      this.progress = new Progress(request, System.nanoTime(), options.epsilonEur());
      int memberCount = request.members().length;
      int intervals = request.day().intervals();
      chargeBinary = new boolean[memberCount][intervals];
      gridBinary = new boolean[memberCount][intervals];
      chargeDirection = new byte[memberCount][intervals];
      gridDirection = new byte[memberCount][intervals];
    }

    ClearingResult solve() {
      // Stage 1: the LP relaxation.
      long buildStart = System.nanoTime();
      try (ClearingModel model =
          OrToolsModels.open(request, "GLOP", null, null, null, false, false, epsilonEur())) {
        progress.buildSeconds += ResultAssembly.seconds(buildStart);
        // Weighted requests break binaries (measured on every weighted day): their LP is solved
        // without presolve, so that GLOP keeps the basis of the whole model and every rounding
        // pass re-solves from it. Cost-minimising ones rarely do and take the faster presolved
        // solve.
        MPSolverParameters lpParameters =
            isWeighted(request) ? OrToolsModels.warmParameters() : new MPSolverParameters();
        LpRelaxationEngine.Relaxed relaxed =
            LpRelaxationEngine.relax(request, model, lpParameters, progress, epsilonEur());
        if (relaxed.failure() != null) {
          return relaxed.failure();
        }
        lpObjective = relaxed.objectiveEur();
        int broken = BinaryPairs.markBroken(request, relaxed.schedule(), chargeBinary, gridBinary);
        // Appliance starts (docs/model.md, F4) that the relaxation splits leave no schedule to
        // round: the MILP stage takes them as integers.
        boolean fractionalStarts = model.fractionalStarts();
        if (broken == 0 && !fractionalStarts) {
          LOG.trace("LP relaxation is the answer");
          return progress.answer(relaxed.schedule(), SolveStatus.OPTIMAL, 0, "");
        }
        ClearingResult withinGap = fractionalStarts ? null : round(model, relaxed.schedule());
        if (withinGap != null) {
          return withinGap;
        }
      }
      return new MilpStage(this, options, nodeBudget, scipAllowed).solve();
    }

    private double epsilonEur() {
      return options.epsilonEur();
    }

    /**
     * Stage 2a, rounding: fixes each broken pair's direction from the LP (net charge or net
     * discharge, net import or net export) and re-solves from the last basis, until nothing breaks.
     * Returns the answer if the rounded schedule is within the gap limit of the LP bound, else null
     * (with {@link #rounded} set if the rounding found a schedule).
     */
    private ClearingResult round(ClearingModel model, ClearingModel.RawSolution lp) {
      ClearingModel.RawSolution current = lp;
      MPSolverParameters resolveParameters = OrToolsModels.warmParameters();
      for (int pass = 1; pass <= MAX_ROUNDING_PASSES; pass++) {
        int fixed =
            BinaryPairs.markDirections(
                request, current, chargeDirection, gridDirection, chargeBinary, gridBinary);
        if (fixed == 0) {
          // a re-solve that splits an appliance's start is no schedule
          rounded = model.fractionalStarts() ? null : current;
          break;
        }
        // From the second pass on, pairs that take a direction without breaking keep it, so that a
        // pass cannot break what the previous one left whole (BENCHMARKS.md, "The rounding keeps
        // the directions taken"). The first pass fixes the relaxation's broken pairs alone: its
        // warm re-solve is the cheapest, and the pairs it leaves whole are the relaxation's.
        int kept =
            pass == 1 ? 0 : BinaryPairs.keepTaken(request, current, chargeDirection, gridDirection);
        model.fixDirections(chargeDirection, gridDirection);
        MPSolver.ResultStatus status = progress.timedSolve(model, resolveParameters);
        LOG.trace("rounding pass {}: {} directions fixed, {} kept, {}", pass, fixed, kept, status);
        if (status != MPSolver.ResultStatus.OPTIMAL) {
          // The fixed directions contradict each other over the day (state of charge): every fixed
          // pair falls back to directions that allow an idle battery, which are always feasible.
          BinaryPairs.idleDirections(request, chargeDirection, gridDirection);
          model.fixDirections(chargeDirection, gridDirection);
          status = progress.timedSolve(model, resolveParameters);
          LOG.trace("rounding pass {} with idle-compatible directions: {}", pass, status);
          if (status != MPSolver.ResultStatus.OPTIMAL) {
            break;
          }
        }
        current = ResultAssembly.splitTies(request, model.values());
      }
      resolveParameters.delete();
      if (rounded == null) {
        return null;
      }
      double objective = model.solver().objective().value();
      double gap = Math.abs(objective - lpObjective) / Math.max(Math.abs(objective), 1e-9);
      roundedObjective = objective;
      roundedGap = gap;
      LOG.trace("rounded schedule: objective {}, LP bound {}, gap {}", objective, lpObjective, gap);
      if (gap <= options.relativeGapLimit()) {
        progress.milp(BinaryPairs.countTrue(chargeBinary) + BinaryPairs.countTrue(gridBinary));
        return progress.answer(rounded, SolveStatus.OPTIMAL, gap, "");
      }
      return null;
    }
  }

  /**
   * Members (after pooling) up to which a node's LP counts as one unit of the node budget: the
   * weighted s5 reference day of 30 households has 18 and keeps its limit ({@link
   * SolverOptions#MILP_NODE_BUDGET}).
   */
  static final int NODE_REFERENCE_MEMBERS = 20;

  /**
   * The node limit of one SCIP solve: {@link SolverOptions#milpNodeLimit(long, int)}, divided by
   * {@code (members / }{@value #NODE_REFERENCE_MEMBERS}{@code )³} above {@value
   * #NODE_REFERENCE_MEMBERS} members, never below {@link SolverOptions#MILP_MIN_NODES}; -1 (none)
   * for an unlimited budget. A node's cost grows with the members and the binaries: measured on the
   * weighted s5 days, about 3 ms a node at 18 members, 5 ms at 29 and 35–75 ms at 56
   * (BENCHMARKS.md, "Staged MILP at 100 households: repair and limits (session 9)"), so that with
   * the budget per binary alone the CPU-time guard, not the node limit, stopped SCIP at 100
   * households and the answer depended on the machine's speed; with the square of the ratio (241
   * nodes) the node limit stopped it, but at 30 CPU s, next to the guard. With the cube it stops at
   * 86 nodes there (528 binaries, 56 members).
   */
  static long nodeLimit(long budget, int binaries, int members) {
    long limit = SolverOptions.milpNodeLimit(budget, binaries);
    if (limit < 0 || members <= NODE_REFERENCE_MEMBERS) {
      return limit;
    }
    double scale = (double) members / NODE_REFERENCE_MEMBERS;
    return Math.max(SolverOptions.MILP_MIN_NODES, (long) (limit / (scale * scale * scale)));
  }

  /** {@code (objective − bound) / max(|objective|, 1e-9)}, never below 0. */
  static double gapToBound(double objective, double bound) {
    return Math.max(0, objective - bound) / Math.max(Math.abs(objective), 1e-9);
  }

  /** Whether some weight differs from 1 or the Rawlsian floor is in the model. */
  private static boolean isWeighted(ClearingRequest request) {
    for (double weight : request.weightByMember()) {
      if (weight != 1.0) {
        return true;
      }
    }
    return ClearingModel.hasFloor(request);
  }
}
