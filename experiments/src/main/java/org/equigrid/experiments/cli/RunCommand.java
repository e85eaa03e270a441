package org.equigrid.experiments.cli;

import java.awt.GraphicsEnvironment;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.equigrid.agents.coordinator.CoordinatorSettings;
import org.equigrid.agents.coordinator.MarketMode;
import org.equigrid.agents.household.BiddingStrategy;
import org.equigrid.agents.platform.ScenarioAgents;
import org.equigrid.agents.platform.ScenarioRun;
import org.equigrid.config.Scenario;
import org.equigrid.experiments.learning.AdaptiveWeights;
import org.equigrid.experiments.output.ResultsStream;
import org.equigrid.experiments.output.ResultsWriter;
import org.equigrid.experiments.output.StrategyReport;
import org.equigrid.experiments.report.HtmlReport;
import org.equigrid.experiments.run.AgentRunner;
import org.equigrid.experiments.run.ProgressListener;
import org.equigrid.experiments.run.RunResult;
import org.equigrid.experiments.run.ScenarioRunner;
import org.equigrid.market.negotiation.NegotiationName;
import org.equigrid.market.negotiation.PriceUpdate;
import org.equigrid.market.settlement.SettlementOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code equigrid run}: a scenario day by day, in-process or through the JADE agents; results to a
 * folder.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Run a scenario day by day and write households.csv, intervals.csv, groups.csv, summary.json.")
public final class RunCommand implements Callable<Integer> {

  @Mixin ScenarioOptions scenarioOptions;

  @Option(names = "--days", description = "Number of trading days (overrides horizon.days).")
  Integer days;

