package org.equigrid.market.day;

import java.util.random.RandomGenerator;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.clearing.CoalitionSolver;
import org.equigrid.market.clearing.MarketClearing;
import org.equigrid.market.clearing.PricingRule;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.equity.DayEquity;
import org.equigrid.market.equity.DayEquityCalculator;
import org.equigrid.market.explain.Explainer;
import org.equigrid.market.metrics.DayMetrics;
import org.equigrid.market.metrics.DayMetricsCalculator;
import org.equigrid.market.model.EquitySettings;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.settlement.DaySettlement;
import org.equigrid.market.settlement.Settlement;
import org.equigrid.market.settlement.SettlementOptions;

/** Clears, measures, settles and explains one trading day. Thread-safe if its solver is. */
public final class DayPipeline {

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
      TradingDay day, EquitySettings equitySettings, PricingRule pricingRule, boolean trading,
      RandomGenerator rng) {
    long start = System.nanoTime();
    ClearedDay cleared = trading
        ? clearing.clear(day, equitySettings, pricingRule)
        : clearing.clearStandalone(day, pricingRule);
    times.addSince(PhaseTimes.Phase.CLEARING, start);
    return settle(cleared, trading, rng);
  }

  /** Measures, settles and explains an already cleared day. */
  public SettledDay settle(ClearedDay cleared, boolean trading, RandomGenerator rng) {
    long start = System.nanoTime();
    DayMetrics dayMetrics = metrics.compute(cleared);
    times.addSince(PhaseTimes.Phase.METRICS, start);
    start = System.nanoTime();
    DaySettlement settled = trading ? settlement.settle(cleared, rng) : Settlement.none(cleared);
    times.addSince(PhaseTimes.Phase.SETTLEMENT, start);
    start = System.nanoTime();
    DayEquity dayEquity = equity.compute(
        cleared.day().households(), cleared.equity().leastAdvantagedGroups(), dayMetrics, settled);
    times.addSince(PhaseTimes.Phase.EQUITY, start);
    start = System.nanoTime();
    var explanations = Explainer.explain(cleared.day(), dayMetrics, settled);
    times.addSince(PhaseTimes.Phase.EXPLANATION, start);
    return new SettledDay(cleared, dayMetrics, settled, dayEquity, explanations);
  }

  /** Wall time of each phase over every day this pipeline ran (for benchmarks). */
  public PhaseTimes phaseTimes() {
    return times;
  }

  public MarketClearing clearing() {
    return clearing;
  }
}
