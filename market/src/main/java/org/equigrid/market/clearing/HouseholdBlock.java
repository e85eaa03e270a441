package org.equigrid.market.clearing;

import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import java.util.ArrayList;
import java.util.List;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.FlexibleDemand;
import org.equigrid.market.model.TradingDay;

/**
 * One household's block of the clearing LP (DESIGN.md section 2: balance, origin, battery,
 * connection limits) as the pricing problem of {@link PriceDecomposition}: the household's cheapest
 * schedule against given per-interval prices for import, export, pool purchases and pool sales. The
 * variables are those the community model ({@link ClearingModel}) gives the household, with the
 * same bounds and the same rows, both from {@link DayFormulation}. It reads only its own
 * household's row of the day: in the agent protocol the household solves it itself ({@link
 * #solve(PricingCall)}), in process the decomposition does.
 *
 * <p>A household's flexible demand (docs/model.md, "Flexible demand", F1–F6) is in its block as in
 * the community model: the flexible load {@code flex[t]} in the balance, origin and one-meter rows
 * ({@link DayFormulation#withoutBattery} gives a household without a battery its {@code δ} where it
 * has a surplus while its load may run), the EV's daily energy and the appliances' starts ({@link
 * DayFormulation#flexibleDemand}); the column carries {@code flex[t]} ({@link #FLEX}).
 *
 * <p>Households with a battery or flexible demand keep one GLOP model for the whole decomposition
 * (only objective coefficients and bounds change, so GLOP re-solves from its last basis).
 * Households with neither have no coupling across intervals; each interval is a small transport
 * problem solved exactly by merging the cheapest inflows with the most valuable outflows ({@link
 * GreedyPricing}). Not thread-safe; one thread at a time per block.
 *
 * <p>Longer than 400 lines on purpose: it is one household's block, its bounds and its rows
 * (written once for the pricing problem, the proximal step and the household's MILP) with the ways
 * the negotiation solves it (at prices, with fixed appliance starts, proximal) and its interface
 * records (the call, the column); what could leave has left: the greedy path ({@link
 * GreedyPricing}), the proximal cuts ({@link ProximalStep}), the appliances' start bookkeeping
 * ({@link ApplianceStarts}).
 */
public final class HouseholdBlock implements AutoCloseable {

  /** Indices of the flow arrays of a {@link Column}. */
  public static final int IMP = IntervalCell.IMP;

  public static final int EXP = IntervalCell.EXP;
  public static final int BUY = IntervalCell.BUY;
  public static final int SELL = IntervalCell.SELL;
  public static final int CUR = IntervalCell.CUR;
  public static final int CH = IntervalCell.CH;
  public static final int DIS = IntervalCell.DIS;
  public static final int SOC = IntervalCell.FLOWS;

  /**
   * The flexible load {@code flex[t]} (docs/model.md, "Flexible demand": the EV's charging, with
   * the running appliances), 0 where the household has none.
   */
  public static final int FLEX = SOC + 1;

  public static final int FLOWS = FLEX + 1;

  private final int intervals;
  private final double[] load;
  private final double[] pv;
  private final double initialSocKwh;
  private final double intervalHours;
  private final Battery battery;
  private final int household;
  private final FlexibleDemand flex;
  private final boolean[] hasVariable; // [flow * intervals + t]
  private final double[] upper; // [flow * intervals + t], current upper bounds (greedy path)
  private final double[] baseUpper; // [flow * intervals + t], the bounds of the data
  private final MPSolver solver;
  private final MPVariable[][] variables; // [flow][t], LP path only
  private final List<MPVariable> starts; // the appliances' starts in the LP, relaxed
  private final ApplianceStarts applianceStarts;

  /**
   * The block of household {@code household} of {@code day}, with pool variables in every interval
   * ({@link PricingCall#tradeOpen} closes them where the community has nobody on the other side).
   */
  public HouseholdBlock(TradingDay day, int household) {
    this(day, household, allTrue(day.intervals()));
  }

