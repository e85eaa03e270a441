package org.equigrid.market.clearing;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.TradingDay;

/**
 * One household's pricing problem solved exactly as its MILP (DESIGN.md section 2: the battery's
 * direction {@code β[t]} and the meter's direction {@code δ[t]} binary), for price-and-branch in
 * {@link PriceDecomposition.Run}: every column is then a schedule the household can actually run,
 * and the Lagrangian bound is a bound of the community MILP. SCIP solves the MILP (one model per
 * household, kept across calls: only objective coefficients and bounds change); the column is then
 * the {@link HouseholdBlock}'s LP with every direction fixed as SCIP's binaries say, so its flows
 * are exact (no dust of the integrality tolerance) and its cost is the MILP optimum. Households
 * without a battery have no free binary (their direction is fixed by the data): their block's LP is
 * already exact.
 *
 * <p>The rows are {@link HouseholdBlock}'s (balance, origin, battery dynamics and power, the
 * one-meter row, same bounds read from a block of the same household) with the binaries integer;
 * they are written here a second time because the block does not expose its rows to another solver.
 * Reads only the household's own row of the day. Not thread-safe.
 */
public final class HouseholdMilp implements AutoCloseable {

  /** A flow above this (kWh) counts as used when a schedule's directions are read. */
  static final double USED_KWH = 1e-9;

  private final HouseholdBlock block;
  private final int intervals;
  private final MPSolver solver;
  private final MPVariable[][] variables; // [flow][t]
  private final double[][] baseUpper; // [flow][t]
  private final MPVariable[] beta;
  private final MPVariable[] delta;

  /** The MILP of household {@code household} of {@code day}. */
  public HouseholdMilp(TradingDay day, int household) {
    this.block = new HouseholdBlock(day, household);
    this.intervals = day.intervals();
    Battery battery = day.households().get(household).battery();
    if (battery == null) {
      solver = null;
      variables = null;
      baseUpper = null;
      beta = null;
      delta = null;
      return;
    }
    solver = MPSolver.createSolver("SCIP");
    if (solver == null) {
      throw new IllegalStateException("OR-Tools has no SCIP solver in this build");
    }
    double dt = day.intervalHours();
    double[] load = day.loadKwh()[household];
    double[] pv = day.pvKwh()[household];
    double initialSocKwh = day.initialSocKwh()[household];
    double inf = MPSolver.infinity();
    variables = new MPVariable[HouseholdBlock.FLOWS][intervals];
    baseUpper = new double[HouseholdBlock.FLOWS][intervals];
    for (int f = 0; f < HouseholdBlock.FLOWS; f++) {
      for (int t = 0; t < intervals; t++) {
        if (block.has(f, t)) {
          double lb = 0;
          if (f == HouseholdBlock.SOC) {
            lb =
                t == intervals - 1
                    ? Math.max(battery.socMinKwh(), initialSocKwh)
                    : battery.socMinKwh();
          }
          double ub = block.upper(f, t);
          baseUpper[f][t] = ub;
          variables[f][t] = solver.makeNumVar(lb, Double.isInfinite(ub) ? inf : ub, "");
        }
      }
    }
    beta = new MPVariable[intervals];
    delta = new MPVariable[intervals];
    double powerM = battery.powerKw() * dt;
    for (int t = 0; t < intervals; t++) {
      double rhs = load[t] - pv[t];
      MPConstraint balance = solver.makeConstraint(rhs, rhs, "");
      add(balance, HouseholdBlock.IMP, t, 1);
      add(balance, HouseholdBlock.BUY, t, 1);
      add(balance, HouseholdBlock.DIS, t, 1);
      add(balance, HouseholdBlock.CH, t, -1);
      add(balance, HouseholdBlock.EXP, t, -1);
      add(balance, HouseholdBlock.SELL, t, -1);
      add(balance, HouseholdBlock.CUR, t, -1);
      if (variables[HouseholdBlock.SELL][t] != null) {
        MPConstraint fromLocal = solver.makeConstraint(-inf, pv[t], "");
        add(fromLocal, HouseholdBlock.SELL, t, 1);
        add(fromLocal, HouseholdBlock.DIS, t, -1);
      }
      MPConstraint forOwnUse = solver.makeConstraint(-inf, load[t], "");
      add(forOwnUse, HouseholdBlock.IMP, t, 1);
      add(forOwnUse, HouseholdBlock.BUY, t, 1);
      add(forOwnUse, HouseholdBlock.CH, t, -1);
      double socRhs = t == 0 ? initialSocKwh : 0;
      MPConstraint dynamics = solver.makeConstraint(socRhs, socRhs, "");
      add(dynamics, HouseholdBlock.SOC, t, 1);
      if (t > 0) {
        add(dynamics, HouseholdBlock.SOC, t - 1, -1);
      }
      add(dynamics, HouseholdBlock.CH, t, -battery.chargeEfficiency());
      add(dynamics, HouseholdBlock.DIS, t, 1 / battery.dischargeEfficiency());
      beta[t] = solver.makeIntVar(0, 1, "");
      MPConstraint charge = solver.makeConstraint(-inf, 0, "");
      add(charge, HouseholdBlock.CH, t, 1);
      charge.setCoefficient(beta[t], -powerM);
      MPConstraint discharge = solver.makeConstraint(-inf, powerM, "");
      add(discharge, HouseholdBlock.DIS, t, 1);
      discharge.setCoefficient(beta[t], powerM);
      double drawM = Math.max(0, load[t] - pv[t] + powerM);
      double giveM = Math.max(0, pv[t] - load[t] + powerM);
      delta[t] = solver.makeIntVar(0, 1, "");
      MPConstraint draws = solver.makeConstraint(-inf, 0, "");
      add(draws, HouseholdBlock.IMP, t, 1);
      add(draws, HouseholdBlock.BUY, t, 1);
      draws.setCoefficient(delta[t], -drawM);
      MPConstraint gives = solver.makeConstraint(-inf, giveM, "");
      add(gives, HouseholdBlock.EXP, t, 1);
      add(gives, HouseholdBlock.SELL, t, 1);
      add(gives, HouseholdBlock.CUR, t, 1);
      gives.setCoefficient(delta[t], giveM);
    }
  }

