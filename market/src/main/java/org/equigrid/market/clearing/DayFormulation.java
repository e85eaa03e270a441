package org.equigrid.market.clearing;

import static org.equigrid.market.clearing.IntervalCell.BUY;
import static org.equigrid.market.clearing.IntervalCell.CH;
import static org.equigrid.market.clearing.IntervalCell.CUR;
import static org.equigrid.market.clearing.IntervalCell.DIS;
import static org.equigrid.market.clearing.IntervalCell.EXP;
import static org.equigrid.market.clearing.IntervalCell.IMP;
import static org.equigrid.market.clearing.IntervalCell.SELL;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import java.util.List;
import org.equigrid.market.model.Appliance;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.ElectricVehicle;
import org.equigrid.market.model.FlexibleDemand;

/**
 * The rows of DESIGN.md section 2, written in this one place: per household and interval the
 * balance (1), the origin rows (2a), the one-meter rows (2b, with a binary {@code δ} or, without a
 * battery, as need and surplus bounds), the battery dynamics and its charge/discharge binary {@code
 * β} (3), the flows' limits (3, 4); per interval the community's pool balance (2) and peak (4); per
 * protected member the Rawlsian floor; per household with flexible demand its load {@code flex[t]}
 * in the balance and origin rows, the EV's daily energy row and the deferrable appliances' start
 * binaries (docs/model.md, "Flexible demand", F1–F6). Every LP and MILP of the clearing is
 * assembled from it: {@link ClearingModel} (the central clearing, the coalition MILPs and through
 * it {@link IncrementalCoalitionLp}, {@link IncrementalTypeLp}, {@link
 * org.equigrid.market.clearing.engine.TieBreak}), {@link HouseholdBlock} (the household's pricing
 * problem) and {@link SharedBusLp} (the battery and peak rows of its bus).
 *
 * <p>The builders create the variables (in their own order, which sets the solver's path) with the
 * bounds of {@link #flowUpperKwh} and {@link #socLowerKwh}, and pass them here per interval as a
 * {@link IntervalCell}; a null variable does not exist and is left out of every row. The
 * formulation holds no engine logic: which pairs are integer, which family is relaxed for a
 * diagnosis, what is pooled, is the caller's choice, passed in as flags ({@link BatteryRows}); how
 * a row reaches the solver (names, infinite bounds, absent variables) is {@link RowWriter}'s; the
 * hull that tightens the one-meter relaxation without changing the MILP is {@link DirectionHull}.
 *
 * <p>Longer than 400 lines on purpose: it is DESIGN.md section 2 written once, each row family with
 * its formula and row number beside it, and the first file after the model records in
 * docs/model.md's reading list; split by row family, the rows would be scattered again.
 */
final class DayFormulation extends RowWriter {

  /**
   * @param named whether rows and variables get names ({@code bal_h3_t7}; for MPS export)
   */
  DayFormulation(MPSolver solver, boolean named) {
    super(solver, named);
  }

  /**
   * Row 3's lower bound of {@code soc[t]}: {@code socMin}, or {@code max(socMin, soc0)} in the last
   * interval (no free energy: {@code soc[T] >= soc0}), with the state-of-charge bounds ({@code
   * bounds}) or the end-of-day row ({@code endOfDay}) left out where false (the diagnosis).
   */
  static double socLowerKwh(
      Battery battery, double initialSocKwh, boolean last, boolean bounds, boolean endOfDay) {
    double lower = bounds ? battery.socMinKwh() : Double.NEGATIVE_INFINITY;
    return last && endOfDay ? Math.max(lower, initialSocKwh) : lower;
  }

  /** Row 3's upper bound {@code socMax}, or none where {@code bounds} is false (the diagnosis). */
  static double socUpperKwh(Battery battery, boolean bounds) {
    return bounds ? battery.socMaxKwh() : Double.POSITIVE_INFINITY;
  }