  private static boolean[] allTrue(int n) {
    boolean[] all = new boolean[n];
    java.util.Arrays.fill(all, true);
    return all;
  }

  /**
   * @param inPool per interval: whether the community has somebody on both sides of the pool
   */
  HouseholdBlock(TradingDay day, int household, boolean[] inPool) {
    this.intervals = day.intervals();
    this.load = day.loadKwh()[household];
    this.pv = day.pvKwh()[household];
    this.battery = day.households().get(household).battery();
    this.household = household;
    this.flex = day.households().get(household).flex();
    this.applianceStarts = ApplianceStarts.of(flex, day.intervals(), day.intervalHours());
    this.initialSocKwh = day.initialSocKwh()[household];
    this.intervalHours = day.intervalHours();
    double dt = day.intervalHours();
    double importCapKwh = day.tariff().importLimitKw() * dt;
    double exportCapKwh = day.tariff().exportLimitKw() * dt;
    hasVariable = new boolean[FLOWS * intervals];
    upper = new double[FLOWS * intervals];
    double[] flowUpper = new double[IntervalCell.FLOWS];
    for (int t = 0; t < intervals; t++) {
      // One meter, one direction (DESIGN.md section 2b): without a battery a household only draws
      // where L > G (or its flexible load may run) and only gives (exports, sells, curtails) where
      // G > L.
      double flexCapKwh = flex.capKwh(t, dt);
      DayFormulation.flowUpperKwh(
          flowUpper,
          battery != null,
          Math.max(0, load[t] - pv[t]),
          Math.max(0, pv[t] - load[t]),
          pv[t],
          inPool[t],
          importCapKwh,
          exportCapKwh,
          battery == null ? 0 : battery.powerKw() * dt,
          flexCapKwh);
      for (int f = 0; f < IntervalCell.FLOWS; f++) {
        if (!Double.isNaN(flowUpper[f])) {
          // The flow indices are the formulation's; without a battery the greedy walk has no
          // surplus row, so a sale is bounded by the surplus itself.
          set(f, t, f == SELL && battery == null ? pv[t] - load[t] : flowUpper[f]);
        }
      }
      if (battery != null) {
        set(SOC, t, DayFormulation.socUpperKwh(battery, true));
      }
      if (flexCapKwh > 0) {
        set(FLEX, t, flexCapKwh);
      }
    }
    baseUpper = upper.clone();
    if (!hasBinaries()) {
      solver = null;
      variables = null;
      starts = List.of();
      return;
    }
    solver = MPSolver.createSolver("GLOP");
    if (solver == null) {
      throw new IllegalStateException("OR-Tools has no GLOP solver in this build");
    }
    // Only objective coefficients and bounds change between solves: without presolve GLOP starts
    // from the last basis.
    solver.setSolverSpecificParametersAsString("use_preprocessing: false");
    Variables lp = rows(solver, BatteryRows.RELAXED);
    variables = lp.flows();
    starts = lp.starts();
  }

  /**
   * The household's variables in one model: {@code flows[flow][t]} (null where the flow does not
   * exist), the direction variables {@code beta[t]} (with a battery) and {@code delta[t]} (null
   * where the interval has none) and its appliances' start variables {@code starts} (F4 of
   * docs/model.md, in the order {@link DayFormulation#flexibleDemand} makes them).
   */
  record Variables(
      MPVariable[][] flows, MPVariable[] beta, MPVariable[] delta, List<MPVariable> starts) {}

  /**
   * The household's rows (a household's with binaries, {@link #hasBinaries}) in a new model {@code
   * into} at the bounds of the data, its binaries as {@code which} says: with {@link
   * BatteryRows#RELAXED} this block's own LP, with integer binaries the household's MILP ({@link
   * HouseholdMilp}), where its appliance starts are integer too.
   */
  Variables model(MPSolver into, BatteryRows which) {
    if (!hasBinaries()) {
      throw new IllegalStateException(
          "a household without a battery or flexible demand has no binaries to model");
    }
    return rows(into, which);
  }

