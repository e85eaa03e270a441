package org.equigrid.market.day;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.clearing.ClearingResult;
import org.equigrid.market.clearing.CoalitionSolver;
import org.equigrid.market.clearing.HouseholdSchedule;
import org.equigrid.market.clearing.MarketClearing;
import org.equigrid.market.clearing.PricingRule;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.clearing.SolverReport;
import org.equigrid.market.equity.DayEquity;
import org.equigrid.market.equity.DayEquityCalculator;
import org.equigrid.market.explain.Explainer;
import org.equigrid.market.metrics.DayMetrics;
import org.equigrid.market.metrics.DayMetricsCalculator;
import org.equigrid.market.metrics.Index;
import org.equigrid.market.model.EquitySettings;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.settlement.DaySettlement;
import org.equigrid.market.settlement.Settlement;
import org.equigrid.market.settlement.SettlementOptions;

/** Clears, measures, settles and explains one trading day. Thread-safe if its solver is. */
public final class DayPipeline {

  /**
   * Appended to the reason of a day on which some household has no standalone dispatch: its {@code
   * C0} and so every coalition value are undefined, and the day is not settled.
   */
  public static final String NOT_SETTLED =
      "; its standalone cost C0 is undefined, so the day is"
          + " not settled (bills, shares and equity indices are NaN)";

  private final MarketClearing clearing;
  private final Settlement settlement;
  private final DayMetricsCalculator metrics;
  private final DayEquityCalculator equity;
  private final PhaseTimes times = new PhaseTimes();

  public DayPipeline(SolverOptions solverOptions, SettlementOptions settlementOptions) {
    CoalitionSolver solver = new CoalitionSolver(solverOptions);
    this.clearing = new MarketClearing(solver);
    this.settlement = new Settlement(solver, settlementOptions);
    this.metrics = new DayMetricsCalculator(solverOptions.epsilonEur());
    this.equity = new DayEquityCalculator(solverOptions.epsilonEur());
  }

  /**
   * @param trading false: every household alone (no pool, no settlement)
   * @param rng the day's randomness (the sampled settlement); derive it from the run's seed
   */
  public SettledDay run(
      TradingDay day,
      EquitySettings equitySettings,
      PricingRule pricingRule,
      boolean trading,
      RandomGenerator rng) {
    PhaseTimes.Start start = PhaseTimes.start();
    ClearedDay cleared =
        trading
            ? clearing.clear(day, equitySettings, pricingRule)
            : clearing.clearStandalone(day, pricingRule);
    times.addSince(PhaseTimes.Phase.CLEARING, start);
    return settle(cleared, trading, rng);
  }

  /** Measures, settles and explains an already cleared day. */
  public SettledDay settle(ClearedDay clearedAsSolved, boolean trading, RandomGenerator rng) {
    ClearedDay cleared = withUnknownSchedules(clearedAsSolved);
    boolean undefined = undefined(cleared);
    PhaseTimes.Start start = PhaseTimes.start();
    DayMetrics dayMetrics = metrics.compute(cleared);
    times.addSince(PhaseTimes.Phase.METRICS, start);
    start = PhaseTimes.start();
    DaySettlement settled =
        trading && !undefined
            ? settlement.settle(cleared, rng)
            : Settlement.none(cleared); // coalition values are undefined without every C0_i
    times.addSince(PhaseTimes.Phase.SETTLEMENT, start);
    start = PhaseTimes.start();
    DayEquity dayEquity =
        undefined
            ? undefinedEquity(cleared)
            : equity.compute(
                cleared.day().households(),
                cleared.equity().leastAdvantagedGroups(),
                dayMetrics,
                settled);
    times.addSince(PhaseTimes.Phase.EQUITY, start);
    start = PhaseTimes.start();
    var explanations = Explainer.explain(cleared.day(), dayMetrics, settled);
    times.addSince(PhaseTimes.Phase.EXPLANATION, start);
    return new SettledDay(cleared, dayMetrics, settled, dayEquity, explanations);
  }

  /** Wall and CPU time of each phase over every day this pipeline ran (for benchmarks). */
  public PhaseTimes phaseTimes() {
    return times;
  }

