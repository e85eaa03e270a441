package org.equigrid.market.clearing.engine;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.market.clearing.BinaryPairs;
import org.equigrid.market.clearing.ClearingModel;
import org.equigrid.market.clearing.ClearingRequest;
import org.equigrid.market.clearing.OrToolsModels;
import org.equigrid.market.clearing.ScipRun;
import org.equigrid.market.clearing.SolverOptions;

/**
 * The MILP stage of the tie-break ({@link TieBreak}): the tie-break's objective minimised by SCIP
 * over the MILP's optimal face, to a proven optimum (relative gap 0), where the LP stage broke a
 * battery pair. As in the staged MILP ({@link StagedMilpEngine}), the binaries are integer on every
 * interval of the households whose pairs broke and relaxed elsewhere, so each MILP solved is a
 * relaxation of the full one; pairs that break in its optimum get their binaries and it is solved
 * again, until none breaks: that optimum is then the optimum of the full MILP. The hint is the
 * schedule of the tie-break's heuristic rounds (on the face, and a good incumbent: measured on a
 * weighted day of 30 households, 240 binaries, the proof took 41 s of CPU with it and hit the node
 * limit after 53 s with the answer as hint), else the answer.
 *
 * <p>Limits, the staged MILP's (BENCHMARKS.md, "Canonical tie-break"): the node limit of {@link
 * SolverOptions#milpNodeLimit(int)} (deterministic), {@value #MAX_BINARIES} binaries (the default
 * {@link SolverOptions#milpMaxBinaries()}; 504 binaries, 60 households cost-minimising, took 34 s
 * of CPU), {@value #MAX_ROUNDS} rounds and a runaway guard of {@value #GUARD_FACTOR} times the
 * CPU-time guard {@link SolverOptions#timeLimitSeconds()} (the stage took up to 41 s of CPU on
 * weighted days of 30 households, close to the default 30 s: with the clearing's own guard, which
 * rule splits a day would depend on the machine's speed on such days); at a limit the stage gives
 * up and the caller falls back and says why (where the guard stopped it, the split depends on
 * speed, and the reason says so).
 */
final class TieBreakMilp {

  private static final Logger LOG = LogManager.getLogger();

  private static final double NANOS = 1e9;

  /** Integer binaries (after widening to households) above which the stage does not run. */
  static final int MAX_BINARIES = 600;

  /** The stage's CPU-time guard, as a multiple of {@link SolverOptions#timeLimitSeconds()}. */
  static final int GUARD_FACTOR = 4;

  /** MILP rounds (solve, add the binaries of the pairs that broke) before the stage gives up. */
  static final int MAX_ROUNDS = 20;

  private TieBreakMilp() {}

  /**
   * The stage's optimum, or why there is none.
   *
   * @param values the optimum of the tie-break on the face, per member (null where there is none)
   * @param why why the stage gave up ("" with values)
   * @param binaries integer binaries of the last MILP solved
   * @param rounds MILPs solved
   */
  record Result(ClearingModel.RawSolution values, String why, int binaries, int rounds) {}

  /**
   * What the re-proof of the answer's objective found ({@link #reprove}).
   *
   * @param objectiveEur the proven optimum {@code z*}: the answer's objective where SCIP found
   *     nothing better than it by more than the face's slack, else SCIP's better one (NaN where not
   *     proven)
   * @param relativeGap {@code (z* − bound) / max(|z*|, 1e-9)} against SCIP's best bound, at most
   *     {@value TieBreak#PROVEN_GAP} relative to {@code max(1, |z*|)} (NaN where not proven)
   * @param better SCIP's schedule where it beats the answer by more than the face's slack (every
   *     battery pair in one direction), else null: the answer stands
   * @param why why the objective is not proven ("" where it is)
   * @param binaries integer binaries of the last MILP solved (0 where the LP relaxation proved it)
   */
  record Reproof(
      double objectiveEur,
      double relativeGap,
      ClearingModel.RawSolution better,
      String why,
      int binaries) {

    /** Whether {@link #objectiveEur()} is proven. */
    boolean proven() {
      return why.isEmpty();
    }
  }