  private void add(MPConstraint row, int flow, int t, double coefficient) {
    if (variables[flow][t] != null) {
      row.setCoefficient(variables[flow][t], coefficient);
    }
  }

  /**
   * The household's cheapest integer-feasible schedule for {@code call} (its closed pool intervals
   * and fixed directions kept), or null if it has none.
   */
  public HouseholdBlock.Column solve(HouseholdBlock.PricingCall call) {
    if (solver == null) {
      return block.solve(call);
    }
    MPObjective objective = solver.objective();
    for (int t = 0; t < intervals; t++) {
      for (int f = 0; f < HouseholdBlock.SOC; f++) {
        if (variables[f][t] == null) {
          continue;
        }
        boolean closed =
            !call.tradeOpen()[t] && (f == HouseholdBlock.BUY || f == HouseholdBlock.SELL)
                || call.chargeDirection()[t] > 0 && f == HouseholdBlock.DIS
                || call.chargeDirection()[t] < 0 && f == HouseholdBlock.CH
                || call.gridDirection()[t] > 0
                    && (f == HouseholdBlock.EXP
                        || f == HouseholdBlock.SELL
                        || f == HouseholdBlock.CUR)
                || call.gridDirection()[t] < 0
                    && (f == HouseholdBlock.IMP || f == HouseholdBlock.BUY);
        double ub = closed ? 0 : baseUpper[f][t];
        variables[f][t].setUb(Double.isInfinite(ub) ? MPSolver.infinity() : ub);
      }
      coefficient(objective, HouseholdBlock.IMP, t, call.importCost()[t]);
      coefficient(objective, HouseholdBlock.EXP, t, call.exportCost()[t]);
      coefficient(objective, HouseholdBlock.BUY, t, call.buyCost()[t]);
      coefficient(objective, HouseholdBlock.SELL, t, call.sellCost()[t]);
    }
    objective.setMinimization();
    MPSolverParameters parameters = new MPSolverParameters();
    parameters.setDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, 1e-9);
    MPSolver.ResultStatus status = solver.solve(parameters);
    parameters.delete();
    if (status != MPSolver.ResultStatus.OPTIMAL) {
      return null;
    }
    byte[] charge = new byte[intervals];
    byte[] grid = new byte[intervals];
    for (int t = 0; t < intervals; t++) {
      charge[t] = (byte) (beta[t].solutionValue() > 0.5 ? 1 : -1);
      grid[t] = (byte) (delta[t].solutionValue() > 0.5 ? 1 : -1);
    }
    HouseholdBlock.Column exact =
        block.solve(
            new HouseholdBlock.PricingCall(
                call.importCost(),
                call.exportCost(),
                call.buyCost(),
                call.sellCost(),
                call.tradeOpen(),
                charge,
                grid));
    if (exact == null) {
      throw new IllegalStateException(
          "the household's LP with SCIP's directions fixed is infeasible (SCIP objective "
              + objective.value()
              + ")");
    }
    return exact;
  }

  private void coefficient(MPObjective objective, int flow, int t, double value) {
    if (variables[flow][t] != null) {
      objective.setCoefficient(variables[flow][t], value);
    }
  }

  @Override
  public void close() {
    block.close();
    if (solver != null) {
      solver.delete();
    }
  }
}
