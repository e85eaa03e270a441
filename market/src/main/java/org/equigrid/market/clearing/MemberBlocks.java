package org.equigrid.market.clearing;

import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPVariable;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.TradingDay;

/**
 * The per-member blocks of a {@link ClearingModel}: each member's variables (with their objective
 * coefficients) and its rows of {@link DayFormulation}, in the order the model creates them (the
 * order fixes the solver's answer on ties). The coupling rows (EV energy, pool, peak, floor) are
 * {@link CouplingRows}.
 */
final class MemberBlocks {

  private MemberBlocks() {}

  /**
   * {@code {anyCanSell, anyCanBuy}} per interval: whether some member could be on that side of the
   * pool (a battery, a surplus, a need or an EV's room); both false in a coalition of one.
   */
  static boolean[][] poolSides(ClearingRequest request, boolean together) {
    TradingDay day = request.day();
    int intervals = day.intervals();
    boolean[] anyCanSell = new boolean[intervals];
    boolean[] anyCanBuy = new boolean[intervals];
    if (together) {
      for (int k = 0; k < request.members().length; k++) {
        int i = request.members()[k];
        boolean battery = day.households().get(i).hasBattery();
        for (int t = 0; t < intervals; t++) {
          anyCanSell[t] |= battery || request.surplusKwh(k, t) > 0;
          anyCanBuy[t] |= battery || request.needKwh(k, t) > 0 || request.flexCapKwh(k, t) > 0;
        }
      }
    }
    return new boolean[][] {anyCanSell, anyCanBuy};
  }

  /**
   * Each member's variables: the flows with the bounds of {@link DayFormulation#flowUpperKwh} and
   * their objective coefficients {@code w·πimp}, {@code w·p}, {@code −w·πexp}, {@code −w·p} (the
   * objective {@code Σ_i w[g(i)]·C_i} of DESIGN.md section 2), the EV's charging and the state of
   * charge with its bounds.
   */
  static void variables(
      ClearingModel m,
      DayFormulation rows,
      MPObjective objective,
      ClearingRequest request,
      ConstraintFamily relaxed,
      boolean[] anyCanSell,
      boolean[] anyCanBuy) {
    TradingDay day = m.day;
    double inf = Double.POSITIVE_INFINITY;
    double dt = day.intervalHours();
    double[] priceImp = day.tariff().importPriceEurPerKwh();
    double[] priceExp = day.tariff().exportPriceEurPerKwh();
    double[] pool = request.poolPriceEurPerKwh();
    double importLimitKwh =
        relaxed == ConstraintFamily.IMPORT_LIMIT ? inf : day.tariff().importLimitKw() * dt;
    double exportLimitKwh =
        relaxed == ConstraintFamily.EXPORT_LIMIT ? inf : day.tariff().exportLimitKw() * dt;
    double[] upper = new double[IntervalCell.FLOWS];
    for (int k = 0; k < m.memberCount; k++) {
      int i = m.members[k];
      double w = request.weightByMember()[k];
      Battery battery = day.households().get(i).battery();
      double[] pv = day.pvKwh()[i];
      double scale = request.connectionScale(k);
      double powerCapKwh =
          battery == null || relaxed == ConstraintFamily.BATTERY_POWER
              ? inf
              : battery.powerKw() * dt;
      for (int t = 0; t < m.intervals; t++) {
        DayFormulation.flowUpperKwh(
            upper,
            battery != null,
            request.needKwh(k, t),
            request.surplusKwh(k, t),
            pv[t],
            anyCanSell[t] && anyCanBuy[t],
            importLimitKwh * scale,
            exportLimitKwh * scale,
            powerCapKwh,
            request.flexCapKwh(k, t));
        m.imp[k][t] = flow(rows, objective, upper, IntervalCell.IMP, "imp", i, t, w * priceImp[t]);
        m.buy[k][t] = flow(rows, objective, upper, IntervalCell.BUY, "buy", i, t, w * pool[t]);
        m.exp[k][t] = flow(rows, objective, upper, IntervalCell.EXP, "exp", i, t, -w * priceExp[t]);
        m.sell[k][t] = flow(rows, objective, upper, IntervalCell.SELL, "sell", i, t, -w * pool[t]);
        m.cur[k][t] = flow(rows, objective, upper, IntervalCell.CUR, "cur", i, t, Double.NaN);
        m.ch[k][t] = flow(rows, objective, upper, IntervalCell.CH, "ch", i, t, Double.NaN);
        m.dis[k][t] = flow(rows, objective, upper, IntervalCell.DIS, "dis", i, t, Double.NaN);
        double evCap = request.flexCapKwh(k, t);
        if (evCap > 0) {
          m.ev[k][t] = rows.variable(0, evCap, "ev", i, t);
        }
        if (battery != null) {
          boolean bounds = relaxed != ConstraintFamily.SOC_BOUNDS;
          double lb =
              DayFormulation.socLowerKwh(
                  battery,
                  day.initialSocKwh()[i],
                  t == m.intervals - 1,
                  bounds,
                  relaxed != ConstraintFamily.END_OF_DAY_SOC);
          m.soc[k][t] = rows.variable(lb, DayFormulation.socUpperKwh(battery, bounds), "soc", i, t);
        }
      }
    }
  }

