package org.equigrid.experiments.run;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
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
 *
 * <p><b>Days in parallel</b> ({@link #withThreads}, static equity settings only): a day depends on
 * the one before only through the state of charge it starts from, and a day's dispatch ends at
 * least where it started ({@code soc[T] ≥ soc0}, DESIGN.md section 1), so on most days exactly
 * there. The runner therefore starts the next days speculatively from the latest state of charge it
 * knows, a window of {@code threads + 1} days ahead, and accepts a day only when the state it
 * started from equals (bit for bit) the final state of the day before; otherwise the day is run
 * again from the right state with a fresh copy of its random generator ({@link DayRandomness}).
 * Each day is a function of its start state and its generator alone, so the days, and every file
 * written from them (in day order), are those of the sequential run whatever the thread count. The
 * speculation only costs time when batteries end a day above their start.
 */
public final class ScenarioRunner {

  private static final Logger LOG = LogManager.getLogger();

  /** The algorithm of the run's random generator (Java 17 {@code RandomGeneratorFactory}). */
  public static final String RANDOM = DayRandomness.ALGORITHM;

  private final ProgressListener progress;
  private final SettlementOptions settlementOptions;
  private final EquitySchedule equitySchedule;
  private final int threads;
  private final UnaryOperator<double[]> speculation;
  private PhaseTimes lastPhaseTimes = new PhaseTimes();
  private int lastRerunDays;

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

  /**
   * @param equitySchedule each day's equity settings; null: the scenario's static settings
   */
  public ScenarioRunner(
      ProgressListener progress,
      SettlementOptions settlementOptions,
      EquitySchedule equitySchedule) {
    this(progress, settlementOptions, equitySchedule, 1, UnaryOperator.identity());
  }

  private ScenarioRunner(
      ProgressListener progress,
      SettlementOptions settlementOptions,
      EquitySchedule equitySchedule,
      int threads,
      UnaryOperator<double[]> speculation) {
    if (threads < 1) {
      throw new IllegalArgumentException(
          "threads ("
              + threads
              + ") must be >= 1. Maybe "
              + Runtime.getRuntime().availableProcessors()
              + " (the available processors)?");
    }
    this.progress = progress;
    this.settlementOptions = settlementOptions;
    this.equitySchedule = equitySchedule;
    this.threads = threads;
    this.speculation = speculation;
  }

  /**
   * This runner with up to {@code threads} days cleared and settled at once (1: day after day); the
   * results do not depend on it. With an equity schedule (adaptive weights, which read the day
   * before) days always run one after the other. Each day's settlement then gets {@code max(1,
   * settlement threads / threads)} threads.
   */
  public ScenarioRunner withThreads(int newThreads) {
    return new ScenarioRunner(progress, settlementOptions, equitySchedule, newThreads, speculation);
  }

  /**
   * For tests: this runner with every speculative start (parallel days) taken from {@code guess}
   * applied to the state of charge it would have guessed, so that days are started from a wrong
   * state and must be run again. The results must not change.
   */
  ScenarioRunner withSpeculatedStart(UnaryOperator<double[]> guess) {
    return new ScenarioRunner(progress, settlementOptions, equitySchedule, threads, guess);
  }

  public RunResult run(Scenario scenario) {
    List<SettledDay> days = new ArrayList<>(scenario.days());
    run(scenario, days::add);
    return new RunResult(scenario, days);
  }

  /**
   * Runs the scenario and hands each day to {@code accepted} as soon as it is accepted, in day
   * order, keeping none of them: memory does not grow with the days (e.g. {@code
   * ResultsStream::accept}). If a day fails, the days before it have been handed over.
   *
   * @return the number of days run
   */
  public int run(Scenario scenario, Consumer<SettledDay> accepted) {
    LOG.info(
        "Running scenario {} (seed {}, {} households, {} days, {} threads)",
        scenario.name(),
        scenario.seed(),
        scenario.households().size(),
        scenario.days(),
        threads);
    boolean parallel = threads > 1 && equitySchedule == null && scenario.days() > 1;
    SettlementOptions perDay = settlementOptions.withSettlement(scenario.settlement());
    if (parallel) {
      perDay = perDay.withThreads(Math.max(1, perDay.threads() / threads));
    }
    DayPipeline pipeline = new DayPipeline(scenario.solverOptions(), perDay);
    lastPhaseTimes = pipeline.phaseTimes();
    lastRerunDays = 0;
    int days =
        parallel
            ? runParallel(scenario, pipeline, accepted)
            : runSequential(scenario, pipeline, accepted);
    LOG.info("Scenario {} finished", scenario.name());
    return days;
  }

  /**
   * Days run again because they started from a state of charge that turned out wrong (last run).
   */
  public int rerunDays() {
    return lastRerunDays;
  }

  private int runSequential(
      Scenario scenario, DayPipeline pipeline, Consumer<SettledDay> accepted) {
    DayRandomness random = new DayRandomness(scenario.seed());
    double[] soc = scenario.initialSocKwh();
    SettledDay previous = null;
    for (int d = 0; d < scenario.days(); d++) {
      long start = System.nanoTime();
      EquitySettings equity =
          equitySchedule == null ? scenario.equity() : equitySchedule.forDay(d, previous);
      SettledDay record = runDay(scenario, pipeline, d, soc, equity, random.forDay(d));
      accepted.accept(record);
      previous = record;
      soc = finalSoc(record.cleared().day(), record.cleared());
      finished(scenario, d, record, (System.nanoTime() - start) / 1e9);
    }
    return scenario.days();
  }

  /** One day in flight: the state of charge it was started from and its result. */
  private record Flight(double[] startSoc, Future<SettledDay> result, long startNanos) {}

  private int runParallel(Scenario scenario, DayPipeline pipeline, Consumer<SettledDay> accepted) {
    int total = scenario.days();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            runnable -> {
              Thread thread = new Thread(runnable, "equigrid-day");
              thread.setDaemon(true);
              return thread;
            });
    try {
      DayRandomness random = new DayRandomness(scenario.seed());
      List<RandomGenerator> generators = new ArrayList<>(total);
      for (int d = 0; d < total; d++) {
        generators.add(random.forDay(d)); // split in day order, as the sequential run does
      }
      ArrayDeque<Flight> flights = new ArrayDeque<>();
      double[] soc = scenario.initialSocKwh(); // the true start of the next day to accept
      int submitted = 0;
      for (int d = 0; d < total; d++) {
        while (submitted < total && submitted < d + threads + 1) {
          flights.add(submit(scenario, pipeline, pool, submitted, soc, generators.get(submitted)));
          submitted++;
        }
        Flight flight = flights.poll();
        SettledDay record = await(flight.result());
        if (!Arrays.equals(flight.startSoc(), soc)) {
          lastRerunDays++;
          LOG.debug(
              "Day {} started from another state of charge than day {} left: run again", d, d - 1);
          record =
              runDay(
                  scenario,
                  pipeline,
                  d,
                  soc,
                  scenario.equity(),
                  new DayRandomness(scenario.seed()).forDay(d));
        }
        accepted.accept(record);
        double[] next = finalSoc(record.cleared().day(), record.cleared());
        if (!Arrays.equals(next, soc)) { // the days in flight started from a wrong guess
          for (Flight wrong : flights) {
            wrong
                .result()
                .cancel(
                    false); // a running day finishes (its native solves must not be interrupted)
          }
          int resubmit = flights.size();
          flights.clear();
          lastRerunDays += resubmit;
          for (int k = 1; k <= resubmit; k++) {
            int day = d + k;
            flights.add(
                submit(
                    scenario,
                    pipeline,
                    pool,
                    day,
                    next,
                    new DayRandomness(scenario.seed()).forDay(day)));
          }
        }
        soc = next;
        finished(scenario, d, record, (System.nanoTime() - flight.startNanos()) / 1e9);
      }
      return total;
    } finally {
      pool.shutdownNow();
    }
  }

  private Flight submit(
      Scenario scenario,
      DayPipeline pipeline,
      ExecutorService pool,
      int d,
      double[] soc,
      RandomGenerator rng) {
    double[] start = speculation.apply(soc.clone());
    return new Flight(
        start,
        pool.submit(() -> runDay(scenario, pipeline, d, start, scenario.equity(), rng)),
        System.nanoTime());
  }

  private SettledDay runDay(
      Scenario scenario,
      DayPipeline pipeline,
      int d,
      double[] soc,
      EquitySettings equity,
      RandomGenerator rng) {
    PhaseTimes.Start start = PhaseTimes.start();
    TradingDay day = scenario.day(d, soc.clone());
    lastPhaseTimes.addSince(PhaseTimes.Phase.PROFILES, start);
    return pipeline.run(day, equity, scenario.pricingRule(), scenario.trading(), rng);
  }

  private void finished(Scenario scenario, int d, SettledDay record, double seconds) {
    ClearedDay cleared = record.cleared();
    LOG.debug(
        "Day {} cleared: {} objective {} EUR, peak {} kW",
        d,
        cleared.dispatch().report().status(),
        cleared.dispatch().report().objectiveEur(),
        cleared.dispatch().peakKw());
    progress.dayFinished(d + 1, scenario.days(), record, seconds);
  }

  private static SettledDay await(Future<SettledDay> result) {
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running days", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("a day failed: " + e.getCause(), e.getCause());
    }
  }

  /** Wall and CPU time of each phase of the last {@link #run} (for benchmarks). */
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
