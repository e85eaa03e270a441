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
 */
final class ClearingModel implements AutoCloseable {

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

  private int binaryCount;

  /**
   * Whether {@code z} is in the model: {@code ρ > 0} and at least one protected member with finite
   * C0.
   */
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
          anyCanBuy[t] |= battery || request.needKwh(k, t) > 0;
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
        boolean canSell = battery != null || request.surplusKwh(k, t) > 0;
        boolean canBuy = battery != null || request.needKwh(k, t) > 0;
        boolean inPool = anyCanSell[t] && anyCanBuy[t];
        if (canBuy) {
          imp[k][t] = solver.makeNumVar(0, importCapKwh, name(named, "imp", i, t));
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
          sell[k][t] = solver.makeNumVar(0, inf, name(named, "sell", i, t));
          objective.setCoefficient(sell[k][t], -w * pool[t]);
        }
        if (pv[t] > 0 && canSell) {
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

    // The binary rows are left out only for the infeasibility diagnosis (relaxed != null), whose
    // relaxed families would make their big-M values invalid.
    boolean binaryRows = relaxed == null;
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
        if (battery == null) {
          // One meter, one direction (section 2b) for a member without a battery: it draws (imp +
          // buy) at most its need and gives (exp + sell + cur) at most its surplus, both after own
          // use; a single household has one of the two 0, a pooled block the sums of its members'.
          if (imp[k][t] != null) {
            MPConstraint draw =
                solver.makeConstraint(-inf, request.needKwh(k, t), name(named, "need", i, t));
            needRow[k][t] = draw;
            draw.setCoefficient(imp[k][t], 1);
            add(draw, buy[k][t], 1);
          }
          if (exp[k][t] != null || sell[k][t] != null || cur[k][t] != null) {
            MPConstraint give =
                solver.makeConstraint(-inf, request.surplusKwh(k, t), name(named, "surplus", i, t));
            surplusRow[k][t] = give;
            add(give, exp[k][t], 1);
            add(give, sell[k][t], 1);
            add(give, cur[k][t], 1);
          }
          continue;
        }
        if (origin) {
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
        }
        // soc[t] - soc[t-1] - ηc·ch + dis/ηd = 0 (soc[-1] = initial state of charge)
        double socRhs = t == 0 ? day.initialSocKwh()[i] : 0;
        MPConstraint dynamics = solver.makeConstraint(socRhs, socRhs, name(named, "soc", i, t));
        dynamicsRow[k][t] = dynamics;
        dynamics.setCoefficient(soc[k][t], 1);
        if (t > 0) {
          dynamics.setCoefficient(soc[k][t - 1], -1);
        }
        dynamics.setCoefficient(ch[k][t], -battery.chargeEfficiency());
        dynamics.setCoefficient(dis[k][t], 1 / battery.dischargeEfficiency());
        if (!binaryRows) {
          continue;
        }
        // β: ch <= P·Δt·β, dis <= P·Δt·(1 − β).
        double powerM = battery.powerKw() * dt;
        MPVariable beta = binaryOrRelaxed(chargeBinary, k, t, name(named, "beta", i, t));
        this.beta[k][t] = beta;
        MPConstraint charge = solver.makeConstraint(-inf, 0, name(named, "bch", i, t));
        chargeRow[k][t] = charge;
        charge.setCoefficient(ch[k][t], 1);
        charge.setCoefficient(beta, -powerM);
        MPConstraint discharge = solver.makeConstraint(-inf, powerM, name(named, "bdis", i, t));
        dischargeRow[k][t] = discharge;
        discharge.setCoefficient(dis[k][t], 1);
        discharge.setCoefficient(beta, powerM);
        // δ (section 2b): imp + buy <= Mimp·δ, exp + sell + cur <= Mexp·(1 − δ). The balance gives
        // valid big-M values: with δ = 1 (nothing given) imp + buy = L + ch − G − dis <= L − G +
        // P·Δt; with δ = 0 (nothing drawn) exp + sell + cur = G + dis − L − ch <= G − L + P·Δt.
        // A block of several households with identical batteries has one δ for several meters:
        // relaxed, its rows would be tighter than the members' (their big-M values differ), so
        // only an integer δ is added (rounding, MILP); the block's LP then relaxes the members' δ
        // rows, and its bound stays a bound of the unpooled MILP.
        if (request.isBatteryBlock(k) && (gridBinary == null || !gridBinary[k][t])) {
          continue;
        }
        double drawM = Math.max(0, load[t] - pv[t] + powerM);
        double giveM = Math.max(0, pv[t] - load[t] + powerM);
        MPVariable delta = binaryOrRelaxed(gridBinary, k, t, name(named, "delta", i, t));
        this.delta[k][t] = delta;
        MPConstraint draws = solver.makeConstraint(-inf, 0, name(named, "dimp", i, t));
        importSideRow[k][t] = draws;
        add(draws, imp[k][t], 1);
        add(draws, buy[k][t], 1);
        draws.setCoefficient(delta, -drawM);
        MPConstraint gives = solver.makeConstraint(-inf, giveM, name(named, "dexp", i, t));
        exportSideRow[k][t] = gives;
        add(gives, exp[k][t], 1);
        add(gives, sell[k][t], 1);
        add(gives, cur[k][t], 1);
        gives.setCoefficient(delta, giveM);
        if (directionHull && gridBinary != null && gridBinary[k][t]) {
          addDirectionHull(k, t, i, delta, load[t] - pv[t], pv[t], powerM, named);
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

  /**
   * The convex hull of the one-meter disjunction of an integer {@code δ} (DESIGN.md section 2b):
   * the battery flows are split into a drawing part ({@code ch1, dis1 <= P·Δt·δ}) and a giving part
   * ({@code ch0, dis0 <= P·Δt·(1 − δ)}), with {@code imp + buy = (L − G)·δ + ch1 − dis1} and {@code
   * exp + sell + cur = (G − L)·(1 − δ) + dis0 − ch0}, {@code cur <= G·(1 − δ)}. With {@code δ} 0 or
   * 1 these rows say exactly what the big-M rows say (their sum is the balance row), so the MILP's
   * feasible set is unchanged; its relaxation is tighter (the big-M rows let a fractional {@code δ}
   * import and sell at once without moving the battery), which is what lets SCIP prove the optimum
   * in its node limit.
   */
  private void addDirectionHull(
      int k,
      int t,
      int i,
      MPVariable delta,
      double netLoadKwh,
      double pvKwh,
      double powerKwh,
      boolean named) {
    double inf = MPSolver.infinity();
    MPVariable ch1 = solver.makeNumVar(0, powerKwh, name(named, "ch1", i, t));
    MPVariable dis1 = solver.makeNumVar(0, powerKwh, name(named, "dis1", i, t));
    MPVariable ch0 = solver.makeNumVar(0, powerKwh, name(named, "ch0", i, t));
    MPVariable dis0 = solver.makeNumVar(0, powerKwh, name(named, "dis0", i, t));
    MPConstraint chSplit = solver.makeConstraint(0, 0, name(named, "hch", i, t));
    chSplit.setCoefficient(ch1, 1);
    chSplit.setCoefficient(ch0, 1);
    chSplit.setCoefficient(ch[k][t], -1);
    MPConstraint disSplit = solver.makeConstraint(0, 0, name(named, "hdis", i, t));
    disSplit.setCoefficient(dis1, 1);
    disSplit.setCoefficient(dis0, 1);
    disSplit.setCoefficient(dis[k][t], -1);
    for (MPVariable drawing : new MPVariable[] {ch1, dis1}) {
      MPConstraint row = solver.makeConstraint(-inf, 0, name(named, "hd", i, t));
      row.setCoefficient(drawing, 1);
      row.setCoefficient(delta, -powerKwh);
    }
    for (MPVariable giving : new MPVariable[] {ch0, dis0}) {
      MPConstraint row = solver.makeConstraint(-inf, powerKwh, name(named, "hg", i, t));
      row.setCoefficient(giving, 1);
      row.setCoefficient(delta, powerKwh);
    }
    MPConstraint draws = solver.makeConstraint(0, 0, name(named, "hdraw", i, t));
    add(draws, imp[k][t], 1);
    add(draws, buy[k][t], 1);
    draws.setCoefficient(ch1, -1);
    draws.setCoefficient(dis1, 1);
    draws.setCoefficient(delta, -netLoadKwh);
    MPConstraint gives =
        solver.makeConstraint(-netLoadKwh, -netLoadKwh, name(named, "hgive", i, t));
    add(gives, exp[k][t], 1);
    add(gives, sell[k][t], 1);
    add(gives, cur[k][t], 1);
    gives.setCoefficient(ch0, 1);
    gives.setCoefficient(dis0, -1);
    gives.setCoefficient(delta, -netLoadKwh);
    if (cur[k][t] != null) {
      MPConstraint curtail = solver.makeConstraint(-inf, pvKwh, name(named, "hcur", i, t));
      curtail.setCoefficient(cur[k][t], 1);
      curtail.setCoefficient(delta, pvKwh);
    }
  }

  /**
   * An integer variable in [0, 1] where {@code marks[k][t]}, else a continuous one (the
   * relaxation).
   */
  private MPVariable binaryOrRelaxed(boolean[][] marks, int k, int t, String name) {
    if (marks != null && marks[k][t]) {
      binaryCount++;
      return solver.makeBoolVar(name);
    }
    return solver.makeNumVar(0, 1, name);
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
   * charging ({@code β = 1}, so {@code dis = 0}), −1 only discharging; {@code gridDirection} +1
   * only drawing ({@code δ = 1}: no {@code exp, sell, cur}), −1 only giving ({@code δ = 0}: no
   * {@code imp, buy}). Bounds change in place, so the LP re-solves from its last basis.
   */
  void fixDirections(byte[][] chargeDirection, byte[][] gridDirection) {
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
  void freeDirections(byte[][] chargeDirection, byte[][] gridDirection) {
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
  void hint(RawSolution values, byte[][] chargeDirection, byte[][] gridDirection) {
    List<MPVariable> variables = new ArrayList<>();
    List<Double> hinted = new ArrayList<>();
    MPVariable[][][] all = {imp, exp, buy, sell, cur, ch, dis, soc};
    double[][][] known = {
      values.imp(),
      values.exp(),
      values.buy(),
      values.sell(),
      values.cur(),
      values.ch(),
      values.dis(),
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
   * Member {@code k}'s variables, family by family (imp, exp, buy, sell, cur, ch, dis, soc, β, δ),
   * each family by interval.
   */
  MPVariable[] variablesOf(int k) {
    List<MPVariable> mine = new ArrayList<>();
    for (MPVariable[][] family :
        new MPVariable[][][] {imp, exp, buy, sell, cur, ch, dis, soc, beta, delta}) {
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
        battery[m] = ch[k][t] != null;
        importCap[m] = imp[k][t] == null ? 0 : imp[k][t].ub();
        exportCap[m] = exp[k][t] == null ? 0 : exp[k][t].ub();
        if (battery[m]) {
          if (Math.min(values.ch()[k][t], values.dis()[k][t]) > CoalitionSolver.BREAK_KWH) {
            return true;
          }
          double net = balanceRow[k][t].ub() + values.ch()[k][t] - values.dis()[k][t] + curV[k][t];
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
            && CoalitionSolver.breaksDirection(
                impV[k][t], expV[k][t], buyV[k][t], sellV[k][t], curV[k][t])) {
          return true;
        }
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
