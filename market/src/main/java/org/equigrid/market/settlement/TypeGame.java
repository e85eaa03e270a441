package org.equigrid.market.settlement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.clearing.ClearingResult;
import org.equigrid.market.clearing.CoalitionSolver;
import org.equigrid.market.clearing.IncrementalTypeLp;
import org.equigrid.market.model.TradingDay;

/**
 * The coalition game of a day's household types: a coalition is a vector of counts per type {@code
 * (c_1..c_K)}, {@code C*(c)} the optimum of the aggregated LP in which each type is one household
 * scaled by its count (loads, PV, battery, connection limits), and {@code v(c) = Σ_k c_k C0_k −
 * C*(c)} with {@code C0_k} the representative's standalone cost. For identical members the
 * aggregation is exact for the LP relaxation (the peak and the pool are community-wide, the
 * symmetric schedule is optimal); the binaries of the MILP stage are per type, not per member.
 *
 * <p>A coalition of one type only has {@code v = 0} without a solve (the scaled LP is the
 * standalone LP times the count). The grand coalition carries the real dispatch's extra cost:
 * {@code v(full) = Σ_k c_k C0_k − C*(full) − (cost of the dispatch − C*(N))}, so that with one
 * household per type the game is the household game of {@link CoalitionValues}. Cached by count
 * vector, thread-safe.
 *
 * <p>Coalitions are solved on {@link IncrementalTypeLp}s (one model of all representatives, counts
 * by bounds, warm dual simplex), one per thread; where it returns no value (a broken binary pair,
 * no LP optimum) the coalition is solved from scratch by the {@link CoalitionSolver}. A {@link
 * #prefetch} sorts the coalitions it solves lexicographically and cuts them into chunks of {@value
 * #CHUNK}; each chunk starts from scratch ({@link IncrementalTypeLp#reset()}) and re-solves each
 * next coalition from the last basis, so the values do not depend on the number of threads or on
 * which thread solves which chunk.
 */
final class TypeGame implements AutoCloseable {

  /** Coalitions per warm-started sequence of a prefetch. */
  static final int CHUNK = 32;

  private static final Logger LOG = LogManager.getLogger();

  private final ClearedDay cleared;
  private final HouseholdTypes types;
  private final CoalitionSolver solver;
  private final int[] full;
  private final double[] standaloneCostEur;
  private final ConcurrentHashMap<Counts, CompletableFuture<Double>> cache =
      new ConcurrentHashMap<>();
  private final AtomicInteger solves = new AtomicInteger();
  private final AtomicInteger failedSolves = new AtomicInteger();
  private final AtomicInteger fallbacks = new AtomicInteger();

  /** The representatives at count 1, or null with fewer than 2 types (no coalition needs an LP). */
  private final TradingDay representatives;

  private final ConcurrentLinkedDeque<IncrementalTypeLp> idle = new ConcurrentLinkedDeque<>();
  private final List<IncrementalTypeLp> models = new CopyOnWriteArrayList<>();

  TypeGame(ClearedDay cleared, HouseholdTypes types, CoalitionSolver solver, ExecutorService pool) {
    this.cleared = cleared;
    this.types = types;
    this.solver = solver;
    this.full = types.counts();
    int k = full.length;
    this.standaloneCostEur = new double[k];
    if (k >= 2) {
      int[] ones = new int[k];
      Arrays.fill(ones, 1);
      representatives = types.aggregated(ones);
    } else {
      representatives = null;
    }
    List<Future<Double>> futures = new ArrayList<>(k);
    for (int type = 0; type < k; type++) {
      int index = type;
      futures.add(
          full[type] == 1
              ? CompletableFuture.completedFuture(cleared.standaloneCostEur(types.members(type)[0]))
              : pool.submit(() -> standalone(index)));
    }
    for (int type = 0; type < k; type++) {
      standaloneCostEur[type] = Settlement.get(futures.get(type));
    }
  }

  int types() {
    return full.length;
  }

  /** The members per type of the grand coalition. */
  int[] full() {
    return full.clone();
  }

  /** {@code C0_k} of the type's representative. */
  double standaloneCostEur(int type) {
    return standaloneCostEur[type];
  }

  /** {@code v(c)}; the array is not kept. */
  double value(int[] counts) {
    int present = 0;
    for (int k = 0; k < counts.length; k++) {
      if (counts[k] < 0 || counts[k] > full[k]) {
        throw new IllegalArgumentException(
            "count " + counts[k] + " of type " + k + " must be in [0, " + full[k] + "]");
      }
      present += counts[k] > 0 ? 1 : 0;
    }
    if (present <= 1) {
      return Arrays.equals(counts, full) ? -dispatchExtraCostEur() : 0.0;
    }
    Counts key = new Counts(counts.clone());
    CompletableFuture<Double> mine = new CompletableFuture<>();
    CompletableFuture<Double> existing = cache.putIfAbsent(key, mine);
    if (existing != null) {
      return existing.join();
    }
    try {
      double value = solveAll(List.of(key.counts())).get(0);
      mine.complete(value);
      return value;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    }
  }

