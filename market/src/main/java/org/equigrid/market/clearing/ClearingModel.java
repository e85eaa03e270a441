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
 * soc}; no PV means no {@code cur}; {@code buy}/{@code sell} only in coalitions of two or more
 * and only in intervals where somebody could be on the other side.
 *
 * <p>The objective has no constant term, so the MPS export carries it completely (MPS has no
 * standard way to write an objective offset).
 *
 * <p>Binaries are added only where {@code chargeBinary[k][t]} / {@code gridBinary[k][t]} say so
 * (either may be null for none). One family of constraints may be relaxed, for the
 * infeasibility diagnosis.
 */
final class ClearingModel implements AutoCloseable {

  private final ClearingRequest request;
  private final TradingDay day;
  private final int[] members;
  private final int memberCount;
  private final int intervals;
  private final MPSolver solver;

  final MPVariable[][] imp;
  final MPVariable[][] exp;
  final MPVariable[][] buy;
  final MPVariable[][] sell;
  final MPVariable[][] cur;
  final MPVariable[][] ch;
  final MPVariable[][] dis;
  final MPVariable[][] soc;
  final MPVariable peak;
  final MPVariable floor;
  private final MPVariable[][] beta;
  private final MPVariable[][] gamma;

  /** Per member and interval: the balance row and the battery dynamics row (null where absent). */
  final MPConstraint[][] balanceRow;

  final MPConstraint[][] dynamicsRow;

  /** Per member and interval: the origin row {@code imp + buy − ch <= L} (null where absent). */
  final MPConstraint[][] originBuyRow;

  /** Per member and interval: the origin row {@code sell − dis <= G} (null where absent). */
  final MPConstraint[][] originSellRow;
  private int binaryCount;

