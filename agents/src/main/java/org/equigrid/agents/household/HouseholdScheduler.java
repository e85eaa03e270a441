package org.equigrid.agents.household;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.chocosolver.solver.Model;
import org.chocosolver.solver.Solution;
import org.chocosolver.solver.Solver;
import org.chocosolver.solver.search.strategy.Search;
import org.chocosolver.solver.search.strategy.selectors.variables.InputOrder;
import org.chocosolver.solver.variables.IntVar;
import org.equigrid.agents.protocol.Message.BatterySpec;

/**
 * Schedules one household's battery and deferrable appliances against pool prices with Choco,
 * minimising {@code Σ_t p[t] · net[t]}. Energy is counted in integer steps of {@code stepKwh}
 * stored in the battery; a cycle of an appliance starts once inside its window. The search stops at
 * a failure limit (deterministic) or a wall-clock limit (safety); without any solution the
 * no-flexibility schedule is returned with the reason.
 */
public final class HouseholdScheduler {

  private static final Logger LOG = LogManager.getLogger();

  /** Cost unit of the integer objective: 1e-5 EUR. */
  private static final double COST_SCALE = 1e5;

  static final String FALLBACK = "fallback to no flexibility: ";
  static final String NOTHING = "nothing to schedule";

  private final double stepKwh;
  private final long timeLimitMillis;
  private final long failLimit;

  /**
   * @param stepKwh energy step of the battery, e.g. 0.1 kWh
   * @param timeLimitMillis wall-clock limit of one solve
   * @param failLimit search failures before stopping (keeps results deterministic)
   */
  public HouseholdScheduler(double stepKwh, long timeLimitMillis, long failLimit) {
    if (!(stepKwh > 0) || timeLimitMillis <= 0 || failLimit <= 0) {
      throw new IllegalArgumentException(
          "need stepKwh ("
              + stepKwh
              + ") > 0, timeLimitMillis ("
              + timeLimitMillis
              + ") > 0 and failLimit ("
              + failLimit
              + ") > 0. Maybe you meant (0.1, 2000, 20000).");
    }
    this.stepKwh = stepKwh;
    this.timeLimitMillis = timeLimitMillis;
    this.failLimit = failLimit;
  }

  /** A small, fast default: 0.1 kWh steps, 2 s, 20,000 failures. */
  public static HouseholdScheduler standard() {
    return new HouseholdScheduler(0.1, 2_000, 20_000);
  }

  /**
   * Schedules the day.
   *
   * @param baseLoadKwh load without the deferrable appliances
   * @param pvKwh PV output
   * @param battery the battery to schedule, or null
   * @param initialSocKwh state of charge at the start; the end must be at least this
   * @param appliances deferrable appliances, each run once in its window
   * @param priceEurPerKwh pool price per interval
   * @param intervalHours {@code Δt}
   */
  public FlexSchedule schedule(
      double[] baseLoadKwh,
      double[] pvKwh,
      BatterySpec battery,
      double initialSocKwh,
      List<DeferrableAppliance> appliances,
      double[] priceEurPerKwh,
      double intervalHours) {
    return schedule(
        baseLoadKwh,
        pvKwh,
        battery,
        initialSocKwh,
        appliances,
        priceEurPerKwh,
        intervalHours,
        null,
        0);
  }

