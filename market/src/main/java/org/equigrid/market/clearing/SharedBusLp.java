package org.equigrid.market.clearing;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;
import java.util.Arrays;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.ortools.OrToolsNatives;

/**
 * The cost-minimising value {@code C*(S)} of every coalition of a day on one small LP: the members
 * share one bus. Per interval the community imports {@code I} and exports {@code E}; each member
 * battery has its charge, discharge and state of charge; nothing else. The balance is {@code I − E
 * − Σ_b (ch − dis) = Σ_{i∈S} (L − G)}, the peak {@code peak ≥ I/Δt}, the cost {@code Σ_t (πimp·I −
 * πexp·E) + πpk·peak}. The model holds every battery of the day; a household outside the coalition
 * has its charge and discharge fixed at 0 (its state of charge then stays at its initial value,
 * which is feasible), so membership changes only bounds and the LP re-solves warm. The battery
 * dynamics, state-of-charge bounds and peak rows are {@link DayFormulation}'s; the bus balance is
 * this model's own.
 *
 * <p><b>Why this is the coalition's value.</b> DESIGN.md section 2's per-household model (balance,
 * pool, origin rows, connection limits, binaries) has the same optimum whenever {@link #applies}:
 *
 * <ul>
 *   <li>Summing any of its schedules gives a bus schedule with the same cost (pool trades cancel at
 *       weights 1; the peak is {@code Σ imp/Δt}), so the bus LP is a relaxation (its curtailment is
 *       left out, see the last point).
 *   <li>Conversely a bus optimum with no battery charging and discharging at once and {@code min(I,
 *       E) = 0} in every interval splits into household schedules that respect every binary: with
 *       {@code d_i = L + ch − G − dis}, when {@code I > 0} the households with {@code d_i > 0}
 *       import {@code I} in proportion to {@code d_i} and buy the rest in the pool from those with
 *       {@code d_i < 0} (all of whose surplus is needed, as {@code Σ d_i = I}); when {@code I = 0}
 *       the surplus households sell what the deficit households need and export the rest. Then
 *       {@code imp + buy = d_i <= L + ch} and {@code sell + exp = −d_i <= G + dis} (the origin
 *       rows), nobody imports and exports or buys and sells at once, and no connection limit binds
 *       because {@code imp <= d_i <= L − G + P·Δt <= Kimp·Δt} and {@code exp <= −d_i <= G − L +
 *       P·Δt <= Kexp·Δt} for every household ({@code P} the battery power, 0 without one). So the
 *       per-household MILP is no dearer than the bus LP, which is no dearer than the per-household
 *       LP: all three are equal.
 *   <li>Curtailing is never better than exporting when {@code πexp >= 0}, nor importing and
 *       exporting at once when {@code πimp >= πexp}; so leaving curtailment out loses nothing.
 * </ul>
 *
 * An optimum that breaks one of the two conditions (above {@value BinaryPairs#BREAK_KWH} kWh)
 * returns {@code NaN}, and the caller solves the coalition with {@link CoalitionSolver}, as for
 * {@link IncrementalCoalitionLp}. Tested equal to the per-coalition solve to 1e-9 relative.
 *
 * <p>The bus LP has about 3 variables per battery and interval (the per-household model has 8 per
 * household and interval), which is what makes the sampled settlement's prefixes cheap.
 *
 * <p>Not thread-safe: one instance per thread. {@link #reset()} empties the coalition and makes the
 * next solve start from scratch, so a sequence of joins gives the same values on any instance.
 */
public final class SharedBusLp implements CoalitionLp {

  private final TradingDay day;
  private final int households;
  private final int intervals;
  private final MPSolver solver;
  private final MPSolverParameters parameters;

  /** Per household with a battery: charge and discharge per interval; null without battery. */
  private final MPVariable[][] charge;

  private final MPVariable[][] discharge;
  private final double[] powerKwh;
  private final MPVariable[] imports;
  private final MPVariable[] exports;
  private final MPConstraint[] balance;
  private final double[] netLoadKwh;
  private final JoinOrder members;
  private MPSolver.ResultStatus lastStatus;

