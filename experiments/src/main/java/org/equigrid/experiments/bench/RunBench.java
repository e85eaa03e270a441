package org.equigrid.experiments.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.equigrid.config.Scenario;
import org.equigrid.config.ScenarioReader;
import org.equigrid.experiments.cli.BadInputException;
import org.equigrid.experiments.cli.ModelSize;
import org.equigrid.experiments.cli.ScenarioOptions;
import org.equigrid.experiments.output.AtomicFiles;
import org.equigrid.experiments.output.ResultsStream;
import org.equigrid.experiments.output.ResultsWriter;
import org.equigrid.experiments.run.ProgressListener;
import org.equigrid.experiments.run.ScenarioRunner;
import org.equigrid.market.day.PhaseTimes;
import org.equigrid.market.day.PhaseTimes.Phase;
import org.equigrid.market.settlement.DaySettlement;
import org.equigrid.market.settlement.SettlementOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code equigrid bench run}: a whole in-process run ({@code equigrid run}'s path, results streamed
 * day by day to a temporary folder) timed by phase, for communities of several sizes: wall seconds
 * per phase summed over the day threads, CPU seconds per phase of the day threads themselves
 * ({@link PhaseTimes#cpuSeconds}; what their helper threads, the GC and the JIT use is {@code
 * otherCpuSeconds}), the process CPU time, the peak heap and the load average. It keeps no day.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "A whole run (as equigrid run) timed by phase for several community sizes: profiles, clearing,"
            + " metrics, settlement, equity, explanations, writing: wall seconds summed over the day"
            + " threads and CPU seconds of the day threads (ThreadMXBean); process CPU seconds, peak"
            + " heap, load average. Results streamed day by day, as equigrid run. Writes bench-run.csv.")
public final class RunBench implements Callable<Integer> {

