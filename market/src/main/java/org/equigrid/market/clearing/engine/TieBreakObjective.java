package org.equigrid.market.clearing.engine;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import org.equigrid.market.clearing.ClearingModel;
import org.equigrid.market.clearing.ClearingRequest;
import org.equigrid.market.model.ElectricVehicle;
import org.equigrid.market.model.TradingDay;

/**
 * The tie-break's objective ({@link TieBreak}, docs/model.md "Ties"): the optimal face's row and
 * the rule {@code Σ_i Σ_t C_i[t] · (1 + t/T) / V_i} written into a model, its coefficients, and its
 * value on a schedule.
 */
final class TieBreakObjective {

  private TieBreakObjective() {}

  /**
   * Turns the solver's objective into the row {@code objective <= optimum + 1e-9·max(1, |optimum|)}
   * named {@code name}, and clears the objective (to minimise) for the next pass.
   */
  static MPObjective holdAtOptimum(MPSolver solver, double optimum, String name) {
    MPObjective objective = solver.objective();
    double slack = TieBreak.FACE_SLACK * Math.max(1, Math.abs(optimum));
    MPConstraint optimal = solver.makeConstraint(-MPSolver.infinity(), optimum + slack, name);
    for (MPVariable variable : solver.variables()) {
      double coefficient = objective.getCoefficient(variable);
      if (coefficient != 0) {
        optimal.setCoefficient(variable, coefficient);
      }
    }
    objective.clear();
    objective.setMinimization();
    return objective;
  }

  /**
   * The face's rows go into {@code model} ({@link TieBreakFace#restrict}: the row {@code objective
   * <= z* + 1e-9·max(1, |z*|)} and, where known, the least gross volume's) and the tie-break's
   * objective {@code Σ_i Σ_t C_i[t] · (1 + t/T) / V_i} replaces the objective ({@code V_i} the
   * household's load, PV and EV energy, kWh).
   */
  static void restrictToFace(ClearingRequest request, ClearingModel model, TieBreakFace face) {
    MPObjective objective = face.restrict(request, model);
    TradingDay day = request.day();
    double[] priceImp = day.tariff().importPriceEurPerKwh();
    double[] priceExp = day.tariff().exportPriceEurPerKwh();
    double[] pool = request.poolPriceEurPerKwh();
    double[][] rule = ruleCoefficients(request);
    for (int k = 0; k < request.members().length; k++) {
      for (int t = 0; t < day.intervals(); t++) {
        double c = rule[k][t];
        set(objective, model.gridImport(k, t), c * priceImp[t]);
        set(objective, model.gridExport(k, t), -c * priceExp[t]);
        set(objective, model.poolBuy(k, t), c * pool[t]);
        set(objective, model.poolSell(k, t), -c * pool[t]);
      }
    }
  }

  /**
   * The rule's weight of member {@code k}'s cost in interval {@code t}: {@code (1 + t/T) / V_k}.
   */
  static double[][] ruleCoefficients(ClearingRequest request) {
    TradingDay day = request.day();
    int intervals = day.intervals();
    double[][] rule = new double[request.members().length][intervals];
    for (int k = 0; k < request.members().length; k++) {
      int i = request.members()[k];
      double volumeKwh = 0;
      for (int t = 0; t < intervals; t++) {
        volumeKwh += day.loadKwh()[i][t] + day.pvKwh()[i][t];
      }
      ElectricVehicle vehicle = day.households().get(i).flex().ev();
      if (vehicle != null) {
        volumeKwh += vehicle.energyKwh();
      }
      double perKwh = 1 / Math.max(volumeKwh, 1e-6);
      for (int t = 0; t < intervals; t++) {
        rule[k][t] = perKwh * (1 + (double) t / intervals);
      }
    }
    return rule;
  }

  /** The rule's objective {@code Σ_i Σ_t C_i[t] · (1 + t/T) / V_i} of {@code values}. */
  static double ruleObjective(ClearingRequest request, ClearingModel.RawSolution values) {
    TradingDay day = request.day();
    double[] priceImp = day.tariff().importPriceEurPerKwh();
    double[] priceExp = day.tariff().exportPriceEurPerKwh();
    double[] pool = request.poolPriceEurPerKwh();
    double[][] rule = ruleCoefficients(request);
    double sum = 0;
    for (int k = 0; k < rule.length; k++) {
      for (int t = 0; t < rule[k].length; t++) {
        sum +=
            rule[k][t]
                * (priceImp[t] * values.imp()[k][t]
                    - priceExp[t] * values.exp()[k][t]
                    + pool[t] * (values.buy()[k][t] - values.sell()[k][t]));
      }
    }
    return sum;
  }

  static void set(MPObjective objective, MPVariable variable, double coefficient) {
    if (variable != null) {
      objective.setCoefficient(variable, coefficient);
    }
  }
}
