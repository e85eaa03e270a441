package org.equigrid.market.clearing;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import java.util.ArrayList;
import java.util.List;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.TradingDay;

/**
 * One OR-Tools model of the clearing problem of a coalition (DESIGN.md section 2), built once and
 * solved once. Only variables that can be nonzero are created: no battery means no {@code ch, dis,
 * soc}; no PV means no {@code cur}; {@code buy}/{@code sell} only in coalitions of two or more and
 * only in intervals where somebody could be on the other side.
 *
 * <p>The objective has no constant term, so the MPS export carries it completely (MPS has no
 * standard way to write an objective offset).
 *
 * <p><b>Binaries.</b> A member with a battery has in every interval {@code β} (charge or discharge)
 * and {@code δ} (one meter, one direction, DESIGN.md section 2b: it draws {@code imp + buy} or
 * gives {@code exp + sell + cur}, never both; curtailment counts on the giving side, so a household
 * never curtails its PV while it draws energy). They are integer only where {@code
 * chargeBinary[k][t]} / {@code gridBinary[k][t]} say so (either may be null for none) and
 * continuous in {@code [0, 1]} elsewhere: with both null the model is the LP relaxation of the
 * MILP, whose optimum is the proven lower bound {@code lpBound}. A member without a battery has no
 * binary: its direction is fixed by the data ({@code imp + buy <= need}, {@code exp + sell + cur <=
 * surplus}, need and surplus after own use, {@link ClearingRequest#needKwh}; one of them is 0 for a
 * single household, so its balance fixes its flows' side). One family of constraints may be
 * relaxed, for the infeasibility diagnosis; the binary rows are then left out.
 *
 * <p><b>The model's solver-facing API.</b> The engines ({@link
 * org.equigrid.market.clearing.engine}) build and drive the model through its public members only:
 * the constructor, {@link #solver()}, {@link #binaryCount()}, {@link #fixDirections}, {@link
 * #freeDirections}, {@link #hint}, {@link #values()}, the flow variables ({@link #gridImport} and
 * the like) and {@link RawSolution}; the rows themselves are written here and in {@link
 * DayFormulation}, never by an engine.
 */
public final class ClearingModel implements AutoCloseable {

  private final ClearingRequest request;
  private final TradingDay day;
  private final int[] members;
  private final int memberCount;
  private final int intervals;
  private final MPSolver solver;
  private final boolean directionHull;

  final MPVariable[][] imp;
  final MPVariable[][] exp;
  final MPVariable[][] buy;
  final MPVariable[][] sell;
  final MPVariable[][] cur;
  final MPVariable[][] ch;
  final MPVariable[][] dis;
  final MPVariable[][] soc;

  /**
   * Per member and interval: the flexible load {@code flex} (kWh; EV charging plus running
   * appliances, docs/model.md "Flexible demand"; null where it cannot draw).
   */
  final MPVariable[][] ev;

  final MPVariable peak;
  final MPVariable floor;
  private final MPVariable[][] beta;
  private final MPVariable[][] delta;

  /** Per battery member and interval: {@code ch − P·Δt·β <= 0} (null where absent). */
  final MPConstraint[][] chargeRow;

  /** Per battery member and interval: {@code dis + P·Δt·β <= P·Δt} (null where absent). */
  final MPConstraint[][] dischargeRow;

  /** Per battery member and interval: {@code imp + buy − Mimp·δ <= 0} (null where absent). */
  final MPConstraint[][] importSideRow;

  /**
   * Per battery member and interval: {@code exp + sell + cur + Mexp·δ <= Mexp} (null where absent).
   */
  final MPConstraint[][] exportSideRow;

  /** Per member without a battery and interval: {@code imp + buy <= need} (null where absent). */
  final MPConstraint[][] needRow;

  /**
   * Per member without a battery and interval: {@code exp + sell + cur <= surplus} (null where
   * absent).
   */
  final MPConstraint[][] surplusRow;

  /** Per member and interval: the balance row and the battery dynamics row (null where absent). */
  final MPConstraint[][] balanceRow;

  final MPConstraint[][] dynamicsRow;

