package org.equigrid.market.clearing;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import org.equigrid.market.model.TradingDay;

/**
 * The tie-break of DESIGN.md section 2b (docs/model.md, "Ties"): a second, lexicographic stage
 * that makes the per-household energy costs a function of the problem, not of the solver's vertex,
 * the pooling, the thread count or the households' order.
 *
 * <p>On the request as given (one block per household, never pooled), the LP relaxation of {@link
 * ClearingModel} is built and the answer's objective is kept as a row {@code objective <= z* +
 * 1e-9·max(1, |z*|)}. Among the schedules of that optimal face it
 * minimises {@code Σ_i Σ_t C_i[t] · (1 + t/T) / V_i}: each household's cost per interval, divided
 * by its energy volume {@code V_i = Σ_t (L + G)} (kWh), later intervals weighing slightly more. So
 * a tie goes to the household whose cost per kWh of its own load and generation falls most (small
 * households first), and within a household to the earlier interval. The coefficients differ
 * between any two households of different data, so the costs are unique on the face; identical
 * households (the same load, PV and battery) have the same coefficient and may split a tie between
 * them as the LP's vertex falls (documented limit). Where the stage's schedule breaks a battery
 * pair (charges and discharges, or draws and gives, at once), that pair gets the direction of its
 * net flow in the stage's own schedule (a function of the problem) and the stage is solved again,
 * until nothing breaks; only if those directions cannot keep the optimum do the pairs take the
 * directions of the answer (then, and only then, the split depends on the solver's vertex). A stage that does not solve leaves the answer
 * as it was (logged); requests above {@value #MAX_MEMBERS} members are left as they are (the extra
 * LP would cost as much as the clearing).
 */
final class TieBreak {

  /** Requests with more members keep the solver's split (see the class comment). */
  static final int MAX_MEMBERS = 500;

  private TieBreak() {}

  /**
   * The schedule of the tie-break stage, or null when it did not solve (the caller keeps {@code
   * raw}).
   *
   * @param raw the answer, per member of {@code request}
   * @param objectiveEur its objective {@code z*}
   */
  static ClearingModel.RawSolution apply(ClearingRequest request, ClearingModel.RawSolution raw,
      double objectiveEur, double epsilonEur) {
    MPSolver solver = MPSolver.createSolver("GLOP");
    if (solver == null) {
      return null;
    }
    try (ClearingModel model = new ClearingModel(request, solver, null, null, null, false, epsilonEur)) {
      MPObjective objective = solver.objective();
      double slack = 1e-9 * Math.max(1, Math.abs(objectiveEur));
      MPConstraint optimal = solver.makeConstraint(-MPSolver.infinity(), objectiveEur + slack, "optimal");
      for (MPVariable variable : solver.variables()) {
        double coefficient = objective.getCoefficient(variable);
        if (coefficient != 0) {
          optimal.setCoefficient(variable, coefficient);
        }
      }
      objective.clear();
      objective.setMinimization();
      TradingDay day = request.day();
      int intervals = day.intervals();
      double[] priceImp = day.tariff().importPriceEurPerKwh();
      double[] priceExp = day.tariff().exportPriceEurPerKwh();
      double[] pool = request.poolPriceEurPerKwh();
      for (int k = 0; k < request.members().length; k++) {
        int i = request.members()[k];
        double volumeKwh = 0;
        for (int t = 0; t < intervals; t++) {
          volumeKwh += day.loadKwh()[i][t] + day.pvKwh()[i][t];
        }
        double perKwh = 1 / Math.max(volumeKwh, 1e-6);
        for (int t = 0; t < intervals; t++) {
          double c = perKwh * (1 + (double) t / intervals);
          set(objective, model.imp[k][t], c * priceImp[t]);
          set(objective, model.exp[k][t], -c * priceExp[t]);
          set(objective, model.buy[k][t], c * pool[t]);
          set(objective, model.sell[k][t], -c * pool[t]);
        }
      }
      int memberCount = request.members().length;
      byte[][] charge = new byte[memberCount][intervals];
      byte[][] grid = new byte[memberCount][intervals];
      MPSolver.ResultStatus status = solver.solve();
      for (int round = 0; round <= intervals * memberCount; round++) {
        if (status != MPSolver.ResultStatus.OPTIMAL) {
          return null;
        }
        ClearingModel.RawSolution values = model.values();
        byte[][] chargeBefore = copy(charge);
        byte[][] gridBefore = copy(grid);
        if (fixBroken(request, values, values, charge, grid) == 0) {
          return values;
        }
        model.fixDirections(charge, grid);
        status = solver.solve();
        if (status != MPSolver.ResultStatus.OPTIMAL) {
          // The stage's own directions cannot keep the optimum: the answer's directions can.
          charge = chargeBefore;
          grid = gridBefore;
          fixBroken(request, raw, values, charge, grid);
          model.freeDirections(chargeBefore, gridBefore);
          model.fixDirections(charge, grid);
          status = solver.solve();
        }
      }
      return null;
    }
  }

  private static byte[][] copy(byte[][] values) {
    byte[][] result = new byte[values.length][];
    for (int k = 0; k < values.length; k++) {
      result[k] = values[k].clone();
    }
    return result;
  }

  private static void set(MPObjective objective, MPVariable variable, double coefficient) {
    if (variable != null) {
      objective.setCoefficient(variable, coefficient);
    }
  }

  /**
   * Gives every battery pair that breaks in {@code values} (charges and discharges, or draws and
   * gives, at once) the direction of its net flow in {@code source} (net charge or discharge, net
   * draw or gift; ties: charge, draw); returns how many it fixed.
   */
  private static int fixBroken(ClearingRequest request, ClearingModel.RawSolution source,
      ClearingModel.RawSolution values, byte[][] charge, byte[][] grid) {
    ClearingModel.RawSolution raw = source;
    int fixed = 0;
    for (int k = 0; k < charge.length; k++) {
      if (!request.day().households().get(request.members()[k]).hasBattery()) {
        continue;
      }
      for (int t = 0; t < charge[k].length; t++) {
        boolean chargeBreaks =
            Math.min(values.ch()[k][t], values.dis()[k][t]) > CoalitionSolver.BREAK_KWH;
        boolean gridBreaks = CoalitionSolver.breaksDirection(values.imp()[k][t], values.exp()[k][t],
            values.buy()[k][t], values.sell()[k][t], values.cur()[k][t]);
        if (!chargeBreaks && !gridBreaks) {
          continue;
        }
        if (charge[k][t] == 0) {
          charge[k][t] = (byte) (raw.dis()[k][t] > raw.ch()[k][t] ? -1 : 1);
          fixed++;
        }
        if (grid[k][t] == 0) {
          double draws = raw.imp()[k][t] + Math.max(0, raw.buy()[k][t] - raw.sell()[k][t]);
          double gives = raw.exp()[k][t] + Math.max(0, raw.sell()[k][t] - raw.buy()[k][t]) + raw.cur()[k][t];
          grid[k][t] = (byte) (gives > draws ? -1 : 1);
          fixed++;
        }
      }
    }
    return fixed;
  }
}