  /**
   * Proves the answer's objective {@code objectiveEur} to the face's slack ({@link
   * TieBreak#FACE_SLACK}{@code ·max(1, |z*|)}) where the clearing proved it only to a looser gap:
   * SCIP on the clearing's own objective, with the answer as hint and the row {@code objective <=
   * z* + slack} as cutoff (the answer satisfies it, so every optimum does), relative gap limit 0.
   * As in {@link #solve}, the binaries are integer on every interval of the households whose pairs
   * break (first in the LP relaxation, then in SCIP's optimum) and relaxed elsewhere: every MILP
   * solved is a relaxation of the full one, so its best bound bounds the full MILP's optimum from
   * below. The objective is proven once that bound is within the slack of {@code z*}; where SCIP's
   * optimum is lower than {@code z*} by more than the slack and breaks no pair, it is the full
   * MILP's optimum and the answer improves ({@link Reproof#better()}). Where the LP relaxation
   * breaks no pair its optimum is the bound. Limits as in {@link #solve} ({@value #MAX_BINARIES}
   * binaries, {@value #MAX_ROUNDS} rounds, CPU-time guard {@code timeLimitSeconds}), but the node
   * limit of the staged MILP's own SCIP solve, scaled down with the members ({@link
   * StagedMilpEngine#nodeLimit}): the answers it re-proves are those SCIP left at the gap limit or
   * at a limit, and at 100 households the unscaled limit would run into the CPU-time guard (so the
   * rule would depend on the machine's speed) after minutes of CPU.
   *
   * @param raw the answer (hint)
   * @param objectiveEur its objective
   */
  static Reproof reprove(
      ClearingRequest request,
      ClearingModel.RawSolution raw,
      double objectiveEur,
      double timeLimitSeconds,
      double epsilonEur) {
    int memberCount = request.members().length;
    int intervals = request.day().intervals();
    double slack = TieBreak.FACE_SLACK * Math.max(1, Math.abs(objectiveEur));
    boolean[][] chargeBinary = new boolean[memberCount][intervals];
    boolean[][] gridBinary = new boolean[memberCount][intervals];
    try (ClearingModel relaxation =
        OrToolsModels.open(request, "GLOP", null, null, null, false, false, epsilonEur)) {
      if (relaxation.solver().solve() != MPSolver.ResultStatus.OPTIMAL) {
        return unproven("the re-proof's LP relaxation did not solve", 0);
      }
      double bound = relaxation.solver().objective().value();
      if (BinaryPairs.markBroken(request, relaxation.values(), chargeBinary, gridBinary) == 0
          || bound >= objectiveEur - slack) {
        return proven(objectiveEur, bound, null, 0);
      }
    }
    return rounds(
        request,
        raw,
        chargeBinary,
        gridBinary,
        timeLimitSeconds,
        epsilonEur,
        new Exits<Reproof>() {
          @Override
          String stage() {
            return "re-proof";
          }

          @Override
          void restrict(ClearingModel model) {
            MPSolver solver = model.solver();
            MPConstraint cutoff =
                solver.makeConstraint(-MPSolver.infinity(), objectiveEur + slack, "cutoff");
            for (MPVariable variable : solver.variables()) {
              double coefficient = solver.objective().getCoefficient(variable);
              if (coefficient != 0) {
                cutoff.setCoefficient(variable, coefficient);
              }
            }
          }

          @Override
          long nodeLimit(int binaries) {
            return StagedMilpEngine.nodeLimit(
                SolverOptions.MILP_NODE_BUDGET, binaries, memberCount);
          }

          @Override
          Reproof early(ClearingModel model, ScipRun run, int binaries) {
            boolean solved =
                run.status() == MPSolver.ResultStatus.OPTIMAL
                    || run.status() == MPSolver.ResultStatus.FEASIBLE;
            double bound =
                solved ? model.solver().objective().bestBound() : Double.NEGATIVE_INFINITY;
            return bound >= objectiveEur - slack
                ? proven(objectiveEur, bound, null, binaries)
                : null;
          }

          @Override
          Reproof done(
              ClearingModel model, ClearingModel.RawSolution values, int binaries, int round) {
            return proven(
                model.solver().objective().value(),
                model.solver().objective().bestBound(),
                values,
                binaries);
          }

          @Override
          Reproof gaveUp(String why, int binaries, int round) {
            return unproven(why, binaries);
          }
        });
  }

