package org.equigrid.market.settlement;

import java.util.BitSet;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.clearing.SolverReport;

/**
 * The memo behind {@link CoalitionValues}: each coalition's value computed once, even when several
 * threads ask for it at the same time (the others wait for the first), values found elsewhere
 * recorded, and the coalition LPs counted. The views of one day ({@link
 * CoalitionValues#withDispatch}) share one memo.
 */
final class CoalitionMemo {

  private static final Logger LOG = LogManager.getLogger();

  private final ConcurrentHashMap<BitSet, CompletableFuture<Double>> cache =
      new ConcurrentHashMap<>();
  private final AtomicInteger solves = new AtomicInteger();
  private final AtomicInteger failedSolves = new AtomicInteger();

  /** The value of {@code coalition}: {@code compute}'s, computed the first time it is asked for. */
  double value(BitSet coalition, ToDoubleFunction<BitSet> compute) {
    CompletableFuture<Double> mine = new CompletableFuture<>();
    CompletableFuture<Double> existing = cache.putIfAbsent((BitSet) coalition.clone(), mine);
    if (existing != null) {
      return existing.join();
    }
    try {
      double value = compute.applyAsDouble(coalition);
      mine.complete(value);
      return value;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    }
  }

  /**
   * Records a value found elsewhere, counted as one coalition LP; a value already known is kept.
   */
  void record(BitSet coalition, double value) {
    solves.incrementAndGet();
    cache.putIfAbsent((BitSet) coalition.clone(), CompletableFuture.completedFuture(value));
  }

  /** Counts one coalition LP solved. */
  void countSolve() {
    solves.incrementAndGet();
  }

  /** Counts one coalition LP that found no solution, and says so at DEBUG. */
  void countFailure(BitSet coalition, int dayIndex, SolverReport report) {
    failedSolves.incrementAndGet();
    LOG.debug(
        "Coalition {} of day {}: {} ({}); counted as no cooperation",
        coalition,
        dayIndex,
        report.status(),
        report.reason());
  }

  /**
   * Throws unless {@code other} is the day {@code values} was built for (same index, same
   * households): only then may the two dispatches share one memo.
   */
  static void requireSameDay(ClearedDay values, ClearedDay other) {
    if (other.day().dayIndex() != values.day().dayIndex()
        || !other.day().households().equals(values.day().households())) {
      throw new IllegalArgumentException(
          "withDispatch needs the same day; got day "
              + other.day().dayIndex()
              + " for the values of day "
              + values.day().dayIndex()
              + ".\nMaybe reweigh the day these values were built for?");
    }
  }

  /** The values known so far, by size, then by members. */
  SortedMap<BitSet, Double> evaluated() {
    SortedMap<BitSet, Double> result =
        new TreeMap<>(
            (a, b) -> {
              int bySize = Integer.compare(a.cardinality(), b.cardinality());
              return bySize != 0
                  ? bySize
                  : java.util.Arrays.compare(a.stream().toArray(), b.stream().toArray());
            });
    cache.forEach(
        (coalition, future) -> {
          if (future.isDone() && !future.isCompletedExceptionally()) {
            result.put(coalition, future.join());
          }
        });
    return result;
  }

  int solves() {
    return solves.get();
  }

  int failedSolves() {
    return failedSolves.get();
  }
}