  /**
   * Builds the household's LP in {@code into} at the current bounds: the variables here, the rows
   * from {@link DayFormulation} (balance, origin, battery dynamics, {@code β} and the one-meter
   * rows with their binaries relaxed to [0, 1] where {@code which} says so, as in the clearing LP,
   * so the decomposition's bound is the bound of the MILP's relaxation; without a battery the
   * balance, the direction being in the bounds, and with flexible demand the need, surplus and
   * one-meter rows of {@link DayFormulation#withoutBattery}; then the flexible demand's rows F3–F6,
   * its appliance starts integer where {@code which} makes {@code δ} integer).
   */
  private Variables rows(MPSolver into, BatteryRows which) {
    DayFormulation formulation = new DayFormulation(into, false);
    MPVariable[][] variables = new MPVariable[FLOWS][intervals];
    MPVariable[] beta = new MPVariable[intervals];
    MPVariable[] delta = new MPVariable[intervals];
    for (int f = 0; f < FLOWS; f++) {
      for (int t = 0; t < intervals; t++) {
        if (hasVariable[f * intervals + t]) {
          double lb =
              f == SOC
                  ? DayFormulation.socLowerKwh(
                      battery, initialSocKwh, t == intervals - 1, true, true)
                  : 0;
          variables[f][t] = formulation.variable(lb, upper[f * intervals + t], "", -1, t);
        }
      }
    }
    boolean flexible = flex.any();
    for (int t = 0; t < intervals; t++) {
      MPVariable[][] v = variables;
      IntervalCell cell =
          IntervalCell.at(
              t, v[IMP], v[EXP], v[BUY], v[SELL], v[CUR], v[CH], v[DIS], v[SOC], v[FLEX]);
      if (battery == null && !flexible) {
        formulation.balance(-1, t, load[t], pv[t], cell);
      } else if (battery == null) {
        IntervalRows rows =
            formulation.withoutBattery(
                household,
                t,
                load[t],
                pv[t],
                Math.max(0, load[t] - pv[t]),
                Math.max(0, pv[t] - load[t]),
                cell,
                which.meterRows(),
                which.integerDelta());
        delta[t] = rows.delta();
      } else {
        IntervalRows rows =
            formulation.withBattery(
                household, t, load[t], pv[t], battery, initialSocKwh, intervalHours, cell, which);
        beta[t] = rows.beta();
        delta[t] = rows.delta();
      }
    }
    List<MPVariable> starts = new ArrayList<>();
    if (flexible) {
      formulation.flexibleDemand(
          household, variables[FLEX], flex, intervalHours, which.integerDelta(), starts);
    }
    return new Variables(variables, beta, delta, starts);
  }

  /**
   * Whether the household has binaries in the clearing's rows (a battery's {@code β}, a meter's
   * {@code δ} or appliance starts): a battery or flexible demand. Without, its block is priced by
   * {@link GreedyPricing}.
   */
  boolean hasBinaries() {
    return battery != null || flex.any();
  }

  private void set(int flow, int t, double ub) {
    hasVariable[flow * intervals + t] = true;
    upper[flow * intervals + t] = ub;
  }

  Battery battery() {
    return battery;
  }

  boolean has(int flow, int t) {
    return hasVariable[flow * intervals + t];
  }

  /** Sets the upper bound of one flow (0 forbids it: fixed directions, no trading). */
  void setUpper(int flow, int t, double ub) {
    if (!has(flow, t)) {
      return;
    }
    upper[flow * intervals + t] = ub;
    if (variables != null) {
      variables[flow][t].setUb(Double.isInfinite(ub) ? MPSolver.infinity() : ub);
    }
  }

  double upper(int flow, int t) {
    return upper[flow * intervals + t];
  }