  /**
   * The upper bounds (kWh) of a household's flows in one interval, {@code NaN} where the flow does
   * not exist: a household without a battery draws ({@code imp, buy}) only with a need and gives
   * ({@code exp, sell, cur}) only with a surplus (row 2b); pool trades only where the interval has
   * somebody on each side; {@code imp <= Kimp·Δt}, {@code exp <= Kexp·Δt} (row 4; no {@code exp}
   * with a limit of 0), {@code cur <= G}, {@code ch, dis <= P·Δt} (row 3); {@code buy, sell} are
   * unbounded (infinite).
   *
   * @param into the bounds by flow index ({@link IntervalCell#IMP} ... {@link IntervalCell#DIS})
   * @param battery whether the household has a battery
   * @param needKwh what it must draw after its own use (without a battery)
   * @param surplusKwh what it must give after its own use (without a battery)
   * @param powerCapKwh {@code P·Δt} (ignored without a battery)
   * @param flexCapKwh what its flexible load may reach in the interval (docs/model.md, "Flexible
   *     demand"; 0: none): with more than 0 it may draw even without a need
   */
  static void flowUpperKwh(
      double[] into,
      boolean battery,
      double needKwh,
      double surplusKwh,
      double pvKwh,
      boolean inPool,
      double importCapKwh,
      double exportCapKwh,
      double powerCapKwh,
      double flexCapKwh) {
    java.util.Arrays.fill(into, Double.NaN);
    boolean canSell = battery || surplusKwh > 0;
    boolean canBuy = battery || needKwh > 0 || flexCapKwh > 0;
    if (canBuy) {
      into[IMP] = importCapKwh;
      if (inPool) {
        into[BUY] = Double.POSITIVE_INFINITY;
      }
    }
    if (canSell && exportCapKwh > 0) {
      into[EXP] = exportCapKwh;
    }
    if (canSell && inPool) {
      into[SELL] = Double.POSITIVE_INFINITY;
    }
    if (pvKwh > 0 && canSell) {
      into[CUR] = pvKwh;
    }
    if (battery) {
      into[CH] = powerCapKwh;
      into[DIS] = powerCapKwh;
    }
  }

  /**
   * The rows of household {@code household} without a battery in interval {@code t}: the balance
   * (row 1) and the one-meter rows (2b) as bounds, {@code imp + buy − flex <= need}, {@code exp +
   * sell + cur <= surplus} (need and surplus after own use; a single household has one of the two
   * 0, a pooled block the sums of its members'). With a flexible load {@code x.flex()} (F2 of
   * docs/model.md) what it draws serves its load and its flexible load and, where it has a surplus
   * too, the one-meter rows take a {@code δ} as for a battery ({@code imp + buy <= (need +
   * P·Δt)·δ}, {@code exp + sell + cur <= surplus·(1 − δ)}), written where {@code meterRows},
   * integer where {@code integerDelta}.
   */
  IntervalRows withoutBattery(
      int household,
      int t,
      double loadKwh,
      double pvKwh,
      double needKwh,
      double surplusKwh,
      IntervalCell x,
      boolean meterRows,
      boolean integerDelta) {
    MPConstraint balance = balance(household, t, loadKwh, pvKwh, x);
    MPConstraint need = null;
    MPConstraint surplus = null;
    if (x.imp() != null) {
      need = row(-MPSolver.infinity(), needKwh, "need", household, t);
      need.setCoefficient(x.imp(), 1);
      add(need, x.buy(), 1);
      add(need, x.flex(), -1);
    }
    if (x.exp() != null || x.sell() != null || x.cur() != null) {
      surplus = row(-MPSolver.infinity(), surplusKwh, "surplus", household, t);
      add(surplus, x.exp(), 1);
      add(surplus, x.sell(), 1);
      add(surplus, x.cur(), 1);
    }
    MPVariable delta = null;
    MPConstraint draws = null;
    MPConstraint gives = null;
    if (meterRows && x.flex() != null && surplus != null && surplusKwh > 0) {
      double drawM = needKwh + x.flex().ub();
      delta = direction(integerDelta, "delta", household, t);
      draws = row(-MPSolver.infinity(), 0, "dimp", household, t);
      add(draws, x.imp(), 1);
      add(draws, x.buy(), 1);
      draws.setCoefficient(delta, -drawM);
      gives = row(-MPSolver.infinity(), surplusKwh, "dexp", household, t);
      add(gives, x.exp(), 1);
      add(gives, x.sell(), 1);
      add(gives, x.cur(), 1);
      gives.setCoefficient(delta, surplusKwh);
    }
    return new IntervalRows(
        balance, need, surplus, null, null, null, null, null, null, delta, draws, gives);
  }

