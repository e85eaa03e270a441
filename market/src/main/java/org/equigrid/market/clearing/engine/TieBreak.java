package org.equigrid.market.clearing.engine;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import org.equigrid.market.clearing.BinaryPairs;
import org.equigrid.market.clearing.ClearingModel;
import org.equigrid.market.clearing.ClearingRequest;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.model.TradingDay;

/**
 * The tie-break of DESIGN.md section 2b (docs/model.md, "Ties"): a second, lexicographic stage that
 * makes the per-household energy costs a function of the problem, not of the solver's vertex, the
 * pooling, the thread count or the households' order.
 *
 * <p>On the request as given (one block per household, never pooled), the LP relaxation of {@link
 * ClearingModel} is built and the answer's objective is kept as a row {@code objective <= z* +
 * 1e-9·max(1, |z*|)}. Among the schedules of that optimal face it minimises {@code Σ_i Σ_t C_i[t] ·
 * (1 + t/T) / V_i}: each household's cost per interval, divided by its energy volume {@code V_i =
 * Σ_t (L + G)} (kWh), later intervals weighing slightly more. So a tie goes to the household whose
 * cost per kWh of its own load and generation falls most (small households first), and within a
 * household to the earlier interval. The coefficients differ between any two households of
 * different data, so the costs are unique on the face; identical households (the same load, PV and
 * battery) have the same coefficient and may split a tie between them as the LP's vertex falls
 * (documented limit). Where the stage's schedule breaks a battery pair (charges and discharges, or
 * draws and gives, at once), that pair takes the direction of its net flow in the stage's own
 * schedule (a function of the problem) and the stage is solved again, at most {@value #MAX_ROUNDS}
 * times; only where a round's directions cannot keep the optimum do that round's pairs take the
 * directions of the answer (then, and only then, the split depends on the solver's vertex). A pair
 * still broken after the rounds leaves the answer as it was. A stage that does not solve leaves the
 * answer as it was (logged); requests above {@value #MAX_MEMBERS} members are left as they are (the
 * extra LP would cost as much as the clearing).
 */
public final class TieBreak {

  /** Requests with more members keep the solver's split (see the class comment). */
  static final int MAX_MEMBERS = 500;

