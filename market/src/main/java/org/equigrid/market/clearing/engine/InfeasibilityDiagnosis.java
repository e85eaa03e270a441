package org.equigrid.market.clearing.engine;

import com.google.ortools.linearsolver.MPSolver;
import java.util.Locale;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.market.clearing.ClearingModel;
import org.equigrid.market.clearing.ClearingRequest;
import org.equigrid.market.clearing.ConstraintFamily;
import org.equigrid.market.clearing.OrToolsModels;
import org.equigrid.market.model.TradingDay;

/**
 * Why a request has no schedule: the LP is re-solved with one {@link ConstraintFamily} relaxed at a
 * time (in the enum's order) and the first whose relaxation restores feasibility is named, with the
 * household and interval where a connection limit is exceeded.
 */
final class InfeasibilityDiagnosis {

  private static final Logger LOG = LogManager.getLogger();

  private InfeasibilityDiagnosis() {}

  /**
   * Re-solves the LP with one family relaxed at a time; names the first that restores feasibility.
   */
  static String diagnose(ClearingRequest request, double epsilonEur) {
    for (ConstraintFamily family : ConstraintFamily.values()) {
      try (ClearingModel model =
          OrToolsModels.open(request, "GLOP", null, null, family, false, false, epsilonEur)) {
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
              Locale.ROOT,
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
}
