package org.equigrid.market.day;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Time spent in each phase of a run's days, summed over the days (and over threads when days run
 * concurrently): wall seconds, and CPU seconds of the thread that ran the phase ({@link
 * ThreadMXBean#getCurrentThreadCpuTime()}: the day's thread only, not the helper threads a phase
 * may hand work to, e.g. the settlement's parallel coalition walks). For benchmarks ({@code
 * equigrid bench run}); never part of a result.
 */
public final class PhaseTimes {

  /** The phases of a day, in the order they run. */
  public enum Phase {
    /** Load and PV profiles of the day (generated or read). */
    PROFILES,
    /** Standalone optima, the cost-minimising and the weighted dispatch. */
    CLEARING,
    /** Community and household metrics before settlement. */
    METRICS,
    /** Coalition values and the sharing rule, with the counterfactual shares. */
    SETTLEMENT,
    /** Equity indices after settlement. */
    EQUITY,
    /** Explanations: bill decomposition and surrogate. */
    EXPLANATION
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Map<Phase, LongAdder> nanos = new EnumMap<>(Phase.class);
  private final Map<Phase, LongAdder> cpuNanos = new EnumMap<>(Phase.class);

  public PhaseTimes() {
    for (Phase phase : Phase.values()) {
      nanos.put(phase, new LongAdder());
      cpuNanos.put(phase, new LongAdder());
    }
  }

  /**
   * The moment a phase starts on the current thread: {@link System#nanoTime()} and the thread's CPU
   * time.
   */
  public record Start(long nanos, long cpuNanos) {}

  /** Now, on the current thread. */
  public static Start start() {
    return new Start(System.nanoTime(), threadCpuNanos());
  }

  /** Adds the wall and CPU time since {@code start} (taken on this thread) to the phase. */
  public void addSince(Phase phase, Start start) {
    nanos.get(phase).add(System.nanoTime() - start.nanos());
    cpuNanos.get(phase).add(Math.max(0, threadCpuNanos() - start.cpuNanos()));
  }

  /** Wall seconds spent in the phase so far. */
  public double seconds(Phase phase) {
    return nanos.get(phase).sum() / 1e9;
  }

  /**
   * CPU seconds of the threads that ran the phase (the days' threads, not their helpers) so far; 0
   * when the JVM does not measure thread CPU time.
   */
  public double cpuSeconds(Phase phase) {
    return cpuNanos.get(phase).sum() / 1e9;
  }

  /** The current thread's CPU time in nanoseconds, or 0 when the JVM does not measure it. */
  private static long threadCpuNanos() {
    return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
  }
}
