package org.equigrid.market.clearing;

import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import org.equigrid.market.model.TradingDay;

/**
 * One household's pricing problem solved exactly as its MILP (DESIGN.md section 2: the battery's
 * direction {@code β[t]} and the meter's direction {@code δ[t]} binary; docs/model.md F4–F5: each
 * deferrable appliance's start {@code s[a,k]} binary), for price-and-branch and for every
 * decomposition of a request with appliances in {@link PriceDecomposition.Run}: every column is
 * then a schedule the household can actually run, and the Lagrangian bound is a bound of the
 * community MILP. SCIP solves the MILP (one model per household, kept across calls: only objective
 * coefficients and bounds change); the column is then the {@link HouseholdBlock}'s LP with every
 * direction fixed as SCIP's binaries say, so its flows are exact (no dust of the integrality
 * tolerance) and its cost is the MILP optimum. Households without a battery or flexible demand have
 * no free binary (their direction is fixed by the data): their block's LP is already exact. A
 * household with an EV has the EV's charging in its model (docs/model.md, F1–F3: continuous, so
 * fixing the directions leaves an exact LP), and without a battery its one-meter binaries where it
 * has a surplus while plugged in. With appliances the LP also fixes SCIP's starts, and the column
 * carries them ({@link HouseholdBlock.Column#starts}).
 *
 * <p>The model is the {@link HouseholdBlock}'s ({@link HouseholdBlock#model}: its variables and
 * bounds, the rows of {@link DayFormulation} — balance, origin, battery dynamics and power, the
 * one-meter rows) with the binaries {@code β} and {@code δ} integer instead of relaxed. Reads only
 * the household's own row of the day. Not thread-safe.
 */
public final class HouseholdMilp implements AutoCloseable {

  /** A flow above this (kWh) counts as used when a schedule's directions are read. */
  static final double USED_KWH = 1e-9;

  private final HouseholdBlock block;
  private final int intervals;
  private final MPSolver solver;
  private final MPVariable[][] variables; // [flow][t]
  private final MPVariable[] beta;
  private final MPVariable[] delta;
  private final java.util.List<MPVariable> starts;

  /** The MILP of household {@code household} of {@code day}. */
  public HouseholdMilp(TradingDay day, int household) {
    this.block = new HouseholdBlock(day, household);
    this.intervals = day.intervals();
    if (!block.hasBinaries()) {
      solver = null;
      variables = null;
      beta = null;
      delta = null;
      starts = java.util.List.of();
      return;
    }
    solver = MPSolver.createSolver("SCIP");
    if (solver == null) {
      throw new IllegalStateException("OR-Tools has no SCIP solver in this build");
    }
    HouseholdBlock.Variables model = block.model(solver, BatteryRows.INTEGER);
    variables = model.flows();
    beta = model.beta();
    delta = model.delta();
    starts = model.starts();
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
        double ub = HouseholdBlock.closed(call, f, t) ? 0 : block.baseUpper(f, t);
        variables[f][t].setUb(Double.isInfinite(ub) ? MPSolver.infinity() : ub);
      }
      coefficient(objective, HouseholdBlock.IMP, t, call.importCost()[t]);
      coefficient(objective, HouseholdBlock.EXP, t, call.exportCost()[t]);
      coefficient(objective, HouseholdBlock.BUY, t, call.buyCost()[t]);
      coefficient(objective, HouseholdBlock.SELL, t, call.sellCost()[t]);
    }
    objective.setMinimization();
    block.applianceStarts().bound(starts, call.fixedStarts());
    MPSolver.ResultStatus status = ScipRun.canonical(solver, 0, "", 1e-9);
    if (status != MPSolver.ResultStatus.OPTIMAL) {
      return null;
    }
    byte[] charge = new byte[intervals];
    byte[] grid = new byte[intervals];
    for (int t = 0; t < intervals; t++) {
      // a household without a battery has no β; δ only where it has a surplus while its EV may
      // charge: elsewhere its direction is the data's
      charge[t] = beta[t] == null ? 0 : (byte) (beta[t].solutionValue() > 0.5 ? 1 : -1);
      grid[t] = delta[t] == null ? 0 : (byte) (delta[t].solutionValue() > 0.5 ? 1 : -1);
    }
    HouseholdBlock.PricingCall fixed =
        new HouseholdBlock.PricingCall(
            call.importCost(),
            call.exportCost(),
            call.buyCost(),
            call.sellCost(),
            call.tradeOpen(),
            charge,
            grid,
            null);
    HouseholdBlock.Column exact =
        block.hasAppliances()
            ? block.solve(fixed, block.applianceStarts().chosen(starts))
            : block.solve(fixed);
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
