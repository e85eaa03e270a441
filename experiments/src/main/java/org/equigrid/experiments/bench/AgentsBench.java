package org.equigrid.experiments.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.equigrid.agents.coordinator.CoordinatorAgent;
import org.equigrid.agents.coordinator.MarketMode;
import org.equigrid.agents.coordinator.PipelineMarket;
import org.equigrid.agents.platform.NegotiationGap;
import org.equigrid.agents.platform.RunSecret;
import org.equigrid.agents.platform.ScenarioAgents;
import org.equigrid.agents.platform.ScenarioRun;
import org.equigrid.config.Scenario;
import org.equigrid.config.ScenarioReader;
import org.equigrid.experiments.cli.BadInputException;
import org.equigrid.experiments.cli.RunCommand;
import org.equigrid.experiments.cli.ScenarioOptions;
import org.equigrid.experiments.output.AtomicFiles;
import org.equigrid.experiments.output.Numbers;
import org.equigrid.market.game.SamplingOptions;
import org.equigrid.market.negotiation.NegotiationName;
import org.equigrid.market.settlement.SettlementOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code equigrid bench agents}: days end to end through JADE. */
@Command(
    name = "agents",
    mixinStandardHelpOptions = true,
    description =
        "Days end to end through JADE (join, bids, clearing, settlement, metrics) for communities of "
            + "several sizes: wall time, messages, live threads, heap used. Writes bench-agents.csv.")
public final class AgentsBench implements Callable<Integer> {