  private static Reproof proven(
      double objectiveEur, double bound, ClearingModel.RawSolution better, int binaries) {
    double gap = StagedMilpEngine.gapToBound(objectiveEur, bound);
    return new Reproof(objectiveEur, gap, better, "", binaries);
  }

  private static Reproof unproven(String why, int binaries) {
    return new Reproof(Double.NaN, Double.NaN, null, why, binaries);
  }

  /** Which limit stopped a SCIP run that is not OPTIMAL. */
  private static String limitOf(ScipRun run, long nodeLimit) {
    return run.status() == MPSolver.ResultStatus.FEASIBLE
            || run.status() == MPSolver.ResultStatus.NOT_SOLVED
        ? run.seconds() >= 0.95 * run.limitSeconds()
            ? "SCIP's time limit of " + run.limitSeconds() + " s"
            : "SCIP node limit of " + nodeLimit
        : "SCIP returned " + run.status();
  }

  /**
   * Solves the stage.
   *
   * @param raw a schedule on the face with every battery pair in one direction (the hint)
   * @param lp the LP stage's schedule (its broken pairs get the first binaries)
   * @param face the face of the answer's objective {@code z*} ({@link TieBreakFace})
   * @param timeLimitSeconds the CPU-time guard of the whole stage
   */
  static Result solve(
      ClearingRequest request,
      ClearingModel.RawSolution raw,
      ClearingModel.RawSolution lp,
      TieBreakFace face,
      double timeLimitSeconds,
      double epsilonEur) {
    return solveOn(
        request,
        raw,
        lp,
        timeLimitSeconds,
        epsilonEur,
        "MILP stage",
        model -> TieBreakObjective.restrictToFace(request, model, face));
  }

  /**
   * As {@link #solve}, with the stage's rows and objective written by {@code restrict} into each
   * freshly built model (the second pass among identical households, {@link TieBreakTwins}, adds
   * the rule's optimum as a row to the face and minimises its own objective).
   *
   * @param stage the stage's name in its reasons
   */
  static Result solveOn(
      ClearingRequest request,
      ClearingModel.RawSolution raw,
      ClearingModel.RawSolution lp,
      double timeLimitSeconds,
      double epsilonEur,
      String stage,
      Consumer<ClearingModel> restrict) {
    int memberCount = request.members().length;
    int intervals = request.day().intervals();
    boolean[][] chargeBinary = new boolean[memberCount][intervals];
    boolean[][] gridBinary = new boolean[memberCount][intervals];
    BinaryPairs.markBroken(request, lp, chargeBinary, gridBinary);
    return rounds(
        request,
        raw,
        chargeBinary,
        gridBinary,
        timeLimitSeconds,
        epsilonEur,
        new Exits<Result>() {
          @Override
          String stage() {
            return stage;
          }

          @Override
          void restrict(ClearingModel model) {
            restrict.accept(model);
          }

          @Override
          long nodeLimit(int binaries) {
            return SolverOptions.milpNodeLimit(binaries);
          }

          @Override
          Result done(
              ClearingModel model, ClearingModel.RawSolution values, int binaries, int round) {
            return new Result(values, "", binaries, round);
          }

          @Override
          Result gaveUp(String why, int binaries, int round) {
            return new Result(null, why, binaries, round);
          }
        });
  }

  /**
   * What one use of the round loop ({@link #rounds}) does at its ends: the model's extra rows and
   * objective, the node limit, and the two exit tests (an early exit after each solve, before the
   * status is checked; the exit where SCIP's optimum breaks no pair), and what it returns where it
   * gives up.
   */
  private abstract static class Exits<T> {

