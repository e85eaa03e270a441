package org.equigrid.experiments.run;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.config.Scenario;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.clearing.CoalitionSolver;
import org.equigrid.market.clearing.HouseholdSchedule;
import org.equigrid.market.clearing.MarketClearing;
import org.equigrid.market.metrics.DayMetrics;
import org.equigrid.market.metrics.DayMetricsCalculator;
import org.equigrid.market.model.TradingDay;

/**
 * Runs a scenario in-process, day after day: each day is cleared (or every household runs alone
 * when the scenario does not trade), measured, and its batteries' final state of charge starts the
 * next day.
 */
public final class ScenarioRunner {

  private static final Logger LOG = LogManager.getLogger();

  private final ProgressListener progress;

  public ScenarioRunner(ProgressListener progress) {
    this.progress = progress;
  }

  public RunResult run(Scenario scenario) {
    LOG.info(
        "Running scenario {} (seed {}, {} households, {} days)",
        scenario.name(),
        scenario.seed(),
        scenario.households().size(),
        scenario.days());
    MarketClearing clearing = new MarketClearing(new CoalitionSolver(scenario.solverOptions()));
    DayMetricsCalculator metrics = new DayMetricsCalculator(scenario.solverOptions().epsilonEur());
    double[] soc = scenario.initialSocKwh();
    List<DayRecord> days = new ArrayList<>(scenario.days());
    for (int d = 0; d < scenario.days(); d++) {
      long start = System.nanoTime();
      TradingDay day = scenario.day(d, soc);
      ClearedDay cleared =
          scenario.trading()
              ? clearing.clear(day, scenario.equity(), scenario.pricingRule())
              : clearing.clearStandalone(day, scenario.pricingRule());
      DayMetrics dayMetrics = metrics.compute(cleared);
      DayRecord record = new DayRecord(cleared, dayMetrics);
      days.add(record);
      soc = finalSoc(day, cleared);
      double seconds = (System.nanoTime() - start) / 1e9;
      LOG.debug(
          "Day {} cleared: {} objective {} EUR, peak {} kW",
          d,
          cleared.dispatch().report().status(),
          cleared.dispatch().report().objectiveEur(),
          cleared.dispatch().peakKw());
      progress.dayFinished(d + 1, scenario.days(), record, seconds);
    }
    LOG.info("Scenario {} finished", scenario.name());
    return new RunResult(scenario, days);
  }

  private static double[] finalSoc(TradingDay day, ClearedDay cleared) {
    double[] soc = day.initialSocKwh().clone();
    List<HouseholdSchedule> schedules = cleared.dispatch().schedules();
    for (int i = 0; i < soc.length; i++) {
      if (day.households().get(i).hasBattery()) {
        double[] path = schedules.get(i).socKwh();
        soc[i] = path[path.length - 1];
      }
    }
    return soc;
  }
}
