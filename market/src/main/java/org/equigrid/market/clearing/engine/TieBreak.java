package org.equigrid.market.clearing.engine;

import com.google.ortools.linearsolver.MPSolver;
import java.util.Locale;
import org.equigrid.market.clearing.ClearingModel;
import org.equigrid.market.clearing.ClearingRequest;
import org.equigrid.market.clearing.SolveStatus;
import org.equigrid.market.clearing.SolverOptions;

/**
 * The tie-break of DESIGN.md section 2b (docs/model.md, "Ties"): a second, lexicographic stage that
 * makes the per-household energy costs a function of the problem, not of the solver's vertex, the
 * pooling, the thread count or the households' order.
 *
 * <p><b>The rule.</b> Among the schedules of the MILP's optimal face ({@code objective <= z* +
 * 1e-9·max(1, |z*|)}, {@code z*} the answer's objective, every battery pair in one direction per
 * interval), those of the least gross volume ({@link TieBreakFace}: no household moves energy that
 * the optimum does not need, so the rule cannot buy its preferences with the transfers DESIGN.md
 * section 2b forbids), take one that minimises {@code Σ_i Σ_t C_i[t] · (1 + t/T) / V_i}: each
 * household's cost per interval, divided by its energy volume {@code V_i = Σ_t (L + G) + E^ev}
 * (kWh), later intervals weighing slightly more. So a tie goes to the household whose cost per kWh
 * of its own load and generation falls most (small households first), and within a household to the
 * earlier interval. The coefficients differ between any two households of different data, so the
 * costs are unique on the face; identical households (the same data, {@link IdenticalHouseholds})
 * take their group's mean schedule (equal treatment of equals), or, where that mean would break a
 * binary pair, the one first in id order takes the schedule of least rule cost.
 *
 * <p><b>How it is solved</b> (on the request as given: one block per household, never pooled), the
 * rule named in the solver's reason ({@link Rule}). First, where the answer is OPTIMAL or FEASIBLE
 * with a finite relative gap above {@value #PROVEN_GAP}, its objective is proven by {@link
 * TieBreakMilp#reprove} (a better optimum found there replaces {@code z*} and the answer; the
 * reason says which, and the engine reports the re-proven gap); where that fails, its reason is
 * added and the steps below run as for an unproven answer. A FEASIBLE answer of more than {@value
 * StagedMilpEngine#NODE_REFERENCE_MEMBERS} members is not re-proved ({@link #REPROOF_SKIPPED}).
 * Then:
 *
 * <ol>
 *   <li>{@link Rule#LP}: the LP relaxation of {@link ClearingModel} with the face's rows ({@link
 *       TieBreakFace#of}: the objective's, and the least gross volume's where it is known) and the
 *       rule's objective (GLOP). If its optimum breaks no battery pair (charges and discharges, or
 *       draws and gives, at once), it is feasible for the MILP and optimal for the rule over a
 *       superset of the MILP's face: the rule's optimum.
 *   <li>{@link Rule#MILP}, where a pair breaks and the answer is proven ({@link Proof}: OPTIMAL,
 *       relative gap at most {@value #PROVEN_GAP}, so that {@code z*} is the MILP's optimum to the
 *       face's slack): {@link TieBreakMilp}, SCIP on the same model with the binaries of the
 *       households whose pairs broke, to a proven optimum (gap 0), adding binaries until no pair
 *       breaks, from the schedule of step 3 (computed first) as hint; then the LP stage is solved
 *       again with every battery pair in the direction of SCIP's optimum (the same optimum, at a
 *       GLOP vertex, exact to GLOP's tolerances rather than SCIP's; where that LP fails, SCIP's
 *       values stand). The rule's optimum.
 *   <li>Otherwise (answer not proven, or the MILP stage above its limits, {@link TieBreakMilp}) the
 *       heuristic of earlier versions, {@link Rule#ROUNDS}: each broken pair takes the direction of
 *       its net flow in the stage's own schedule and the LP stage is solved again, at most {@value
 *       TieBreakRounds#MAX_ROUNDS} times ({@link TieBreakRounds}). A function of the model, but not
 *       proven the rule's optimum. Where a round's directions cannot keep the optimum, that round's
 *       pairs take the directions of the answer, {@link Rule#ANSWER_DIRECTIONS}: then the split
 *       depends on the solver's vertex ({@link #VERTEX_NOTE}). A pair still broken after the rounds
 *       leaves the answer as it was.
 * </ol>
 *
 * <p>Last, {@link IdenticalHouseholds} gives identical households equal shares (or orders them by
 * id). Members with flexible demand are handled as battery members: their meter pair ({@link
 * ClearingRequest#hasDirections}) is checked and fixed as a battery's is. With the LP standing
 * ({@link SolverOptions#milpWhenBinariesBreak()} off) step 1 alone applies. A stage that does not
 * solve leaves the answer as it was (the reason says so); requests above {@value #MAX_MEMBERS}
 * members are left as they are (the extra LP would cost as much as the clearing).
 */
