package org.equigrid.experiments.serve;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.agents.coordinator.PipelineMarket;
import org.equigrid.agents.household.BiddingStrategy;
import org.equigrid.agents.platform.ScenarioRun;
import org.equigrid.agents.protocol.ProtocolObserver;
import org.equigrid.config.Scenario;
import org.equigrid.experiments.cli.VersionProvider;
import org.equigrid.experiments.output.ResultsWriter;
import org.equigrid.experiments.run.AgentRunner;
import org.equigrid.market.negotiation.NegotiationLog;
import org.equigrid.market.settlement.SettlementOptions;

/**
 * One run of the live view: the scenario's days through the JADE agents, every message recorded in
 * a {@link MessageLog} as it happens, the results files written to its own folder when it ends.
 */
final class LiveRun {

  private static final Logger LOG = LogManager.getLogger();

  /** Where a run is. */
  enum State {
    QUEUED,
    RUNNING,
    DONE,
    FAILED
  }

  private final int id;
  private final String label;
  private final RunSettings settings;
  private final Scenario scenario;
  private final ScenarioRun.Options options;
  private final Path dir;
  private final MessageLog log = new MessageLog();
  private volatile State state = State.QUEUED;
  private volatile String error;
  private volatile int daysFinished;
  private volatile double wallSeconds;
  private final LiveRounds liveRounds;
  private final ProtocolObserver extra;
  private volatile List<NegotiationLog> negotiationRounds;

  LiveRun(
      int id,
      String label,
      RunSettings settings,
      Scenario scenario,
      Map<String, BiddingStrategy> strategies,
      Path dir) {
    this(id, label, settings, scenario, strategies, dir, ProtocolObserver.none());
  }

  /**
   * @param extra told every message and round after the run's own records (tests)
   */
  LiveRun(
      int id,
      String label,
      RunSettings settings,
      Scenario scenario,
      Map<String, BiddingStrategy> strategies,
      Path dir,
      ProtocolObserver extra) {
    this.extra = extra;
    this.id = id;
    this.label = label;
    this.settings = settings;
    this.scenario = scenario;
    RunSettings.Mechanism mechanism = settings.parsedMechanism();
    ScenarioRun.Options base =
        AgentRunner.localOptions(mechanism.mode(), SettlementOptions.defaults());
    this.options =
        base.withCoordinator(
                base.coordinator()
                    .negotiating(mechanism.negotiation(), scenario)
                    .withPriceUpdate(mechanism.priceUpdate()))
            .withStrategies(strategies);
    this.dir = dir;
    this.liveRounds = new LiveRounds(scenario.households().size());
  }

  /**
   * Runs the days; never throws (a failure is the run's state and message). Any throwable ends the
   * run as failed: a run left "running" after an error would keep the page and its waiters waiting.
   */
  void execute() {
    state = State.RUNNING;
    long start = System.nanoTime();
    try {
      AgentRunner.Outcome outcome =
          new AgentRunner(
                  options,
                  (finished, total, day, seconds) -> daysFinished = finished,
                  null,
                  platform -> {
                    if (platform.market() instanceof PipelineMarket market) {
                      liveRounds.optimumFrom(
                          day ->
                              market
                                  .centralOptimum(day)
                                  .map(r -> OptionalDouble.of(r.report().objectiveEur()))
                                  .orElse(OptionalDouble.empty()));
                    }
                  })
              .runWritingResults( // day by day
                  scenario,
                  dir,
                  new ResultsWriter(VersionProvider.version()),
                  ProtocolObserver.all(log, liveRounds, extra),
                  true); // the view shows every round
      negotiationRounds = outcome.rounds();
      AgentRunner.recordStandalone(dir, outcome.agents());
      state = State.DONE;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = "the run was stopped";
      state = State.FAILED;
    } catch (Exception | Error e) {
      LOG.error("live run {} failed", id, e);
      error = "the run failed: " + e;
      state = State.FAILED;
    } finally {
      liveRounds.close();
      wallSeconds = (System.nanoTime() - start) / 1e9;
    }
  }

  int id() {
    return id;
  }

  String label() {
    return label;
  }

  RunSettings settings() {
    return settings;
  }

  Scenario scenario() {
    return scenario;
  }

  Path dir() {
    return dir;
  }

  MessageLog log() {
    return log;
  }

  State state() {
    return state;
  }

  String error() {
    return error;
  }

  int daysFinished() {
    return daysFinished;
  }

  double wallSeconds() {
    return wallSeconds;
  }

  /**
   * Decentralised: every round of every day as {@code negotiation.csv} has it (with the day's
   * central optimum). While the run plays, the rounds recorded so far (a day's central optimum NaN
   * until it is solved); central: empty.
   */
  List<NegotiationLog> negotiationRounds() {
    List<NegotiationLog> done = negotiationRounds;
    return done != null ? done : liveRounds.soFar();
  }

  String mechanism() {
    return settings.parsedMechanism().key();
  }
}