  /**
   * Evaluates the coalitions on the pool (into the cache) and waits for them: those not cached yet,
   * in lexicographic order, in chunks of {@value #CHUNK} warm-started coalitions.
   */
  void prefetch(Collection<int[]> coalitions, ExecutorService pool) {
    Set<Counts> distinct = new LinkedHashSet<>();
    for (int[] c : coalitions) {
      distinct.add(new Counts(c.clone()));
    }
    List<Future<?>> futures = new ArrayList<>(distinct.size());
    List<Counts> toSolve = new ArrayList<>();
    for (Counts c : distinct) {
      if (needsSolve(c.counts())) {
        toSolve.add(c);
      } else {
        futures.add(pool.submit(() -> value(c.counts())));
      }
    }
    toSolve.sort((a, b) -> Arrays.compare(a.counts(), b.counts()));
    List<Counts> claimed = new ArrayList<>(toSolve.size());
    List<CompletableFuture<Double>> mine = new ArrayList<>(toSolve.size());
    for (Counts c : toSolve) {
      CompletableFuture<Double> future = new CompletableFuture<>();
      CompletableFuture<Double> existing = cache.putIfAbsent(c, future);
      if (existing == null) {
        claimed.add(c);
        mine.add(future);
      } else {
        futures.add(existing);
      }
    }
    for (int from = 0; from < claimed.size(); from += CHUNK) {
      int to = Math.min(from + CHUNK, claimed.size());
      List<int[]> chunk = new ArrayList<>(to - from);
      for (Counts c : claimed.subList(from, to)) {
        chunk.add(c.counts());
      }
      List<CompletableFuture<Double>> results = mine.subList(from, to);
      futures.add(
          pool.submit(
              () -> {
                try {
                  List<Double> values = solveAll(chunk);
                  for (int j = 0; j < values.size(); j++) {
                    results.get(j).complete(values.get(j));
                  }
                } catch (RuntimeException e) {
                  for (CompletableFuture<Double> result : results) {
                    result.completeExceptionally(e);
                  }
                  throw e;
                }
              }));
    }
    for (Future<?> future : futures) {
      Settlement.get(future);
    }
  }

  private boolean needsSolve(int[] counts) {
    int present = 0;
    for (int k = 0; k < counts.length; k++) {
      if (counts[k] < 0 || counts[k] > full[k]) {
        return false; // value() says what is wrong
      }
      present += counts[k] > 0 ? 1 : 0;
    }
    return present > 1;
  }

  /** The coalitions solved so far with their values, in a defined order (lexicographic counts). */
  Map<int[], Double> evaluated() {
    Map<int[], Double> result = new TreeMap<>(Arrays::compare);
    cache.forEach(
        (key, future) -> {
          if (future.isDone() && !future.isCompletedExceptionally()) {
            result.put(key.counts().clone(), future.join());
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

  /** Coalitions the incremental LP gave no value for, solved from scratch instead. */
  int fallbacks() {
    return fallbacks.get();
  }

  /** Frees the incremental LPs; call only when no evaluation is running. */
  @Override
  public void close() {
    for (IncrementalTypeLp lp : models) {
      lp.close();
    }
    models.clear();
    idle.clear();
  }

  private double dispatchExtraCostEur() {
    return cleared.dispatch().totalCostEur() - cleared.costMinimising().totalCostEur();
  }

  private double standalone(int type) {
    int[] one = new int[full.length];
    one[type] = 1;
    ClearingResult result =
        solver.solve(types.costMinimisingRequest(one, cleared.poolPriceEurPerKwh()));
    solves.incrementAndGet();
    if (!result.report().status().hasSolution()) {
      failedSolves.incrementAndGet();
      double mean = 0;
      for (int i : types.members(type)) {
        mean += cleared.standaloneCostEur(i) / full[type];
      }
      LOG.debug(
          "representative of type {}: {}; using its members' mean standalone cost",
          type,
          result.report().status());
      return mean;
    }
    return result.totalCostEur();
  }

  /**
   * The values of coalitions of two or more types, in one warm-started sequence from scratch on an
   * idle incremental LP.
   */
  private List<Double> solveAll(List<int[]> coalitions) {
    IncrementalTypeLp lp = idle.poll();
    if (lp == null) {
      lp = new IncrementalTypeLp(representatives, cleared.poolPriceEurPerKwh());
      models.add(lp);
    }
    try {
      lp.reset();
      List<Double> values = new ArrayList<>(coalitions.size());
      for (int[] counts : coalitions) {
        lp.setCounts(counts);
        double cost = lp.solveCostEur();
        solves.incrementAndGet();
        if (Double.isNaN(cost)) {
          fallbacks.incrementAndGet();
          LOG.trace(
              "type coalition {}: incremental LP {}; solving it from scratch",
              Arrays.toString(counts),
              lp.lastStatus());
          values.add(solveFromScratch(counts));
        } else {
          values.add(valueOf(counts, cost));
        }
      }
      return values;
    } finally {
      idle.push(lp);
    }
  }

  /** {@code v(c)} from the coalition's optimal cost {@code C*(c)}. */
  private double valueOf(int[] counts, double costEur) {
    double standalone = 0;
    for (int k = 0; k < counts.length; k++) {
      standalone += counts[k] * standaloneCostEur[k];
    }
    double value = standalone - costEur;
    if (Arrays.equals(counts, full)) {
      value -= dispatchExtraCostEur();
    }
    return value;
  }

  /** The coalition's value by the {@link CoalitionSolver} on the aggregated day. */
  private double solveFromScratch(int[] counts) {
    ClearingResult result =
        solver.solve(types.costMinimisingRequest(counts, cleared.poolPriceEurPerKwh()));
    if (!result.report().status().hasSolution()) {
      failedSolves.incrementAndGet();
      LOG.debug(
          "type coalition {} of day {}: {} ({}); counted as no cooperation",
          Arrays.toString(counts),
          cleared.day().dayIndex(),
          result.report().status(),
          result.report().reason());
      return 0.0;
    }
    return valueOf(counts, result.totalCostEur());
  }

  /** A count vector as a cache key. */
  private record Counts(int[] counts) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Counts c && Arrays.equals(counts, c.counts);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
      return Arrays.toString(counts);
    }
  }
}
