package org.equigrid.market.game;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers the values of an expensive game (for example one LP per coalition). Thread-safe: each
 * coalition is computed once, by the first thread that asks; others asking for the same coalition
 * wait for that result, while different coalitions are computed concurrently.
 */
public final class CachedGame implements CoalitionGame {

  private final CoalitionGame delegate;
  private final ConcurrentHashMap<Long, FutureTask<Double>> cache = new ConcurrentHashMap<>();
  private final AtomicLong evaluations = new AtomicLong();

  public CachedGame(CoalitionGame delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public int players() {
    return delegate.players();
  }

  @Override
  public double value(long coalition) {
    if (coalition == 0) {
      return 0;
    }
    FutureTask<Double> task = cache.get(coalition);
    if (task == null) {
      FutureTask<Double> created =
          new FutureTask<>(
              () -> {
                evaluations.incrementAndGet();
                return delegate.value(coalition);
              });
      task = cache.putIfAbsent(coalition, created);
      if (task == null) {
        task = created;
        created.run();
      }
    }
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for coalition " + coalition, e);
    } catch (ExecutionException e) {
      cache.remove(coalition, task); // a later call may retry
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("Computing coalition " + coalition + " failed", cause);
    }
  }

  /**
   * The values of {@code coalitions}, computed in parallel on {@code executor} (for example a
   * {@link java.util.concurrent.ForkJoinPool}); {@code result[k]} is the value of {@code
   * coalitions[k]}, so the result does not depend on scheduling.
   */
  public double[] values(long[] coalitions, Executor executor) {
    Objects.requireNonNull(executor, "executor");
    List<CompletableFuture<Double>> futures = new ArrayList<>(coalitions.length);
    for (long coalition : coalitions) {
      futures.add(CompletableFuture.supplyAsync(() -> value(coalition), executor));
    }
    double[] values = new double[coalitions.length];
    for (int k = 0; k < coalitions.length; k++) {
      try {
        values[k] = futures.get(k).join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw e;
      }
    }
    return values;
  }

  /** How many times the wrapped game was evaluated (each coalition at most once on success). */
  public long evaluations() {
    return evaluations.get();
  }

  /** How many coalitions are cached. */
  public int size() {
    return cache.size();
  }
}
