package org.equigrid.market.clearing;

import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.ortools.OrToolsNatives;

/**
 * Builds and solves the clearing LP/MILP of one coalition with OR-Tools: GLOP for the relaxation,
 * SCIP where the relaxation breaks a binary.
 *
 * <p>The LP relaxation (every binary in {@code [0, 1]}, see {@link ClearingModel}) is solved first;
 * its optimum is {@code lpBound}, and its flows are re-split within each weight class ({@link
 * #splitTies}). Only if a battery household then charges and discharges, or draws and gives ({@link
 * #breaksDirection}), at once somewhere (both above {@value #BREAK_KWH} kWh) does the MILP stage
 * run: first a rounding (each broken pair keeps the direction of its net flow, the sign of {@code L
 * + ch − G − dis}, with a consistent battery direction; if a re-solve is infeasible every fixed
 * pair takes the direction that admits an idle battery; the LP is re-solved from its basis until
 * nothing breaks; weighted LPs are solved without presolve so that these re-solves are warm); if
 * that schedule is within the gap limit of the LP bound it is the answer, otherwise SCIP solves the
 * MILP with binaries on every interval of the households whose pairs broke (the rounded schedule as
 * a hint, the one-meter rows of those binaries in their convex-hull form, {@link ClearingModel};
 * skipped above {@link SolverOptions#milpMaxBinaries()} binaries), adding pairs that break in the
 * MILP answer until none do: every MILP solved is a relaxation of the full one, so an answer that
 * breaks nothing is optimal for the full MILP. SCIP stops at the gap limit or at a node limit
 * ({@link SolverOptions#milpNodeLimit}), so the answer does not depend on timing; the time limit is
 * only a guard on CPU time. Where a limit stops SCIP the answer is FEASIBLE with its gap and the
 * limit named in the reason; if SCIP found nothing better, the rounded schedule stands. A schedule
 * that still breaks a pair is never returned as a solution. Infeasibility is diagnosed by relaxing
 * one constraint family at a time ({@link ConstraintFamily} order) and naming the first whose
 * relaxation restores feasibility. Instances are thread-safe (every solve builds its own native
 * model).
 */
public final class CoalitionSolver {

  private static final Logger LOG = LogManager.getLogger();

  /** Simultaneity above this many kWh breaks a binary. */
  static final double BREAK_KWH = 1e-6;

  /** Values below this magnitude are reported as 0. */
  static final double CLIP_KWH = 1e-9;

  private static final double NANOS = 1e9;

  /**
   * Reason of a FEASIBLE answer that is the rounded LP schedule because SCIP found none in time.
   */
  static final String ROUNDED_FALLBACK =
      "SCIP found no schedule within the time limit; the rounded LP schedule stands, gap against the LP bound";