  @Option(names = "--out", description = "Output folder (default: runs/<scenario>-seed<seed>).")
  Path out;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "Days cleared and settled at once, in-process (default: the available processors). The"
              + " results do not depend on it (docs/performance.md).")
  Integer threads;

  @Option(
      names = "--agents",
      description =
          "Run the days through the JADE agents (one in-process container); also writes trace.jsonl.")
  boolean agents;

  @Option(
      names = "--narrate",
      description = "With --agents: print the protocol's play-by-play on stderr.")
  boolean narrate;

  @Option(
      names = "--gui",
      description = "With --agents: start JADE's RMA and Sniffer (ignored without a display).")
  boolean gui;

  @Option(
      names = "--mode",
      paramLabel = "central|decentralised",
      description = "With --agents: how days are negotiated (default central).")
  String mode;

  @Option(
      names = "--price-update",
      paramLabel = "marginal|supply-demand-ratio",
      description =
          "With --mode decentralised: what the announced pool prices step toward between rounds: the"
              + " community's marginal cost (default) or the supply-demand-ratio price.")
  String priceUpdate;

  @Option(
      names = "--negotiation",
      paramLabel = "tatonnement|admm|decomposition",
      description =
          "With --mode decentralised: the negotiation mechanism (overrides market.negotiation; default"
              + " tatonnement). See docs/negotiation.md.")
  String negotiation;

  @Option(
      names = "--strategy",
      paramLabel = "ID=STRATEGY",
      description =
          "With --agents: a household's bidding strategy: truthful, withhold-flexibility, inflate-peak or noisy-forecast (repeatable). "
              + "Writes strategies.csv comparing bills with a truthful run.")
  Map<String, String> strategies = new LinkedHashMap<>();

  @Option(
      names = "--online-learning",
      description =
          "With --agents and equity.adaptive.policy: the learner agent keeps training its policy on the live days"
              + " (its sampled actions set the weights).")
  boolean onlineLearning;

  /** {@code --threads}, checked: at least 1; the available processors when not given. */
  static int dayThreads(Integer threads) throws BadInputException {
    if (threads == null) {
      return Runtime.getRuntime().availableProcessors();
    }
    if (threads < 1) {
      throw new BadInputException(
          "--threads ("
              + threads
              + ") must be >= 1. Maybe "
              + Runtime.getRuntime().availableProcessors()
              + " (the available processors)?");
    }
    return threads;
  }

  @Override
  public Integer call() throws Exception {
    if (!agents
        && (narrate
            || gui
            || mode != null
            || priceUpdate != null
            || negotiation != null
            || !strategies.isEmpty()
            || onlineLearning)) {
      throw new BadInputException(
          "--narrate, --gui, --mode, --price-update, --negotiation, --strategy and"
              + " --online-learning need"
              + " --agents. Maybe you meant: equigrid run "
              + scenarioOptions.scenario
              + " --agents ...");
    }
    MarketMode marketMode = parseMode(mode);
    PriceUpdate update = parsePriceUpdate(priceUpdate, marketMode);
    Scenario scenario = scenarioOptions.read(days);
    NegotiationName mechanism = checkNegotiation(negotiation, marketMode, scenario);
    if (agents) {
      Optional<String> unsupported =
          ScenarioAgents.unsupported(
              scenario, CoordinatorSettings.defaults(marketMode).withNegotiation(mechanism));
      if (unsupported.isPresent()) {
        throw new BadInputException(
            unsupported.get()
                + " Maybe you meant: equigrid run "
                + scenarioOptions.scenario
                + " --agents");
      }
    }
    Map<String, BiddingStrategy> parsed = parseStrategies(scenario, strategies);
    Path dir = out != null ? out : Path.of("runs", scenario.name() + "-seed" + scenario.seed());
    PrintStream err = System.err;
    err.printf(
        Locale.ROOT,
        "equigrid %s: scenario %s, %d households, %d days, seed %d%s%n",
        VersionProvider.version(),
        scenario.name(),
        scenario.households().size(),
        scenario.days(),
        scenario.seed(),
        agents ? ", JADE agents (" + marketMode.key() + ")" : "");
    ScenarioRunner.EquitySchedule schedule = null;
    if (scenario.adaptiveEquity() != null) {
      if (scenario.adaptiveEquity().hasPolicy()) {
        try {
          schedule = AdaptiveWeights.of(scenario);
        } catch (IllegalArgumentException e) {
          throw new BadInputException(
              "equity.adaptive.policy "
                  + scenario.adaptiveEquity().policy()
                  + " does not fit this scenario: "
                  + e.getMessage());
        }
        err.println(
            "  adaptive weights from "
                + scenario.adaptiveEquity().policy()
                + (agents
                    ? " (learner agent" + (onlineLearning ? ", online learning)" : ")")
                    : ""));
      } else {
        err.println(
            "  equity.adaptive has no trained policy (policy: null): running with the static weights."
                + " Train one with: equigrid train "
                + scenario.name());
      }
    }
    ProgressListener progress =
        (finished, total, day, seconds) ->
            err.printf(
                Locale.ROOT,
                "  day %d/%d  %-8s  %s  (%.1f s)%n",
                finished,
                total,
                day.cleared().dispatch().report().status(),
                ConsoleFigures.day(day.metrics().community()),
                seconds);
    if (onlineLearning && schedule == null) {
      throw new BadInputException(
          "--online-learning needs a trained policy (equity.adaptive.policy)."
              + "\nMaybe you meant: equigrid run "
              + scenario.name()
              + " --agents --set equity.adaptive.policy=PATH"
              + " --online-learning");
    }
    ModelSize.check(scenario, "run");
    try (OutputFolder folder =
        OutputFolder.claim(
            dir,
            OutputFolder.estimateBytes(
                scenario.households().size(), scenario.days(), scenario.intervalsPerDay()))) {
      ScenarioRun.Result agentsRun = null;
      if (agents) {
        ScenarioRun.Options base = agentOptions(marketMode, SettlementOptions.defaults());
        ScenarioRun.Options options =
            base.withCoordinator(
                    base.coordinator().withPriceUpdate(update).negotiating(mechanism, scenario))
                .withStrategies(parsed)
                .withOnlineLearning(onlineLearning);
        AgentRunner.Outcome outcome =
            new AgentRunner(
                    options,
                    progress,
                    narrate ? err : null,
                    platform -> {
                      if (gui) {
                        if (GraphicsEnvironment.isHeadless()) {
                          err.println(
                              "--gui ignored: no display (headless). The trace and --narrate show the same messages.");
                        } else {
                          platform.startTools();
                        }
                      }
                    })
                .runWritingResults(
                    scenario, dir, new ResultsWriter(VersionProvider.version())); // day by day
        agentsRun = outcome.agents();
        AgentRunner.printStandalone(err, outcome.agents());
        outcome
            .gaps()
            .forEach(
                g ->
                    err.printf(
                        Locale.ROOT,
                        "  day %d: %d price rounds (round %d awarded, %s), %.2f EUR against the central optimum %.2f EUR:"
                            + " gap %.2f EUR, %.2f %% of the load bill%n",
                        g.day() + 1,
                        g.rounds(),
                        g.awardedRound() + 1,
                        g.converged() ? "converged" : "round limit",
                        g.communityCostEur(),
                        g.centralOptimumEur(),
                        ConsoleFigures.unsignedIfZero(g.gapEur()),
                        ConsoleFigures.unsignedIfZero(100 * g.gapShareOfLoadCost())));
        if (!parsed.isEmpty()) {
          err.println("  truthful reference: the same scenario and seed in-process ...");
          ScenarioRunner.EquitySchedule adaptive =
              schedule == null ? null : AdaptiveWeights.of(scenario);
          RunResult truthful =
              new ScenarioRunner(ProgressListener.silent(), SettlementOptions.defaults(), adaptive)
                  .run(scenario);
          Map<String, String> names = new TreeMap<>();
          parsed.forEach((id, s) -> names.put(id, s.name()));
          StrategyReport.write(dir, names, outcome.billEurByHousehold(), truthful);
          ResultsWriter.writeManifest(dir); // strategies.csv is a results file too
        }
        err.println("trace: " + outcome.tracePath().toAbsolutePath());
      } else {
        // day by day: each accepted day's rows are appended, summary.json and the manifest last
        try (ResultsStream stream =
            ResultsStream.open(new ResultsWriter(VersionProvider.version()), scenario, dir)) {
          new ScenarioRunner(progress, SettlementOptions.defaults(), schedule)
              .withThreads(ModelSize.affordableDays(scenario, dayThreads(threads)))
              .run(scenario, stream::accept);
          stream.finish();
        }
      }
      if (agentsRun != null) {
        AgentRunner.recordStandalone(dir, agentsRun);
      }
      err.println("results: " + dir.toAbsolutePath());
      System.out.println(HtmlReport.write(dir).toAbsolutePath());
      return 0;
    }
  }

  /** {@link AgentRunner#localOptions}. */
  public static ScenarioRun.Options agentOptions(MarketMode mode, SettlementOptions settlement) {
    return AgentRunner.localOptions(mode, settlement);
  }

  static PriceUpdate parsePriceUpdate(String text, MarketMode mode) throws BadInputException {
    if (text == null) {
      return CoordinatorSettings.defaults(mode).priceUpdate();
    }
    if (mode != MarketMode.DECENTRALISED) {
      throw new BadInputException(
          "--price-update '"
              + text
              + "' needs --mode decentralised (central days have no"
              + " price rounds). Maybe you meant: --mode decentralised --price-update "
              + text);
    }
    return PriceUpdate.parse(text)
        .orElseThrow(
            () ->
                new BadInputException(
                    "--price-update '"
                        + text
                        + "' is not known. Allowed: "
                        + PriceUpdate.allowed()
                        + "."));
  }

  /** The mechanism of a decentralised agent run: {@code --negotiation}, else the scenario's. */
  public static NegotiationName checkNegotiation(String text, MarketMode mode, Scenario scenario)
      throws BadInputException {
    NegotiationName name = scenario.negotiation();
    if (text != null) {
      if (mode != MarketMode.DECENTRALISED) {
        throw new BadInputException(
            "--negotiation '"
                + text
                + "' needs --mode decentralised (central days are not"
                + " negotiated). Maybe you meant: --mode decentralised --negotiation "
                + text);
      }
      name =
          NegotiationName.parse(text)
              .orElseThrow(
                  () ->
                      new BadInputException(
                          "--negotiation '"
                              + text
                              + "' is not a mechanism. Allowed: "
                              + NegotiationName.allowed()
                              + "."));
    }
    return name;
  }

  /** {@code --mode}: {@link MarketMode#parse}, central when absent. */
  public static MarketMode parseMode(String mode) throws BadInputException {
    if (mode == null) {
      return MarketMode.CENTRAL;
    }
    return MarketMode.parse(mode)
        .orElseThrow(
            () ->
                new BadInputException(
                    "--mode '" + mode + "' is not known. Allowed: " + MarketMode.allowed() + "."));
  }

  static Map<String, BiddingStrategy> parseStrategies(Scenario scenario, Map<String, String> names)
      throws BadInputException {
    Map<String, BiddingStrategy> parsed = new TreeMap<>();
    for (Map.Entry<String, String> e : names.entrySet()) {
      if (scenario.households().stream().noneMatch(h -> h.id().equals(e.getKey()))) {
        throw new BadInputException(
            "--strategy "
                + e.getKey()
                + "="
                + e.getValue()
                + ": no household "
                + e.getKey()
                + " in "
                + scenario.name()
                + ". Households: "
                + scenario.households().stream().map(h -> h.id()).limit(12).toList()
                + " ...");
      }
      try {
        parsed.put(e.getKey(), ScenarioAgents.strategy(e.getValue(), scenario, e.getKey()));
      } catch (IllegalArgumentException ex) {
        throw new BadInputException(
            "--strategy " + e.getKey() + "=" + e.getValue() + ": " + ex.getMessage());
      }
    }
    return parsed;
  }
}