  /**
   * One pricing problem as the decomposition's master poses it to a household.
   *
   * @param importCost EUR per kWh imported, per interval (weight, duals and peak price folded in)
   * @param exportCost EUR per kWh exported (negative: a revenue)
   * @param buyCost EUR per kWh bought from the pool
   * @param sellCost EUR per kWh sold to the pool (negative: a revenue)
   * @param tradeOpen per interval: whether pool purchases and sales are allowed
   * @param chargeDirection per interval: 1 only charge, −1 only discharge, 0 free
   * @param gridDirection per interval: 1 only draw (import, buy), −1 only give (export, sell,
   *     curtail), 0 free
   * @param fixedStarts per deferrable appliance the interval it must start in, or null: free
   */
  public record PricingCall(
      double[] importCost,
      double[] exportCost,
      double[] buyCost,
      double[] sellCost,
      boolean[] tradeOpen,
      byte[] chargeDirection,
      byte[] gridDirection,
      int[] fixedStarts) {}

  /**
   * The cheapest schedule for the call, or null if the block has none: the bounds of the data with
   * the call's closed pool intervals and fixed directions, then {@link #solve(double[], double[],
   * double[], double[])}.
   */
  public Column solve(PricingCall call) {
    if (call.fixedStarts() != null && !starts.isEmpty()) {
      return solve(call, call.fixedStarts());
    }
    return solveAtBounds(call);
  }

  /** {@link #solve(PricingCall)} with the starts as they are bounded now. */
  private Column solveAtBounds(PricingCall call) {
    for (int t = 0; t < intervals; t++) {
      for (int f = 0; f < SOC; f++) {
        double wanted = closed(call, f, t) ? 0 : baseUpper(f, t);
        if (has(f, t) && upper(f, t) != wanted) {
          setUpper(f, t, wanted);
        }
      }
    }
    return solve(call.importCost(), call.exportCost(), call.buyCost(), call.sellCost());
  }

  /**
   * Whether flow {@code f} (not {@code SOC}) is closed in interval {@code t} by the call: no pool
   * trade where the pool is closed, only the fixed direction of the battery and of the meter.
   */
  static boolean closed(PricingCall call, int f, int t) {
    return !call.tradeOpen()[t] && (f == BUY || f == SELL)
        || call.chargeDirection()[t] > 0 && f == DIS
        || call.chargeDirection()[t] < 0 && f == CH
        || call.gridDirection()[t] > 0 && (f == EXP || f == SELL || f == CUR)
        || call.gridDirection()[t] < 0 && (f == IMP || f == BUY);
  }

  /** The upper bound of one flow in the data (before any call closes it). */
  double baseUpper(int flow, int t) {
    return baseUpper[flow * intervals + t];
  }

  /**
   * {@link #solve(PricingCall)} with each deferrable appliance's start fixed: appliance {@code a}
   * starts in interval {@code startIntervals[a]} (a start of the household's MILP, {@link
   * HouseholdMilp}); the column carries them. The starts are free again afterwards.
   */
  Column solve(PricingCall call, int[] startIntervals) {
    applianceStarts.bound(starts, startIntervals);
    try {
      Column column = solveAtBounds(call);
      return column == null ? null : new Column(column.values(), startIntervals.clone());
    } finally {
      applianceStarts.bound(starts, null);
    }
  }

  /** The start variables of the household's appliances, in its models' order. */
  ApplianceStarts applianceStarts() {
    return applianceStarts;
  }

  /** Whether the household has deferrable appliances (integer starts). */
  boolean hasAppliances() {
    return flex.hasAppliances();
  }