  /**
   * The rows of household {@code household} with a battery in interval {@code t}, in this order:
   * balance (row 1); origin (2a) {@code sell − dis <= G} (where {@code sell} exists) and {@code imp
   * + buy − ch − flex <= L}; dynamics (3) {@code soc[t] − soc[t−1] − ηc·ch + dis/ηd = 0} ({@code
   * soc[−1] = soc0}); {@code β} with {@code ch <= P·Δt·β}, {@code dis <= P·Δt·(1 − β)} (3); {@code
   * δ} with {@code imp + buy <= Mimp·δ}, {@code exp + sell + cur <= Mexp·(1 − δ)} (2b, replacing
   * row 4's {@code γ}).
   */
  IntervalRows withBattery(
      int household,
      int t,
      double loadKwh,
      double pvKwh,
      Battery battery,
      double initialSocKwh,
      double intervalHours,
      IntervalCell x,
      BatteryRows which) {
    double inf = MPSolver.infinity();
    MPConstraint balance = balance(household, t, loadKwh, pvKwh, x);
    MPConstraint originSell = null;
    MPConstraint originBuy = null;
    if (which.origin()) {
      if (x.sell() != null) {
        originSell = row(-inf, pvKwh, "osell", household, t);
        originSell.setCoefficient(x.sell(), 1);
        originSell.setCoefficient(x.dis(), -1);
      }
      originBuy = row(-inf, loadKwh, "obuy", household, t);
      add(originBuy, x.imp(), 1);
      add(originBuy, x.buy(), 1);
      originBuy.setCoefficient(x.ch(), -1);
      add(originBuy, x.flex(), -1);
    }
    MPConstraint dynamics =
        dynamics(household, t, battery, initialSocKwh, x.soc(), x.socBefore(), x.ch(), x.dis());
    MPVariable beta = null;
    MPConstraint charge = null;
    MPConstraint discharge = null;
    MPVariable delta = null;
    MPConstraint draws = null;
    MPConstraint gives = null;
    double powerM = battery.powerKw() * intervalHours;
    if (which.binaryRows()) {
      beta = direction(which.integerBeta(), "beta", household, t);
      charge = row(-inf, 0, "bch", household, t);
      charge.setCoefficient(x.ch(), 1);
      charge.setCoefficient(beta, -powerM);
      discharge = row(-inf, powerM, "bdis", household, t);
      discharge.setCoefficient(x.dis(), 1);
      discharge.setCoefficient(beta, powerM);
    }
    if (which.binaryRows() && which.meterRows()) {
      // The balance gives valid big-M values: with δ = 1 (nothing given) imp + buy = L + ch − G −
      // dis <= L − G + P·Δt; with δ = 0 (nothing drawn) exp + sell + cur = G + dis − L − ch <= G −
      // L + P·Δt.
      double drawM = Math.max(0, loadKwh - pvKwh + powerM + (x.flex() == null ? 0 : x.flex().ub()));
      double giveM = Math.max(0, pvKwh - loadKwh + powerM);
      delta = direction(which.integerDelta(), "delta", household, t);
      draws = row(-inf, 0, "dimp", household, t);
      add(draws, x.imp(), 1);
      add(draws, x.buy(), 1);
      draws.setCoefficient(delta, -drawM);
      gives = row(-inf, giveM, "dexp", household, t);
      add(gives, x.exp(), 1);
      add(gives, x.sell(), 1);
      add(gives, x.cur(), 1);
      gives.setCoefficient(delta, giveM);
    }
    return new IntervalRows(
        balance,
        null,
        null,
        originSell,
        originBuy,
        dynamics,
        beta,
        charge,
        discharge,
        delta,
        draws,
        gives);
  }

