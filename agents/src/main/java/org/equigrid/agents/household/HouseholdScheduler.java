package org.equigrid.agents.household;

import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.chocosolver.solver.Solution;
import org.chocosolver.solver.Solver;
import org.chocosolver.solver.search.strategy.Search;
import org.chocosolver.solver.search.strategy.selectors.variables.InputOrder;
import org.chocosolver.solver.variables.IntVar;
import org.equigrid.agents.protocol.Message.BatterySpec;

/**
 * Schedules one household's battery, deferrable appliances and flexible demand (an EV's charging,
 * the scenario's appliances; docs/model.md, "Flexible demand") against pool prices with Choco,
 * minimising {@code Σ_t p[t] · net[t]} ({@link ScheduleModel}). Energy is counted in integer steps
 * of {@code stepKwh} stored in the battery and in units of at most {@code stepKwh} charged into the
 * EV ({@link EvUnits}: its energy exactly); a run of an appliance starts once inside its window.
 * The search stops at a failure limit (deterministic) or a wall-clock limit (safety); without any
 * solution the no-flexibility schedule is returned with the reason.
 */
public final class HouseholdScheduler {

  private static final Logger LOG = LogManager.getLogger();

  static final String FALLBACK = "fallback to no flexibility: ";
  static final String NOTHING = "nothing to schedule";

  private final double stepKwh;
  private final long timeLimitMillis;
  private final long failLimit;

  /**
   * @param stepKwh energy step of the battery (and the largest unit of an EV's charging), e.g. 0.1
   *     kWh
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

  /** The energy step of the battery, the largest unit of an EV's charging (kWh). */
  double stepKwh() {
    return stepKwh;
  }

  /** Schedules the day without a trust region. */
  public FlexSchedule schedule(PricedDay day) {
    return schedule(day, null, 0, 0);
  }

  /**
   * Schedules the day with the battery's flow of each interval within {@code radiusKwh} (stored
   * energy) of its flow in {@code previous}, a trust region: in price rounds it keeps every
   * household from jumping all the way to its best answer to prices that its own and the others'
   * moves will change, so the community's net profile moves step by step. Likewise the EV's
   * charging of each interval within {@code evRadiusKwh} of {@code previous}'s, where that charged
   * the EV (not in the first round: then it charges where the prices are lowest). The appliances
   * are not limited: a run moves whole.
   *
   * @param previous the schedule of the previous round of the same day, or null for no limit
   * @param radiusKwh how far each interval's stored energy may move from {@code previous}
   * @param evRadiusKwh how far each interval's EV charging may move from {@code previous}
   */
  public FlexSchedule schedule(
      PricedDay day, FlexSchedule previous, double radiusKwh, double evRadiusKwh) {
    int n = day.intervals();
    List<Cycle> cycles = day.cycles();
    for (Cycle c : cycles) {
      if (!c.fits(n)) {
        return FlexSchedule.fallback(
            day, "appliance " + c.name() + " does not fit its window in " + n + " intervals");
      }
    }
    EvUnits ev =
        day.flex().ev() == null
            ? null
            : EvUnits.of(day.flex().ev(), n, day.intervalHours(), stepKwh);
    if (day.flex().ev() != null && ev == null) {
      return FlexSchedule.fallback(
          day, "the EV's energy does not fit its plug-in window in " + n + " intervals");
    }
    BatterySpec battery = day.battery();
    if (battery == null && cycles.isEmpty() && ev == null) {
      return FlexSchedule.fallback(day, NOTHING);
    }
    ScheduleModel built = new ScheduleModel(day, stepKwh);
    built.addCycles(cycles);
    if (ev != null) {
      built.addEv(ev, previousEvKwh(previous, cycles, n), evRadiusKwh);
    }
    if (battery != null) {
      built.addBattery(battery, previous, radiusKwh);
    }
    IntVar objective = built.objective();
    built.model.setObjective(org.chocosolver.solver.Model.MINIMIZE, objective);
    Solver solver = built.model.getSolver();
    IntVar[] branching = built.decision.toArray(IntVar[]::new);
    if (built.hint.isEmpty()) {
      solver.setSearch(Search.lastConflict(Search.domOverWDegSearch(branching)));
    } else {
      solver.setSearch(
          Search.intVarSearch(
              new InputOrder<>(built.model),
              v -> {
                Integer h = built.hint.get(v);
                return h != null && v.contains(h) ? h : v.getLB();
              },
              branching));
    }
    solver.limitFail(failLimit);
    solver.limitTime(timeLimitMillis);
    Solution best = new Solution(built.model);
    boolean found = false;
    while (solver.solve()) {
      best.record();
      found = true;
    }
    if (!found) {
      return FlexSchedule.fallback(
          day,
          solver.isStopCriterionMet()
              ? "no schedule within the search limit"
              : "no feasible schedule");
    }
    boolean optimal = !solver.isStopCriterionMet();
    double[][] flows = built.battery(best, battery);
    String note = optimal ? "optimal" : "best found within the limit";
    LOG.trace("schedule {} after {} failures", note, solver.getMeasures().getFailCount());
    return FlexSchedule.assemble(
        day,
        cycles,
        built.starts(best),
        built.evKwh(best),
        flows[0],
        flows[1],
        flows[2],
        optimal,
        note);
  }

  /**
   * The EV's charging in {@code previous}: its flexible load less its flexible runs; null when it
   * is not a schedule of these runs.
   */
  private static double[] previousEvKwh(FlexSchedule previous, List<Cycle> cycles, int n) {
    if (previous == null
        || previous.flexKwh().length != n
        || previous.applianceStartIntervals().size() != cycles.size()) {
      return null;
    }
    double[] runs = Cycle.load(cycles, previous.applianceStartIntervals(), n, true);
    double[] ev = new double[n];
    for (int t = 0; t < n; t++) {
      ev[t] = previous.flexKwh()[t] - runs[t];
    }
    return ev;
  }
}
