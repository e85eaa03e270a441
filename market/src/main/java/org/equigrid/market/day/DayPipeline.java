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
    ClearedDay cleared = trading
        ? clearing.clear(day, equitySettings, pricingRule)
        : clearing.clearStandalone(day, pricingRule);
    return settle(cleared, trading, rng);
  }

  /** Measures, settles and explains an already cleared day. */
  public SettledDay settle(ClearedDay cleared, boolean trading, RandomGenerator rng) {
    DayMetrics dayMetrics = metrics.compute(cleared);
    DaySettlement settled = trading ? settlement.settle(cleared, rng) : Settlement.none(cleared);
    DayEquity dayEquity = equity.compute(cleared.day().households(), cleared.equity().leastAdvantagedGroups(), dayMetrics, settled);
    return new SettledDay(
        cleared, dayMetrics, settled, dayEquity, Explainer.explain(cleared.day(), dayMetrics, settled));
  }

  public MarketClearing clearing() {
    return clearing;
  }
}