  /**
   * Schedules the day with the battery's flow of each interval within {@code radiusKwh} (stored
   * energy) of its flow in {@code previous}, a trust region: in price rounds it keeps every
   * household from jumping all the way to its best answer to prices that its own and the others'
   * moves will change, so the community's net profile moves step by step.
   *
   * @param previous the schedule of the previous round of the same day, or null for no limit
   * @param radiusKwh how far each interval's stored energy may move from {@code previous}
   */
  public FlexSchedule schedule(
      double[] baseLoadKwh,
      double[] pvKwh,
      BatterySpec battery,
      double initialSocKwh,
      List<DeferrableAppliance> appliances,
      double[] priceEurPerKwh,
      double intervalHours,
      FlexSchedule previous,
      double radiusKwh) {
    int n = priceEurPerKwh.length;
    for (DeferrableAppliance a : appliances) {
      if (a.latestStartInterval(intervalHours) < a.earliestStartInterval()
          || a.latestEndInterval() > n) {
        return FlexSchedule.fallback(
            baseLoadKwh,
            pvKwh,
            battery,
            initialSocKwh,
            appliances,
            priceEurPerKwh,
            intervalHours,
            "appliance " + a.name() + " does not fit its window in " + n + " intervals");
      }
    }
    if (battery == null && appliances.isEmpty()) {
      return FlexSchedule.fallback(
          baseLoadKwh,
          pvKwh,
          null,
          initialSocKwh,
          appliances,
          priceEurPerKwh,
          intervalHours,
          NOTHING);
    }
    Model model = new Model("household schedule");
    List<IntVar> decision = new ArrayList<>();
    List<IntVar> costTerms = new ArrayList<>();
    List<Integer> costCoefficients = new ArrayList<>();
    IntVar[] starts = new IntVar[appliances.size()];
    for (int k = 0; k < appliances.size(); k++) {
      DeferrableAppliance a = appliances.get(k);
      int earliest = a.earliestStartInterval();
      int latest = a.latestStartInterval(intervalHours);
      starts[k] = model.intVar(a.name() + ".start", earliest, latest);
      int[] costByStart = new int[latest - earliest + 1];
      for (int s = earliest; s <= latest; s++) {
        costByStart[s - earliest] =
            (int) Math.round(applianceCost(a, s, priceEurPerKwh, intervalHours) * COST_SCALE);
      }
      int lo = Arrays.stream(costByStart).min().orElse(0);
      int hi = Arrays.stream(costByStart).max().orElse(0);
      IntVar cost = model.intVar(a.name() + ".cost", lo, hi);
      model.element(cost, costByStart, starts[k], earliest).post();
      costTerms.add(cost);
      costCoefficients.add(1);
    }
    decision.addAll(Arrays.asList(starts));
    IntVar[] stored = null;
    IntVar[] released = null;
    int startSoc = 0;
    long soc0Lo = 0;
    long soc0Hi = 0;
    int[] flowLo = null;
    int[] flowHi = null;
    if (battery != null) {
      int maxIn =
          (int)
              Math.floor(
                  battery.powerKw() * intervalHours * battery.chargeEfficiency() / stepKwh + 1e-9);
      int maxOut =
          (int)
              Math.floor(
                  battery.powerKw() * intervalHours / battery.dischargeEfficiency() / stepKwh
                      + 1e-9);
      int socLo = (int) Math.ceil(battery.socMinKwh() / stepKwh - 1e-9);
      int socHi = (int) Math.floor(battery.socMaxKwh() / stepKwh + 1e-9);
      startSoc = Math.max(socLo, Math.min(socHi, (int) Math.round(initialSocKwh / stepKwh)));
      stored = model.intVarArray("in", n, 0, maxIn);
      released = model.intVarArray("out", n, 0, maxOut);
      IntVar[] soc = model.intVarArray("soc", n, socLo, socHi);
      soc0Lo = socLo;
      soc0Hi = socHi;
      for (int t = 0; t < n; t++) {
        if (t == 0) {
          model
              .scalar(
                  new IntVar[] {soc[0], stored[0], released[0]},
                  new int[] {1, -1, 1},
                  "=",
                  startSoc)
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
        costTerms.add(stored[t]);
        costCoefficients.add(
            (int)
                Math.round(priceEurPerKwh[t] * stepKwh / battery.chargeEfficiency() * COST_SCALE));
        costTerms.add(released[t]);
        costCoefficients.add(
            (int)
                -Math.round(
                    priceEurPerKwh[t] * stepKwh * battery.dischargeEfficiency() * COST_SCALE));
      }
      model.arithm(soc[n - 1], ">=", startSoc).post();
      flowLo = new int[n];
      flowHi = new int[n];
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
    }
    if (costTerms.isEmpty()) {
      return FlexSchedule.fallback(
          baseLoadKwh,
          pvKwh,
          null,
          initialSocKwh,
          appliances,
          priceEurPerKwh,
          intervalHours,
          NOTHING);
    }
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
    // The model is separable: each appliance's cost depends on its start only, the battery's on
    // its flows only. Its exact optimum is therefore the cheapest start of each appliance plus the
    // battery's dynamic programme over the same integer energy steps and integer costs: a valid
    // lower bound on the objective and a first solution for the search to try, so the search
    // proves optimality at once instead of running into the failure limit.
    Map<IntVar, Integer> hint = new HashMap<>();
    long bound = 0;
    for (int k = 0; k < appliances.size(); k++) {
      DeferrableAppliance a = appliances.get(k);
      int best = a.earliestStartInterval();
      long bestCost = Long.MAX_VALUE;
      for (int st = a.earliestStartInterval(); st <= a.latestStartInterval(intervalHours); st++) {
        long c = Math.round(applianceCost(a, st, priceEurPerKwh, intervalHours) * COST_SCALE);
        if (c < bestCost) {
          bestCost = c;
          best = st;
        }
      }
      hint.put(starts[k], best);
      bound += bestCost;
    }
    if (battery != null) {
      int offset = appliances.size();
      int[] inCost = new int[n];
      int[] outGain = new int[n];
      for (int t = 0; t < n; t++) {
        inCost[t] = costCoefficients.get(offset + 2 * t);
        outGain[t] = -costCoefficients.get(offset + 2 * t + 1);
      }
      int[] flows =
          BatteryProgramme.solve(
              inCost, outGain, flowLo, flowHi, (int) soc0Lo, (int) soc0Hi, startSoc);
      if (flows != null) {
        long cost = 0;
        for (int t = 0; t < n; t++) {
          int f = flows[t];
          hint.put(stored[t], Math.max(f, 0));
          hint.put(released[t], Math.max(-f, 0));
          cost += f > 0 ? (long) inCost[t] * f : -(long) outGain[t] * -f;
        }
        bound += cost;
      } else {
        hint.clear();
      }
    }
    if (!hint.isEmpty() && bound > objective.getLB() && bound <= objective.getUB()) {
      model.arithm(objective, ">=", (int) bound).post();
    }
    model.setObjective(Model.MINIMIZE, objective);
    Solver solver = model.getSolver();
    IntVar[] branching = decision.toArray(IntVar[]::new);
    if (hint.isEmpty()) {
      solver.setSearch(Search.lastConflict(Search.domOverWDegSearch(branching)));
    } else {
      solver.setSearch(
          Search.intVarSearch(
              new InputOrder<>(model),
              v -> {
                Integer h = hint.get(v);
                return h != null && v.contains(h) ? h : v.getLB();
              },
              branching));
    }
    solver.limitFail(failLimit);
    solver.limitTime(timeLimitMillis);
    Solution best = new Solution(model);
    boolean found = false;
    while (solver.solve()) {
      best.record();
      found = true;
    }
    if (!found) {
      return FlexSchedule.fallback(
          baseLoadKwh,
          pvKwh,
          battery,
          initialSocKwh,
          appliances,
          priceEurPerKwh,
          intervalHours,
          solver.isStopCriterionMet()
              ? "no schedule within the search limit"
              : "no feasible schedule");
    }
    boolean optimal = !solver.isStopCriterionMet();
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
    List<Integer> startList = new ArrayList<>();
    for (IntVar s : starts) {
      startList.add(best.getIntVal(s));
    }
    String note = optimal ? "optimal" : "best found within the limit";
    LOG.trace("schedule {} after {} failures", note, solver.getMeasures().getFailCount());
    return FlexSchedule.assemble(
        baseLoadKwh,
        pvKwh,
        charge,
        discharge,
        socKwh,
        appliances,
        startList,
        priceEurPerKwh,
        intervalHours,
        optimal,
        note);
  }

  private static double applianceCost(
      DeferrableAppliance a, int start, double[] price, double intervalHours) {
    int duration = a.durationIntervals(intervalHours);
    double cost = 0;
    for (int t = start; t < start + duration; t++) {
      cost += price[t] * a.energyPerCycleKwh() / duration;
    }
    return cost;
  }
}
