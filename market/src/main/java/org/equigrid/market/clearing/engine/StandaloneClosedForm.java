package org.equigrid.market.clearing.engine;

import org.equigrid.market.clearing.ClearingModel;
import org.equigrid.market.clearing.ClearingRequest;
import org.equigrid.market.clearing.ClearingResult;
import org.equigrid.market.clearing.ResultAssembly;
import org.equigrid.market.clearing.SolveStatus;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.clearing.SolverReport;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.TradingDay;

/**
 * The standalone optimum of a household without a battery, in closed form: nothing couples its
 * intervals, nobody else is in its pool, so it imports its net load, exports a surplus up to the
 * export limit when exporting pays ({@code πexp > 0}) and curtails the rest; its own peak is its
 * largest import. Importing more to export it never pays ({@code πexp <= πimp}).
 *
 * <p>An exact decorator: requests where the closed form does not apply (more than one member, a
 * battery, a Rawlsian floor, non-positive weight) or where the household is infeasible alone (the
 * LP then diagnoses it) go to the engine it decorates.
 */
public final class StandaloneClosedForm implements ClearingEngine {

  private final ClearingEngine otherwise;
  private final double epsilonEur;

  StandaloneClosedForm(ClearingEngine otherwise, SolverOptions options) {
    this.otherwise = otherwise;
    this.epsilonEur = options.epsilonEur();
  }

  @Override
  public ClearingResult solve(ClearingRequest request) {
    ClearingResult alone = closedForm(request, epsilonEur, System.nanoTime());
    return alone != null ? alone : otherwise.solve(request);
  }

  @Override
  public Guarantee guarantee() {
    return Guarantee.EXACT.over(otherwise.guarantee());
  }

  @Override
  public String name() {
    return "closed form, else " + otherwise.name();
  }

  /**
   * The result, or null when the closed form does not apply (battery, flexible demand, a Rawlsian
   * floor, non-positive weight) or the household is infeasible alone (the LP then diagnoses it).
   */
  static ClearingResult closedForm(ClearingRequest request, double epsilonEur, long start) {
    if (request.members().length != 1
        || ClearingModel.hasFloor(request)
        || request.hasFlexibleDemand()
        || !(request.weightByMember()[0] > 0)) {
      return null;
    }
    TradingDay day = request.day();
    int i = request.members()[0];
    Household household = day.households().get(i);
    if (household.hasBattery()) {
      return null;
    }
    int intervals = day.intervals();
    double dt = day.intervalHours();
    double importCapKwh = day.tariff().importLimitKw() * dt * request.connectionScale(0);
    double exportCapKwh = day.tariff().exportLimitKw() * dt * request.connectionScale(0);
    double[] priceExp = day.tariff().exportPriceEurPerKwh();
    double[] load = day.loadKwh()[i];
    double[] pv = day.pvKwh()[i];
    double[][] imp = new double[1][intervals];
    double[][] exp = new double[1][intervals];
    double[][] cur = new double[1][intervals];
    for (int t = 0; t < intervals; t++) {
      double netLoad = load[t] - pv[t];
      if (netLoad > 0) {
        if (netLoad > importCapKwh) {
          return null;
        }
        imp[0][t] = netLoad;
      } else if (netLoad < 0) {
        double surplus = -netLoad;
        double exported = priceExp[t] > 0 ? Math.min(surplus, exportCapKwh) : 0;
        exp[0][t] = exported;
        cur[0][t] = surplus - exported;
      }
    }
    double[][] none = new double[1][intervals];
    ClearingModel.RawSolution raw =
        new ClearingModel.RawSolution(imp, exp, none, none, cur, none, none, none);
    ClearingResult result =
        ResultAssembly.finish(
            request,
            raw,
            new SolverReport(SolveStatus.OPTIMAL, Double.NaN, Double.NaN, 0, 0, 0, false, 0, ""),
            start,
            epsilonEur);
    double objective = result.report().objectiveEur();
    SolverReport r = result.report();
    SolverReport report =
        new SolverReport(
            r.status(),
            objective,
            objective,
            0.0,
            r.buildSeconds(),
            r.solveSeconds(),
            false,
            0,
            "");
    return result.withReport(report);
  }
}