  /** Whether {@code z} is in the model: {@code ρ > 0} and at least one protected member with finite C0. */
  static boolean hasFloor(ClearingRequest request) {
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
  ClearingModel(
      ClearingRequest request,
      MPSolver solver,
      boolean[][] chargeBinary,
      boolean[][] gridBinary,
      ConstraintFamily relaxed,
      boolean named,
      double epsilonEur) {
    this.request = request;
    this.day = request.day();
    this.members = request.members();
    this.memberCount = members.length;
    this.intervals = day.intervals();
    this.solver = solver;
    double inf = MPSolver.infinity();
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
    beta = new MPVariable[memberCount][intervals];
    gamma = new MPVariable[memberCount][intervals];
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
          anyCanSell[t] |= battery || day.pvKwh()[i][t] > 0;
          anyCanBuy[t] |= battery || day.loadKwh()[i][t] > 0;
        }
      }
    }

    MPObjective objective = solver.objective();
    objective.setMinimization();
    for (int k = 0; k < memberCount; k++) {
      int i = members[k];
      double w = request.weightByMember()[k];
      Battery battery = day.households().get(i).battery();
      double[] load = day.loadKwh()[i];
      double[] pv = day.pvKwh()[i];
      double scale = request.connectionScale(k);
      double importCapKwh = importLimitKwh * scale;
      double exportCapKwh = exportLimitKwh * scale;
      double powerCapKwh =
          battery == null || relaxed == ConstraintFamily.BATTERY_POWER
              ? inf
              : battery.powerKw() * dt;
      for (int t = 0; t < intervals; t++) {
        boolean canSell = battery != null || pv[t] > 0;
        boolean canBuy = battery != null || load[t] > 0;
        boolean inPool = anyCanSell[t] && anyCanBuy[t];
        if (canBuy) {
          double ub = importCapKwh;
          if (battery == null && origin && !(inPool)) {
            ub = Math.min(ub, load[t]);
          }
          imp[k][t] = solver.makeNumVar(0, ub, name(named, "imp", i, t));
          objective.setCoefficient(imp[k][t], w * priceImp[t]);
          if (inPool) {
            buy[k][t] = solver.makeNumVar(0, inf, name(named, "buy", i, t));
            objective.setCoefficient(buy[k][t], w * pool[t]);
          }
        }
        if (canSell && exportCapKwh > 0) {
          exp[k][t] = solver.makeNumVar(0, exportCapKwh, name(named, "exp", i, t));
          objective.setCoefficient(exp[k][t], -w * priceExp[t]);
        }
        if (canSell && inPool) {
          double ub = battery == null && origin ? pv[t] : inf;
          sell[k][t] = solver.makeNumVar(0, ub, name(named, "sell", i, t));
          objective.setCoefficient(sell[k][t], -w * pool[t]);
        }
        if (pv[t] > 0) {
          cur[k][t] = solver.makeNumVar(0, pv[t], name(named, "cur", i, t));
        }
        if (battery != null) {
          ch[k][t] = solver.makeNumVar(0, powerCapKwh, name(named, "ch", i, t));
          dis[k][t] = solver.makeNumVar(0, powerCapKwh, name(named, "dis", i, t));
          boolean last = t == intervals - 1;
          double lb = relaxed == ConstraintFamily.SOC_BOUNDS ? -inf : battery.socMinKwh();
          double ub = relaxed == ConstraintFamily.SOC_BOUNDS ? inf : battery.socMaxKwh();
          if (last && relaxed != ConstraintFamily.END_OF_DAY_SOC) {
            lb = Math.max(lb, day.initialSocKwh()[i]);
          }
          soc[k][t] = solver.makeNumVar(lb, ub, name(named, "soc", i, t));
        }
      }
    }

    for (int k = 0; k < memberCount; k++) {
      int i = members[k];
      Battery battery = day.households().get(i).battery();
      double[] load = day.loadKwh()[i];
      double[] pv = day.pvKwh()[i];
      for (int t = 0; t < intervals; t++) {
        // Balance: imp + buy + dis - ch - exp - sell - cur = L - G.
        if (imp[k][t] != null || exp[k][t] != null || cur[k][t] != null || ch[k][t] != null) {
          double rhs = load[t] - pv[t];
          MPConstraint balance = solver.makeConstraint(rhs, rhs, name(named, "bal", i, t));
          balanceRow[k][t] = balance;
          add(balance, imp[k][t], 1);
          add(balance, buy[k][t], 1);
          add(balance, dis[k][t], 1);
          add(balance, ch[k][t], -1);
          add(balance, exp[k][t], -1);
          add(balance, sell[k][t], -1);
          add(balance, cur[k][t], -1);
        } else if (Math.abs(load[t] - pv[t]) > 0) {
          throw new IllegalStateException("no variable can balance household " + i + " at " + t);
        }
        if (origin && battery != null) {
          if (sell[k][t] != null) {
            MPConstraint fromLocal = solver.makeConstraint(-inf, pv[t], name(named, "osell", i, t));
            originSellRow[k][t] = fromLocal;
            fromLocal.setCoefficient(sell[k][t], 1);
            fromLocal.setCoefficient(dis[k][t], -1);
          }
          MPConstraint forOwnUse = solver.makeConstraint(-inf, load[t], name(named, "obuy", i, t));
          originBuyRow[k][t] = forOwnUse;
          add(forOwnUse, imp[k][t], 1);
          add(forOwnUse, buy[k][t], 1);
          forOwnUse.setCoefficient(ch[k][t], -1);
        } else if (origin && buy[k][t] != null) {
          MPConstraint forOwnUse = solver.makeConstraint(-inf, load[t], name(named, "obuy", i, t));
          originBuyRow[k][t] = forOwnUse;
          forOwnUse.setCoefficient(imp[k][t], 1);
          forOwnUse.setCoefficient(buy[k][t], 1);
        }
        if (battery != null) {
          // soc[t] - soc[t-1] - ηc·ch + dis/ηd = 0 (soc[-1] = initial state of charge)
          double rhs = t == 0 ? day.initialSocKwh()[i] : 0;
          MPConstraint dynamics = solver.makeConstraint(rhs, rhs, name(named, "soc", i, t));
          dynamicsRow[k][t] = dynamics;
          dynamics.setCoefficient(soc[k][t], 1);
          if (t > 0) {
            dynamics.setCoefficient(soc[k][t - 1], -1);
          }
          dynamics.setCoefficient(ch[k][t], -battery.chargeEfficiency());
          dynamics.setCoefficient(dis[k][t], 1 / battery.dischargeEfficiency());
          if (chargeBinary != null && chargeBinary[k][t]) {
            double bigM = battery.powerKw() * day.intervalHours();
            MPVariable beta = solver.makeBoolVar(name(named, "beta", i, t));
            this.beta[k][t] = beta;
            binaryCount++;
            MPConstraint charge = solver.makeConstraint(-inf, 0, name(named, "bch", i, t));
            charge.setCoefficient(ch[k][t], 1);
            charge.setCoefficient(beta, -bigM);
            MPConstraint discharge = solver.makeConstraint(-inf, bigM, name(named, "bdis", i, t));
            discharge.setCoefficient(dis[k][t], 1);
            discharge.setCoefficient(beta, bigM);
          }
        }
        if (gridBinary != null && gridBinary[k][t] && imp[k][t] != null && exp[k][t] != null) {
          double importM = day.tariff().importLimitKw() * day.intervalHours() * request.connectionScale(k);
          double exportM = day.tariff().exportLimitKw() * day.intervalHours() * request.connectionScale(k);
          MPVariable gamma = solver.makeBoolVar(name(named, "gamma", i, t));
          this.gamma[k][t] = gamma;
          binaryCount++;
          MPConstraint imports = solver.makeConstraint(-inf, 0, name(named, "gimp", i, t));
          imports.setCoefficient(imp[k][t], 1);
          imports.setCoefficient(gamma, -importM);
          MPConstraint exports = solver.makeConstraint(-inf, exportM, name(named, "gexp", i, t));
          exports.setCoefficient(exp[k][t], 1);
          exports.setCoefficient(gamma, exportM);
        }
      }
    }

    if (relaxed != ConstraintFamily.POOL_BALANCE) {
      for (int t = 0; t < intervals; t++) {
        if (!(anyCanSell[t] && anyCanBuy[t])) {
          continue;
        }
        MPConstraint poolBalance = solver.makeConstraint(0, 0, name(named, "pool", -1, t));
        for (int k = 0; k < memberCount; k++) {
          add(poolBalance, sell[k][t], 1);
          add(poolBalance, buy[k][t], -1);
        }
      }
    }

    double peakCharge = day.tariff().peakChargeEurPerKw();
    if (peakCharge > 0) {
      peak = solver.makeNumVar(0, inf, named ? "peak" : "");
      objective.setCoefficient(peak, peakCharge);
      for (int t = 0; t < intervals; t++) {
        MPConstraint peakRow = solver.makeConstraint(0, inf, name(named, "peak", -1, t));
        peakRow.setCoefficient(peak, 1);
        for (int k = 0; k < memberCount; k++) {
          add(peakRow, imp[k][t], -1 / dt);
        }
      }
    } else {
      peak = null;
    }

    if (hasFloor(request)) {
      floor = solver.makeNumVar(-inf, inf, named ? "z" : "");
      objective.setCoefficient(floor, -request.rawlsianStrengthEur());
      for (int k = 0; k < memberCount; k++) {
        double standalone = request.standaloneCostEur()[k];
        if (!request.protectedMember()[k] || !Double.isFinite(standalone)) {
          continue;
        }
        // z·max(|C0|, ε) + C_k <= C0_k
        int i = members[k];
        MPConstraint row = solver.makeConstraint(-inf, standalone, name(named, "floor", i, -1));
        row.setCoefficient(floor, Math.max(Math.abs(standalone), epsilonEur));
        for (int t = 0; t < intervals; t++) {
          add(row, imp[k][t], priceImp[t]);
          add(row, exp[k][t], -priceExp[t]);
          add(row, buy[k][t], pool[t]);
          add(row, sell[k][t], -pool[t]);
        }
      }
    } else {
      floor = null;
    }
  }

  private static void add(MPConstraint row, MPVariable variable, double coefficient) {
    if (variable != null) {
      row.setCoefficient(variable, coefficient);
    }
  }

  private static String name(boolean named, String prefix, int household, int interval) {
    if (!named) {
      return "";
    }
    StringBuilder result = new StringBuilder(prefix);
    if (household >= 0) {
      result.append("_h").append(household);
    }
    if (interval >= 0) {
      result.append("_t").append(interval);
    }
    return result.toString();
  }

  MPSolver solver() {
    return solver;
  }

  int binaryCount() {
    return binaryCount;
  }

  ClearingRequest request() {
    return request;
  }

  /**
   * Forbids one direction where a direction is given: {@code chargeDirection[k][t]} +1 keeps only
   * charging ({@code dis = 0}), −1 only discharging; {@code gridDirection} +1 only import, −1 only
   * export. Bounds change in place, so GLOP re-solves from its last basis.
   */
  void fixDirections(byte[][] chargeDirection, byte[][] gridDirection) {
    for (int k = 0; k < memberCount; k++) {
      for (int t = 0; t < intervals; t++) {
        if (chargeDirection[k][t] != 0) {
          (chargeDirection[k][t] > 0 ? dis[k][t] : ch[k][t]).setUb(0);
        }
        if (gridDirection[k][t] != 0) {
          (gridDirection[k][t] > 0 ? exp[k][t] : imp[k][t]).setUb(0);
        }
      }
    }
  }

  /** Hints a schedule (and the binaries of given directions) to the MILP solver. */
  void hint(RawSolution values, byte[][] chargeDirection, byte[][] gridDirection) {
    List<MPVariable> variables = new ArrayList<>();
    List<Double> hinted = new ArrayList<>();
    MPVariable[][][] all = {imp, exp, buy, sell, cur, ch, dis, soc};
    double[][][] known = {
      values.imp(), values.exp(), values.buy(), values.sell(), values.cur(), values.ch(), values.dis(),
      values.soc()
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
        if (gamma[k][t] != null && gridDirection[k][t] != 0) {
          variables.add(gamma[k][t]);
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
   * Member {@code k}'s variables, family by family (imp, exp, buy, sell, cur, ch, dis, soc), each
   * family by interval.
   */
  MPVariable[] variablesOf(int k) {
    List<MPVariable> mine = new ArrayList<>();
    for (MPVariable[][] family : new MPVariable[][][] {imp, exp, buy, sell, cur, ch, dis, soc}) {
      for (int t = 0; t < intervals; t++) {
        if (family[k][t] != null) {
          mine.add(family[k][t]);
        }
      }
    }
    return mine.toArray(new MPVariable[0]);
  }

  /**
   * Whether member {@code k}'s solution charges and discharges, or imports and exports, at once in
   * some interval (both above {@value CoalitionSolver#BREAK_KWH} kWh): then it is no schedule.
   */
  boolean breaksPair(int k) {
    for (int t = 0; t < intervals; t++) {
      if (ch[k][t] != null
          && Math.min(ch[k][t].solutionValue(), dis[k][t].solutionValue()) > CoalitionSolver.BREAK_KWH) {
        return true;
      }
      if (imp[k][t] != null && exp[k][t] != null
          && Math.min(imp[k][t].solutionValue(), exp[k][t].solutionValue()) > CoalitionSolver.BREAK_KWH) {
        return true;
      }
    }
    return false;
  }

  /** The raw solution values ({@code [member][interval]}, absent variables are 0). */
  RawSolution values() {
    return new RawSolution(
        read(imp), read(exp), read(buy), read(sell), read(cur), read(ch), read(dis), read(soc));
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

  /** Solution values of one solve, indexed {@code [member][interval]}. */
  record RawSolution(
      double[][] imp,
      double[][] exp,
      double[][] buy,
      double[][] sell,
      double[][] cur,
      double[][] ch,
      double[][] dis,
      double[][] soc) {}
}