    /** The stage's name in its reasons ("re-proof", "MILP stage"). */
    abstract String stage();

    /** Adds the stage's rows and objective to a freshly built model. */
    abstract void restrict(ClearingModel model);

    /** SCIP's node limit for a MILP with {@code binaries} integer binaries. */
    abstract long nodeLimit(int binaries);

    /** The early exit after a solve, whatever its status (null: go on). */
    T early(ClearingModel model, ScipRun run, int binaries) {
      return null;
    }

    /** The exit where SCIP's optimum {@code values} breaks no pair. */
    abstract T done(ClearingModel model, ClearingModel.RawSolution values, int binaries, int round);

    /** The exit at a limit, with the reason. */
    abstract T gaveUp(String why, int binaries, int round);
  }

  /**
   * The round loop of {@link #reprove} and {@link #solve}: the marks widened to households, the
   * binaries counted against {@value #MAX_BINARIES}, the CPU-time guard checked, SCIP run with the
   * stage's node limit from {@code raw}'s directions as hint, the exits of {@code exits} tested,
   * and the pairs that break in SCIP's optimum marked for the next round, at most {@value
   * #MAX_ROUNDS} rounds.
   */
  private static <T> T rounds(
      ClearingRequest request,
      ClearingModel.RawSolution raw,
      boolean[][] chargeBinary,
      boolean[][] gridBinary,
      double timeLimitSeconds,
      double epsilonEur,
      Exits<T> exits) {
    int memberCount = request.members().length;
    int intervals = request.day().intervals();
    byte[][] chargeHint = new byte[memberCount][intervals];
    byte[][] gridHint = new byte[memberCount][intervals];
    TieBreakRounds.directionsOf(request, raw, chargeHint, gridHint);
    long limitNanos = (long) (timeLimitSeconds * NANOS);
    long cpuStart = ScipRun.cpuNanos();
    int binaries = 0;
    String stage = exits.stage();
    for (int round = 1; round <= MAX_ROUNDS; round++) {
      BinaryPairs.widenToHouseholds(chargeBinary);
      BinaryPairs.widenToHouseholds(gridBinary);
      binaries = BinaryPairs.countTrue(chargeBinary) + BinaryPairs.countTrue(gridBinary);
      if (binaries > MAX_BINARIES) {
        return exits.gaveUp(
            stage + " skipped: " + binaries + " binaries > " + MAX_BINARIES, binaries, round - 1);
      }
      long remainingMillis = (limitNanos - (ScipRun.cpuNanos() - cpuStart)) / 1_000_000;
      if (remainingMillis <= 0) {
        return exits.gaveUp(
            stage + " stopped: CPU-time guard of " + timeLimitSeconds + " s", binaries, round - 1);
      }
      try (ClearingModel model =
          OrToolsModels.open(
              request, "SCIP", chargeBinary, gridBinary, null, false, true, epsilonEur)) {
        exits.restrict(model);
        model.hint(raw, chargeHint, gridHint);
        long nodeLimit = exits.nodeLimit(binaries);
        ScipRun run = ScipRun.solve(model.solver(), remainingMillis, nodeLimit, 0.0);
        LOG.trace(
            "tie-break {} round {}: {} binaries, {} in {} s",
            stage,
            round,
            binaries,
            run.status(),
            run.seconds());
        T early = exits.early(model, run, binaries);
        if (early != null) {
          return early;
        }
        if (run.status() != MPSolver.ResultStatus.OPTIMAL) {
          return exits.gaveUp(
              stage + " not proven: " + limitOf(run, nodeLimit) + ", " + binaries + " binaries",
              binaries,
              round);
        }
        ClearingModel.RawSolution values = model.values();
        if (BinaryPairs.markBroken(request, values, chargeBinary, gridBinary) == 0) {
          return exits.done(model, values, binaries, round);
        }
      }
    }
    return exits.gaveUp(stage + " stopped after " + MAX_ROUNDS + " rounds", binaries, MAX_ROUNDS);
  }
}
