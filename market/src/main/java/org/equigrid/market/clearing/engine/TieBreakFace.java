package org.equigrid.market.clearing.engine;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import org.equigrid.market.clearing.ClearingModel;
import org.equigrid.market.clearing.ClearingRequest;

/**
 * The face the tie-break works on ({@link TieBreak}, docs/model.md "Ties", step 2): the MILP's
 * schedules at the clearing's objective {@code z*} and, among them, those of the least gross volume
 * {@code G* = min Σ_i Σ_t (imp + exp + buy + sell + ch + dis + cur)} (kWh): no household moves
 * energy that the optimum does not need. A household that imports while it sells to the pool, or
 * buys while it exports, or a battery that charges and discharges at once, moves energy twice;
 * netting the two flows (and, for the pool, letting its counterpart import instead) keeps every row
 * and the community's objective at equal weights, and lowers the gross volume. So on this face the
 * rule's objective can no longer buy its preferences with the transfers that DESIGN.md §2b forbids,
 * and the rule's LP mostly breaks no binary pair: on a cost-minimising day of 100 households the
 * MILP stage, which stopped at its node limit after about 60 s of CPU, is no longer due
 * (BENCHMARKS.md).
 *
 * <p>{@code G*} is the optimum of an LP over the face (GLOP); where that LP breaks a pair and the
 * answer is proven, of the MILP over the face ({@link TieBreakMilp#solveOn}, the LP re-solved in
 * its directions for an exact vertex). Where neither gives it (the LP breaks and the answer is not
 * proven, or the MILP stops at a limit), the face is {@code z*} alone and {@link #why()} says so.
 *
 * @param objectiveEur the clearing's objective {@code z*}
 * @param grossKwh the least gross volume {@code G*} on the face (NaN where not known)
 * @param least a schedule on the face at {@code G*} that breaks no pair (null where not known)
 * @param why why the face is not restricted to {@code G*} ("" where it is)
 */
record TieBreakFace(
    double objectiveEur, double grossKwh, ClearingModel.RawSolution least, String why) {

  /**
   * The face of {@code objectiveEur}, with its least gross volume where it can be found (class
   * comment).
   *
   * @param raw the answer (the hint of the MILP)
   * @param proven whether {@code objectiveEur} is the MILP's optimum to the face's slack
   */
  static TieBreakFace of(
      ClearingRequest request,
      ClearingModel.RawSolution raw,
      double objectiveEur,
      boolean proven,
      double timeLimitSeconds,
      double epsilonEur) {
    MPSolver solver = MPSolver.createSolver("GLOP");
    if (solver == null) {
      return without(objectiveEur, "GLOP is not available");
    }
    try (ClearingModel model =
        new ClearingModel(request, solver, null, null, null, false, epsilonEur)) {
      TieBreakObjective.holdAtOptimum(solver, objectiveEur, "optimal");
      grossObjective(request, model);
      if (solver.solve() != MPSolver.ResultStatus.OPTIMAL) {
        return without(objectiveEur, "its LP did not solve");
      }
      ClearingModel.RawSolution lp = model.values();
      if (!TieBreakRounds.breaks(request, lp)) {
        return new TieBreakFace(objectiveEur, solver.objective().value(), lp, "");
      }
      if (!proven) {
        return without(objectiveEur, "its LP breaks a pair and the answer is not proven");
      }
      TieBreakMilp.Result milp =
          TieBreakMilp.solveOn(
              request,
              raw,
              lp,
              timeLimitSeconds,
              epsilonEur,
              "least gross volume",
              scip -> {
                TieBreakObjective.holdAtOptimum(scip.solver(), objectiveEur, "optimal");
                grossObjective(request, scip);
              });
      if (milp.values() == null) {
        return without(objectiveEur, milp.why());
      }
      ClearingModel.RawSolution polished = TieBreak.polish(request, model, milp.values());
      return polished == null
          ? new TieBreakFace(objectiveEur, gross(milp.values()), milp.values(), "")
          : new TieBreakFace(objectiveEur, solver.objective().value(), polished, "");
    }
  }

  private static TieBreakFace without(double objectiveEur, String why) {
    return new TieBreakFace(objectiveEur, Double.NaN, null, "least gross volume not taken: " + why);
  }

  /** A face of {@code objectiveEur} alone (where the LP stands, or for tests). */
  static TieBreakFace objectiveOnly(double objectiveEur) {
    return new TieBreakFace(objectiveEur, Double.NaN, null, "");
  }

  /**
   * Writes the face into {@code model}: its objective becomes the row {@code objective <= z* +
   * 1e-9·max(1, |z*|)}, and, where {@code G*} is known, the row {@code gross <= G* + 1e-9·max(1,
   * G*)}; the objective is left empty (to minimise) for the caller.
   */
  MPObjective restrict(ClearingRequest request, ClearingModel model) {
    MPSolver solver = model.solver();
    MPObjective objective = TieBreakObjective.holdAtOptimum(solver, objectiveEur, "optimal");
    if (Double.isFinite(grossKwh)) {
      double slack = TieBreak.FACE_SLACK * Math.max(1, Math.abs(grossKwh));
      MPConstraint row = solver.makeConstraint(-MPSolver.infinity(), grossKwh + slack, "gross");
      forEachFlow(request, model, variable -> row.setCoefficient(variable, 1));
    }
    return objective;
  }

  private static void grossObjective(ClearingRequest request, ClearingModel model) {
    MPObjective objective = model.solver().objective();
    objective.clear();
    objective.setMinimization();
    forEachFlow(request, model, variable -> objective.setCoefficient(variable, 1));
  }

  private static void forEachFlow(
      ClearingRequest request,
      ClearingModel model,
      java.util.function.Consumer<MPVariable> action) {
    for (int k = 0; k < request.members().length; k++) {
      for (int t = 0; t < request.day().intervals(); t++) {
        for (MPVariable variable :
            new MPVariable[] {
              model.gridImport(k, t),
              model.gridExport(k, t),
              model.poolBuy(k, t),
              model.poolSell(k, t),
              model.batteryCharge(k, t),
              model.batteryDischarge(k, t),
              model.curtailment(k, t)
            }) {
          if (variable != null) {
            action.accept(variable);
          }
        }
      }
    }
  }

  /** The gross volume of {@code values} (kWh). */
  static double gross(ClearingModel.RawSolution values) {
    double sum = 0;
    double[][][] flows = {
      values.imp(),
      values.exp(),
      values.buy(),
      values.sell(),
      values.ch(),
      values.dis(),
      values.cur()
    };
    for (double[][] flow : flows) {
      for (double[] member : flow) {
        for (double x : member) {
          sum += x;
        }
      }
    }
    return sum;
  }
}