  /** Re-solves with the stage's own directions before the answer's directions are taken. */
  static final int MAX_ROUNDS = 20;

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
  static Outcome apply(
      ClearingRequest request,
      ClearingModel.RawSolution raw,
      double objectiveEur,
      double epsilonEur,
      boolean fixPairs) {
    MPSolver solver = MPSolver.createSolver("GLOP");
    if (solver == null) {
      return null;
    }
    try (ClearingModel model =
        new ClearingModel(request, solver, null, null, null, false, epsilonEur)) {
      MPObjective objective = solver.objective();
      double slack = 1e-9 * Math.max(1, Math.abs(objectiveEur));
      MPConstraint optimal =
          solver.makeConstraint(-MPSolver.infinity(), objectiveEur + slack, "optimal");
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
          set(objective, model.gridImport(k, t), c * priceImp[t]);
          set(objective, model.gridExport(k, t), -c * priceExp[t]);
          set(objective, model.poolBuy(k, t), c * pool[t]);
          set(objective, model.poolSell(k, t), -c * pool[t]);
        }
      }
      int memberCount = request.members().length;
      MPSolver.ResultStatus status = solver.solve();
      if (status != MPSolver.ResultStatus.OPTIMAL) {
        return null;
      }
      ClearingModel.RawSolution values = model.values();
      if (!fixPairs || !breaks(request, values)) {
        return new Outcome(values, false);
      }
      boolean answerDirections = false;
      // Each pair that breaks takes the direction of its net flow in the stage's schedule and the
      // stage is solved again, at most MAX_ROUNDS times; where a round's directions cannot keep the
      // optimum, that round's pairs take the answer's directions instead.
      byte[][] charge = new byte[memberCount][intervals];
      byte[][] grid = new byte[memberCount][intervals];
      for (int round = 0; round < MAX_ROUNDS; round++) {
        byte[][] chargeBefore = copy(charge);
        byte[][] gridBefore = copy(grid);
        if (fixBroken(request, values, values, charge, grid) == 0) {
          return new Outcome(values, answerDirections);
        }
        model.fixDirections(charge, grid);
        status = solver.solve();
        if (status != MPSolver.ResultStatus.OPTIMAL) {
          charge = chargeBefore;
          grid = gridBefore;
          fixBroken(request, raw, values, charge, grid);
          answerDirections = true;
          model.freeDirections(chargeBefore, gridBefore);
          model.fixDirections(charge, grid);
          status = solver.solve();
          if (status != MPSolver.ResultStatus.OPTIMAL) {
            return everyAnswerDirection(request, raw, model, solver);
          }
        }
        values = model.values();
      }
      return breaks(request, values)
          ? everyAnswerDirection(request, raw, model, solver)
          : new Outcome(values, answerDirections);
    }
  }

  /**
   * The last resort where the stage's own directions fail: every battery pair takes the direction
   * of the answer (discharge where it discharges more than it charges, else charge; give where it
   * gives more than it draws, else draw). The answer itself keeps those directions at objective
   * {@code z*}, so the stage is feasible and breaks no pair; the split then depends on the answer's
   * vertex and says so ({@link #VERTEX_NOTE}). Null only if the LP solver fails.
   */
  private static Outcome everyAnswerDirection(
      ClearingRequest request,
      ClearingModel.RawSolution raw,
      ClearingModel model,
      MPSolver solver) {
    int memberCount = request.members().length;
    int intervals = request.day().intervals();
    byte[][] charge = new byte[memberCount][intervals];
    byte[][] grid = new byte[memberCount][intervals];
    for (int k = 0; k < memberCount; k++) {
      if (!request.day().households().get(request.members()[k]).hasBattery()) {
        continue;
      }
      for (int t = 0; t < intervals; t++) {
        charge[k][t] = (byte) (raw.dis()[k][t] > raw.ch()[k][t] ? -1 : 1);
        double draws = raw.imp()[k][t] + Math.max(0, raw.buy()[k][t] - raw.sell()[k][t]);
        double gives =
            raw.exp()[k][t] + Math.max(0, raw.sell()[k][t] - raw.buy()[k][t]) + raw.cur()[k][t];
        grid[k][t] = (byte) (gives > draws ? -1 : 1);
      }
    }
    model.freeDirections(new byte[memberCount][intervals], new byte[memberCount][intervals]);
    model.fixDirections(charge, grid);
    if (solver.solve() != MPSolver.ResultStatus.OPTIMAL) {
      return null;
    }
    ClearingModel.RawSolution values = model.values();
    return breaks(request, values) ? null : new Outcome(values, true);
  }

  /**
   * The stage's schedule.
   *
   * @param values per member of the request
   * @param answerDirections whether some battery pairs took the answer's directions (the split may
   *     then depend on the solver's vertex: {@link #VERTEX_NOTE})
   */
  record Outcome(ClearingModel.RawSolution values, boolean answerDirections) {}

  /** The note a solver report carries when {@link Outcome#answerDirections()}. */
  public static final String VERTEX_NOTE =
      "tie-break kept the answer's directions at some battery pairs (the split may depend on the vertex)";

  private static byte[][] copy(byte[][] values) {
    byte[][] result = new byte[values.length][];
    for (int k = 0; k < values.length; k++) {
      result[k] = values[k].clone();
    }
    return result;
  }

  /**
   * Gives every battery pair that breaks in {@code values} (charges and discharges, or draws and
   * gives, at once) and has no direction yet the direction of its net flow in {@code source}
   * (discharge where {@code dis > ch}, else charge; give where what it gives exceeds what it draws,
   * else draw); returns how many directions it set.
   */
  private static int fixBroken(
      ClearingRequest request,
      ClearingModel.RawSolution source,
      ClearingModel.RawSolution values,
      byte[][] charge,
      byte[][] grid) {
    int fixed = 0;
    for (int k = 0; k < charge.length; k++) {
      if (!request.day().households().get(request.members()[k]).hasBattery()) {
        continue;
      }
      for (int t = 0; t < charge[k].length; t++) {
        boolean chargeBreaks =
            Math.min(values.ch()[k][t], values.dis()[k][t]) > BinaryPairs.BREAK_KWH;
        boolean gridBreaks =
            BinaryPairs.breaksDirection(
                values.imp()[k][t],
                values.exp()[k][t],
                values.buy()[k][t],
                values.sell()[k][t],
                values.cur()[k][t]);
        if (!chargeBreaks && !gridBreaks) {
          continue;
        }
        if (charge[k][t] == 0) {
          charge[k][t] = (byte) (source.dis()[k][t] > source.ch()[k][t] ? -1 : 1);
          fixed++;
        }
        if (grid[k][t] == 0) {
          double draws = source.imp()[k][t] + Math.max(0, source.buy()[k][t] - source.sell()[k][t]);
          double gives =
              source.exp()[k][t]
                  + Math.max(0, source.sell()[k][t] - source.buy()[k][t])
                  + source.cur()[k][t];
          grid[k][t] = (byte) (gives > draws ? -1 : 1);
          fixed++;
        }
      }
    }
    return fixed;
  }

  /**
   * Whether a battery pair of {@code values} charges and discharges, or draws and gives, at once.
   */
  private static boolean breaks(ClearingRequest request, ClearingModel.RawSolution values) {
    for (int k = 0; k < request.members().length; k++) {
      if (!request.day().households().get(request.members()[k]).hasBattery()) {
        continue;
      }
      for (int t = 0; t < request.day().intervals(); t++) {
        if (Math.min(values.ch()[k][t], values.dis()[k][t]) > BinaryPairs.BREAK_KWH
            || BinaryPairs.breaksDirection(
                values.imp()[k][t],
                values.exp()[k][t],
                values.buy()[k][t],
                values.sell()[k][t],
                values.cur()[k][t])) {
          return true;
        }
      }
    }
    return false;
  }

  private static void set(MPObjective objective, MPVariable variable, double coefficient) {
    if (variable != null) {
      objective.setCoefficient(variable, coefficient);
    }
  }
}