  /** Per member and interval: the origin row {@code imp + buy − ch <= L} (null where absent). */
  final MPConstraint[][] originBuyRow;

  /** Per member and interval: the origin row {@code sell − dis <= G} (null where absent). */
  final MPConstraint[][] originSellRow;

  private final DayFormulation formulation;

  /**
   * Whether {@code z} is in the model: {@code ρ > 0} and at least one protected member with finite
   * C0.
   */
  public static boolean hasFloor(ClearingRequest request) {
    if (!(request.rawlsianStrengthEur() > 0)) {
      return false;
    }
    for (int k = 0; k < request.members().length; k++) {
      if (request.protectedMember()[k] && Double.isFinite(request.standaloneCostEur()[k])) {
        return true;
      }
    }
    return false;
  }

  /**
   * Builds the model.
   *
   * @param solverId {@code GLOP} or {@code SCIP}
   * @param relaxed the family to drop, or null
   * @param named whether to give variables and rows names (for MPS export)
   */
  public ClearingModel(
      ClearingRequest request,
      MPSolver solver,
      boolean[][] chargeBinary,
      boolean[][] gridBinary,
      ConstraintFamily relaxed,
      boolean named,
      double epsilonEur) {
    this(request, solver, chargeBinary, gridBinary, relaxed, named, epsilonEur, false);
  }