public final class TieBreak {

  /** Requests with more members keep the solver's split (see the class comment). */
  static final int MAX_MEMBERS = 500;

  /** The face's slack relative to {@code max(1, |z*|)}. */
  static final double FACE_SLACK = 1e-9;

  /**
   * Why a FEASIBLE answer of more than {@value StagedMilpEngine#NODE_REFERENCE_MEMBERS} members is
   * not re-proved: a SCIP limit stopped the clearing (or SCIP was skipped for size), and the
   * re-proof, under the same member-scaled node limit, closed the gap on none of the 100-household
   * days measured (S5 days 0, 1, 2 and day of year 120) at about 10 CPU s a day (BENCHMARKS.md,
   * "Tie-break re-proof on large unproven days (session 13)").
   */
  static final String REPROOF_SKIPPED =
      "re-proof skipped: a SCIP limit stopped the clearing above "
          + StagedMilpEngine.NODE_REFERENCE_MEMBERS
          + " members";

  /** The largest relative gap of an answer whose objective the MILP rule takes as proven. */
  static final double PROVEN_GAP = 1e-9;

  private TieBreak() {}

  /**
   * The schedule of the tie-break stage, or null when it did not solve (the caller keeps {@code
   * raw}).
   *
   * @param raw the answer, per member of {@code request}
   * @param objectiveEur its objective {@code z*}
   * @param fixPairs whether battery pairs must not break (the MILP); false where the LP stands
   *     ({@link SolverOptions#milpWhenBinariesBreak()} off)
   */
  static TieBreakOutcome apply(
      ClearingRequest request,
      ClearingModel.RawSolution raw,
      double objectiveEur,
      double epsilonEur,
      boolean fixPairs) {
    return apply(request, raw, objectiveEur, Proof.NONE, epsilonEur, fixPairs);
  }

  /**
   * As above, with what is known of the answer's optimality ({@code proof}): the MILP rule needs an
   * answer proven to {@value #PROVEN_GAP}.
   */
  static TieBreakOutcome apply(
      ClearingRequest request,
      ClearingModel.RawSolution raw,
      double objectiveEur,
      Proof proof,
      double epsilonEur,
      boolean fixPairs) {
    return reprovedThenOnFace(request, raw, objectiveEur, proof, epsilonEur, fixPairs);
  }

  /**
   * Steps 0–3 of the class comment: where the answer is not proven to {@value #PROVEN_GAP} but has
   * a finite gap, its objective proven first ({@link TieBreakMilp#reprove}), then the tie-break
   * over the face ({@link #onFace}).
   */
  private static TieBreakOutcome reprovedThenOnFace(
      ClearingRequest request,
      ClearingModel.RawSolution raw,
      double objectiveEur,
      Proof proof,
      double epsilonEur,
      boolean fixPairs) {
    if (!fixPairs || proof.unproven().isEmpty() || !proof.reprovable()) {
      return onFace(request, raw, objectiveEur, proof, epsilonEur, fixPairs);
    }
    if (proof.status() == SolveStatus.FEASIBLE
        && request.members().length > StagedMilpEngine.NODE_REFERENCE_MEMBERS) {
      TieBreakOutcome outcome = onFace(request, raw, objectiveEur, proof, epsilonEur, fixPairs);
      return outcome == null ? null : outcome.because(REPROOF_SKIPPED);
    }
    TieBreakMilp.Reproof reproof =
        TieBreakMilp.reprove(request, raw, objectiveEur, proof.timeLimitSeconds(), epsilonEur);
    if (!reproof.proven()) {
      TieBreakOutcome outcome = onFace(request, raw, objectiveEur, proof, epsilonEur, fixPairs);
      return outcome == null ? null : outcome.because(reproof.why());
    }
    boolean better = reproof.better() != null;
    TieBreakOutcome outcome =
        onFace(
            request,
            better ? reproof.better() : raw,
            reproof.objectiveEur(),
            // Proven to the face's slack, FACE_SLACK·max(1, |z*|).
            new Proof(SolveStatus.OPTIMAL, 0, proof.timeLimitSeconds()),
            epsilonEur,
            fixPairs);
    if (outcome == null) {
      return null;
    }
    String note =
        better
            ? String.format(
                Locale.ROOT,
                "tie-break re-proved the optimum: %.9g EUR, below the answer's %.9g EUR"
                    + " (answer's gap %.2g; now %.2g)",
                reproof.objectiveEur(),
                objectiveEur,
                proof.relativeGap(),
                reproof.relativeGap())
            : String.format(
                Locale.ROOT,
                "tie-break re-proved the answer's objective: gap %.2g, was %.2g",
                reproof.relativeGap(),
                proof.relativeGap());
    return outcome.reproved(reproof.relativeGap(), note);
  }