  /**
   * Each member's rows of {@link DayFormulation} per interval (with or without a battery), kept in
   * the model's row arrays.
   */
  static void rows(
      ClearingModel m,
      DayFormulation rows,
      ClearingRequest request,
      boolean[][] chargeBinary,
      boolean[][] gridBinary,
      ConstraintFamily relaxed,
      boolean directionHull) {
    TradingDay day = m.day;
    double dt = day.intervalHours();
    boolean origin = relaxed != ConstraintFamily.ORIGIN;
    // The binary rows are left out only for the infeasibility diagnosis (relaxed != null), whose
    // relaxed families would make their big-M values invalid.
    boolean binaryRows = relaxed == null;
    for (int k = 0; k < m.memberCount; k++) {
      int i = m.members[k];
      Battery battery = day.households().get(i).battery();
      double[] load = day.loadKwh()[i];
      double[] pv = day.pvKwh()[i];
      for (int t = 0; t < m.intervals; t++) {
        IntervalCell cell =
            IntervalCell.at(
                t, m.imp[k], m.exp[k], m.buy[k], m.sell[k], m.cur[k], m.ch[k], m.dis[k], m.soc[k],
                m.ev[k]);
        IntervalRows written;
        boolean flex = day.households().get(i).hasFlex();
        if (battery == null) {
          written =
              rows.withoutBattery(
                  i,
                  t,
                  load[t],
                  pv[t],
                  request.needKwh(k, t),
                  request.surplusKwh(k, t),
                  cell,
                  binaryRows,
                  gridBinary != null && gridBinary[k][t]);
        } else {
          boolean integerDelta = gridBinary != null && gridBinary[k][t];
          // A block of several households with identical batteries has one δ for several meters:
          // relaxed, its rows would be tighter than the members' (their big-M values differ), so
          // only an integer δ is added (rounding, MILP); the block's LP then relaxes the members'
          // δ rows, and its bound stays a bound of the unpooled MILP.
          written =
              rows.withBattery(
                  i,
                  t,
                  load[t],
                  pv[t],
                  battery,
                  day.initialSocKwh()[i],
                  dt,
                  cell,
                  new BatteryRows(
                      origin,
                      binaryRows,
                      chargeBinary != null && chargeBinary[k][t],
                      integerDelta || !request.isBatteryBlock(k),
                      integerDelta));
          // the hull's rows assume a fixed load: not with a flexible one
          if (directionHull && binaryRows && integerDelta && !flex) {
            DirectionHull.write(
                rows, i, t, cell, written.delta(), load[t] - pv[t], pv[t], battery.powerKw() * dt);
          }
        }
        m.balanceRow[k][t] = written.balance();
        m.needRow[k][t] = written.need();
        m.surplusRow[k][t] = written.surplus();
        m.originSellRow[k][t] = written.originSell();
        m.originBuyRow[k][t] = written.originBuy();
        m.dynamicsRow[k][t] = written.dynamics();
        m.beta[k][t] = written.beta();
        m.chargeRow[k][t] = written.charge();
        m.dischargeRow[k][t] = written.discharge();
        m.delta[k][t] = written.delta();
        m.importSideRow[k][t] = written.importSide();
        m.exportSideRow[k][t] = written.exportSide();
      }
    }
  }

  /**
   * The variable of one flow with the bound of {@link DayFormulation#flowUpperKwh} and its
   * objective coefficient (NaN: none), or null where the flow does not exist.
   */
  private static MPVariable flow(
      DayFormulation rows,
      MPObjective objective,
      double[] upper,
      int flow,
      String prefix,
      int household,
      int t,
      double costEurPerKwh) {
    if (Double.isNaN(upper[flow])) {
      return null;
    }
    MPVariable variable = rows.variable(0, upper[flow], prefix, household, t);
    if (!Double.isNaN(costEurPerKwh)) {
      objective.setCoefficient(variable, costEurPerKwh);
    }
    return variable;
  }
}
