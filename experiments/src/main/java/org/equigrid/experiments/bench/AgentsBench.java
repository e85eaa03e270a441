package org.equigrid.experiments.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.equigrid.agents.coordinator.MarketMode;
import org.equigrid.agents.platform.ScenarioRun;
import org.equigrid.agents.protocol.Message;
import org.equigrid.agents.protocol.ProtocolObserver;
import org.equigrid.agents.protocol.TraceEvent;
import org.equigrid.config.Scenario;
import org.equigrid.config.ScenarioReader;
import org.equigrid.experiments.cli.BadInputException;
import org.equigrid.experiments.cli.RunCommand;
import org.equigrid.experiments.cli.ScenarioOptions;
import org.equigrid.experiments.output.AtomicFiles;
import org.equigrid.market.game.SamplingOptions;
import org.equigrid.market.settlement.SettlementOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code equigrid bench agents}: days end to end through JADE. */
@Command(
    name = "agents",
    mixinStandardHelpOptions = true,
    description = "Days end to end through JADE (join, bids, clearing, settlement, metrics) for communities of "
        + "several sizes: wall time, messages, live threads, heap used. Writes bench-agents.csv.")
public final class AgentsBench implements Callable<Integer> {

  static final String CSV = "bench-agents.csv";

  @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO",
      description = "Scenario with a generated community (default quickstart); its size is set per run.")
  String scenario = "quickstart";

  @Option(names = "--households", split = ",", description = "Community sizes (default 100,1000).")
  List<Integer> sizes = new ArrayList<>(List.of(100, 1000));

  @Option(names = "--days", description = "Trading days per size (default 1).")
  int days = 1;

  @Option(names = "--settlement", paramLabel = "default|sampled-orders=N|none",
      description = "default: the scenario settlement (exact up to 10 households, else 40..400 sampled orders); "
          + "sampled-orders=N: exactly N sampled orders and N per counterfactual (default sampled-orders=4); "
          + "none: cleared and measured, not settled.")
  String settlement = "sampled-orders=4";

  @Option(names = "--out", description = "Output folder (default runs/bench).")
  Path out = Path.of("runs", "bench");

  @Override
  public Integer call() throws Exception {
    SettlementOptions options = settlementOptions(settlement);
    if (days < 1 || sizes.isEmpty() || sizes.stream().anyMatch(n -> n < 2)) {
      throw new BadInputException("--days (" + days + ") must be >= 1 and every --households size (" + sizes
          + ") >= 2. Maybe you meant --households 100,1000 --days 1.");
    }
    System.err.println("settlement: " + describe(settlement));
    StringBuilder csv = new StringBuilder(
        "households,days,settlement,wallSecondsDays,wallSecondsTotal,messages,liveThreads,peakThreads,heapUsedMb\n");
    System.out.printf(Locale.ROOT, "%10s %5s %12s %12s %10s %8s %8s %10s%n", "households", "days", "days (s)",
        "total (s)", "messages", "threads", "peak", "heap (MB)");
    for (int n : sizes) {
      Map<String, String> overrides = new LinkedHashMap<>();
      overrides.put("community.generate.households", Integer.toString(n));
      overrides.put("horizon.days", Integer.toString(days));
      Scenario s = ScenarioReader.read(ScenarioOptions.resolve(scenario), overrides);
      AtomicLong messages = new AtomicLong();
      ProtocolObserver counter = (TraceEvent event, Message content) -> {
        if (TraceEvent.SENT.equals(event.direction())) {
          messages.incrementAndGet();
        }
      };
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      threads.resetPeakThreadCount();
      long[] live = new long[1];
      long[] heap = new long[1];
      double[] daySeconds = new double[1];
      long start = System.nanoTime();
      ScenarioRun.run(s, RunCommand.agentOptions(MarketMode.CENTRAL, options), counter, platform -> {},
          (protocol, settled, seconds) -> {
            daySeconds[0] += seconds;
            live[0] = threads.getThreadCount();
            heap[0] = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
          });
      double total = (System.nanoTime() - start) / 1e9;
      int peak = threads.getPeakThreadCount();
      double heapMb = heap[0] / 1048576.0;
      System.out.printf(Locale.ROOT, "%10d %5d %12.1f %12.1f %10d %8d %8d %10.0f%n", n, days, daySeconds[0], total,
          messages.get(), live[0], peak, heapMb);
      csv.append(String.format(Locale.ROOT, "%d,%d,%s,%.3f,%.3f,%d,%d,%d,%.1f%n", n, days, settlement,
          daySeconds[0], total, messages.get(), live[0], peak, heapMb));
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
    if (text.startsWith("sampled-orders=")) {
      try {
        int orders = Integer.parseInt(text.substring("sampled-orders=".length()));
        if (orders >= 4) {
          return new SettlementOptions(10, new SamplingOptions(0, 0, orders, orders, true), orders,
              Runtime.getRuntime().availableProcessors());
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new BadInputException("--settlement '" + text + "' must be default, none or sampled-orders=N with N >= 4. "
        + "Maybe you meant sampled-orders=4.");
  }

  static String describe(String text) {
    return switch (text) {
      case "default" -> "default (exact Shapley up to 10 households, else 40..400 sampled orders)";
      case "none" -> "none (cleared and measured, not settled: shares 0, bills = standalone costs)";
      default -> text + " (sampled weighted Shapley with exactly that many orders, exact up to 10 households)";
    };
  }
}
