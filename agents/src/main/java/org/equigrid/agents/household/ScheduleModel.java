package org.equigrid.agents.household;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.chocosolver.solver.Model;
import org.chocosolver.solver.Solution;
import org.chocosolver.solver.variables.IntVar;
import org.equigrid.agents.protocol.Message.BatterySpec;

/**
 * The Choco model of one {@link PricedDay} for {@link HouseholdScheduler}, minimising {@code Σ_t
 * p[t]·net[t]} in integer cost units of {@value #COST_SCALE_TEXT} EUR: a start per appliance run
 * ({@link Cycle}), the EV's charging in whole units per plugged interval summing to its energy
 * ({@link EvUnits}, F3), the battery in integer steps of stored energy with its dynamics, bounds,
 * no simultaneous charge and discharge, an end at least at its start, and an optional trust region
 * around the previous round's flows.
 *
 * <p>The model is separable: each appliance's cost depends on its start only, the EV's on its
 * charging only, the battery's on its flows only. Its exact optimum is therefore the cheapest start
 * of each appliance, the EV's cheapest units ({@link EvUnits#cheapest}) and the battery's dynamic
 * programme ({@link BatteryProgramme}) over the same integers: the {@link #hint} for the search and
 * the {@link #bound} on the objective, so the search proves optimality at once.
 */
final class ScheduleModel {

  /** Cost unit of the integer objective: 1e-5 EUR. */
  static final double COST_SCALE = 1e5;

  private static final String COST_SCALE_TEXT = "1e-5";

  final Model model = new Model("household schedule");
  final List<IntVar> decision = new ArrayList<>();
  final Map<IntVar, Integer> hint = new HashMap<>();
  private final List<IntVar> costTerms = new ArrayList<>();
  private final List<Integer> costCoefficients = new ArrayList<>();
  private final PricedDay day;
  private final double stepKwh;
  private IntVar[] starts = new IntVar[0];
  private IntVar[] evCharge;
  private EvUnits ev;
  private IntVar[] stored;
  private IntVar[] released;
  private int startSoc;
  private long bound;
  private boolean hinted = true;

  ScheduleModel(PricedDay day, double stepKwh) {
    this.day = day;
    this.stepKwh = stepKwh;
  }

  /** A start variable per run, its cost by start; every run must fit ({@link Cycle#fits}). */
  void addCycles(List<Cycle> cycles) {
    double[] price = day.priceEurPerKwh();
    starts = new IntVar[cycles.size()];
    for (int k = 0; k < cycles.size(); k++) {
      Cycle c = cycles.get(k);
      starts[k] = model.intVar(c.name() + ".start", c.firstStart(), c.lastStart());
      int[] costByStart = new int[c.lastStart() - c.firstStart() + 1];
      int best = 0;
      for (int s = 0; s < costByStart.length; s++) {
        costByStart[s] = (int) Math.round(c.cost(c.firstStart() + s, price) * COST_SCALE);
        best = costByStart[s] < costByStart[best] ? s : best;
      }
      int lo = Arrays.stream(costByStart).min().orElse(0);
      int hi = Arrays.stream(costByStart).max().orElse(0);
      IntVar cost = model.intVar(c.name() + ".cost", lo, hi);
      model.element(cost, costByStart, starts[k], c.firstStart()).post();
      costTerms.add(cost);
      costCoefficients.add(1);
      hint.put(starts[k], c.firstStart() + best);
      bound += costByStart[best];
    }
    decision.addAll(Arrays.asList(starts));
  }

  /**
   * The EV's charging in units per interval, {@code Σ_t ev[t] = N} (F3), each interval within
   * {@code radiusKwh} of its charging in {@code previousKwh} when given (the trust region of price
   * rounds, as for the battery).
   */
  void addEv(EvUnits units, double[] previousKwh, double radiusKwh) {
    ev = units;
    int n = day.intervals();
    int[][] bounds = units.bounds(previousKwh, radiusKwh);
    evCharge = new IntVar[n];
    int[] unitCost = new int[n];
    for (int t = 0; t < n; t++) {
      evCharge[t] = model.intVar("ev[" + t + "]", bounds[0][t], bounds[1][t]);
      unitCost[t] = (int) Math.round(day.priceEurPerKwh()[t] * units.unitKwh() * COST_SCALE);
      costTerms.add(evCharge[t]);
      costCoefficients.add(unitCost[t]);
    }
    model.sum(evCharge, "=", units.units()).post();
    decision.addAll(Arrays.asList(evCharge));
    int[] cheapest = units.cheapest(unitCost, bounds[0], bounds[1]);
    if (cheapest == null) {
      hinted = false;
      return;
    }
    for (int t = 0; t < n; t++) {
      hint.put(evCharge[t], cheapest[t]);
      bound += (long) unitCost[t] * cheapest[t];
    }
  }