  /**
   * The tie-break over the face of {@code objectiveEur}: steps 1–3 of the class comment, then the
   * split among identical households ({@link IdenticalHouseholds}, with the second pass of {@link
   * TieBreakTwins} where their mean breaks a pair and the first pass is canonical).
   */
  private static TieBreakOutcome onFace(
      ClearingRequest request,
      ClearingModel.RawSolution raw,
      double objectiveEur,
      Proof proof,
      double epsilonEur,
      boolean fixPairs) {
    TieBreakFace face =
        fixPairs
            ? TieBreakFace.of(
                request,
                raw,
                objectiveEur,
                proof.unproven().isEmpty(),
                proof.timeLimitSeconds(),
                epsilonEur)
            : TieBreakFace.objectiveOnly(objectiveEur);
    TieBreakOutcome first = firstPass(request, raw, face, proof, epsilonEur, fixPairs);
    if (first == null) {
      return null;
    }
    if (!face.why().isEmpty()) {
      first = first.because(face.why());
    }
    IdenticalHouseholds.Split split =
        IdenticalHouseholds.canonical(request, first.values(), fixPairs);
    TieBreakOutcome canonical = first.withValues(split.values());
    if (split.ordered().isEmpty()) {
      return canonical;
    }
    if (first.rule() != Rule.LP && first.rule() != Rule.MILP) {
      return canonical.because(split.note());
    }
    TieBreakTwins.Result twins =
        TieBreakTwins.solve(
            request, split.values(), split.ordered(), face, proof.timeLimitSeconds(), epsilonEur);
    if (twins.values() == null) {
      return canonical.because(split.note() + " (second pass: " + twins.why() + ")");
    }
    // The groups whose mean breaks no pair take it again (the second pass re-solved them too).
    return canonical
        .withValues(IdenticalHouseholds.canonical(request, twins.values(), fixPairs).values())
        .because(split.byIdNote());
  }

  /** Steps 1–3 of the class comment over {@code face}. */
  private static TieBreakOutcome firstPass(
      ClearingRequest request,
      ClearingModel.RawSolution raw,
      TieBreakFace face,
      Proof proof,
      double epsilonEur,
      boolean fixPairs) {
    MPSolver solver = MPSolver.createSolver("GLOP");
    if (solver == null) {
      return null;
    }
    try (ClearingModel model =
        new ClearingModel(request, solver, null, null, null, false, epsilonEur)) {
      TieBreakObjective.restrictToFace(request, model, face);
      int memberCount = request.members().length;
      int intervals = request.day().intervals();
      MPSolver.ResultStatus status = solver.solve();
      if (status != MPSolver.ResultStatus.OPTIMAL) {
        return null;
      }
      ClearingModel.RawSolution values = model.values();
      if (!fixPairs) {
        return new TieBreakOutcome(values, Rule.LP, "the LP relaxation stands", 0);
      }
      if (!TieBreakRounds.breaks(request, values)) {
        return new TieBreakOutcome(values, Rule.LP, proof.unproven(), 0);
      }
      // The heuristic rounds first: their schedule is the fallback and the MILP stage's hint. On
      // the least gross volume's face the answer may lie outside it: its schedule there stands in.
      ClearingModel.RawSolution onFace = face.least() == null ? raw : face.least();
      TieBreakOutcome heuristic = TieBreakRounds.rounds(request, onFace, model, solver, values);
      String why = proof.unproven();
      if (why.isEmpty()) {
        ClearingModel.RawSolution hint = heuristic == null ? onFace : heuristic.values();
        TieBreakMilp.Result milp =
            TieBreakMilp.solve(request, hint, values, face, proof.timeLimitSeconds(), epsilonEur);
        if (milp.values() != null) {
          model.freeDirections(new byte[memberCount][intervals], new byte[memberCount][intervals]);
          ClearingModel.RawSolution polished = polish(request, model, milp.values());
          return new TieBreakOutcome(
              polished == null ? milp.values() : polished, Rule.MILP, "", milp.binaries());
        }
        why = milp.why();
      }
      return heuristic == null
          ? null
          : new TieBreakOutcome(heuristic.values(), heuristic.rule(), why, 0);
    }
  }