  static final String CSV = "bench-agents.csv";

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "SCENARIO",
      description =
          "Scenario with a generated community (default quickstart); its size is set per run.")
  String scenario = "quickstart";

  @Option(names = "--households", split = ",", description = "Community sizes (default 100,1000).")
  List<Integer> sizes = new ArrayList<>(List.of(100, 1000));

  @Option(names = "--days", description = "Trading days per size (default 1).")
  int days = 1;

  @Option(
      names = "--settlement",
      paramLabel = "default|types=K|sampled-orders=N|none",
      description =
          "default: the scenario settlement (exact up to 10 households, else 40..400 sampled orders); "
              + "sampled-orders=N: exactly N sampled orders and N per counterfactual (default sampled-orders=4); "
              + "types=K: the default with K household types above 200 households; "
              + "none: cleared and measured, not settled.")
  String settlement = "sampled-orders=4";

  @Option(names = "--out", description = "Output folder (default runs/bench).")
  Path out = Path.of("runs", "bench");

  @Option(
      names = "--mode",
      paramLabel = "central|decentralised",
      description =
          "central: households bid profiles, the coordinator clears; decentralised: price rounds, each "
              + "household schedules itself (default central).")
  String mode = "central";

  @Option(
      names = "--negotiation",
      paramLabel = "tatonnement|admm|decomposition",
      description =
          "With --mode decentralised: the negotiation mechanism (overrides market.negotiation; default"
              + " the scenario's, tatonnement). See docs/negotiation.md.")
  String negotiation;

  @Option(
      names = "--remote",
      paramLabel = "FROM-TO",
      description =
          "Host these households (1-based indices into the sorted households) in a second JVM started "
              + "here with 'equigrid platform join' on loopback; the rest stay in this JVM.")
  String remote;

  @Option(
      names = "--remote-jvm",
      paramLabel = "OPTIONS",
      description = "JVM options of the second JVM, space-separated (default \"-Xmx2g\").")
  String remoteJvm = "-Xmx2g";

  @Override
  public Integer call() throws Exception {
    SettlementOptions options = settlementOptions(settlement);
    MarketMode marketMode = RunCommand.parseMode(mode);
    NegotiationName mechanism =
        RunCommand.checkNegotiation(
            negotiation,
            marketMode,
            ScenarioReader.read(ScenarioOptions.resolve(scenario), Map.of()));
    if (days < 1 || sizes.isEmpty() || sizes.stream().anyMatch(n -> n < 2)) {
      throw new BadInputException(
          "--days ("
              + days
              + ") must be >= 1 and every --households size ("
              + sizes
              + ") >= 2. Maybe you meant --households 100,1000 --days 1.");
    }
    System.err.println(
        "settlement: "
            + describe(settlement)
            + "; mode "
            + marketMode.name().toLowerCase(Locale.ROOT)
            + (marketMode == MarketMode.DECENTRALISED ? " (" + mechanism.key() + ")" : "")
            + (remote == null
                ? ""
                : "; households " + remote + " in a second JVM (" + remoteJvm + ")"));
    StringBuilder csv =
        new StringBuilder(
            "households,days,mode,negotiation,settlement,remote,wallSecondsDays,wallSecondsTotal,"
                + "bootAndJoinSeconds,callsSeconds,bidsSeconds,marketSeconds,clearingSeconds,costMinimisingSeconds,"
                + "dispatchSeconds,settlementSeconds,awardsSeconds,rounds,messages,liveThreads,peakThreads,heapUsedMb,"
                + "remoteThreads,remotePeakRssMb,householdsNotJoined,standaloneHouseholdDays,"
                + "communityCostEur,centralOptimumEur,gapShareOfOptimum,lastCertifiedGap\n");
    System.out.printf(
        Locale.ROOT,
        "%10s %5s %10s %10s %9s %8s %8s %9s %9s %8s %6s %9s %8s %8s %9s %10s %10s %s%n",
        "households",
        "days",
        "days (s)",
        "total (s)",
        "join (s)",
        "calls",
        "bids",
        "clear",
        "settle",
        "awards",
        "rounds",
        "messages",
        "threads",
        "peak",
        "heap (MB)",
        "not joined",
        "standalone",
        remote == null ? "" : "remote threads / peak RSS (MB)");
    for (int n : sizes) {
      Map<String, String> overrides = new LinkedHashMap<>();
      overrides.put("community.generate.households", Integer.toString(n));
      overrides.put("horizon.days", Integer.toString(days));
      Scenario s = ScenarioReader.read(ScenarioOptions.resolve(scenario), overrides);
      PhaseClock clock = new PhaseClock();
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      threads.resetPeakThreadCount();
      long[] live = new long[1];
      long[] heap = new long[1];
      double[] daySeconds = new double[1];
      int[] rounds = new int[1];
      // Households that had not joined when day 0 started, and household-days standalone for any
      // reason (not joined, late, refused, unreachable).
      int[] notJoined = new int[1];
      int[] standaloneDays = new int[1];
      Set<String> remoteIds =
          remote == null ? Set.of() : new TreeSet<>(ScenarioAgents.range(s, remote));
      RemoteJvm[] child = new RemoteJvm[1];
      String[] remoteFigures = {""};
      long start = System.nanoTime();
      ScenarioRun.Options base = RunCommand.agentOptions(marketMode, options);
      ScenarioRun.Options runOptions =
          base.withCoordinator(base.coordinator().negotiating(mechanism, s));
      Optional<String> unsupported = ScenarioAgents.unsupported(s, runOptions.coordinator());
      if (unsupported.isPresent()) {
        throw new BadInputException(unsupported.get());
      }
      AtomicReference<PipelineMarket> market = new AtomicReference<>();
      // Decentralised days: what the community paid, the central optimum, the last certified gap.
      double[] gapFigures = {0, 0, Double.NaN};
      if (!remoteIds.isEmpty()) {
        runOptions = runOptions.withRemote(remoteIds, 600_000);
      }
      RunSecret secret = runOptions.platform().secret();
      try {
        ScenarioRun.Result result =
            ScenarioRun.run(
                s,
                runOptions,
                clock,
                platform -> {
                  clock.booted = System.nanoTime();
                  if (platform.market() instanceof PipelineMarket m) {
                    market.set(m);
                  }
                  if (!remoteIds.isEmpty()) {
                    child[0] =
                        RemoteJvm.start(
                            platform.host(),
                            platform.port(),
                            scenario,
                            overrides,
                            remote,
                            remoteJvm,
                            out.resolve("bench-agents-remote-" + n + ".log"),
                            secret);
                  }
                },
                (protocol, settled, seconds) -> {
                  daySeconds[0] += seconds;
                  rounds[0] += protocol.rounds();
                  standaloneDays[0] += protocol.standalone().size();
                  if (marketMode == MarketMode.DECENTRALISED && market.get() != null) {
                    NegotiationGap gap = NegotiationGap.ofDay(s, protocol, settled, market.get());
                    gapFigures[0] += gap.communityCostEur();
                    gapFigures[1] += gap.centralOptimumEur();
                    gapFigures[2] =
                        Double.isNaN(gapFigures[2])
                            ? gap.certifiedGap()
                            : Math.max(gapFigures[2], gap.certifiedGap());
                  }
                  if (protocol.day() == 0) {
                    notJoined[0] =
                        (int)
                            protocol.standalone().values().stream()
                                .filter(CoordinatorAgent.NOT_JOINED::equals)
                                .count();
                  }
                  live[0] = threads.getThreadCount();
                  heap[0] = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                  if (child[0] != null) {
                    remoteFigures[0] = child[0].figures();
                  }
                });
        clock.market = result.market().lastTimings();
      } finally {
        if (child[0] != null) {
          child[0].stop();
        }
      }
      double total = (System.nanoTime() - start) / 1e9;
      int peak = threads.getPeakThreadCount();
      double heapMb = heap[0] / 1048576.0;
      PipelineMarket.Timings m = clock.market;
      System.out.printf(
          Locale.ROOT,
          "%10d %5d %10.1f %10.1f %9.1f %8.2f %8.2f %9.1f %9.1f %8.2f %6d %9d %8d %8d %9.0f %10d %10d"
              + " %s%n",
          n,
          days,
          daySeconds[0],
          total,
          clock.joinSeconds(start),
          clock.seconds(clock.firstCall, clock.lastCall),
          clock.seconds(clock.lastCall, clock.lastBid),
          m == null ? Double.NaN : m.clearingSeconds(),
          m == null ? Double.NaN : m.settlementSeconds(),
          clock.seconds(clock.firstAward, clock.lastInform),
          rounds[0],
          clock.messages.get(),
          live[0],
          peak,
          heapMb,
          notJoined[0],
          standaloneDays[0],
          remoteFigures[0]);
      csv.append(
          String.format(
              Locale.ROOT,
              "%d,%d,%s,%s,%s,%s,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%d,%d,%d,%d,%.1f,%s,%d,%d,"
                  + "%s,%s,%s,%s%n",
              n,
              days,
              mode,
              marketMode == MarketMode.DECENTRALISED ? mechanism.key() : "",
              settlement,
              remote == null ? "" : remote,
              daySeconds[0],
              total,
              clock.joinSeconds(start),
              clock.seconds(clock.firstCall, clock.lastCall),
              clock.seconds(clock.lastCall, clock.lastBid),
              clock.seconds(clock.lastBid, clock.firstAward),
              m == null ? Double.NaN : m.clearingSeconds(),
              m == null ? Double.NaN : m.costMinimisingSeconds(),
              m == null ? Double.NaN : m.dispatchSeconds(),
              m == null ? Double.NaN : m.settlementSeconds(),
              clock.seconds(clock.firstAward, clock.lastInform),
              rounds[0],
              clock.messages.get(),
              live[0],
              peak,
              heapMb,
              remoteFigures[0].isEmpty() ? "," : remoteFigures[0].replace(" / ", ","),
              notJoined[0],
              standaloneDays[0],
              Numbers.format(gapFigures[0]),
              Numbers.format(gapFigures[1]),
              Numbers.format((gapFigures[0] - gapFigures[1]) / gapFigures[1]),
              Numbers.format(gapFigures[2])));
      if (marketMode == MarketMode.DECENTRALISED) {
        System.out.printf(
            Locale.ROOT,
            "%10s %s: community %.4f EUR, central optimum %.4f EUR, gap %.4f %% of the optimum,"
                + " last certified gap %s%n",
            "",
            mechanism.key(),
            gapFigures[0],
            gapFigures[1],
            100 * (gapFigures[0] - gapFigures[1]) / gapFigures[1],
            Double.isNaN(gapFigures[2]) ? "none (not the decomposition)" : gapFigures[2]);
      }
    }
    Path file = out.resolve(CSV);
    AtomicFiles.write(file, csv.toString());
    System.err.println("wrote " + file.toAbsolutePath());
    return 0;
  }

  static SettlementOptions settlementOptions(String text) throws BadInputException {
    if (text.equals("default")) {
      return SettlementOptions.defaults();
    }
    if (text.equals("none")) {
      return null;
    }
    if (text.startsWith("types=")) {
      try {
        int types = Integer.parseInt(text.substring("types=".length()));
        if (types >= 1) {
          return SettlementOptions.defaults().withTypes(types, 32);
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    if (text.startsWith("sampled-orders=")) {
      try {
        int orders = Integer.parseInt(text.substring("sampled-orders=".length()));
        if (orders >= 4) {
          return new SettlementOptions(
              10,
              new SamplingOptions(0, 0, orders, orders, true),
              orders,
              Runtime.getRuntime().availableProcessors());
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new BadInputException(
        "--settlement '"
            + text
            + "' must be default, none, types=K (K >= 1) or "
            + "sampled-orders=N with N >= 4. "
            + "Maybe you meant sampled-orders=4.");
  }

  static String describe(String text) {
    return switch (text) {
      case "default" -> "default (exact Shapley up to 10 households, else 40..400 sampled orders)";
      case "none" -> "none (cleared and measured, not settled: shares 0, bills = standalone costs)";
      default ->
          text.startsWith("types=")
              ? text
                  + " (the default settlement with that many household types above 200 households)"
              : text
                  + " (sampled weighted Shapley with exactly that many orders, exact up to 10 households)";
    };
  }
}