  static final String CSV = "bench-run.csv";

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "SCENARIO",
      description =
          "Scenario with a generated community (default s5-p2p-static-equity); its size is set per run.")
  String scenario = "s5-p2p-static-equity";

  @Option(names = "--households", split = ",", description = "Community sizes (default 100).")
  List<Integer> sizes = new ArrayList<>(List.of(100));

  @Option(names = "--days", description = "Trading days per size (default 3).")
  int days = 3;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "Days run at once (default: the available processors); results do not depend on it.")
  Integer threads;

  @Option(
      names = "--set",
      paramLabel = "PATH=VALUE",
      description = "Scenario overrides, as for equigrid run.")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(names = "--out", description = "Output folder (default runs/bench).")
  Path out = Path.of("runs", "bench");

  @Override
  public Integer call() throws Exception {
    if (days < 1 || sizes.isEmpty() || sizes.stream().anyMatch(n -> n < 1)) {
      throw new BadInputException(
          "--days ("
              + days
              + ") must be >= 1 and every --households size ("
              + sizes
              + ") >= 1. Maybe you meant --households 100 --days 3.");
    }
    System.out.printf(
        Locale.ROOT,
        "equigrid bench run: %s, %d days, %d cores, max heap %d MB, load average %.2f%n",
        scenario,
        days,
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        loadAverage());
    StringBuilder csv = new StringBuilder("households,days,wallSeconds,secondsPerDay");
    for (Phase phase : Phase.values()) {
      csv.append(',').append(column(phase));
    }
    csv.append(
        ",writingSeconds,cpuSeconds,peakHeapMb,loadAverageBefore,loadAverageAfter,threads,rerunDays,"
            + "sampledDays,notConvergedDays,meanOrders,maxHalfWidthShareOfGain");
    for (Phase phase : Phase.values()) {
      csv.append(',').append(cpuColumn(phase));
    }
    csv.append(",writingCpuSeconds,otherCpuSeconds\n");
    System.out.printf(Locale.ROOT, "%7s %8s %8s", "n", "wall s", "s/day");
    for (Phase phase : Phase.values()) {
      System.out.printf(Locale.ROOT, " %11s", phase.name().toLowerCase(Locale.ROOT));
    }
    System.out.printf(Locale.ROOT, " %8s %8s %9s %6s%n", "write s", "cpu s", "heap MB", "load");
    for (int n : sizes) {
      csv.append(benchmark(n));
    }
    Files.createDirectories(out);
    AtomicFiles.write(out.resolve(CSV), csv.toString());
    System.out.println("wrote " + out.resolve(CSV).toAbsolutePath());
    return 0;
  }

  private String benchmark(int n) throws Exception {
    Map<String, String> all = new LinkedHashMap<>(overrides);
    all.put("community.generate.households", Integer.toString(n));
    all.put("horizon.days", Integer.toString(days));
    Scenario s = ScenarioReader.read(ScenarioOptions.resolve(scenario), all);
    ModelSize.check(s, "bench run");
    System.gc();
    resetPeaks();
    double loadBefore = loadAverage();
    long cpuStart = processCpuNanos();
    long start = System.nanoTime();
    int dayThreads =
        ModelSize.affordableDays(
            s, threads == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, threads));
    ScenarioRunner runner =
        new ScenarioRunner(ProgressListener.silent(), SettlementOptions.defaults())
            .withThreads(dayThreads);
    // as equigrid run: each accepted day's rows are appended and the day dropped (ResultsStream);
    // the bench keeps only its timers and the sampled settlements' counts
    Sampled sampled = new Sampled();
    long[] writeNanos = new long[2]; // wall, CPU of the thread that writes
    Path dir = Files.createTempDirectory("equigrid-bench-run");
    try (ResultsStream stream = ResultsStream.open(new ResultsWriter("bench"), s, dir)) {
      runner.run(
          s,
          day -> {
            sampled.add(day.settlement());
            PhaseTimes.Start write = PhaseTimes.start();
            stream.accept(day);
            writeNanos[0] += System.nanoTime() - write.nanos();
            writeNanos[1] += threadCpuNanos() - write.cpuNanos();
          });
      PhaseTimes.Start write = PhaseTimes.start();
      stream.finish();
      writeNanos[0] += System.nanoTime() - write.nanos();
      writeNanos[1] += threadCpuNanos() - write.cpuNanos();
    } finally {
      deleteTree(dir);
    }
    double writing = writeNanos[0] / 1e9;
    double writingCpu = writeNanos[1] / 1e9;
    double wall = (System.nanoTime() - start) / 1e9;
    double cpu = (processCpuNanos() - cpuStart) / 1e9;
    double heapMb = peakHeapBytes() / 1048576.0;
    double loadAfter = loadAverage();
    PhaseTimes times = runner.phaseTimes();
    System.out.printf(Locale.ROOT, "%7d %8.2f %8.2f", n, wall, wall / days);
    StringBuilder row =
        new StringBuilder(
            String.format(Locale.ROOT, "%d,%d,%.3f,%.3f", n, days, wall, wall / days));
    double phasesCpu = writingCpu;
    StringBuilder cpuLine = new StringBuilder("        CPU s of the day threads:");
    for (Phase phase : Phase.values()) {
      System.out.printf(Locale.ROOT, " %11.2f", times.seconds(phase));
      row.append(String.format(Locale.ROOT, ",%.3f", times.seconds(phase)));
      phasesCpu += times.cpuSeconds(phase);
      cpuLine.append(
          String.format(
              Locale.ROOT,
              " %s %.2f,",
              phase.name().toLowerCase(Locale.ROOT),
              times.cpuSeconds(phase)));
    }
    cpuLine.append(
        String.format(
            Locale.ROOT,
            " writing %.2f; helper threads, GC and JIT %.2f (process %.2f)",
            writingCpu,
            cpu - phasesCpu,
            cpu));
    System.out.printf(Locale.ROOT, " %8.2f %8.2f %9.0f %6.2f%n", writing, cpu, heapMb, loadAfter);
    System.out.println(cpuLine);
    System.out.printf(
        Locale.ROOT,
        "        %d threads, %d days run again; %d sampled days, %d not converged, %.0f orders a day,"
            + " largest 95 %% half-width %.4f of v(N)%n",
        dayThreads,
        runner.rerunDays(),
        sampled.days,
        sampled.notConverged,
        sampled.meanOrders(),
        sampled.worst);
    row.append(
        String.format(
            Locale.ROOT,
            ",%.3f,%.3f,%.1f,%.2f,%.2f,%d,%d,%d,%d,%.1f,%.6f",
            writing,
            cpu,
            heapMb,
            loadBefore,
            loadAfter,
            dayThreads,
            runner.rerunDays(),
            sampled.days,
            sampled.notConverged,
            sampled.meanOrders(),
            sampled.worst));
    for (Phase phase : Phase.values()) {
      row.append(String.format(Locale.ROOT, ",%.3f", times.cpuSeconds(phase)));
    }
    row.append(String.format(Locale.ROOT, ",%.3f,%.3f%n", writingCpu, cpu - phasesCpu));
    return row.toString();
  }

  /** The sampled settlements' counts, added day by day. */
  private static final class Sampled {
    long days;
    long notConverged;
    long orders;
    double worst = Double.NaN;

    void add(DaySettlement settled) {
      if (DaySettlement.SAMPLED.equals(settled.method())) {
        days++;
        orders += settled.orders();
        notConverged += settled.converged() ? 0 : 1;
        double share = settled.maxHalfWidthShareOfGain();
        if (!Double.isNaN(share)) { // undefined: v(N) = 0, or the market rule (no shares sampled)
          worst = Double.isNaN(worst) ? share : Math.max(worst, share);
        }
      }
    }

    double meanOrders() {
      return days == 0 ? Double.NaN : (double) orders / days;
    }
  }

  private static long threadCpuNanos() {
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : 0;
  }

  private static String column(Phase phase) {
    String name = phase.name().toLowerCase(Locale.ROOT);
    return name + "Seconds";
  }

  /** CPU seconds of the day threads in the phase (not their helper threads). */
  private static String cpuColumn(Phase phase) {
    String name = phase.name().toLowerCase(Locale.ROOT);
    return name + "CpuSeconds";
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** Sum of the heap pools' peaks since the last reset (an upper bound of the peak heap in use). */
  private static long peakHeapBytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  private static void deleteTree(Path dir) throws java.io.IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
