package org.equigrid.experiments.bench;

import com.google.ortools.modelbuilder.ModelBuilder;
import com.google.ortools.modelbuilder.ModelSolver;
import com.google.ortools.modelbuilder.SolveStatus;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.equigrid.config.Scenario;
import org.equigrid.config.ScenarioReader;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.clearing.ClearingRequest;
import org.equigrid.market.clearing.ClearingResult;
import org.equigrid.market.clearing.CoalitionSolver;
import org.equigrid.market.clearing.MarketClearing;
import org.equigrid.market.clearing.PoolPricing;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.clearing.SolverReport;
import org.equigrid.market.model.EquitySettings;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.ortools.OrToolsNatives;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code equigrid bench clearing}: solve times of the market clearing for communities of growing
 * size, each beside the raw OR-Tools time of the same LP (the exported MPS read and solved by a
 * fresh GLOP through OR-Tools' model builder, nothing of ours around it).
 */
@Command(
    name = "clearing",
    mixinStandardHelpOptions = true,
    description =
        "Time the clearing of one 24-interval day for communities of the given sizes (generated like "
            + "the scenario): model build, solve and total time of the cost-minimising and (with "
            + "--weighted) the weighted problem, the raw OR-Tools GLOP time of the same LP, and the "
            + "full day (standalone problems + both). Wall seconds; cpu = process CPU seconds.")
final class ClearingBenchCommand implements Callable<Integer> {

  @Option(
      names = "--sizes",
      split = ",",
      paramLabel = "N",
      description = "Community sizes (default 10,100,1000).")
  List<Integer> sizes = List.of(10, 100, 1000);

  @Option(
      names = "--weighted",
      description =
          "Also the weighted problem with the scenario's equity settings (weights and Rawlsian floor);"
              + " without it the day is cleared neutrally (cost minimisation only).")
  boolean weighted;

  @Option(
      names = "--repeat",
      paramLabel = "R",
      description = "Repetitions per size; the median is shown (default 1).")
  int repeat = 1;

  @Option(
      names = "--scenario",
      paramLabel = "SCENARIO",
      description =
          "Scenario whose community recipe, tariff and equity are used (default s5-p2p-static-equity).")
  String scenario = "s5-p2p-static-equity";

  @Option(
      names = "--decomposition-min",
      paramLabel = "N",
      description =
          "Decompose coalitions of at least N households, an approximation (default: the"
              + " scenario's solver.decompositionMinHouseholds, absent: never).")
  Integer decompositionMin;

  @Option(
      names = "--milp-max-binaries",
      paramLabel = "N",
      description =
          "Run SCIP only on MILPs with at most N binaries (default: the solver's, "
              + SolverOptions.DEFAULT_MILP_MAX_BINARIES
              + "; a huge N always runs it).")
  Integer milpMaxBinaries;

  @Option(
      names = "--no-raw",
      description = "Skip the raw OR-Tools solve (it is slow for large monolithic LPs).")
  boolean noRaw;

  @Option(
      names = "--no-pooling",
      description =
          "Solve every household as its own block (default: households without battery, floor"
              + " row or binding connection limit and of one weight are pooled exactly).")
  boolean noPooling;

  @Option(
      names = "--no-battery-pooling",
      description =
          "Do not pool households with identical batteries (default: where the unpooled MILP"
              + " would skip SCIP anyway, unprotected households of one weight with identical batteries and"
              + " initial state of charge are pooled; exact LP bound, restricted MILP).")
  boolean noBatteryPooling;

  @Override
  public Integer call() throws Exception {
    if (repeat < 1) {
      throw new IllegalArgumentException(
          "--repeat (" + repeat + ") must be >= 1. Maybe you meant 1?");
    }
    OrToolsNatives.load();
    System.out.printf(
        Locale.ROOT,
        "equigrid bench clearing: %s, %d cores, max heap %d MB, load average %.2f%n",
        scenario,
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.printf(
        Locale.ROOT,
        "%-6s %-15s %8s %8s %8s %8s %8s %7s %14s %-9s %s%n",
        "n",
        "problem",
        "build s",
        "solve s",
        "total s",
        "cpu s",
        "raw s",
        "tot/raw",
        "objective EUR",
        "status",
        "note");
    warmUp();
    for (int n : sizes) {
      if (n < 2) {
        throw new IllegalArgumentException("--sizes: " + n + " must be >= 2. Maybe you meant 10?");
      }
      benchmark(n);
    }
    return 0;
  }

  private Scenario read(int households) throws Exception {
    Map<String, String> overrides = new LinkedHashMap<>();
    overrides.put("community.generate.households", Integer.toString(households));
    overrides.put("horizon.days", "1");
    return ScenarioReader.read(resolve(scenario), overrides);
  }

  private void warmUp() throws Exception {
    Scenario small = read(5);
    TradingDay day = small.day(0, small.initialSocKwh());
    new MarketClearing(new CoalitionSolver(small.solverOptions()))
        .clear(day, small.equity(), small.pricingRule());
  }

  private void benchmark(int n) throws Exception {
    Scenario s = read(n);
    SolverOptions options = s.solverOptions();
    if (decompositionMin != null) {
      options = options.withDecompositionMinHouseholds(decompositionMin);
    }
    if (milpMaxBinaries != null) {
      options = options.withMilpMaxBinaries(milpMaxBinaries);
    }
    if (noPooling) {
      options = options.withPooling(false);
    }
    if (noBatteryPooling) {
      options = options.withPoolIdenticalBatteries(false);
    }
    CoalitionSolver solver = new CoalitionSolver(options);
    MarketClearing clearing = new MarketClearing(solver);
    TradingDay day = s.day(0, s.initialSocKwh());
    EquitySettings equity = weighted ? s.equity() : EquitySettings.neutral();
    double[] prices = PoolPricing.prices(s.pricingRule(), day);
    int[] everyone = new int[n];
    Arrays.setAll(everyone, i -> i);
    resetPeaks();

    ClearedDay[] cleared = new ClearedDay[1];
    Sample full =
        median(
            () -> {
              cleared[0] = clearing.clear(day, equity, s.pricingRule());
              return null;
            });
    ClearingRequest costMin = ClearingRequest.costMinimising(day, everyone, prices);
    row(n, "cost-minimising", costMin, solver, s);
    if (weighted) {
      row(n, "weighted", clearing.dispatchRequest(cleared[0]), solver, s);
    }
    SolverReport dispatch = cleared[0].dispatch().report();
    System.out.printf(
        Locale.ROOT,
        "%-6d %-15s %8s %8s %8.2f %8.2f %8s %7s %14.4f %-9s %s%n",
        n,
        "full day",
        "",
        "",
        full.wallSeconds,
        full.cpuSeconds,
        "",
        "",
        cleared[0].dispatch().report().objectiveEur(),
        dispatch.status(),
        "standalone + cost-min"
            + (weighted ? " + weighted" : "")
            + "; peak heap "
            + peakHeapMb()
            + " MB");
  }

  private void row(
      int n, String problem, ClearingRequest request, CoalitionSolver solver, Scenario s) {
    ClearingResult[] result = new ClearingResult[1];
    Sample ours =
        median(
            () -> {
              result[0] = solver.solve(request);
              return null;
            });
    SolverReport report = result[0].report();
    double raw = Double.NaN;
    double rawObjective = Double.NaN;
    if (!noRaw) {
      String mps = solver.exportLpMps(request);
      double[] objective = new double[1];
      Sample bare =
          median(
              () -> {
                objective[0] = rawSolve(mps);
                return null;
              });
      raw = bare.wallSeconds;
      rawObjective = objective[0];
    }
    String note =
        (report.milpUsed() ? "binaries " + report.binaryCount() + ", " : "")
            + (Double.isNaN(report.relativeGap())
                ? ""
                : String.format(Locale.ROOT, "gap %.2g", report.relativeGap()))
            + (Double.isNaN(rawObjective)
                ? ""
                : String.format(Locale.ROOT, ", raw LP objective %.4f", rawObjective))
            + (n >= solver.options().decompositionMinHouseholds() ? ", decomposed" : ", one model")
            + (report.reason().contains("SCIP skipped") ? ", SCIP skipped" : "")
            + pooling(report.reason());
    System.out.printf(
        Locale.ROOT,
        "%-6d %-15s %8.2f %8.2f %8.2f %8.2f %8s %7s %14.4f %-9s %s%n",
        n,
        problem,
        report.buildSeconds(),
        report.solveSeconds(),
        ours.wallSeconds,
        ours.cpuSeconds,
        Double.isNaN(raw) ? "-" : String.format(Locale.ROOT, "%.2f", raw),
        Double.isNaN(raw) ? "-" : String.format(Locale.ROOT, "%.2f", ours.wallSeconds / raw),
        report.objectiveEur(),
        report.status(),
        note);
  }

  /**
   * Reads the MPS text into a fresh OR-Tools model and solves it with GLOP; returns the objective.
   */
  private static double rawSolve(String mps) {
    ModelBuilder model = new ModelBuilder();
    if (!model.importFromMpsString(mps)) {
      throw new IllegalStateException("OR-Tools could not read the exported MPS");
    }
    ModelSolver glop = new ModelSolver("glop");
    SolveStatus status = glop.solve(model);
    if (status != SolveStatus.OPTIMAL) {
      return Double.NaN;
    }
    return glop.getObjectiveValue();
  }

  private record Sample(double wallSeconds, double cpuSeconds) {}

  private Sample median(Supplier<Void> task) {
    List<Sample> samples = new ArrayList<>();
    for (int r = 0; r < repeat; r++) {
      long cpu = cpuNanos();
      long start = System.nanoTime();
      task.get();
      samples.add(new Sample((System.nanoTime() - start) / 1e9, (cpuNanos() - cpu) / 1e9));
    }
    samples.sort((a, b) -> Double.compare(a.wallSeconds, b.wallSeconds));
    return samples.get(samples.size() / 2);
  }

  private static long cpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  private static long peakHeapMb() {
    long bytes = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        bytes += pool.getPeakUsage().getUsed();
      }
    }
    return bytes >> 20;
  }

  /**
   * A path as given if it exists, else a shipped scenario of that name (like the other commands).
   */
  static Path resolve(String nameOrPath) {
    Path direct = Path.of(nameOrPath);
    if (Files.exists(direct)) {
      return direct;
    }
    String file = nameOrPath.endsWith(".yaml") ? nameOrPath : nameOrPath + ".yaml";
    List<Path> roots = new ArrayList<>();
    roots.add(Path.of("").toAbsolutePath());
    String home = System.getenv("EQUIGRID_HOME");
    if (home != null) {
      roots.add(Path.of(home));
    }
    for (Path base : roots) {
      Path candidate = base.resolve("config").resolve("scenarios").resolve(file);
      if (Files.exists(candidate)) {
        return candidate;
      }
    }
    return direct;
  }

  /** The pooling note of a solver reason ({@code "pooled …"}, last in the reason), or "". */
  private static String pooling(String reason) {
    if (reason.startsWith("pooled ")) {
      return ", " + reason;
    }
    int at = reason.lastIndexOf("; pooled ");
    return at < 0 ? "" : ", " + reason.substring(at + 2);
  }
}