  /**
   * Battery dynamics (row 3) {@code soc[t] − soc[t−1] − ηc·ch + dis/ηd = 0}, with {@code soc[−1] =
   * soc0} ({@code socBefore} null in the first interval).
   */
  MPConstraint dynamics(
      int household,
      int t,
      Battery battery,
      double initialSocKwh,
      MPVariable soc,
      MPVariable socBefore,
      MPVariable ch,
      MPVariable dis) {
    double socRhs = t == 0 ? initialSocKwh : 0;
    MPConstraint dynamics = row(socRhs, socRhs, "soc", household, t);
    dynamics.setCoefficient(soc, 1);
    if (socBefore != null) {
      dynamics.setCoefficient(socBefore, -1);
    }
    dynamics.setCoefficient(ch, -battery.chargeEfficiency());
    dynamics.setCoefficient(dis, 1 / battery.dischargeEfficiency());
    return dynamics;
  }

  /**
   * Balance (row 1, with F2's flexible load) {@code imp + buy + dis − ch − exp − sell − cur − flex
   * = L − G}; null where no variable exists and {@code L = G}.
   *
   * @throws IllegalStateException if no variable exists and {@code L != G}
   */
  MPConstraint balance(int household, int t, double loadKwh, double pvKwh, IntervalCell x) {
    if (x.imp() == null
        && x.exp() == null
        && x.cur() == null
        && x.ch() == null
        && x.flex() == null) {
      if (Math.abs(loadKwh - pvKwh) > 0) {
        throw new IllegalStateException(
            "no variable can balance household " + household + " at " + t);
      }
      return null;
    }
    double rhs = loadKwh - pvKwh;
    MPConstraint balance = row(rhs, rhs, "bal", household, t);
    add(balance, x.imp(), 1);
    add(balance, x.buy(), 1);
    add(balance, x.dis(), 1);
    add(balance, x.ch(), -1);
    add(balance, x.exp(), -1);
    add(balance, x.sell(), -1);
    add(balance, x.cur(), -1);
    add(balance, x.flex(), -1);
    return balance;
  }

  /**
   * The EV's daily energy {@code Σ_t ev[t] = E} (F3; null entries are unplugged intervals).
   *
   * @throws IllegalStateException if no interval is plugged in and {@code E > 0}
   */
  MPConstraint evEnergy(int household, MPVariable[] ev, double energyKwh) {
    MPConstraint row = row(energyKwh, energyKwh, "evday", household, -1);
    boolean any = false;
    for (MPVariable charge : ev) {
      if (charge != null) {
        row.setCoefficient(charge, 1);
        any = true;
      }
    }
    if (!any && energyKwh > 0) {
      throw new IllegalStateException("household " + household + "'s EV is never plugged in");
    }
    return row;
  }

