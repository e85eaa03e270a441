package org.equigrid.market.settlement;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.random.RandomGenerator;
import org.equigrid.market.game.MarginalGame;
import org.equigrid.market.game.SamplingOptions;

/**
 * Lets the sequential sampler of {@link org.equigrid.market.game.SampledShapley} use every core:
 * a replica of its random generator (same seed) predicts the next few orders, and whole orders are
 * walked ({@link OrderWalks}) in parallel, a few draws ahead of the sampler, which then takes each
 * order's marginals as they come. An order's marginals do not depend on which thread walks it, so
 * the shares are those of a sequential run whatever the number of threads; a wrong prediction
 * (never expected) would only cost time: the order is then walked on the caller's thread. The
 * prediction repeats the sampler's draw (one uniform per player, the antithetic partner {@code
 * 1 − u} first, keys {@code ln(u)/λ} sorted stably).
 */
final class OrderPrefetcher implements MarginalGame {

  private record Pending(int[] order, Future<double[]> marginals) {}

  private final OrderWalks walks;
  private final double[] lambda;
  private final RandomGenerator replica;
  private final ExecutorService pool;
  private final int ordersPerDraw;
  private final long maxDraws;
  private final int drawsAhead;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private long drawsPredicted;
  private long ordersSeen;

  OrderPrefetcher(
      OrderWalks walks, double[] lambda, SamplingOptions options, RandomGenerator replica,
      ExecutorService pool, int drawsAhead) {
    this.walks = walks;
    this.lambda = lambda.clone();
    this.replica = replica;
    this.pool = pool;
    this.ordersPerDraw = options.antithetic() ? 2 : 1;
    long minDraws = Math.max(2, (options.minOrders() + ordersPerDraw - 1) / ordersPerDraw);
    this.maxDraws = Math.max(minDraws, options.maxOrders() / ordersPerDraw);
    this.drawsAhead = Math.max(1, drawsAhead);
  }

  /** Starts walking the first orders, e.g. while the caller prepares its control variates. */
  void start() {
    start(drawsAhead);
  }

  /**
   * Starts walking the first {@code draws} draws (at least the usual look-ahead, at most the
   * sampler's maximum), e.g. enough to keep every core busy while the caller's own thread samples
   * its control variates.
   */
  void start(long draws) {
    predictUntil(Math.min(maxDraws, Math.max(draws, drawsAhead)));
  }

  @Override
  public int players() {
    return lambda.length;
  }

  @Override
  public void marginals(int[] order, double[] marginal) {
    predictUntil(Math.min(maxDraws, ordersSeen / ordersPerDraw + drawsAhead));
    ordersSeen++;
    Pending next = pending.poll();
    if (next != null && Arrays.equals(next.order(), order)) {
      System.arraycopy(Settlement.get(next.marginals()), 0, marginal, 0, order.length);
    } else {
      walks.marginals(order, marginal);
    }
  }

  /** Stops the walks of predicted orders the sampler did not need and waits until none runs. */
  void finish() {
    walks.stop();
    for (Pending left : pending) {
      try {
        left.marginals().get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException e) {
        // stopped: a walk nobody needs
      }
    }
    pending.clear();
  }

  private void predictUntil(long draws) {
    int n = lambda.length;
    double[] uniforms = new double[n];
    Integer[] sorted = new Integer[n];
    double[] keys = new double[n];
    for (; drawsPredicted < draws; drawsPredicted++) {
      for (int j = 0; j < n; j++) {
        uniforms[j] = replica.nextDouble();
      }
      for (int pass = 0; pass < ordersPerDraw; pass++) {
        for (int j = 0; j < n; j++) {
          double u = pass == 0 ? 1 - uniforms[j] : uniforms[j];
          keys[j] = Math.log(u) / lambda[j];
          sorted[j] = j;
        }
        Arrays.sort(sorted, (a, b) -> Double.compare(keys[a], keys[b])); // stable
        int[] order = new int[n];
        for (int k = 0; k < n; k++) {
          order[k] = sorted[k];
        }
        pending.add(new Pending(order, pool.submit(() -> {
          double[] marginals = new double[n];
          walks.marginals(order, marginals);
          return marginals;
        })));
      }
    }
  }
}