  /**
   * Whether the bus LP gives the cost-minimising value of every coalition of {@code day} (see the
   * class comment): no connection limit can bind any household, even with its battery at full power
   * ({@code L − G + P·Δt <= Kimp·Δt}, {@code G − L + P·Δt <= Kexp·Δt} in every interval), and
   * {@code 0 <= πexp <= πimp} in every interval.
   */
  public static boolean applies(TradingDay day) {
    double dt = day.intervalHours();
    double importKwh = day.tariff().importLimitKw() * dt;
    double exportKwh = day.tariff().exportLimitKw() * dt;
    double[] importPrice = day.tariff().importPriceEurPerKwh();
    double[] exportPrice = day.tariff().exportPriceEurPerKwh();
    for (int t = 0; t < day.intervals(); t++) {
      if (!(exportPrice[t] >= 0 && importPrice[t] >= exportPrice[t])) {
        return false;
      }
    }
    for (int i = 0; i < day.householdCount(); i++) {
      Battery battery = day.households().get(i).battery();
      double powerKwh = battery == null ? 0 : battery.powerKw() * dt;
      for (int t = 0; t < day.intervals(); t++) {
        double netLoadKwh = day.loadKwh()[i][t] - day.pvKwh()[i][t];
        if (netLoadKwh + powerKwh > importKwh || -netLoadKwh + powerKwh > exportKwh) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Builds the bus LP of all households of {@code day} with the empty coalition.
   *
   * @throws IllegalArgumentException if the bus LP does not apply to {@code day} ({@link #applies})
   */
  public SharedBusLp(TradingDay day) {
    if (!applies(day)) {
      throw new IllegalArgumentException(
          "the shared-bus LP needs connection limits that cannot bind and 0 <= export price <= import"
              + " price; use IncrementalCoalitionLp for day "
              + day.dayIndex());
    }
    OrToolsNatives.load();
    parameters = OrToolsModels.warmParameters();
    this.day = day;
    households = day.householdCount();
    intervals = day.intervals();
    double dt = day.intervalHours();
    solver = WarmModel.newSolver();
    DayFormulation rows = new DayFormulation(solver, false);
    double inf = MPSolver.infinity();
    MPObjective objective = solver.objective();
    objective.setMinimization();
    imports = new MPVariable[intervals];
    exports = new MPVariable[intervals];
    balance = new MPConstraint[intervals];
    for (int t = 0; t < intervals; t++) {
      imports[t] = solver.makeNumVar(0, inf, "");
      exports[t] = solver.makeNumVar(0, inf, "");
      objective.setCoefficient(imports[t], day.tariff().importPriceEurPerKwh()[t]);
      objective.setCoefficient(exports[t], -day.tariff().exportPriceEurPerKwh()[t]);
      balance[t] = solver.makeConstraint(0, 0, "");
      balance[t].setCoefficient(imports[t], 1);
      balance[t].setCoefficient(exports[t], -1);
    }
    double peakCharge = day.tariff().peakChargeEurPerKw();
    if (peakCharge > 0) {
      MPVariable peak = solver.makeNumVar(0, inf, "");
      objective.setCoefficient(peak, peakCharge);
      for (int t = 0; t < intervals; t++) {
        rows.peak(t, peak, dt, new MPVariable[] {imports[t]});
      }
    }
    charge = new MPVariable[households][];
    discharge = new MPVariable[households][];
    powerKwh = new double[households];
    for (int i = 0; i < households; i++) {
      Battery battery = day.households().get(i).battery();
      if (battery == null) {
        continue;
      }
      powerKwh[i] = battery.powerKw() * dt;
      charge[i] = new MPVariable[intervals];
      discharge[i] = new MPVariable[intervals];
      double initialSocKwh = day.initialSocKwh()[i];
      MPVariable previous = null;
      for (int t = 0; t < intervals; t++) {
        charge[i][t] = solver.makeNumVar(0, 0, "");
        discharge[i][t] = solver.makeNumVar(0, 0, "");
        MPVariable soc =
            solver.makeNumVar(
                DayFormulation.socLowerKwh(battery, initialSocKwh, t == intervals - 1, true, true),
                DayFormulation.socUpperKwh(battery, true),
                "");
        rows.dynamics(i, t, battery, initialSocKwh, soc, previous, charge[i][t], discharge[i][t]);
        balance[t].setCoefficient(charge[i][t], -1);
        balance[t].setCoefficient(discharge[i][t], 1);
        previous = soc;
      }
    }
    netLoadKwh = new double[intervals];
    members = new JoinOrder(households);
  }

  @Override
  public int households() {
    return households;
  }

  @Override
  public void reset() {
    for (int i : members.toArray()) {
      leave(i);
    }
    solver.reset();
  }

  @Override
  public void join(int household) {
    if (!members.add(household)) {
      return;
    }
    setBattery(household, powerKwh[household]);
    updateBalance();
  }

  @Override
  public void leave(int household) {
    if (!members.remove(household)) {
      return;
    }
    setBattery(household, 0);
    updateBalance();
  }

  private void setBattery(int household, double upperKwh) {
    if (charge[household] == null) {
      return;
    }
    for (int t = 0; t < intervals; t++) {
      charge[household][t].setUb(upperKwh);
      discharge[household][t].setUb(upperKwh);
    }
  }

  /**
   * Sets the balance rows to {@code Σ_{i∈S} (L − G)}, summed in index order (bounds depend on S
   * only).
   */
  private void updateBalance() {
    Arrays.fill(netLoadKwh, 0);
    for (int i = 0; i < households; i++) {
      if (members.contains(i)) {
        for (int t = 0; t < intervals; t++) {
          netLoadKwh[t] += day.loadKwh()[i][t] - day.pvKwh()[i][t];
        }
      }
    }
    for (int t = 0; t < intervals; t++) {
      balance[t].setBounds(netLoadKwh[t], netLoadKwh[t]);
    }
  }

  @Override
  public int[] members() {
    return members.toArray();
  }

  @Override
  public double solveCostEur() {
    lastStatus = solver.solve(parameters);
    if (lastStatus != MPSolver.ResultStatus.OPTIMAL) {
      return Double.NaN;
    }
    for (int t = 0; t < intervals; t++) {
      if (Math.min(imports[t].solutionValue(), exports[t].solutionValue())
          > BinaryPairs.BREAK_KWH) {
        return Double.NaN;
      }
    }
    for (int i = 0; i < households; i++) {
      if (charge[i] == null || !members.contains(i)) {
        continue;
      }
      for (int t = 0; t < intervals; t++) {
        if (Math.min(charge[i][t].solutionValue(), discharge[i][t].solutionValue())
            > BinaryPairs.BREAK_KWH) {
          return Double.NaN;
        }
      }
    }
    return solver.objective().value();
  }

  @Override
  public SolveStatus lastStatus() {
    return lastStatus == null ? null : WarmModel.statusOf(lastStatus);
  }

  @Override
  public void close() {
    parameters.delete();
    solver.delete();
  }
}
