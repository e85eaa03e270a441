package org.equigrid.experiments.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.equigrid.agents.coordinator.CoordinatorSettings;
import org.equigrid.agents.coordinator.MarketMode;
import org.equigrid.agents.coordinator.PipelineMarket;
import org.equigrid.agents.platform.AgentPlatform;
import org.equigrid.agents.platform.IdList;
import org.equigrid.agents.platform.NegotiationGap;
import org.equigrid.agents.platform.PlatformOptions;
import org.equigrid.agents.platform.ScenarioRun;
import org.equigrid.agents.protocol.Narrator;
import org.equigrid.agents.protocol.ProtocolObserver;
import org.equigrid.agents.protocol.TraceWriter;
import org.equigrid.config.Scenario;
import org.equigrid.experiments.output.AtomicFiles;
import org.equigrid.experiments.output.NegotiationDaysCsv;
import org.equigrid.experiments.output.NegotiationStream;
import org.equigrid.experiments.output.ResultsStream;
import org.equigrid.experiments.output.ResultsWriter;
import org.equigrid.experiments.output.StrategyReport;
import org.equigrid.market.negotiation.NegotiationLog;
import org.equigrid.market.settlement.SettlementOptions;

/**
 * Runs a scenario through the JADE agents ({@link ScenarioRun}): every message goes to {@code
 * trace.jsonl} in the output folder and, optionally, a play-by-play; the days come back as a {@link
 * RunResult} like the in-process {@link ScenarioRunner}'s.
 */
public final class AgentRunner {

  /**
   * A finished agent run.
   *
   * @param run the days, for the results files; no days when they were written as they came ({@link
   *     #runWritingResults}) and dropped
   * @param agents what the coordinator saw each day: its records of the days only when the days
   *     were kept ({@link #run}); written as they came, the standalone households alone
   * @param tracePath the trace written
   * @param gaps decentralised: each day against the central optimum (also in {@value
   *     NegotiationDaysCsv#FILE_NAME}); central: empty
   * @param rounds decentralised: every price round of every day, the rows of {@code
   *     negotiation.csv} (written day by day, {@link NegotiationStream}), kept by {@link #run} and
   *     where asked; empty when the results were written as they came, and for central runs
   * @param billEurByHousehold each household's bill summed over the days, by id (for {@code
   *     strategies.csv})
   */
  public record Outcome(
      RunResult run,
      ScenarioRun.Result agents,
      Path tracePath,
      List<NegotiationGap> gaps,
      List<NegotiationLog> rounds,
      SortedMap<String, Double> billEurByHousehold) {
    public Outcome {
      gaps = List.copyOf(gaps);
      rounds = List.copyOf(rounds);
      billEurByHousehold = Collections.unmodifiableSortedMap(new TreeMap<>(billEurByHousehold));
    }
  }

  private final ScenarioRun.Options options;
  private final ProgressListener progress;
  private final Appendable narration;
  private final Consumer<AgentPlatform> onBoot;
  private final ScenarioRun.DayListener alsoTold;

  /**
   * @param narration where the play-by-play goes, or null for none
   * @param onBoot called when the main container runs (start GUIs, print the address)
   */
  public AgentRunner(
      ScenarioRun.Options options,
      ProgressListener progress,
      Appendable narration,
      Consumer<AgentPlatform> onBoot) {
    this(options, progress, narration, onBoot, (protocol, settled, seconds) -> {});
  }

  private AgentRunner(
      ScenarioRun.Options options,
      ProgressListener progress,
      Appendable narration,
      Consumer<AgentPlatform> onBoot,
      ScenarioRun.DayListener alsoTold) {
    this.options = options;
    this.progress = progress;
    this.narration = narration;
    this.onBoot = onBoot;
    this.alsoTold = alsoTold;
  }

  /**
   * The same runner, also handing {@code listener} each finished day with the coordinator's record
   * of it (tests: what a run that drops its days does not keep).
   */
  AgentRunner alsoTelling(ScenarioRun.DayListener listener) {
    return new AgentRunner(options, progress, narration, onBoot, listener);
  }

  /**
   * The options of a local run: loopback, a free port, 30 s replies (they only matter when a
   * household is silent), 1 h per day, every household truthful and hosted here.
   */
  public static ScenarioRun.Options localOptions(MarketMode mode, SettlementOptions settlement) {
    return new ScenarioRun.Options(
        CoordinatorSettings.defaults(mode).withReplyTimeoutMillis(30_000),
        new PlatformOptions("127.0.0.1", 0, "equigrid", 60_000, 3_600_000),
        settlement,
        Map.of(),
        Set.of(),
        0);
  }

