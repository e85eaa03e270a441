package org.equigrid.market.settlement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.random.RandomGenerator;
import org.equigrid.market.game.OrderObserver;
import org.equigrid.market.game.SamplingOptions;

/**
 * Lets the sequential sampler of {@link org.equigrid.market.game.SampledShapley} use every core:
 * a replica of its random generator (same seed) predicts the orders of the next few draws, and
 * their prefix coalitions are solved in parallel into the {@link CoalitionValues} cache before
 * the sampler reaches them. Only the cache is touched, so the shares are those of the sequential
 * run whatever the number of threads; a wrong prediction would only cost time. The prediction
 * repeats the sampler's draw (one uniform per player, the antithetic partner {@code 1 − u} first,
 * keys {@code ln(u)/λ} sorted stably) and is independent of the thread count, so the coalitions
 * solved, and hence the LP count and the visited-coalition core check, are too.
 */
final class OrderPrefetcher implements OrderObserver {

  private final CoalitionValues values;
  private final double[] lambda;
  private final RandomGenerator replica;
  private final ExecutorService pool;
  private final int ordersPerDraw;
  private final long maxDraws;
  private final int drawsPerBatch;
  private long drawsPrefetched;
  private long ordersSeen;

  OrderPrefetcher(
      CoalitionValues values, double[] lambda, SamplingOptions options, RandomGenerator replica,
      ExecutorService pool, int drawsPerBatch) {
    this.values = values;
    this.lambda = lambda.clone();
    this.replica = replica;
    this.pool = pool;
    this.ordersPerDraw = options.antithetic() ? 2 : 1;
    long minDraws = Math.max(2, (options.minOrders() + ordersPerDraw - 1) / ordersPerDraw);
    this.maxDraws = Math.max(minDraws, options.maxOrders() / ordersPerDraw);
    this.drawsPerBatch = drawsPerBatch;
  }

  /** Solves the first batch; call before sampling. */
  void start() {
    prefetchBatch();
  }

  @Override
  public void order(int[] order, double[] marginal) {
    ordersSeen++;
    if (ordersSeen == drawsPrefetched * ordersPerDraw) {
      prefetchBatch();
    }
  }

  private void prefetchBatch() {
    int n = lambda.length;
    Set<BitSet> coalitions = new LinkedHashSet<>();
    long until = Math.min(maxDraws, drawsPrefetched + drawsPerBatch);
    double[] uniforms = new double[n];
    Integer[] order = new Integer[n];
    double[] keys = new double[n];
    for (; drawsPrefetched < until; drawsPrefetched++) {
      for (int j = 0; j < n; j++) {
        uniforms[j] = replica.nextDouble();
      }
      for (int pass = 0; pass < ordersPerDraw; pass++) {
        for (int j = 0; j < n; j++) {
          double u = pass == 0 ? 1 - uniforms[j] : uniforms[j];
          keys[j] = Math.log(u) / lambda[j];
          order[j] = j;
        }
        Arrays.sort(order, (a, b) -> Double.compare(keys[a], keys[b])); // stable
        BitSet prefix = new BitSet(n);
        for (int k = 0; k < n - 1; k++) {
          prefix.set(order[k]);
          if (k >= 1) {
            coalitions.add((BitSet) prefix.clone());
          }
        }
      }
    }
    List<Future<?>> futures = new ArrayList<>(coalitions.size());
    for (BitSet coalition : coalitions) {
      futures.add(pool.submit(() -> values.value(coalition)));
    }
    for (Future<?> future : futures) {
      Settlement.get(future);
    }
  }
}