  /**
   * As above; with {@code directionHull} every integer {@code δ} also gets the rows of {@link
   * #addDirectionHull} (the same MILP, a tighter relaxation).
   */
  ClearingModel(
      ClearingRequest request,
      MPSolver solver,
      boolean[][] chargeBinary,
      boolean[][] gridBinary,
      ConstraintFamily relaxed,
      boolean named,
      double epsilonEur,
      boolean directionHull) {
    this.request = request;
    this.directionHull = directionHull;
    this.day = request.day();
    this.members = request.members();
    this.memberCount = members.length;
    this.intervals = day.intervals();
    this.solver = solver;
    DayFormulation rows = new DayFormulation(solver, named);
    this.formulation = rows;
    double inf = Double.POSITIVE_INFINITY;
    double dt = day.intervalHours();
    double[] priceImp = day.tariff().importPriceEurPerKwh();
    double[] priceExp = day.tariff().exportPriceEurPerKwh();
    double[] pool = request.poolPriceEurPerKwh();
    double importLimitKwh =
        relaxed == ConstraintFamily.IMPORT_LIMIT ? inf : day.tariff().importLimitKw() * dt;
    double exportLimitKwh =
        relaxed == ConstraintFamily.EXPORT_LIMIT ? inf : day.tariff().exportLimitKw() * dt;
    boolean origin = relaxed != ConstraintFamily.ORIGIN;

    imp = new MPVariable[memberCount][intervals];
    exp = new MPVariable[memberCount][intervals];
    buy = new MPVariable[memberCount][intervals];
    sell = new MPVariable[memberCount][intervals];
    cur = new MPVariable[memberCount][intervals];
    ch = new MPVariable[memberCount][intervals];
    dis = new MPVariable[memberCount][intervals];
    soc = new MPVariable[memberCount][intervals];
    ev = new MPVariable[memberCount][intervals];
    beta = new MPVariable[memberCount][intervals];
    delta = new MPVariable[memberCount][intervals];
    chargeRow = new MPConstraint[memberCount][intervals];
    dischargeRow = new MPConstraint[memberCount][intervals];
    importSideRow = new MPConstraint[memberCount][intervals];
    exportSideRow = new MPConstraint[memberCount][intervals];
    needRow = new MPConstraint[memberCount][intervals];
    surplusRow = new MPConstraint[memberCount][intervals];
    balanceRow = new MPConstraint[memberCount][intervals];
    dynamicsRow = new MPConstraint[memberCount][intervals];
    originBuyRow = new MPConstraint[memberCount][intervals];
    originSellRow = new MPConstraint[memberCount][intervals];

    // Who could be on each side of the pool in each interval.
    boolean[] anyCanSell = new boolean[intervals];
    boolean[] anyCanBuy = new boolean[intervals];
    if (memberCount > 1) {
      for (int k = 0; k < memberCount; k++) {
        int i = members[k];
        boolean battery = day.households().get(i).hasBattery();
        for (int t = 0; t < intervals; t++) {
          anyCanSell[t] |= battery || request.surplusKwh(k, t) > 0;
          anyCanBuy[t] |= battery || request.needKwh(k, t) > 0 || request.flexCapKwh(k, t) > 0;
        }
      }
    }

    MPObjective objective = solver.objective();
    objective.setMinimization();
    double[] upper = new double[DayFormulation.FLOWS];
    for (int k = 0; k < memberCount; k++) {
      int i = members[k];
      double w = request.weightByMember()[k];
      Battery battery = day.households().get(i).battery();
      double[] pv = day.pvKwh()[i];
      double scale = request.connectionScale(k);
      double powerCapKwh =
          battery == null || relaxed == ConstraintFamily.BATTERY_POWER
              ? inf
              : battery.powerKw() * dt;
      for (int t = 0; t < intervals; t++) {
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
        imp[k][t] = flow(rows, upper, DayFormulation.IMP, "imp", i, t, w * priceImp[t]);
        buy[k][t] = flow(rows, upper, DayFormulation.BUY, "buy", i, t, w * pool[t]);
        exp[k][t] = flow(rows, upper, DayFormulation.EXP, "exp", i, t, -w * priceExp[t]);
        sell[k][t] = flow(rows, upper, DayFormulation.SELL, "sell", i, t, -w * pool[t]);
        cur[k][t] = flow(rows, upper, DayFormulation.CUR, "cur", i, t, Double.NaN);
        ch[k][t] = flow(rows, upper, DayFormulation.CH, "ch", i, t, Double.NaN);
        dis[k][t] = flow(rows, upper, DayFormulation.DIS, "dis", i, t, Double.NaN);
        double evCap = request.flexCapKwh(k, t);
        if (evCap > 0) {
          ev[k][t] = rows.variable(0, evCap, "ev", i, t);
        }
        if (battery != null) {
          boolean bounds = relaxed != ConstraintFamily.SOC_BOUNDS;
          double lb =
              DayFormulation.socLowerKwh(
                  battery,
                  day.initialSocKwh()[i],
                  t == intervals - 1,
                  bounds,
                  relaxed != ConstraintFamily.END_OF_DAY_SOC);
          soc[k][t] = rows.variable(lb, DayFormulation.socUpperKwh(battery, bounds), "soc", i, t);
        }
      }
    }

    // The binary rows are left out only for the infeasibility diagnosis (relaxed != null), whose
    // relaxed families would make their big-M values invalid.
    boolean binaryRows = relaxed == null;
    for (int k = 0; k < memberCount; k++) {
      int i = members[k];
      Battery battery = day.households().get(i).battery();
      double[] load = day.loadKwh()[i];
      double[] pv = day.pvKwh()[i];
      for (int t = 0; t < intervals; t++) {
        DayFormulation.Cell cell =
            DayFormulation.Cell.at(
                t, imp[k], exp[k], buy[k], sell[k], cur[k], ch[k], dis[k], soc[k], ev[k]);
        DayFormulation.IntervalRows written;
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
                  new DayFormulation.BatteryRows(
                      origin,
                      binaryRows,
                      chargeBinary != null && chargeBinary[k][t],
                      integerDelta || !request.isBatteryBlock(k),
                      integerDelta,
                      // the hull's rows assume a fixed load: not with a flexible one
                      directionHull && integerDelta && !flex));
        }
        balanceRow[k][t] = written.balance();
        needRow[k][t] = written.need();
        surplusRow[k][t] = written.surplus();
        originSellRow[k][t] = written.originSell();
        originBuyRow[k][t] = written.originBuy();
        dynamicsRow[k][t] = written.dynamics();
        beta[k][t] = written.beta();
        chargeRow[k][t] = written.charge();
        dischargeRow[k][t] = written.discharge();
        delta[k][t] = written.delta();
        importSideRow[k][t] = written.importSide();
        exportSideRow[k][t] = written.exportSide();
      }
    }

    for (int k = 0; k < memberCount; k++) {
      // appliance starts: integer in a MILP (SCIP), in [0, 1] in the relaxation (GLOP)
      rows.flexibleDemand(
          members[k], ev[k], day.households().get(members[k]).flex(), dt, solver.isMip());
    }

    if (relaxed != ConstraintFamily.POOL_BALANCE) {
      for (int t = 0; t < intervals; t++) {
        if (anyCanSell[t] && anyCanBuy[t]) {
          rows.pool(t, column(sell, t), column(buy, t));
        }
      }
    }

    double peakCharge = day.tariff().peakChargeEurPerKw();
    if (peakCharge > 0) {
      peak = rows.variable(0, inf, "peak", -1, -1);
      objective.setCoefficient(peak, peakCharge);
      for (int t = 0; t < intervals; t++) {
        rows.peak(t, peak, dt, column(imp, t));
      }
    } else {
      peak = null;
    }

    if (hasFloor(request)) {
      floor = rows.variable(-inf, inf, "z", -1, -1);
      objective.setCoefficient(floor, -request.rawlsianStrengthEur());
      for (int k = 0; k < memberCount; k++) {
        double standalone = request.standaloneCostEur()[k];
        if (request.protectedMember()[k] && Double.isFinite(standalone)) {
          rows.floor(
              members[k],
              floor,
              standalone,
              epsilonEur,
              priceImp,
              priceExp,
              pool,
              imp[k],
              exp[k],
              buy[k],
              sell[k]);
        }
      }
    } else {
      floor = null;
    }
  }

  /**
   * The variable of one flow with the bound of {@link DayFormulation#flowUpperKwh} and its
   * objective coefficient (NaN: none), or null where the flow does not exist.
   */
  private MPVariable flow(
      DayFormulation rows,
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
      solver.objective().setCoefficient(variable, costEurPerKwh);
    }
    return variable;
  }

  /** {@code family[k][t]} over the members {@code k}. */
  private MPVariable[] column(MPVariable[][] family, int t) {
    MPVariable[] result = new MPVariable[memberCount];
    for (int k = 0; k < memberCount; k++) {
      result[k] = family[k][t];
    }
    return result;
  }

  public MPSolver solver() {
    return solver;
  }

  public int binaryCount() {
    return formulation.integerCount();
  }

  /** Whether an appliance start is fractional in the last answer (docs/model.md, F4). */
  public boolean fractionalStarts() {
    return formulation.fractionalStarts();
  }

  ClearingRequest request() {
    return request;
  }

  /**
   * Forbids one direction where a direction is given: {@code chargeDirection[k][t]} +1 keeps only
   * charging ({@code β = 1}, so {@code dis = 0}), −1 only discharging; {@code gridDirection} +1
   * only drawing ({@code δ = 1}: no {@code exp, sell, cur}), −1 only giving ({@code δ = 0}: no
   * {@code imp, buy}). Bounds change in place, so the LP re-solves from its last basis.
   */
  public void fixDirections(byte[][] chargeDirection, byte[][] gridDirection) {
    for (int k = 0; k < memberCount; k++) {
      for (int t = 0; t < intervals; t++) {
        if (chargeDirection[k][t] != 0) {
          boolean charging = chargeDirection[k][t] > 0;
          if (beta[k][t] != null) {
            double value = charging ? 1 : 0;
            beta[k][t].setBounds(value, value);
          } else {
            (charging ? dis[k][t] : ch[k][t]).setUb(0);
          }
        }
        if (gridDirection[k][t] != 0) {
          boolean drawing = gridDirection[k][t] > 0;
          if (delta[k][t] != null) {
            double value = drawing ? 1 : 0;
            delta[k][t].setBounds(value, value);
          } else if (drawing) {
            zero(exp[k][t], sell[k][t], cur[k][t]);
          } else {
            zero(imp[k][t], buy[k][t]);
          }
        }
      }
    }
  }

  /**
   * Frees every relaxed {@code β}, {@code δ} whose direction is 0 in the given arrays (bounds back
   * to {@code [0, 1]}); pairs without such a variable stay as they are.
   */
  public void freeDirections(byte[][] chargeDirection, byte[][] gridDirection) {
    for (int k = 0; k < memberCount; k++) {
      for (int t = 0; t < intervals; t++) {
        if (chargeDirection[k][t] == 0 && beta[k][t] != null) {
          beta[k][t].setBounds(0, 1);
        }
        if (gridDirection[k][t] == 0 && delta[k][t] != null) {
          delta[k][t].setBounds(0, 1);
        }
      }
    }
  }

  private static void zero(MPVariable... variables) {
    for (MPVariable variable : variables) {
      if (variable != null) {
        variable.setUb(0);
      }
    }
  }

  /** Hints a schedule (and the binaries of given directions) to the MILP solver. */
  public void hint(RawSolution values, byte[][] chargeDirection, byte[][] gridDirection) {
    List<MPVariable> variables = new ArrayList<>();
    List<Double> hinted = new ArrayList<>();
    MPVariable[][][] all = {imp, exp, buy, sell, cur, ch, dis, soc, ev};
    double[][][] known = {
      values.imp(),
      values.exp(),
      values.buy(),
      values.sell(),
      values.cur(),
      values.ch(),
      values.dis(),
      values.soc(),
      values.evOrZero()
    };
    for (int a = 0; a < all.length; a++) {
      for (int k = 0; k < memberCount; k++) {
        for (int t = 0; t < intervals; t++) {
          if (all[a][k][t] != null) {
            variables.add(all[a][k][t]);
            hinted.add(known[a][k][t]);
          }
        }
      }
    }
    for (int k = 0; k < memberCount; k++) {
      for (int t = 0; t < intervals; t++) {
        if (beta[k][t] != null && chargeDirection[k][t] != 0) {
          variables.add(beta[k][t]);
          hinted.add(chargeDirection[k][t] > 0 ? 1.0 : 0.0);
        }
        if (delta[k][t] != null && gridDirection[k][t] != 0) {
          variables.add(delta[k][t]);
          hinted.add(gridDirection[k][t] > 0 ? 1.0 : 0.0);
        }
      }
    }
    double[] hintValues = new double[hinted.size()];
    for (int v = 0; v < hintValues.length; v++) {
      hintValues[v] = hinted.get(v);
    }
    solver.setHint(variables.toArray(new MPVariable[0]), hintValues);
  }

  /** The number of members (blocks) of the model. */
  int memberCount() {
    return memberCount;
  }

  /**
   * Member {@code k}'s variables, family by family (imp, exp, buy, sell, cur, ch, dis, soc, ev, β,
   * δ), each family by interval.
   */
  MPVariable[] variablesOf(int k) {
    List<MPVariable> mine = new ArrayList<>();
    for (MPVariable[][] family :
        new MPVariable[][][] {imp, exp, buy, sell, cur, ch, dis, soc, ev, beta, delta}) {
      for (int t = 0; t < intervals; t++) {
        if (family[k][t] != null) {
          mine.add(family[k][t]);
        }
      }
    }
    return mine.toArray(new MPVariable[0]);
  }

  /**
   * Whether the solution of a cost-minimising model (every weight equal) breaks a binary of a
   * present member in a way no re-split of the pool can mend: a battery charging and discharging at
   * once, or a battery member drawing and giving at once even after the flows of the present
   * members are re-split pro rata to their need and surplus ({@link ProRataSplit#splitClass}; at
   * equal weights that keeps the objective). Need, surplus and limits are read from the model's
   * current bounds, so a pooled block or a scaled type counts with its current sums.
   */
  boolean breaksAtEqualWeights(java.util.function.IntPredicate present) {
    int[] members = java.util.stream.IntStream.range(0, memberCount).filter(present).toArray();
    int n = members.length;
    RawSolution values = values();
    double[][] impV = values.imp();
    double[][] expV = values.exp();
    double[][] buyV = values.buy();
    double[][] sellV = values.sell();
    double[][] curV = values.cur();
    double[] need = new double[n];
    double[] surplus = new double[n];
    boolean[] battery = new boolean[n];
    double[] importCap = new double[n];
    double[] exportCap = new double[n];
    for (int t = 0; t < intervals; t++) {
      for (int m = 0; m < n; m++) {
        int k = members[m];
        battery[m] = ch[k][t] != null || request.hasDirections(k);
        importCap[m] = imp[k][t] == null ? 0 : imp[k][t].ub();
        exportCap[m] = exp[k][t] == null ? 0 : exp[k][t].ub();
        if (battery[m]) {
          if (Math.min(values.ch()[k][t], values.dis()[k][t]) > BinaryPairs.BREAK_KWH) {
            return true;
          }
          double evKwh = values.ev() == null ? 0 : values.ev()[k][t];
          double net =
              (balanceRow[k][t] == null ? 0 : balanceRow[k][t].ub())
                  + values.ch()[k][t]
                  - values.dis()[k][t]
                  + curV[k][t]
                  + evKwh;
          need[m] = Math.max(0, net);
          surplus[m] = Math.max(0, -net);
        } else {
          need[m] = needRow[k][t] == null ? 0 : needRow[k][t].ub();
          surplus[m] = surplusRow[k][t] == null ? 0 : surplusRow[k][t].ub();
        }
      }
      ProRataSplit.splitClass(
          members, t, need, surplus, battery, importCap, exportCap, impV, expV, buyV, sellV, curV);
      for (int m = 0; m < n; m++) {
        int k = members[m];
        if (battery[m]
            && BinaryPairs.breaksDirection(
                impV[k][t], expV[k][t], buyV[k][t], sellV[k][t], curV[k][t])) {
          return true;
        }
      }
    }
    return false;
  }

  /** The variable of member {@code k}'s import from the grid in interval {@code t} (kWh). */
  public MPVariable gridImport(int k, int t) {
    return imp[k][t];
  }

  /** The variable of member {@code k}'s export to the grid in interval {@code t} (kWh). */
  public MPVariable gridExport(int k, int t) {
    return exp[k][t];
  }

  /** The variable of member {@code k}'s purchase from the pool in interval {@code t} (kWh). */
  public MPVariable poolBuy(int k, int t) {
    return buy[k][t];
  }

  /** The variable of member {@code k}'s sale to the pool in interval {@code t} (kWh). */
  public MPVariable poolSell(int k, int t) {
    return sell[k][t];
  }

  /** The raw solution values ({@code [member][interval]}, absent variables are 0). */
  public RawSolution values() {
    return new RawSolution(
        read(imp),
        read(exp),
        read(buy),
        read(sell),
        read(cur),
        read(ch),
        read(dis),
        read(soc),
        read(ev));
  }

  private double[][] read(MPVariable[][] variables) {
    double[][] result = new double[memberCount][intervals];
    for (int k = 0; k < memberCount; k++) {
      for (int t = 0; t < intervals; t++) {
        if (variables[k][t] != null) {
          result[k][t] = variables[k][t].solutionValue();
        }
      }
    }
    return result;
  }

  @Override
  public void close() {
    solver.delete();
  }

  /**
   * Solution values of one solve, indexed {@code [member][interval]}; {@code ev} the EV charging
   * (null for a solution without flexible load: all 0).
   */
  public record RawSolution(
      double[][] imp,
      double[][] exp,
      double[][] buy,
      double[][] sell,
      double[][] cur,
      double[][] ch,
      double[][] dis,
      double[][] soc,
      double[][] ev) {

    /** A solution without flexible load. */
    public RawSolution(
        double[][] imp,
        double[][] exp,
        double[][] buy,
        double[][] sell,
        double[][] cur,
        double[][] ch,
        double[][] dis,
        double[][] soc) {
      this(imp, exp, buy, sell, cur, ch, dis, soc, null);
    }

    /** {@link #ev()}, or zeros of the shape of {@link #imp()} where null. */
    public double[][] evOrZero() {
      if (ev != null) {
        return ev;
      }
      double[][] zero = new double[imp.length][];
      for (int k = 0; k < imp.length; k++) {
        zero[k] = new double[imp[k].length];
      }
      return zero;
    }
  }
}
