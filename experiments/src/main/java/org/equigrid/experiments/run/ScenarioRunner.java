package org.equigrid.experiments.run;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.config.Scenario;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.clearing.HouseholdSchedule;
import org.equigrid.market.day.DayPipeline;
import org.equigrid.market.day.DayRandomness;
import org.equigrid.market.day.PhaseTimes;
import org.equigrid.market.day.SettledDay;
import org.equigrid.market.model.EquitySettings;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.settlement.SettlementOptions;

/**
 * Runs a scenario in-process, day after day: each day is cleared (or every household runs alone
 * when the scenario does not trade), measured, and its batteries' final state of charge starts the
 * next day.
 */
public final class ScenarioRunner {

  private static final Logger LOG = LogManager.getLogger();

  /** The algorithm of the run's random generator (Java 17 {@code RandomGeneratorFactory}). */
  public static final String RANDOM = DayRandomness.ALGORITHM;

  private final ProgressListener progress;
  private final SettlementOptions settlementOptions;
  private final EquitySchedule equitySchedule;
  private PhaseTimes lastPhaseTimes = new PhaseTimes();

  /** Chooses the equity settings of each day, e.g. from a learned policy (adaptive weights). */
  @FunctionalInterface
  public interface EquitySchedule {
    /**
     * @param dayIndex the day about to be cleared
     * @param previous the day before, settled ({@code null} on the first day)
     */
    EquitySettings forDay(int dayIndex, SettledDay previous);
  }

  public ScenarioRunner(ProgressListener progress) {
    this(progress, SettlementOptions.defaults());
  }

  public ScenarioRunner(ProgressListener progress, SettlementOptions settlementOptions) {
    this(progress, settlementOptions, null);
  }

  /** @param equitySchedule each day's equity settings; null: the scenario's static settings */
  public ScenarioRunner(
      ProgressListener progress, SettlementOptions settlementOptions, EquitySchedule equitySchedule) {
    this.progress = progress;
    this.settlementOptions = settlementOptions;
    this.equitySchedule = equitySchedule;
  }

  public RunResult run(Scenario scenario) {
    LOG.info(
        "Running scenario {} (seed {}, {} households, {} days)",
        scenario.name(),
        scenario.seed(),
        scenario.households().size(),
        scenario.days());
    DayPipeline pipeline =
        new DayPipeline(scenario.solverOptions(), settlementOptions.withSettlement(scenario.settlement()));
    lastPhaseTimes = pipeline.phaseTimes();
    DayRandomness random = new DayRandomness(scenario.seed());
    double[] soc = scenario.initialSocKwh();
    List<SettledDay> days = new ArrayList<>(scenario.days());
    for (int d = 0; d < scenario.days(); d++) {
      long start = System.nanoTime();
      TradingDay day = scenario.day(d, soc);
      lastPhaseTimes.addSince(PhaseTimes.Phase.PROFILES, start);
      EquitySettings equity = equitySchedule == null
          ? scenario.equity()
          : equitySchedule.forDay(d, days.isEmpty() ? null : days.get(days.size() - 1));
      SettledDay record =
          pipeline.run(day, equity, scenario.pricingRule(), scenario.trading(), random.forDay(d));
      days.add(record);
      ClearedDay cleared = record.cleared();
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

  /** Wall time of each phase of the last {@link #run} (for benchmarks). */
  public PhaseTimes phaseTimes() {
    return lastPhaseTimes;
  }

  private static double[] finalSoc(TradingDay day, ClearedDay cleared) {
    double[] soc = day.initialSocKwh().clone();
    List<HouseholdSchedule> schedules = cleared.dispatch().schedules();
    for (int i = 0; i < soc.length; i++) {
      if (day.households().get(i).hasBattery()) {
        double[] path = schedules.get(i).socKwh();
        double socMin = day.households().get(i).battery().socMinKwh();
        double socMax = day.households().get(i).battery().socMaxKwh();
        soc[i] = Math.min(socMax, Math.max(socMin, path[path.length - 1]));
      }
    }
    return soc;
  }
}