  /**
   * The cheapest schedule for the given per-interval cost coefficients (EUR per kWh of each flow;
   * curtailment, charge and discharge cost nothing), or null if the block is infeasible.
   */
  Column solve(double[] costImp, double[] costExp, double[] costBuy, double[] costSell) {
    if (solver == null) {
      return GreedyPricing.solve(this, load, pv, costImp, costExp, costBuy, costSell);
    }
    MPObjective objective = solver.objective();
    for (int t = 0; t < intervals; t++) {
      coefficient(objective, IMP, t, costImp[t]);
      coefficient(objective, EXP, t, costExp[t]);
      coefficient(objective, BUY, t, costBuy[t]);
      coefficient(objective, SELL, t, costSell[t]);
    }
    objective.setMinimization();
    MPSolver.ResultStatus status = solver.solve();
    if (status != MPSolver.ResultStatus.OPTIMAL) {
      return null;
    }
    double[][] values = new double[FLOWS][intervals];
    for (int f = 0; f < FLOWS; f++) {
      for (int t = 0; t < intervals; t++) {
        if (variables[f][t] != null) {
          double v = variables[f][t].solutionValue();
          // Clipped: the relaxed binaries leave dust (1e-15 kWh) that makes the master
          // numerically troubled (GLOP without presolve returned ABNORMAL and INFEASIBLE).
          values[f][t] = f == SOC ? v : v < ResultAssembly.CLIP_KWH ? 0 : v;
        }
      }
    }
    return new Column(values);
  }

  private void coefficient(MPObjective objective, int flow, int t, double value) {
    if (variables[flow][t] != null) {
      objective.setCoefficient(variables[flow][t], value);
    }
  }

  /** The proximal solve stops when every tangent envelope is within this of its parabola (EUR). */
  public static final double PROXIMAL_TOLERANCE_EUR = 1e-6;

  /**
   * The household's exact step of exchange ADMM: the cheapest schedule for the given cost
   * coefficients plus {@code ρ/2·Σ_t [(buy − sell − poolTarget)² + (imp − importTarget)²]}, with
   * the bounds of the data. The quadratic terms are separable in one variable each, so they are
   * replaced by their epigraphs and tangent cuts (Kelley's outer approximation): the LP is solved,
   * a tangent is added wherever a term's envelope lies more than {@link #PROXIMAL_TOLERANCE_EUR}
   * below its parabola, until none does. The answer is then the QP's optimum within that tolerance
   * per term (GLOP's own tolerances aside). A protected household under the Rawlsian floor ({@code
   * floor} not null) adds its copy of the floor with its row and proximal term ({@link
   * ProximalFloor}). Null if the block is infeasible.
   */
  public Column solveProximal(
      double[] costImp,
      double[] costExp,
      double[] costBuy,
      double[] costSell,
      double[] poolTargetKwh,
      double[] importTargetKwh,
      double rhoEurPerKwh2,
      ProximalFloor floor) {
    for (int f = 0; f < SOC; f++) {
      for (int t = 0; t < intervals; t++) {
        if (has(f, t) && upper(f, t) != baseUpper[f * intervals + t]) {
          setUpper(f, t, baseUpper[f * intervals + t]);
        }
      }
    }
    return ProximalStep.solve(
        this,
        costImp,
        costExp,
        costBuy,
        costSell,
        poolTargetKwh,
        importTargetKwh,
        rhoEurPerKwh2,
        floor);
  }

  /**
   * The household's rows in a new model {@code into} at the current bounds, binaries relaxed to [0,
   * 1] (the LP of the proximal step, {@link ProximalStep}).
   */
  Variables relaxedModel(MPSolver into) {
    return rows(into, BatteryRows.RELAXED);
  }

  /** The number of intervals. */
  public int intervals() {
    return intervals;
  }

  @Override
  public void close() {
    if (solver != null) {
      solver.delete();
    }
  }

  /**
   * One schedule of the household: {@code values[flow][t]} in kWh ({@code SOC}: state of charge)
   * and, from the household's MILP, the interval each deferrable appliance starts in ({@code
   * starts[a]}; null without appliances or from the relaxation, whose starts may be fractional).
   */
  public record Column(double[][] values, int[] starts) {

    /** A schedule without known appliance starts. */
    public Column(double[][] values) {
      this(values, null);
    }

    double cost(double[] priceImp, double[] priceExp, double[] pool) {
      double cost = 0;
      for (int t = 0; t < priceImp.length; t++) {
        cost +=
            priceImp[t] * values[IMP][t]
                - priceExp[t] * values[EXP][t]
                + pool[t] * (values[BUY][t] - values[SELL][t]);
      }
      return cost;
    }
  }
}