  /**
   * The battery in integer steps of stored energy, its flow of each interval within {@code
   * radiusKwh} of {@code previous}'s when given (the trust region of price rounds).
   */
  void addBattery(BatterySpec battery, FlexSchedule previous, double radiusKwh) {
    int n = day.intervals();
    double dt = day.intervalHours();
    double[] price = day.priceEurPerKwh();
    int maxIn =
        (int) Math.floor(battery.powerKw() * dt * battery.chargeEfficiency() / stepKwh + 1e-9);
    int maxOut =
        (int) Math.floor(battery.powerKw() * dt / battery.dischargeEfficiency() / stepKwh + 1e-9);
    int socLo = (int) Math.ceil(battery.socMinKwh() / stepKwh - 1e-9);
    int socHi = (int) Math.floor(battery.socMaxKwh() / stepKwh + 1e-9);
    startSoc = Math.max(socLo, Math.min(socHi, (int) Math.round(day.initialSocKwh() / stepKwh)));
    stored = model.intVarArray("in", n, 0, maxIn);
    released = model.intVarArray("out", n, 0, maxOut);
    IntVar[] soc = model.intVarArray("soc", n, socLo, socHi);
    int[] inCost = new int[n];
    int[] outGain = new int[n];
    for (int t = 0; t < n; t++) {
      if (t == 0) {
        model
            .scalar(
                new IntVar[] {soc[0], stored[0], released[0]}, new int[] {1, -1, 1}, "=", startSoc)
            .post();
      } else {
        model
            .scalar(
                new IntVar[] {soc[t], soc[t - 1], stored[t], released[t]},
                new int[] {1, -1, -1, 1},
                "=",
                0)
            .post();
      }
      model.or(model.arithm(stored[t], "=", 0), model.arithm(released[t], "=", 0)).post();
      inCost[t] = (int) Math.round(price[t] * stepKwh / battery.chargeEfficiency() * COST_SCALE);
      outGain[t] =
          (int) Math.round(price[t] * stepKwh * battery.dischargeEfficiency() * COST_SCALE);
      costTerms.add(stored[t]);
      costCoefficients.add(inCost[t]);
      costTerms.add(released[t]);
      costCoefficients.add(-outGain[t]);
    }
    model.arithm(soc[n - 1], ">=", startSoc).post();
    int[] flowLo = new int[n];
    int[] flowHi = new int[n];
    int radius = (int) Math.max(1, Math.floor(radiusKwh / stepKwh + 1e-9));
    boolean limited = previous != null && radiusKwh > 0 && previous.chargeKwh().length == n;
    for (int t = 0; t < n; t++) {
      flowLo[t] = -maxOut;
      flowHi[t] = maxIn;
      if (limited) {
        int was =
            (int) Math.round(previous.chargeKwh()[t] * battery.chargeEfficiency() / stepKwh)
                - (int)
                    Math.round(
                        previous.dischargeKwh()[t] / battery.dischargeEfficiency() / stepKwh);
        flowLo[t] = Math.max(flowLo[t], Math.min(was - radius, maxIn));
        flowHi[t] = Math.min(flowHi[t], Math.max(was + radius, -maxOut));
        IntVar[] pair = {stored[t], released[t]};
        model.scalar(pair, new int[] {1, -1}, ">=", flowLo[t]).post();
        model.scalar(pair, new int[] {1, -1}, "<=", flowHi[t]).post();
      }
    }
    decision.addAll(Arrays.asList(stored));
    decision.addAll(Arrays.asList(released));
    int[] flows = BatteryProgramme.solve(inCost, outGain, flowLo, flowHi, socLo, socHi, startSoc);
    if (flows == null) {
      hinted = false;
      return;
    }
    for (int t = 0; t < n; t++) {
      int f = flows[t];
      hint.put(stored[t], Math.max(f, 0));
      hint.put(released[t], Math.max(-f, 0));
      bound += f > 0 ? (long) inCost[t] * f : -(long) outGain[t] * -f;
    }
  }

  /** Whether the model has anything to decide. */
  boolean empty() {
    return costTerms.isEmpty();
  }

  /**
   * The objective, with the separable optimum as its lower bound where every part has one (and the
   * hint cleared where one has none, so the search branches on its own).
   */
  IntVar objective() {
    int[] coefficients = costCoefficients.stream().mapToInt(Integer::intValue).toArray();
    IntVar[] terms = costTerms.toArray(IntVar[]::new);
    long lo = 0;
    long hi = 0;
    for (int k = 0; k < terms.length; k++) {
      long a = (long) coefficients[k] * terms[k].getLB();
      long b = (long) coefficients[k] * terms[k].getUB();
      lo += Math.min(a, b);
      hi += Math.max(a, b);
    }
    IntVar objective =
        model.intVar(
            "cost",
            (int) Math.max(Integer.MIN_VALUE / 2, lo),
            (int) Math.min(Integer.MAX_VALUE / 2, hi));
    model.scalar(terms, coefficients, "=", objective).post();
    if (!hinted) {
      hint.clear();
    }
    if (!hint.isEmpty() && bound > objective.getLB() && bound <= objective.getUB()) {
      model.arithm(objective, ">=", (int) bound).post();
    }
    return objective;
  }

  /** The appliances' starts of {@code best}, in the order of the runs. */
  List<Integer> starts(Solution best) {
    List<Integer> result = new ArrayList<>();
    for (IntVar s : starts) {
      result.add(best.getIntVal(s));
    }
    return result;
  }

  /** The EV's charging of {@code best} per interval (kWh; zeros without an EV). */
  double[] evKwh(Solution best) {
    double[] kwh = new double[day.intervals()];
    for (int t = 0; evCharge != null && t < kwh.length; t++) {
      kwh[t] = best.getIntVal(evCharge[t]) * ev.unitKwh();
    }
    return kwh;
  }

  /**
   * The battery's grid-side charge, discharge and state of charge of {@code best} per interval
   * (zeros without a battery).
   */
  double[][] battery(Solution best, BatterySpec battery) {
    int n = day.intervals();
    double[] charge = new double[n];
    double[] discharge = new double[n];
    double[] socKwh = new double[n];
    if (battery != null) {
      int level = startSoc;
      for (int t = 0; t < n; t++) {
        int in = best.getIntVal(stored[t]);
        int out = best.getIntVal(released[t]);
        level += in - out;
        charge[t] = in * stepKwh / battery.chargeEfficiency();
        discharge[t] = out * stepKwh * battery.dischargeEfficiency();
        socKwh[t] = level * stepKwh;
      }
    }
    return new double[][] {charge, discharge, socKwh};
  }
}