  /**
   * The LP stage re-solved with every battery pair in the direction of {@code milp} (the MILP
   * stage's optimum, which keeps them): the same optimum of the tie-break, at a vertex of GLOP
   * (exact to GLOP's tolerances rather than SCIP's). Null where that LP does not solve or breaks a
   * pair (then SCIP's values stand).
   */
  static ClearingModel.RawSolution polish(
      ClearingRequest request, ClearingModel model, ClearingModel.RawSolution milp) {
    int memberCount = request.members().length;
    int intervals = request.day().intervals();
    byte[][] charge = new byte[memberCount][intervals];
    byte[][] grid = new byte[memberCount][intervals];
    TieBreakRounds.directionsOf(request, milp, charge, grid);
    model.fixDirections(charge, grid);
    if (model.solver().solve() != MPSolver.ResultStatus.OPTIMAL) {
      return null;
    }
    ClearingModel.RawSolution values = model.values();
    return TieBreakRounds.breaks(request, values) ? null : values;
  }

  /** The note a solver report carries when {@link TieBreakOutcome#answerDirections()}. */
  public static final String VERTEX_NOTE =
      "tie-break kept the answer's directions at some battery pairs (the split may depend on the vertex)";

  /** Which rule of the class comment chose the split; {@link #note} goes into the reason. */
  enum Rule {
    /** The LP stage broke no battery pair: canonical. */
    LP("tie-break: LP over the optimal face"),
    /** The MILP stage, proven by SCIP: canonical. */
    MILP("tie-break: MILP over the optimal face, proven by SCIP"),
    /** The stage's own directions, round by round: a function of the model, not proven least. */
    ROUNDS("tie-break: battery directions of the stage's own rounds, not proven least"),
    /** Some pairs took the answer's directions. */
    ANSWER_DIRECTIONS(VERTEX_NOTE);

    final String note;

    Rule(String note) {
      this.note = note;
    }
  }

  /**
   * What the tie-break knows of the answer: the MILP rule needs it OPTIMAL with a relative gap of
   * at most {@value #PROVEN_GAP} (its objective is then {@code z*} to the face's slack).
   *
   * @param status the answer's status
   * @param relativeGap its relative gap against the best proven bound
   * @param timeLimitSeconds the CPU-time guard of the MILP stage ({@link
   *     SolverOptions#timeLimitSeconds()})
   * @param reprove whether the tie-break may prove a loose answer itself (false for an opt-in
   *     approximation's answer, {@link DecompositionEngine#APPROXIMATION})
   */
  record Proof(SolveStatus status, double relativeGap, double timeLimitSeconds, boolean reprove) {

    /** A proof the tie-break may complete ({@link #reprovable()}). */
    Proof(SolveStatus status, double relativeGap, double timeLimitSeconds) {
      this(status, relativeGap, timeLimitSeconds, true);
    }

    /** An answer of unknown optimality: the MILP rule does not apply. */
    static final Proof NONE = new Proof(SolveStatus.FEASIBLE, Double.NaN, 0);

    /**
     * Whether the tie-break may prove the objective itself ({@link TieBreakMilp#reprove}): an
     * OPTIMAL or FEASIBLE answer with a finite gap, not an opt-in approximation's ({@code reprove}:
     * the approximation's answer and its certified gap stand, as named in the results).
     */
    boolean reprovable() {
      return reprove
          && (status == SolveStatus.OPTIMAL || status == SolveStatus.FEASIBLE)
          && Double.isFinite(relativeGap);
    }

    /** Why the answer's objective is not proven to the face's slack; "" where it is. */
    String unproven() {
      if (status != SolveStatus.OPTIMAL) {
        return "the answer is " + status + ", not proven optimal";
      }
      if (!(relativeGap <= PROVEN_GAP)) {
        return String.format(
            java.util.Locale.ROOT,
            "the answer's relative gap %.2g is above %.0e",
            relativeGap,
            PROVEN_GAP);
      }
      return "";
    }
  }
}