  /**
   * A degraded day on which some household has no feasible dispatch even alone (e.g. its load
   * exceeds its import limit): its costs, and so every equity index of the day, are undefined.
   */
  public static boolean undefined(ClearedDay cleared) {
    return cleared.dispatch().schedules().size() < cleared.day().householdCount()
        || cleared.standalone().stream().anyMatch(r -> r.schedules().isEmpty())
        || IntStream.range(0, cleared.day().householdCount())
            .anyMatch(i -> Double.isNaN(cleared.standaloneCostEur(i)));
  }

  /**
   * The day with every missing schedule (a household without any feasible dispatch, see {@link
   * MarketClearing}) replaced by a schedule of NaN: its flows and costs are undefined, not zero,
   * and every reader of the day finds one schedule per member.
   */
  static ClearedDay withUnknownSchedules(ClearedDay cleared) {
    if (!undefined(cleared)) {
      return cleared;
    }
    int n = cleared.day().householdCount();
    int intervals = cleared.day().intervals();
    List<ClearingResult> standalone = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      standalone.add(filled(cleared.standalone().get(i), new int[] {i}, intervals, ""));
    }
    String unsettled = "";
    for (int i = 0; i < n; i++) {
      ClearingResult alone = cleared.standalone().get(i);
      if (!alone.report().status().hasSolution()) {
        unsettled =
            "; household "
                + cleared.day().households().get(i).id()
                + " has no standalone dispatch ("
                + alone.report().reason()
                + ")"
                + NOT_SETTLED;
        break;
      }
    }
    int[] everyone = IntStream.range(0, n).toArray();
    ClearingResult costMinimising =
        filled(cleared.costMinimising(), everyone, intervals, unsettled);
    ClearingResult dispatch =
        cleared.dispatch() == cleared.costMinimising()
            ? costMinimising
            : filled(cleared.dispatch(), everyone, intervals, unsettled);
    return new ClearedDay(
        cleared.day(),
        cleared.equity(),
        cleared.pricingRule(),
        cleared.poolPriceEurPerKwh(),
        List.copyOf(standalone),
        costMinimising,
        dispatch,
        cleared.aloneInDispatch());
  }

  private static ClearingResult filled(
      ClearingResult result, int[] members, int intervals, String unsettled) {
    SolverReport report = result.report();
    if (report.status().hasSolution() && !unsettled.isEmpty()) {
      report =
          report.withReason(
              report.reason().isEmpty() ? unsettled.substring(2) : report.reason() + unsettled);
    }
    if (result.schedules().size() == members.length) {
      return result.withReport(report);
    }
    List<HouseholdSchedule> schedules = new ArrayList<>(members.length);
    for (int member : members) {
      double[] unknown = new double[intervals];
      Arrays.fill(unknown, Double.NaN);
      schedules.add(
          new HouseholdSchedule(
              member,
              unknown,
              unknown,
              unknown,
              unknown,
              unknown,
              unknown,
              unknown,
              unknown,
              Double.NaN));
    }
    return new ClearingResult(
        report,
        result.poolPriceEurPerKwh(),
        List.copyOf(schedules),
        Double.NaN,
        Double.NaN,
        Double.NaN,
        result.rawlsianFloor());
  }

  /** Why every index of an {@link #undefined} day is undefined. */
  static final String UNSETTLED_REASON = "some household has no feasible dispatch even alone";

  /** Equity of an {@link #undefined} day: NaN everywhere, the groups kept. */
  private static DayEquity undefinedEquity(ClearedDay cleared) {
    int n = cleared.day().householdCount();
    double[] unknown = new double[n];
    Arrays.fill(unknown, Double.NaN);
    List<DayEquity.GroupEquity> groups =
        cleared.day().households().stream()
            .map(h -> h.group())
            .distinct()
            .sorted()
            .map(
                g ->
                    new DayEquity.GroupEquity(
                        g,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        Index.undefined(UNSETTLED_REASON),
                        Double.NaN,
                        Index.undefined(UNSETTLED_REASON)))
            .toList();
    Index none = Index.undefined(UNSETTLED_REASON);
    return new DayEquity(
        unknown,
        unknown.clone(),
        none,
        none,
        none,
        none,
        none,
        none,
        none,
        none,
        none,
        cleared.equity().leastAdvantagedGroups().isEmpty()
            ? DayEquity.ALL_HOUSEHOLDS
            : String.join(",", cleared.equity().leastAdvantagedGroups()),
        none,
        none,
        Double.NaN,
        "",
        Double.NaN,
        Double.NaN,
        none,
        none,
        groups);
  }

  public MarketClearing clearing() {
    return clearing;
  }
}