  /**
   * The rows of a household's flexible demand (docs/model.md, "Flexible demand", F3–F6) over its
   * flexible load {@code flex[t]} (the variable the balance, origin and one-meter rows take, null
   * where it cannot draw). With an EV only, {@code flex} is the EV's charging and F3 is written on
   * it ({@link #evEnergy}). With deferrable appliances, {@code flex} is defined by (F6) {@code
   * flex[t] − ev[t] − Σ_a P_a·Δt·Σ_{k: t−d_a<k<=t} s[a,k] = 0}, with the EV's own charging {@code
   * ev[t] ∈ [0, P·Δt]} (F3 on it) and per appliance its start binaries {@code s[a,k]} over its
   * feasible starts (F4), {@code Σ_k s[a,k] = 1} (F5); the binaries are integer where {@code
   * integerStarts}, else in [0, 1] (the relaxation, a true bound), and added to {@code starts}.
   *
   * @throws IllegalStateException if an appliance has no feasible start in the day
   */
  void flexibleDemand(
      int household,
      MPVariable[] flex,
      FlexibleDemand demand,
      double intervalHours,
      boolean integerStarts,
      List<MPVariable> starts) {
    ElectricVehicle vehicle = demand.ev();
    if (!demand.hasAppliances()) {
      if (vehicle != null) {
        evEnergy(household, flex, vehicle.energyKwh());
      }
      return;
    }
    int intervals = flex.length;
    MPConstraint[] defined = new MPConstraint[intervals];
    for (int t = 0; t < intervals; t++) {
      if (flex[t] != null) {
        defined[t] = row(0, 0, "flex", household, t);
        defined[t].setCoefficient(flex[t], 1);
      }
    }
    if (vehicle != null) {
      MPVariable[] charge = new MPVariable[intervals];
      for (int t = 0; t < intervals; t++) {
        if (vehicle.plugged(t, intervalHours)) {
          charge[t] = variable(0, vehicle.maxPowerKw() * intervalHours, "evc", household, t);
          defined[t].setCoefficient(charge[t], -1);
        }
      }
      evEnergy(household, charge, vehicle.energyKwh());
    }
    for (int a = 0; a < demand.appliances().size(); a++) {
      Appliance appliance = demand.appliances().get(a);
      int d = appliance.durationIntervals(intervalHours);
      double perIntervalKwh = appliance.powerKw() * intervalHours;
      MPConstraint once = row(1, 1, "once" + a, household, -1);
      boolean any = false;
      for (int k = 0; k < intervals; k++) {
        if (!appliance.canStart(k, intervalHours)) {
          continue;
        }
        MPVariable start = direction(integerStarts, "start" + a, household, k);
        starts.add(start);
        once.setCoefficient(start, 1);
        any = true;
        for (int t = k; t < Math.min(intervals, k + d); t++) {
          defined[t].setCoefficient(start, -perIntervalKwh);
        }
      }
      if (!any) {
        throw new IllegalStateException(
            "household " + household + "'s appliance " + appliance.name() + " cannot start");
      }
    }
  }

  /** Pool balance (row 2) {@code Σ_k sell[k] − Σ_k buy[k] = 0} of interval {@code t}. */
  MPConstraint pool(int t, MPVariable[] sell, MPVariable[] buy) {
    MPConstraint pool = row(0, 0, "pool", -1, t);
    for (int k = 0; k < sell.length; k++) {
      add(pool, sell[k], 1);
      add(pool, buy[k], -1);
    }
    return pool;
  }

  /** Peak (row 4) {@code peak − Σ imp/Δt >= 0} of interval {@code t} (null imports left out). */
  MPConstraint peak(int t, MPVariable peak, double intervalHours, MPVariable[] imports) {
    MPConstraint row = row(0, MPSolver.infinity(), "peak", -1, t);
    row.setCoefficient(peak, 1);
    for (MPVariable imported : imports) {
      add(row, imported, -1 / intervalHours);
    }
    return row;
  }

  /**
   * Rawlsian floor of a protected member (the objective's {@code z <= u_k}, with rows 6 and 7)
   * {@code z·max(|C0|, ε) + C_k <= C0_k} with {@code C_k = Σ_t (πimp·imp − πexp·exp + p·(buy −
   * sell))}: {@code z} is at most the member's relative saving.
   */
  MPConstraint floor(
      int household,
      MPVariable floor,
      double standaloneCostEur,
      double epsilonEur,
      double[] importPriceEurPerKwh,
      double[] exportPriceEurPerKwh,
      double[] poolPriceEurPerKwh,
      MPVariable[] imp,
      MPVariable[] exp,
      MPVariable[] buy,
      MPVariable[] sell) {
    MPConstraint row = row(-MPSolver.infinity(), standaloneCostEur, "floor", household, -1);
    row.setCoefficient(floor, Math.max(Math.abs(standaloneCostEur), epsilonEur));
    for (int t = 0; t < imp.length; t++) {
      add(row, imp[t], importPriceEurPerKwh[t]);
      add(row, exp[t], -exportPriceEurPerKwh[t]);
      add(row, buy[t], poolPriceEurPerKwh[t]);
      add(row, sell[t], -poolPriceEurPerKwh[t]);
    }
    return row;
  }
}