  /**
   * Reason of a FEASIBLE answer that is the rounded LP schedule because the MILP is too large for
   * SCIP.
   */
  static final String SCIP_SKIPPED =
      "the rounded LP schedule stands, gap against the LP bound (SCIP skipped: ";

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
  private final boolean shortcuts;
  private final boolean forceBatteryPooling;
  private final long nodeBudget;

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
    this.shortcuts = shortcuts;
    this.forceBatteryPooling = forceBatteryPooling;
    this.nodeBudget = nodeBudget;
  }

  /**
   * Solves the request; never throws for solver trouble, the report says what happened. A single
   * household without a battery is solved in closed form; coalitions of at least {@link
   * SolverOptions#decompositionMinHouseholds()} by {@link PriceDecomposition} (falling back to the
   * monolithic model if the decomposition fails); all others as one model. With {@link
   * SolverOptions#pooling()} (the default) and below the decomposition threshold, the members
   * without a battery, without a floor row and of the same weight are first merged into blocks
   * ({@link HouseholdPooling}: the same LP and MILP optimum), the blocks are solved as above and
   * their schedules split back into the members'; the report's reason then notes the pooling. The
   * decomposition is never handed blocks (its household subproblems take the tariff's connection
   * limits unscaled).
   *
   * <p>With {@link SolverOptions#poolIdenticalBatteries()} and in its regime ({@code intervals ×
   * battery members > }{@value SolverOptions#BATTERY_POOLING_FACTOR}{@code × milpMaxBinaries}:
   * where the unpooled solve would skip SCIP anyway), unprotected members with identical batteries
   * and initial states of charge are pooled too; the blocks are solved as above but without SCIP,
   * as the unpooled request would be (the rounded schedule stands). The LP bound stays exact, the
   * MILP is restricted to symmetric battery schedules, so the answer's gap is measured against the
   * LP bound alone (never against SCIP's bound of the pooled MILP): OPTIMAL only within {@link
   * SolverOptions#relativeGapLimit()}, FEASIBLE otherwise. If the pooled request has no solution,
   * the request is solved again without battery blocks.
   */
  public ClearingResult solve(ClearingRequest request) {
    OrToolsNatives.load();
    long start = System.nanoTime();
    if (options.pooling() && request.members().length < options.decompositionMinHouseholds()) {
      boolean batteries =
          forceBatteryPooling
              || options.batteryPoolingRegime(request.day().intervals(), batteryMembers(request));
      HouseholdPooling pooling = HouseholdPooling.of(request, batteries);
      if (pooling != null && pooling.batteryBlocks() > 0) {
        ClearingResult result = solvePooled(request, pooling, start);
        if (result != null && result.report().status().hasSolution()) {
          return result;
        }
        LOG.debug(
            "pooled request failed ({}); solving without battery blocks",
            result == null ? "a battery block's flows cannot be split" : result.report().reason());
        pooling = HouseholdPooling.of(request, false);
      }
      if (pooling != null) {
        ClearingResult result = solvePooled(request, pooling, start);
        if (result != null) {
          return result;
        }
        LOG.debug("a block's flows cannot be split; solving without pooling");
      }
    }
    return solveAsGiven(request, start, true);
  }

  private static int batteryMembers(ClearingRequest request) {
    int count = 0;
    for (int i : request.members()) {
      count += request.day().households().get(i).hasBattery() ? 1 : 0;
    }
    return count;
  }

  /**
   * The request on its blocks, then split into its members' schedules. With battery blocks the
   * status and gap are taken against the LP bound only (see {@link #solve}). Null when a block's
   * flows cannot be split into its members' (see {@link HouseholdPooling#split}).
   */
  private ClearingResult solvePooled(
      ClearingRequest request, HouseholdPooling pooling, long start) {
    LOG.trace("{}", pooling.note());
    // Battery blocks exist only where the unpooled MILP is above milpMaxBinaries: SCIP is skipped
    // there as it would be without pooling (measured at 1,000 households: SCIP on the pooled MILP
    // needs more than 20 s of its node LPs to improve the rounded schedule).
    ClearingResult blocks = solveAsGiven(pooling.pooled(), start, pooling.batteryBlocks() == 0);
    SolverReport r = blocks.report();
    if (!r.status().hasSolution()) {
      return blocks;
    }
    SolveStatus status = r.status();
    double gap = r.relativeGap();
    if (pooling.batteryBlocks() > 0 && Double.isFinite(r.lpBoundEur())) {
      gap = gapToBound(r.objectiveEur(), r.lpBoundEur());
      status = gap <= options.relativeGapLimit() ? SolveStatus.OPTIMAL : SolveStatus.FEASIBLE;
    }
    ClearingModel.RawSolution split = pooling.split(blocks.schedules());
    if (split == null) {
      return null;
    }
    String reason = SolverReport.joined(r.reason(), pooling.note());
    return finish(
        request,
        split,
        new SolverReport(
            status,
            Double.NaN,
            r.lpBoundEur(),
            gap,
            r.buildSeconds(),
            r.solveSeconds(),
            r.milpUsed(),
            r.binaryCount(),
            reason),
        start);
  }

  private ClearingResult solveAsGiven(ClearingRequest request, long start, boolean scipAllowed) {
    if (shortcuts && request.members().length == 1) {
      ClearingResult alone = StandaloneClosedForm.solve(request, this, start);
      if (alone != null) {
        return alone;
      }
    }
    if (request.members().length >= options.decompositionMinHouseholds()) {
      ClearingResult decomposed = solveDecomposed(request, start);
      if (decomposed != null) {
        return decomposed;
      }
    }
    return solveMonolithic(request, start, scipAllowed);
  }

  /** The decomposition's answer, or null if it failed (the caller falls back to one model). */
  ClearingResult solveDecomposed(ClearingRequest request, long start) {
    OrToolsNatives.load();
    PriceDecomposition.Outcome outcome = new PriceDecomposition(options).solve(request);
    if (outcome.raw() == null) {
      LOG.debug(
          "decomposition of {} households failed ({}); solving one model",
          request.members().length,
          outcome.reason());
      return null;
    }
    return finish(
        request,
        outcome.raw(),
        new SolverReport(
            outcome.status(),
            Double.NaN,
            outcome.lpBound(),
            outcome.gap(),
            outcome.buildSeconds(),
            outcome.solveSeconds(),
            outcome.rounded(),
            outcome.fixedPairs(),
            outcome.reason()),
        start);
  }

  /** The whole coalition as one model (LP, rounding, SCIP), whatever its size. */
  ClearingResult solveMonolithic(ClearingRequest request, long start) {
    return solveMonolithic(request, start, true);
  }

  /**
   * As {@link #solveMonolithic(ClearingRequest, long)}; without {@code scipAllowed} the rounded
   * schedule stands wherever the relaxation breaks a binary.
   */
  private ClearingResult solveMonolithic(ClearingRequest request, long start, boolean scipAllowed) {
    OrToolsNatives.load();
    Progress progress = new Progress(request, start);
    int memberCount = request.members().length;
    int intervals = request.day().intervals();

    // Stage 1: the LP relaxation.
    long buildStart = System.nanoTime();
    ClearingModel.RawSolution lp;
    double lpObjective;
    boolean[][] chargeBinary = new boolean[memberCount][intervals];
    boolean[][] gridBinary = new boolean[memberCount][intervals];
    byte[][] chargeDirection = new byte[memberCount][intervals];
    byte[][] gridDirection = new byte[memberCount][intervals];
    ClearingModel.RawSolution rounded = null;
    double roundedObjective = Double.NaN;
    double roundedGap = Double.NaN;
    try (ClearingModel model = newModel(request, "GLOP", null, null, null, false)) {
      progress.buildSeconds += seconds(buildStart);
      // Weighted requests break binaries (measured on every weighted day): their LP is solved
      // without presolve, so that GLOP keeps the basis of the whole model and every rounding pass
      // re-solves from it. Cost-minimising ones rarely do and take the faster presolved solve.
      MPSolverParameters lpParameters =
          options.milpWhenBinariesBreak() && isWeighted(request)
              ? warmParameters()
              : new MPSolverParameters();
      long solveStart = System.nanoTime();
      MPSolver.ResultStatus status = model.solver().solve(lpParameters);
      lpParameters.delete();
      progress.solveSeconds += seconds(solveStart);
      LOG.trace(
          "LP of {} members: {} variables, {} rows, {} in {} s",
          memberCount,
          model.solver().numVariables(),
          model.solver().numConstraints(),
          status,
          progress.solveSeconds);
      if (status != MPSolver.ResultStatus.OPTIMAL) {
        SolveStatus failure =
            status == MPSolver.ResultStatus.INFEASIBLE ? SolveStatus.INFEASIBLE : SolveStatus.ERROR;
        String reason =
            failure == SolveStatus.INFEASIBLE
                ? diagnoseInfeasibility(request)
                : "GLOP returned "
                    + status
                    + " on the LP relaxation ("
                    + model.solver().solverVersion()
                    + ")";
        return progress.failure(failure, reason);
      }
      lp = splitTies(request, model.values());
      lpObjective = model.solver().objective().value();
      progress.lpBound = lpObjective;
      int broken = markBroken(request, lp, chargeBinary, gridBinary);
      if (broken == 0 || !options.milpWhenBinariesBreak()) {
        LOG.trace("LP relaxation is the answer ({} broken pairs)", broken);
        return progress.answer(lp, SolveStatus.OPTIMAL, 0, "");
      }

      // Stage 2a: rounding. Fix each broken pair's direction from the LP (net charge or net
      // discharge, net import or net export) and re-solve from the last basis, until nothing
      // breaks.
      // A schedule within the gap limit of the LP bound is the answer without SCIP.
      ClearingModel.RawSolution current = lp;
      MPSolverParameters resolveParameters = warmParameters();
      for (int round = 1; round <= MAX_ROUNDING_PASSES; round++) {
        int fixed =
            markDirections(
                request, current, chargeDirection, gridDirection, chargeBinary, gridBinary);
        if (fixed == 0) {
          rounded = current;
          break;
        }
        model.fixDirections(chargeDirection, gridDirection);
        solveStart = System.nanoTime();
        status = model.solver().solve(resolveParameters);
        progress.solveSeconds += seconds(solveStart);
        LOG.trace("rounding pass {}: {} directions fixed, {}", round, fixed, status);
        if (status != MPSolver.ResultStatus.OPTIMAL) {
          // The fixed directions contradict each other over the day (state of charge): every fixed
          // pair falls back to directions that allow an idle battery, which are always feasible.
          idleDirections(request, chargeDirection, gridDirection);
          model.fixDirections(chargeDirection, gridDirection);
          solveStart = System.nanoTime();
          status = model.solver().solve(resolveParameters);
          progress.solveSeconds += seconds(solveStart);
          LOG.trace("rounding pass {} with idle-compatible directions: {}", round, status);
          if (status != MPSolver.ResultStatus.OPTIMAL) {
            break;
          }
        }
        current = splitTies(request, model.values());
      }
      resolveParameters.delete();
      if (rounded != null) {
        double objective = model.solver().objective().value();
        double gap = Math.abs(objective - lpObjective) / Math.max(Math.abs(objective), 1e-9);
        roundedObjective = objective;
        roundedGap = gap;
        int binaries = countTrue(chargeBinary) + countTrue(gridBinary);
        LOG.trace(
            "rounded schedule: objective {}, LP bound {}, gap {}", objective, lpObjective, gap);
        if (gap <= options.relativeGapLimit()) {
          progress.milp(binaries);
          return progress.answer(rounded, SolveStatus.OPTIMAL, gap, "");
        }
      }
    }

    // Stage 2: the MILP with binaries on every interval of the households whose pairs broke (SCIP's
    // answer would otherwise move their simultaneity to other intervals and need another round).
    // Every other pair keeps its rows with a relaxed δ, β in [0, 1], so each MILP is a relaxation
    // of the full one; an optimum of it that breaks no pair is optimal for the full MILP. Pairs
    // that break in its answer get their binaries and the MILP is solved again. SCIP stops at the
    // gap limit or its node limit (deterministic); the time limit is a guard on the CPU time of
    // this thread (SCIP's clock set to CPU time), so the machine's load does not change answers.
    int widened = widenedCount(chargeBinary) + widenedCount(gridBinary);
    if (rounded != null && (!scipAllowed || widened > options.milpMaxBinaries())) {
      LOG.trace(
          "SCIP skipped: {} binaries, limit {}, allowed {}",
          widened,
          options.milpMaxBinaries(),
          scipAllowed);
      String why =
          scipAllowed
              ? widened + " binaries > milpMaxBinaries " + options.milpMaxBinaries() + ")"
              : "battery blocks, where the MILP of the households is above milpMaxBinaries)";
      progress.milp(widened);
      return progress.answer(rounded, SolveStatus.FEASIBLE, roundedGap, SCIP_SKIPPED + why);
    }
    widenToHouseholds(chargeBinary);
    widenToHouseholds(gridBinary);
    long limitNanos = (long) (options.timeLimitSeconds() * NANOS);
    long milpStart = cpuNanos();
    for (int iteration = 1; ; iteration++) {
      long remainingMillis = (limitNanos - (cpuNanos() - milpStart)) / 1_000_000;
      int binaries = countTrue(chargeBinary) + countTrue(gridBinary);
      progress.milp(binaries);
      if ((remainingMillis <= 0 || iteration > MAX_MILP_ROUNDS) && rounded != null) {
        return progress.answer(rounded, SolveStatus.FEASIBLE, roundedGap, ROUNDED_FALLBACK);
      }
      if (remainingMillis <= 0 || iteration > MAX_MILP_ROUNDS) {
        return progress.failure(
            SolveStatus.TIME_LIMIT,
            "time limit of "
                + options.timeLimitSeconds()
                + " s or "
                + MAX_MILP_ROUNDS
                + " MILP rounds reached before the MILP found a schedule");
      }
      buildStart = System.nanoTime();
      try (ClearingModel model =
          newModel(request, "SCIP", chargeBinary, gridBinary, null, false, true)) {
        progress.buildSeconds += seconds(buildStart);
        MPSolver solver = model.solver();
        if (rounded != null) {
          model.hint(rounded, chargeDirection, gridDirection);
        }
        MilpOutcome outcome =
            solveMilp(solver, remainingMillis, SolverOptions.milpNodeLimit(nodeBudget, binaries));
        progress.solveSeconds += outcome.seconds();
        LOG.trace(
            "MILP round {}: {} binaries, {} in {} s",
            iteration,
            binaries,
            outcome.status(),
            outcome.seconds());
        MPSolver.ResultStatus status = outcome.status();
        if (status == MPSolver.ResultStatus.OPTIMAL || status == MPSolver.ResultStatus.FEASIBLE) {
          ClearingModel.RawSolution milp = model.values();
          double objective = solver.objective().value();
          double bound = Math.max(lpObjective, solver.objective().bestBound());
          double gap = gapToBound(objective, bound);
          int newlyBroken = markBroken(request, milp, chargeBinary, gridBinary);
          boolean proven = status == MPSolver.ResultStatus.OPTIMAL;
          if (newlyBroken > 0 && proven) {
            LOG.trace("MILP answer breaks {} more pairs; adding their binaries", newlyBroken);
            continue;
          }
          if (newlyBroken == 0 && rounded != null && roundedObjective < objective) {
            // SCIP stopped above the rounded schedule it was hinted: the rounded one stands.
            double roundedToBound = gapToBound(roundedObjective, bound);
            return progress.answer(
                rounded,
                roundedToBound <= options.relativeGapLimit()
                    ? SolveStatus.OPTIMAL
                    : SolveStatus.FEASIBLE,
                roundedToBound,
                ROUNDED_FALLBACK + " (" + outcome.limitHit(options) + ")");
          }
          if (newlyBroken == 0) {
            return progress.answer(
                milp,
                proven ? SolveStatus.OPTIMAL : SolveStatus.FEASIBLE,
                gap,
                proven ? "" : MILP_LIMIT + outcome.limitHit(options));
          }
          if (rounded != null) {
            // A limit was hit and SCIP's answer is not exclusive: it is no schedule; the rounded
            // one is.
            return progress.answer(
                rounded,
                SolveStatus.FEASIBLE,
                roundedGap,
                ROUNDED_FALLBACK
                    + " ("
                    + outcome.limitHit(options)
                    + "; SCIP's answer breaks "
                    + newlyBroken
                    + " more pairs)");
          }
          return progress.failure(
              SolveStatus.TIME_LIMIT,
              outcome.limitHit(options)
                  + " with "
                  + newlyBroken
                  + " pairs still simultaneous in SCIP's answer");
        } else if (status == MPSolver.ResultStatus.INFEASIBLE) {
          return progress.failure(
              SolveStatus.INFEASIBLE,
              "infeasible: no schedule avoids simultaneous charge/discharge or import/export"
                  + " (binaries), although the LP relaxation is feasible");
        } else if (rounded != null) {
          LOG.trace("SCIP returned {}; keeping the rounded schedule", status);
          return progress.answer(
              rounded,
              SolveStatus.FEASIBLE,
              roundedGap,
              ROUNDED_FALLBACK + " (SCIP: " + status + ", " + outcome.limitHit(options) + ")");
        } else if (status == MPSolver.ResultStatus.NOT_SOLVED) {
          return progress.failure(
              SolveStatus.TIME_LIMIT, outcome.limitHit(options) + " before SCIP found a schedule");
        } else {
          return progress.failure(
              SolveStatus.ERROR, "SCIP returned " + status + " (" + solver.solverVersion() + ")");
        }
      }
    }
  }

  /** What one SCIP solve returned and how long it took. */
  private record MilpOutcome(
      MPSolver.ResultStatus status,
      double seconds,
      double cpuSeconds,
      double limitSeconds,
      long nodeLimit) {

    /** Which limit stopped SCIP: the node limit (deterministic) or the CPU-time guard. */
    String limitHit(SolverOptions options) {
      return cpuSeconds >= 0.95 * limitSeconds
          ? "CPU-time guard of "
              + options.timeLimitSeconds()
              + " s reached: the answer depends on speed"
          : "SCIP node limit of " + nodeLimit + " reached (SolverOptions.MILP_NODE_BUDGET)";
    }
  }

  /**
   * SCIP settings of the staged MILP, chosen by measurement (BENCHMARKS.md, "Exact weighted
   * clearing at 100 households (session 7)"; the weighted s5 day of 30 households, 240 binaries,
   * CPU seconds to prove the 1e-4 gap): SCIP's defaults 24.5 s and 3,322 nodes. No restart after
   * the root ({@code presolving/maxrestarts = 0}: the restart re-ran presolve and the root cuts for
   * nothing, 13.6 s, 1,489 nodes); no cutting planes below the root ({@code separating/maxrounds =
   * 0}: the node LPs stay small, 11.0 s); no RENS and ALNS sub-MIPs at the root (2 s there, and the
   * rounded hint or an objective-guided dive finds the same schedules) and pseudo-costs trusted
   * after two strong-branching samples ({@code branching/relpscost/maxreliable = 2}): 7.5 s, 2,299
   * nodes. Every setting changes only how SCIP searches, never what it proves.
   */
  static final String SCIP_SETTINGS =
      "presolving/maxrestarts = 0\n"
          + "separating/maxrounds = 0\n"
          + "heuristics/rens/freq = -1\n"
          + "heuristics/alns/freq = -1\n"
          + "branching/relpscost/maxreliable = 2\n";

  /**
   * One SCIP solve with the deterministic limits (relative gap {@link
   * SolverOptions#relativeGapLimit()}, node limit {@link SolverOptions#milpNodeLimit}) and the
   * CPU-time guard {@link SolverOptions#timeLimitSeconds()} (what is left of it).
   */
  private MilpOutcome solveMilp(MPSolver solver, long remainingMillis, long nodeLimit) {
    solver.setTimeLimit(remainingMillis);
    solver.setSolverSpecificParametersAsString(
        "limits/nodes = " + nodeLimit + "\ntiming/clocktype = 1\n" + SCIP_SETTINGS);
    MPSolverParameters parameters = new MPSolverParameters();
    parameters.setDoubleParam(
        MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, options.relativeGapLimit());
    long cpuStart = cpuNanos();
    long wallStart = System.nanoTime();
    MPSolver.ResultStatus status = solver.solve(parameters);
    parameters.delete();
    return new MilpOutcome(
        status,
        seconds(wallStart),
        (cpuNanos() - cpuStart) / NANOS,
        remainingMillis / 1000.0,
        nodeLimit);
  }

  /**
   * The full MILP of the request (binaries on every battery and grid pair) in free MPS format, with
   * full double precision (see {@link MpsText}: OR-Tools' own exporter keeps six digits). The
   * objective has no constant term (the model is written without one), so nothing is lost; an
   * offset would be written as the objective row's RHS. Always the model of the request as given,
   * one block per member (never pooled): another solver on this file gives the same objective.
   */
  public String exportMps(ClearingRequest request) {
    OrToolsNatives.load();
    int memberCount = request.members().length;
    int intervals = request.day().intervals();
    boolean[][] all = new boolean[memberCount][intervals];
    for (boolean[] row : all) {
      java.util.Arrays.fill(row, true);
    }
    try (ClearingModel model = newModel(request, "SCIP", all, all, null, true)) {
      return MpsText.of(
          model.solver().exportModelToProto(), "equigrid_day" + request.day().dayIndex());
    }
  }

  /**
   * The LP relaxation of the request (no binaries) in free MPS format with full precision: the
   * problem the first stage solves (before pooling: one block per member), for benchmarks against a
   * bare solver.
   */
  public String exportLpMps(ClearingRequest request) {
    OrToolsNatives.load();
    try (ClearingModel model = newModel(request, "GLOP", null, null, null, true)) {
      return MpsText.of(
          model.solver().exportModelToProto(), "equigrid_lp_day" + request.day().dayIndex());
    }
  }

  /**
   * Solves the full MILP (binaries everywhere) directly with SCIP; for tests against the staged
   * solve.
   */
  ClearingResult solveFullMilp(ClearingRequest request) {
    OrToolsNatives.load();
    long start = System.nanoTime();
    int memberCount = request.members().length;
    int intervals = request.day().intervals();
    boolean[][] all = new boolean[memberCount][intervals];
    for (boolean[] row : all) {
      java.util.Arrays.fill(row, true);
    }
    try (ClearingModel model = newModel(request, "SCIP", all, all, null, false)) {
      MPSolver solver = model.solver();
      solver.setTimeLimit((long) (options.timeLimitSeconds() * 1000));
      MPSolverParameters parameters = new MPSolverParameters();
      parameters.setDoubleParam(
          MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, options.relativeGapLimit());
      MPSolver.ResultStatus status = solver.solve(parameters);
      parameters.delete();
      if (status != MPSolver.ResultStatus.OPTIMAL && status != MPSolver.ResultStatus.FEASIBLE) {
        return failed(
            request,
            new SolverReport(
                SolveStatus.ERROR,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                0,
                0,
                true,
                model.binaryCount(),
                "SCIP returned " + status),
            start);
      }
      double objective = solver.objective().value();
      double bound = solver.objective().bestBound();
      double gap = Math.abs(objective - bound) / Math.max(Math.abs(objective), 1e-9);
      return finish(
          request,
          model.values(),
          new SolverReport(
              status == MPSolver.ResultStatus.OPTIMAL ? SolveStatus.OPTIMAL : SolveStatus.FEASIBLE,
              Double.NaN,
              Double.NaN,
              gap,
              0,
              seconds(start),
              true,
              model.binaryCount(),
              ""),
          start);
    }
  }

  public SolverOptions options() {
    return options;
  }

  private ClearingModel newModel(
      ClearingRequest request,
      String solverId,
      boolean[][] chargeBinary,
      boolean[][] gridBinary,
      ConstraintFamily relaxed,
      boolean named) {
    return newModel(request, solverId, chargeBinary, gridBinary, relaxed, named, false);
  }

  private ClearingModel newModel(
      ClearingRequest request,
      String solverId,
      boolean[][] chargeBinary,
      boolean[][] gridBinary,
      ConstraintFamily relaxed,
      boolean named,
      boolean directionHull) {
    MPSolver solver = MPSolver.createSolver(solverId);
    if (solver == null) {
      throw new IllegalStateException("OR-Tools has no " + solverId + " solver in this build");
    }
    return new ClearingModel(
        request,
        solver,
        chargeBinary,
        gridBinary,
        relaxed,
        named,
        options.epsilonEur(),
        directionHull);
  }

  /**
   * The binaries the MILP would have with the marks widened to every interval of the members marked
   * somewhere: the size that {@link SolverOptions#milpMaxBinaries()} is compared with (the MILP
   * itself takes binaries only on the marked pairs).
   */
  private static int widenedCount(boolean[][] marks) {
    int count = 0;
    for (boolean[] row : marks) {
      for (boolean mark : row) {
        if (mark) {
          count += row.length;
          break;
        }
      }
    }
    return count;
  }

  /** Marks every interval of a member that has a mark in some interval. */
  private static void widenToHouseholds(boolean[][] marks) {
    for (boolean[] row : marks) {
      boolean any = false;
      for (boolean mark : row) {
        any |= mark;
      }
      if (any) {
        java.util.Arrays.fill(row, true);
      }
    }
  }

  /** {@code (objective − bound) / max(|objective|, 1e-9)}, never below 0. */
  private static double gapToBound(double objective, double bound) {
    return Math.max(0, objective - bound) / Math.max(Math.abs(objective), 1e-9);
  }

  /**
   * GLOP without presolve and with the dual simplex: after bound changes (fixed directions) it
   * re-solves from the previous basis instead of from scratch. Measured at 1,000 households: a
   * rounding pass takes 0.1–0.2 s instead of a full solve (20–100 s under load).
   */
  static MPSolverParameters warmParameters() {
    MPSolverParameters parameters = new MPSolverParameters();
    parameters.setIntegerParam(
        MPSolverParameters.IntegerParam.PRESOLVE,
        MPSolverParameters.PresolveValues.PRESOLVE_OFF.swigValue());
    parameters.setIntegerParam(
        MPSolverParameters.IntegerParam.LP_ALGORITHM,
        MPSolverParameters.LpAlgorithmValues.DUAL.swigValue());
    return parameters;
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

  /**
   * Whether one interval's flows draw ({@code imp} and the net purchase {@code max(0, buy − sell)})
   * and give ({@code exp}, the net sale {@code max(0, sell − buy)} and {@code cur}) at once, both
   * above {@value #BREAK_KWH} kWh: what one meter cannot do (DESIGN.md section 2b). A purchase and
   * a sale of the same interval are netted first ({@link #finish} does so), which keeps the pool
   * balance and the objective.
   */
  static boolean breaksDirection(double imp, double exp, double buy, double sell, double cur) {
    double draws = imp + Math.max(0, buy - sell);
    double gives = exp + Math.max(0, sell - buy) + cur;
    return Math.min(draws, gives) > BREAK_KWH;
  }

  /**
   * Marks the pairs of battery members where {@code min(ch, dis)} exceeds {@link #BREAK_KWH} or the
   * member draws and gives at once ({@link #breaksDirection}) and that have no binary yet; returns
   * how many it marked. Members without a battery cannot break (their direction is fixed by the
   * data; a pooled block may draw and give for different households).
   */
  private static int markBroken(
      ClearingRequest request,
      ClearingModel.RawSolution values,
      boolean[][] chargeBinary,
      boolean[][] gridBinary) {
    int marked = 0;
    for (int k = 0; k < chargeBinary.length; k++) {
      if (!request.day().households().get(request.members()[k]).hasBattery()) {
        continue;
      }
      for (int t = 0; t < chargeBinary[k].length; t++) {
        if (!chargeBinary[k][t] && Math.min(values.ch()[k][t], values.dis()[k][t]) > BREAK_KWH) {
          chargeBinary[k][t] = true;
          marked++;
        }
        if (!gridBinary[k][t]
            && breaksDirection(
                values.imp()[k][t],
                values.exp()[k][t],
                values.buy()[k][t],
                values.sell()[k][t],
                values.cur()[k][t])) {
          gridBinary[k][t] = true;
          marked++;
        }
      }
    }
    return marked;
  }

  /**
   * Gives every pair of a battery member that breaks in {@code values} and has no direction yet the
   * direction of its net flow (charge if {@code ηc·ch >= dis/ηd} and nothing is sold; draw if the
   * net position {@code imp + buy − exp − sell − cur = L + ch − G − dis} is at least 0), and marks
   * it for a binary; returns how many it fixed.
   */
  private static int markDirections(
      ClearingRequest request,
      ClearingModel.RawSolution values,
      byte[][] chargeDirection,
      byte[][] gridDirection,
      boolean[][] chargeBinary,
      boolean[][] gridBinary) {
    int fixed = 0;
    for (int k = 0; k < chargeDirection.length; k++) {
      Battery battery = request.day().households().get(request.members()[k]).battery();
      if (battery == null) {
        continue;
      }
      for (int t = 0; t < chargeDirection[k].length; t++) {
        double ch = values.ch()[k][t];
        double dis = values.dis()[k][t];
        if (chargeDirection[k][t] == 0 && Math.min(ch, dis) > BREAK_KWH) {
          boolean selling = values.sell()[k][t] > BREAK_KWH;
          boolean charging =
              !selling && battery.chargeEfficiency() * ch >= dis / battery.dischargeEfficiency();
          chargeDirection[k][t] = (byte) (charging ? 1 : -1);
          chargeBinary[k][t] = true;
          fixed++;
        }
        double imp = values.imp()[k][t];
        double exp = values.exp()[k][t];
        double buy = values.buy()[k][t];
        double sell = values.sell()[k][t];
        double cur = values.cur()[k][t];
        if (gridDirection[k][t] == 0 && breaksDirection(imp, exp, buy, sell, cur)) {
          double net = imp + buy - exp - sell - cur;
          byte direction = (byte) (net >= 0 ? 1 : -1);
          // A household that only gives while its load exceeds its PV must discharge, one that only
          // draws (and so does not curtail) while its PV exceeds its load must charge: keep the two
          // directions consistent, else the re-solve is infeasible.
          int i = request.members()[k];
          double load = request.day().loadKwh()[i][t];
          double pv = request.day().pvKwh()[i][t];
          byte needed =
              direction < 0 && load > pv ? (byte) -1 : direction > 0 && pv > load ? (byte) 1 : 0;
          if (needed != 0 && chargeDirection[k][t] == -needed) {
            direction = (byte) -direction; // the battery's direction is fixed already: follow it
          } else if (needed != 0 && chargeDirection[k][t] == 0) {
            chargeDirection[k][t] = needed;
            chargeBinary[k][t] = true;
            fixed++;
          }
          gridDirection[k][t] = direction;
          gridBinary[k][t] = true;
          fixed++;
        }
      }
    }
    return fixed;
  }

  /**
   * Replaces every fixed direction by one that admits an idle battery: draw where {@code L >= G}
   * (the battery may then only discharge), give where {@code G > L} (it may only charge). With the
   * battery idle the household draws {@code L − G} or gives {@code G − L}, so these directions
   * never make the rounding infeasible by themselves.
   */
  private static void idleDirections(
      ClearingRequest request, byte[][] chargeDirection, byte[][] gridDirection) {
    for (int k = 0; k < gridDirection.length; k++) {
      int i = request.members()[k];
      for (int t = 0; t < gridDirection[k].length; t++) {
        if (gridDirection[k][t] == 0 && chargeDirection[k][t] == 0) {
          continue;
        }
        boolean draws = request.day().loadKwh()[i][t] >= request.day().pvKwh()[i][t];
        gridDirection[k][t] = (byte) (draws ? 1 : -1);
        chargeDirection[k][t] = (byte) (draws ? -1 : 1);
      }
    }
  }

  private static int countTrue(boolean[][] flags) {
    int count = 0;
    for (boolean[] row : flags) {
      for (boolean flag : row) {
        count += flag ? 1 : 0;
      }
    }
    return count;
  }

  /**
   * Re-solves the LP with one family relaxed at a time; names the first that restores feasibility.
   */
  private String diagnoseInfeasibility(ClearingRequest request) {
    for (ConstraintFamily family : ConstraintFamily.values()) {
      try (ClearingModel model = newModel(request, "GLOP", null, null, family, false)) {
        MPSolver.ResultStatus status = model.solver().solve();
        LOG.trace("infeasibility diagnosis: without {} -> {}", family, status);
        if (status == MPSolver.ResultStatus.OPTIMAL) {
          return "infeasible: the "
              + family.label()
              + " cannot be met; relaxing it alone restores"
              + " feasibility"
              + detail(family, request, model.values());
        }
      }
    }
    return "infeasible: no single constraint family's relaxation restores feasibility";
  }

  private static String detail(
      ConstraintFamily family, ClearingRequest request, ClearingModel.RawSolution relaxed) {
    TradingDay day = request.day();
    double dt = day.intervalHours();
    double[][] flows;
    double limitKw;
    if (family == ConstraintFamily.IMPORT_LIMIT) {
      flows = relaxed.imp();
      limitKw = day.tariff().importLimitKw();
    } else if (family == ConstraintFamily.EXPORT_LIMIT) {
      flows = relaxed.exp();
      limitKw = day.tariff().exportLimitKw();
    } else {
      return "";
    }
    for (int k = 0; k < flows.length; k++) {
      for (int t = 0; t < flows[k].length; t++) {
        double memberLimitKw = limitKw * request.connectionScale(k);
        if (flows[k][t] > memberLimitKw * dt + 1e-6) {
          String id = day.households().get(request.members()[k]).id();
          return String.format(
              java.util.Locale.ROOT,
              " (household %s at interval %d needs %.3f kW, the limit is %.3f kW)",
              id,
              t,
              flows[k][t] / dt,
              memberLimitKw);
        }
      }
    }
    return "";
  }

  /** CPU time of this thread (ns); wall-clock time where the JVM cannot measure it. */
  private static long cpuNanos() {
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    return threads.isCurrentThreadCpuTimeSupported()
        ? threads.getCurrentThreadCpuTime()
        : System.nanoTime();
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / NANOS;
  }

  /** A result without schedules: the solve failed, {@code report} says how. */
  private ClearingResult failed(ClearingRequest request, SolverReport report, long start) {
    LOG.debug(
        "coalition of {} on day {}: {} ({}) in {} s",
        request.members().length,
        request.day().dayIndex(),
        report.status(),
        report.reason(),
        seconds(start));
    return new ClearingResult(
        report,
        request.poolPriceEurPerKwh(),
        List.of(),
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN);
  }

  /**
   * Nets buy/sell, clips tiny values, recomputes costs and the peak from the values; the report's
   * objective is recomputed too (the one given is ignored).
   */
  ClearingResult finish(
      ClearingRequest request, ClearingModel.RawSolution raw, SolverReport report, long start) {
    return assemble(request, splitTies(request, raw), report, start);
  }

  /**
   * What a monolithic solve has measured so far (build and solve seconds, the LP bound, whether the
   * MILP stage ran and with how many binaries), ended by {@link #answer} or {@link #failure}: the
   * fields every exit of {@link #solveMonolithic(ClearingRequest, long, boolean)} reports.
   */
  private final class Progress {
    private final ClearingRequest request;
    private final long start;
    double buildSeconds;
    double solveSeconds;
    double lpBound = Double.NaN;
    private boolean milpUsed;
    private int binaries;

    Progress(ClearingRequest request, long start) {
      this.request = request;
      this.start = start;
    }

    /** The MILP stage runs (rounding or SCIP) with this many binaries. */
    void milp(int binaryCount) {
      milpUsed = true;
      binaries = binaryCount;
    }

    private SolverReport report(SolveStatus status, double gap, String reason) {
      return new SolverReport(
          status, Double.NaN, lpBound, gap, buildSeconds, solveSeconds, milpUsed, binaries, reason);
    }

    ClearingResult answer(
        ClearingModel.RawSolution raw, SolveStatus status, double gap, String reason) {
      return finish(request, raw, report(status, gap, reason), start);
    }

    ClearingResult failure(SolveStatus status, String reason) {
      return failed(request, report(status, Double.NaN, reason), start);
    }
  }

  /**
   * Solves the request ({@link #solve}) and breaks the ties of its per-household costs ({@link
   * TieBreak}, docs/model.md "Ties"): the answer whose households' costs and bills are used. The
   * objective is unchanged (to 1e-9 relative); a coalition whose total alone matters needs only
   * {@link #solve}.
   */
  public ClearingResult solveDispatch(ClearingRequest request) {
    return breakTies(request, solve(request));
  }

  /**
   * {@code result} after the tie-break stage ({@link TieBreak}); unchanged where it does not apply.
   */
  ClearingResult breakTies(ClearingRequest request, ClearingResult result) {
    int memberCount = request.members().length;
    if (!result.report().status().hasSolution()
        || memberCount < 2
        || memberCount > TieBreak.MAX_MEMBERS) {
      return result;
    }
    OrToolsNatives.load();
    long start = System.nanoTime();
    ClearingModel.RawSolution raw = rawOf(result);
    TieBreak.Outcome tied =
        TieBreak.apply(
            request,
            raw,
            result.report().objectiveEur(),
            options.epsilonEur(),
            options.milpWhenBinariesBreak());
    if (tied == null) {
      LOG.debug("tie-break stage did not solve; the solver's split stands");
      SolverReport r = result.report();
      return result.withReport(
          new SolverReport(
              r.status(),
              r.objectiveEur(),
              r.lpBoundEur(),
              r.relativeGap(),
              r.buildSeconds(),
              r.solveSeconds() + seconds(start),
              r.milpUsed(),
              r.binaryCount(),
              SolverReport.joined(r.reason(), TieBreak.VERTEX_NOTE)));
    }
    SolverReport r = result.report();
    String reason =
        tied.answerDirections()
            ? SolverReport.joined(r.reason(), TieBreak.VERTEX_NOTE)
            : r.reason();
    return assemble(
        request,
        tied.values(),
        new SolverReport(
            r.status(),
            Double.NaN,
            r.lpBoundEur(),
            r.relativeGap(),
            r.buildSeconds(),
            r.solveSeconds() + seconds(start),
            r.milpUsed(),
            r.binaryCount(),
            reason),
        start);
  }

  private static ClearingModel.RawSolution rawOf(ClearingResult result) {
    int n = result.schedules().size();
    double[][][] values = new double[8][n][];
    for (int k = 0; k < n; k++) {
      HouseholdSchedule s = result.schedules().get(k);
      values[0][k] = s.importKwh();
      values[1][k] = s.exportKwh();
      values[2][k] = s.buyKwh();
      values[3][k] = s.sellKwh();
      values[4][k] = s.curtailKwh();
      values[5][k] = s.chargeKwh();
      values[6][k] = s.dischargeKwh();
      values[7][k] = s.socKwh();
    }
    return new ClearingModel.RawSolution(
        values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7]);
  }

  /**
   * Nets buy/sell, clips tiny values, recomputes costs, the peak and the objective from the values.
   */
  private ClearingResult assemble(
      ClearingRequest request, ClearingModel.RawSolution raw, SolverReport given, long start) {
    SolveStatus status = given.status();
    double lpBound = given.lpBoundEur();
    double gap = given.relativeGap();
    double buildSeconds = given.buildSeconds();
    double solveSeconds = given.solveSeconds();
    boolean milpUsed = given.milpUsed();
    int binaries = given.binaryCount();
    String reason = given.reason();
    TradingDay day = request.day();
    int intervals = day.intervals();
    double dt = day.intervalHours();
    double[] priceImp = day.tariff().importPriceEurPerKwh();
    double[] priceExp = day.tariff().exportPriceEurPerKwh();
    double[] pool = request.poolPriceEurPerKwh();
    int memberCount = request.members().length;
    List<HouseholdSchedule> schedules = new ArrayList<>(memberCount);
    double gridCost = 0;
    double weighted = 0;
    double[] importPerInterval = new double[intervals];
    double floor = Double.POSITIVE_INFINITY;
    for (int k = 0; k < memberCount; k++) {
      double[] buy = raw.buy()[k].clone();
      double[] sell = raw.sell()[k].clone();
      for (int t = 0; t < intervals; t++) {
        double both = Math.min(buy[t], sell[t]);
        if (both > 0) {
          buy[t] -= both;
          sell[t] -= both;
        }
      }
      double[] imp = clip(raw.imp()[k]);
      double[] exp = clip(raw.exp()[k]);
      buy = clip(buy);
      sell = clip(sell);
      double cost = 0;
      for (int t = 0; t < intervals; t++) {
        cost += priceImp[t] * imp[t] - priceExp[t] * exp[t] + pool[t] * (buy[t] - sell[t]);
        importPerInterval[t] += imp[t];
      }
      schedules.add(
          new HouseholdSchedule(
              request.members()[k],
              imp,
              exp,
              buy,
              sell,
              clip(raw.ch()[k]),
              clip(raw.dis()[k]),
              clip(raw.soc()[k]),
              clip(raw.cur()[k]),
              cost));
      gridCost += cost;
      weighted += request.weightByMember()[k] * cost;
      if (request.rawlsianStrengthEur() > 0
          && request.protectedMember()[k]
          && Double.isFinite(request.standaloneCostEur()[k])) {
        double standalone = request.standaloneCostEur()[k];
        floor =
            Math.min(
                floor, (standalone - cost) / Math.max(Math.abs(standalone), options.epsilonEur()));
      }
    }
    double peakKw = 0;
    for (int t = 0; t < intervals; t++) {
      peakKw = Math.max(peakKw, importPerInterval[t] / dt);
    }
    double peakCharge = day.tariff().peakChargeEurPerKw() * peakKw;
    double rawlsianFloor = ClearingModel.hasFloor(request) ? floor : Double.NaN;
    double objective =
        weighted
            + peakCharge
            - (Double.isNaN(rawlsianFloor) ? 0 : request.rawlsianStrengthEur() * rawlsianFloor);
    SolverReport report =
        new SolverReport(
            status,
            objective,
            lpBound,
            gap,
            buildSeconds,
            solveSeconds,
            milpUsed,
            binaries,
            reason);
    LOG.debug(
        "coalition of {} on day {}: {} objective {} EUR, cost {} EUR, peak {} kW, milp {} ({} binaries),"
            + " build {} s, solve {} s, total {} s",
        memberCount,
        day.dayIndex(),
        status,
        objective,
        gridCost + peakCharge,
        peakKw,
        milpUsed,
        binaries,
        buildSeconds,
        solveSeconds,
        seconds(start));
    return new ClearingResult(
        report,
        request.poolPriceEurPerKwh(),
        List.copyOf(schedules),
        peakKw,
        gridCost,
        peakCharge,
        rawlsianFloor);
  }

  /**
   * The tie-break of DESIGN.md section 2b: households of one weight often have many optimal splits
   * of the same totals, so their costs would depend on the vertex the solver returns. Every class
   * of members of one weight and without a floor row (where {@code z <= u_i} binds, a member's own
   * cost matters) has its grid and pool flows re-split in every interval by {@link
   * ProRataSplit#splitClass}: the class's import and purchases go to its members with a need, pro
   * rata to the need, its export and sales to those with a surplus, pro rata to the surplus left
   * after curtailment (curtailment of members without a battery pro rata to their surplus; a
   * battery member keeps its charge, discharge and curtailment as solved, its need or surplus is
   * {@code L + ch − G − dis + cur}). The class's totals, hence the objective, pool balance and
   * peak, are unchanged, and so is every member's physical net position; the costs of members
   * without a battery then depend only on the class totals. Import and export shares are capped at
   * each member's connection limit, the excess shared again among the others (water-filling); where
   * the limits cannot take the class totals, or a battery member curtails while it draws, that
   * class and interval keep the solver's split (documented fallback; then the binary checks see the
   * solver's split). The split also repairs the relaxation's ties: a battery member that imports
   * while another member of its class sells gets a schedule of one direction.
   */
  static ClearingModel.RawSolution splitTies(
      ClearingRequest request, ClearingModel.RawSolution raw) {
    TradingDay day = request.day();
    int memberCount = request.members().length;
    boolean floor = ClearingModel.hasFloor(request);
    java.util.Map<Double, List<Integer>> classes = new java.util.LinkedHashMap<>();
    for (int k = 0; k < memberCount; k++) {
      double weight = request.weightByMember()[k];
      boolean floorRow =
          floor && request.protectedMember()[k] && Double.isFinite(request.standaloneCostEur()[k]);
      if (!floorRow && Double.isFinite(weight)) {
        classes.computeIfAbsent(weight, w -> new ArrayList<>()).add(k);
      }
    }
    double[][] imp = copy(raw.imp());
    double[][] exp = copy(raw.exp());
    double[][] buy = copy(raw.buy());
    double[][] sell = copy(raw.sell());
    double[][] cur = copy(raw.cur());
    double dt = day.intervalHours();
    for (List<Integer> list : classes.values()) {
      int n = list.size();
      if (n < 2) {
        continue;
      }
      int[] members = list.stream().mapToInt(Integer::intValue).toArray();
      double[] need = new double[n];
      double[] surplus = new double[n];
      boolean[] battery = new boolean[n];
      double[] importCap = new double[n];
      double[] exportCap = new double[n];
      for (int m = 0; m < n; m++) {
        int k = members[m];
        battery[m] = day.households().get(request.members()[k]).hasBattery();
        importCap[m] = day.tariff().importLimitKw() * dt * request.connectionScale(k);
        exportCap[m] = day.tariff().exportLimitKw() * dt * request.connectionScale(k);
      }
      for (int t = 0; t < day.intervals(); t++) {
        for (int m = 0; m < n; m++) {
          int k = members[m];
          if (battery[m]) {
            int i = request.members()[k];
            double net =
                day.loadKwh()[i][t]
                    + raw.ch()[k][t]
                    - day.pvKwh()[i][t]
                    - raw.dis()[k][t]
                    + raw.cur()[k][t];
            need[m] = Math.max(0, net);
            surplus[m] = Math.max(0, -net);
          } else {
            need[m] = request.needKwh(k, t);
            surplus[m] = request.surplusKwh(k, t);
          }
        }
        ProRataSplit.splitClass(
            members, t, need, surplus, battery, importCap, exportCap, imp, exp, buy, sell, cur);
      }
    }
    return new ClearingModel.RawSolution(imp, exp, buy, sell, cur, raw.ch(), raw.dis(), raw.soc());
  }

  private static double[][] copy(double[][] values) {
    double[][] result = new double[values.length][];
    for (int k = 0; k < values.length; k++) {
      result[k] = values[k].clone();
    }
    return result;
  }

  private static double[] clip(double[] values) {
    double[] result = values.clone();
    for (int t = 0; t < result.length; t++) {
      if (Math.abs(result[t]) < CLIP_KWH) {
        result[t] = 0;
      }
    }
    return result;
  }
}