  /**
   * Adds to the {@code summary.json} written in {@code dir} what the agents' run alone knows, only
   * when there is something to say (so that a run where everyone took part keeps the in-process
   * runner's bytes): {@code standaloneHouseholds}, one {@code {day, household, reason}} per
   * household that was standalone on a day (no answer before the deadline, refused bid, unreachable
   * agent or container, not joined, market failure), and {@code refusedJoins}, the household id a
   * join claimed to the coordinator's reason.
   */
  public static void recordStandalone(Path dir, ScenarioRun.Result agents) throws IOException {
    com.fasterxml.jackson.databind.ObjectMapper mapper =
        new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ArrayNode standalone = mapper.createArrayNode();
    for (ScenarioRun.Standalone s : agents.standalone()) {
      standalone
          .addObject()
          .put("day", s.day())
          .put("household", s.household())
          .put("reason", s.reason());
    }
    if (standalone.isEmpty() && agents.refusedJoins().isEmpty()) {
      return;
    }
    Path file = dir.resolve(org.equigrid.experiments.output.ResultsWriter.SUMMARY_JSON);
    com.fasterxml.jackson.databind.node.ObjectNode root =
        (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(file.toFile());
    if (!standalone.isEmpty()) {
      root.set("standaloneHouseholds", standalone);
    }
    if (!agents.refusedJoins().isEmpty()) {
      com.fasterxml.jackson.databind.node.ObjectNode refused = root.putObject("refusedJoins");
      agents.refusedJoins().forEach(refused::put);
    }
    AtomicFiles.write(
        file, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    if (java.nio.file.Files.exists(
        dir.resolve(org.equigrid.experiments.output.Manifest.FILE_NAME))) {
      org.equigrid.experiments.output.ResultsWriter.writeManifest(dir); // summary.json changed
    }
  }

  /**
   * Prints the households that were standalone on a day, with the reason: one line per household,
   * or, where more than {@value IdList#SHOWN} households of a day share a reason (at 10,000
   * households thousands may not have joined), one line counting them and naming the first {@value
   * IdList#SHOWN}.
   */
  public static void printStandalone(PrintStream err, ScenarioRun.Result agents) {
    for (String line : standaloneLines(agents.standalone())) {
      err.println(line);
    }
  }

  /** The lines {@link #printStandalone} prints, from the standalone rows by day then id. */
  static List<String> standaloneLines(List<ScenarioRun.Standalone> standalone) {
    Map<Integer, Map<String, List<String>>> byDayAndReason = new java.util.TreeMap<>();
    for (ScenarioRun.Standalone s : standalone) {
      byDayAndReason
          .computeIfAbsent(s.day(), d -> new java.util.LinkedHashMap<>())
          .computeIfAbsent(s.reason(), r -> new ArrayList<>())
          .add(s.household());
    }
    List<String> lines = new ArrayList<>();
    byDayAndReason.forEach(
        (day, byReason) ->
            byReason.forEach(
                (reason, ids) -> {
                  if (ids.size() <= IdList.SHOWN) {
                    ids.forEach(
                        id ->
                            lines.add(
                                String.format(
                                    Locale.ROOT, "  day %d: %s standalone (%s)", day, id, reason)));
                  } else {
                    lines.add(
                        String.format(
                            Locale.ROOT,
                            "  day %d: %s standalone (%s): %s",
                            day,
                            IdList.households(ids.size()),
                            reason,
                            IdList.firstOf(ids, IdList.SHOWN)));
                  }
                }));
    return lines;
  }

  public Outcome run(Scenario scenario, Path dir) throws IOException, InterruptedException {
    return run(scenario, dir, ProtocolObserver.none());
  }

  /**
   * {@link #run(Scenario, Path)}, also telling {@code extra} every message (the live view's hook).
   */
  public Outcome run(Scenario scenario, Path dir, ProtocolObserver extra)
      throws IOException, InterruptedException {
    return run(scenario, dir, extra, null, true);
  }

  /**
   * {@link #run(Scenario, Path)}, writing the results files into {@code dir} day by day as {@code
   * equigrid run} does ({@link ResultsStream}: each day's rows appended as the day is settled,
   * {@code summary.json} and the manifest once the trace is closed). The files are byte for byte
   * those {@link ResultsWriter#write} writes from the days. The market drops each day once it is
   * written ({@link ScenarioRun#run(Scenario, ScenarioRun.Options, ProtocolObserver, Consumer,
   * ScenarioRun.DayListener, boolean)}), so the outcome keeps only what {@code
   * negotiation-days.csv}, {@code negotiation.csv} and {@code strategies.csv} need: its {@link
   * Outcome#run} has no days.
   */
  public Outcome runWritingResults(Scenario scenario, Path dir, ResultsWriter writer)
      throws IOException, InterruptedException {
    return runWritingResults(scenario, dir, writer, ProtocolObserver.none());
  }

  /**
   * {@link #runWritingResults(Scenario, Path, ResultsWriter)}, also telling {@code extra} every
   * message.
   */
  public Outcome runWritingResults(
      Scenario scenario, Path dir, ResultsWriter writer, ProtocolObserver extra)
      throws IOException, InterruptedException {
    return runWritingResults(scenario, dir, writer, extra, false);
  }

  /**
   * {@link #runWritingResults(Scenario, Path, ResultsWriter, ProtocolObserver)}; with {@code
   * keepRounds} the outcome also keeps every price round ({@link Outcome#rounds}, for the live
   * view, which shows them), otherwise they go to {@code negotiation.csv} day by day and the
   * outcome's list is empty.
   */
  public Outcome runWritingResults(
      Scenario scenario, Path dir, ResultsWriter writer, ProtocolObserver extra, boolean keepRounds)
      throws IOException, InterruptedException {
    Outcome outcome;
    try (ResultsStream stream = ResultsStream.open(writer, scenario, dir)) {
      outcome = run(scenario, dir, extra, stream, keepRounds);
      stream.finish(); // after the trace is closed: the manifest covers trace.jsonl whole
    }
    return outcome;
  }

  /**
   * Writes {@code negotiation-days.csv} and {@code negotiation.csv} day by day for a decentralised
   * run ({@link NegotiationStream}).
   *
   * @param stream where each day goes before the market drops it; null: every day is kept
   * @param keepRounds whether the outcome keeps every price round (always with a null stream)
   */
  private Outcome run(
      Scenario scenario, Path dir, ProtocolObserver extra, ResultsStream stream, boolean keepRounds)
      throws IOException, InterruptedException {
    boolean decentralised = options.coordinator().mode() == MarketMode.DECENTRALISED;
    try (TraceWriter trace = TraceWriter.inDirectory(dir);
        NegotiationStream negotiation = decentralised ? NegotiationStream.open(dir) : null) {
      ProtocolObserver observer =
          narration == null
              ? ProtocolObserver.all(trace, extra)
              : ProtocolObserver.all(
                  trace, new Narrator(narration, AgentPlatform.COORDINATOR), extra);
      int total = scenario.days();
      boolean keepsRounds = stream == null || keepRounds;
      List<NegotiationGap> gaps = new ArrayList<>();
      List<NegotiationLog> rounds = new ArrayList<>();
      SortedMap<String, Double> bills = new TreeMap<>();
      AtomicReference<PipelineMarket> market = new AtomicReference<>();
      ScenarioRun.Result result =
          ScenarioRun.run(
              scenario,
              options,
              observer,
              platform -> {
                if (platform.market() instanceof PipelineMarket m) {
                  market.set(m);
                }
                onBoot.accept(platform);
              },
              (protocol, settled, seconds) -> {
                if (stream != null) {
                  stream.accept(settled);
                }
                StrategyReport.addBills(bills, settled);
                if (negotiation != null) {
                  NegotiationGap gap =
                      NegotiationGap.ofDay(scenario, protocol, settled, market.get());
                  List<NegotiationLog> dayRounds =
                      NegotiationGap.roundsOfDay(protocol, market.get());
                  negotiation.accept(gap, dayRounds); // appended now, not held to the end
                  gaps.add(gap); // one small row a day, for the console
                  if (keepsRounds) {
                    rounds.addAll(dayRounds);
                  }
                }
                alsoTold.dayFinished(protocol, settled, seconds);
                progress.dayFinished(protocol.day() + 1, total, settled, seconds);
              },
              stream == null);
      return new Outcome(
          new RunResult(scenario, result.days()), result, trace.path(), gaps, rounds, bills);
    }
  }
}
