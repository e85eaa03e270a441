package org.equigrid.market.day;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Wall time spent in each phase of a run's days, summed over the days (and over threads when days
 * run concurrently). For benchmarks ({@code equigrid bench run}); never part of a result.
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

  private final Map<Phase, LongAdder> nanos = new EnumMap<>(Phase.class);

  public PhaseTimes() {
    for (Phase phase : Phase.values()) {
      nanos.put(phase, new LongAdder());
    }
  }

  /** Adds the time since {@code startNanos} (a {@link System#nanoTime()}) to the phase. */
  public void addSince(Phase phase, long startNanos) {
    nanos.get(phase).add(System.nanoTime() - startNanos);
  }

  /** Seconds spent in the phase so far. */
  public double seconds(Phase phase) {
    return nanos.get(phase).sum() / 1e9;
  }
}
