package org.equigrid.market.game;

import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Monte-Carlo (weighted) Shapley values by random orders, for games too large to enumerate.
 *
 * <p><b>Orders.</b> The weighted random order of Kalai and Samet is built from last to first, each
 * time picking among the remaining players {@code j} with probability {@code λ_j / Σ_remaining λ}.
 * It is drawn here as an exponential race, which has exactly that law: every player gets a key
 * {@code k_j = ln(u_j) / λ_j} with {@code u_j} uniform on (0, 1); the order lists players by
 * increasing key, so the last is the largest key, and by memorylessness, given the players already
 * placed at the end, the largest key among the remaining ones is player {@code j} with probability
 * {@code λ_j / Σ_remaining λ}. With equal weights this is a uniform random permutation.
 *
 * <p><b>Variance reduction.</b> With {@code antithetic}, each draw of uniforms {@code u} is paired
 * with its complement {@code 1 − u}. With equal weights the partner is exactly the reversed order
 * (a player early in one order is late in the other, so for convex-like games its marginal
 * contributions are negatively correlated); with unequal weights it is the order of the
 * complementary uniforms, which has the same weighted law. The pair's mean marginal contribution is
 * one observation; standard errors are computed over pairs, so they are honest under the dependence
 * within a pair.
 *
 * <p><b>Control variate.</b> Given a cheap game {@code v'} with a known (or much more precisely
 * sampled) value {@code φ'} ({@link ControlVariate}), each order observes {@code Δ_i − Δ'_i} on the
 * same order, and the estimate is its mean plus {@code φ'_i}; the standard error adds {@code φ'}'s
 * in quadrature. The stopping rule applies to the combined estimate.
 *
 * <p><b>Efficiency.</b> The marginal contributions along one order telescope to {@code v(N) − v(∅)
 * = v(N)}, so every observation, and therefore the estimate, sums to {@code v(N)} up to rounding.
 * {@code v(N)} is evaluated once.
 */
public final class SampledShapley {

  /** The two-sided 95 % normal quantile. */
  static final double Z95 = 1.959963984540054;

  private static final Logger LOG = LogManager.getLogger();

  private SampledShapley() {}

  /** Sampled plain Shapley value of a bit-mask game. */
  public static SampledShares shapley(
      CoalitionGame game, SamplingOptions options, RandomGenerator rng) {
    return estimate(LargeCoalitionGame.of(game), null, options, rng);
  }

  /** Sampled weighted Shapley value of a bit-mask game. */
  public static SampledShares weightedShapley(
      CoalitionGame game, double[] weights, SamplingOptions options, RandomGenerator rng) {
    return estimate(LargeCoalitionGame.of(game), weights, options, rng);
  }

  /**
   * Estimates the (weighted) Shapley value.
   *
   * @param weights {@code λ_i > 0} per player, or {@code null} for the plain Shapley value
   * @param rng the only source of randomness; the result is a function of its state
   */
  public static SampledShares estimate(
      LargeCoalitionGame game, double[] weights, SamplingOptions options, RandomGenerator rng) {
    return estimate(game, weights, options, rng, OrderObserver.none());
  }

  /**
   * Estimates the (weighted) Shapley value and shows every drawn order to {@code observer}.
   *
   * @param weights {@code λ_i > 0} per player, or {@code null} for the plain Shapley value
   * @param rng the only source of randomness; the result is a function of its state
   */
  public static SampledShares estimate(
      LargeCoalitionGame game,
      double[] weights,
      SamplingOptions options,
      RandomGenerator rng,
      OrderObserver observer) {
    return estimate(game, weights, options, rng, observer, null);
  }

  /**
   * Estimates the (weighted) Shapley value with a control variate: the observation of an order is
   * {@code Δ_i − Δ'_i}, its mean plus {@code φ'_i} the estimate, and the standard error combines
   * both in quadrature (see {@link ControlVariate}). {@code observer} sees the true marginals
   * {@code Δ}.
   *
   * @param weights {@code λ_i > 0} per player, or {@code null} for the plain Shapley value
   * @param rng the only source of randomness; the result is a function of its state
   * @param controlVariate the cheap game and its value, or {@code null} for plain sampling
   */
  public static SampledShares estimate(
      LargeCoalitionGame game,
      double[] weights,
      SamplingOptions options,
      RandomGenerator rng,
      OrderObserver observer,
      ControlVariate controlVariate) {
    int n = game.players();
    BitSet all = new BitSet(n);
    all.set(0, n);
    double grandValue = n == 0 ? 0 : game.value(all);
    BitSet coalition = new BitSet(n);
    MarginalGame walked =
        new MarginalGame() {
          @Override
          public int players() {
            return n;
          }

          @Override
          public void marginals(int[] order, double[] marginal) {
            SampledShapley.marginals(game, order, coalition, grandValue, marginal);
          }
        };
    return estimate(walked, weights, options, rng, observer, controlVariate);
  }

  /**
   * Estimates the (weighted) Shapley value of a game that computes whole orders of marginal
   * contributions at once.
   *
   * @param weights {@code λ_i > 0} per player, or {@code null} for the plain Shapley value
   * @param rng the only source of randomness; the result is a function of its state
   */
  public static SampledShares estimate(
      MarginalGame game, double[] weights, SamplingOptions options, RandomGenerator rng) {
    return run(game.players(), game::marginals, weights, options, rng, null);
  }

  /**
   * Estimates the (weighted) Shapley value of a game that computes whole orders of marginal
   * contributions at once (e.g. walking the prefixes of an order on one incremental model), with an
   * optional control variate as in {@link #estimate(LargeCoalitionGame, double[], SamplingOptions,
   * RandomGenerator, OrderObserver, ControlVariate)}; {@code observer} sees the true marginals.
   *
   * @param weights {@code λ_i > 0} per player, or {@code null} for the plain Shapley value
   * @param rng the only source of randomness; the result is a function of its state
   * @param controlVariate the cheap game and its value, or {@code null} for plain sampling
   */
  public static SampledShares estimate(
      MarginalGame game,
      double[] weights,
      SamplingOptions options,
      RandomGenerator rng,
      OrderObserver observer,
      ControlVariate controlVariate) {
    Objects.requireNonNull(observer, "observer");
    int n = game.players();
    if (controlVariate != null && controlVariate.game().players() != n) {
      throw new IllegalArgumentException(
          "the control variate has "
              + controlVariate.game().players()
              + " players, the game "
              + n
              + ".");
    }
    double[] cheap = new double[n];
    Marginals marginals =
        (order, marginal) -> {
          game.marginals(order, marginal);
          observer.order(order, marginal);
          if (controlVariate != null) {
            controlVariate.game().marginals(order, cheap);
            for (int i = 0; i < n; i++) {
              marginal[i] -= cheap[i];
            }
          }
        };
    return run(n, marginals, weights, options, rng, controlVariate);
  }

  /** Fills the per-player observation of one order. */
  @FunctionalInterface
  private interface Marginals {
    void of(int[] order, double[] marginal);
  }

  private static SampledShares run(
      int n,
      Marginals marginals,
      double[] weights,
      SamplingOptions options,
      RandomGenerator rng,
      ControlVariate controlVariate) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(rng, "rng");
    double[] lambda = GameChecks.checkedWeights(weights, n);
    int ordersPerDraw = options.ordersPerDraw();
    long minDraws = options.minDraws();
    long maxDraws = options.maxDraws();
    double[] offset = controlVariate == null ? new double[n] : controlVariate.shares();
    double[] offsetVariance = new double[n];
    if (controlVariate != null) {
      for (int i = 0; i < n; i++) {
        offsetVariance[i] = controlVariate.standardError()[i] * controlVariate.standardError()[i];
      }
    }

    double[] uniforms = new double[n];
    double[] keys = new double[n];
    int[] order = new int[n];
    int[] buffer = new int[n];
    double[] observation = new double[n];
    double[] marginal = new double[n];
    double[] mean = new double[n];
    double[] sumSquares = new double[n];
    long draws = 0;
    boolean converged = false;
    while (draws < maxDraws) {
      Arrays.fill(observation, 0);
      nextUniforms(rng, uniforms);
      for (int pass = 0; pass < ordersPerDraw; pass++) {
        drawOrder(pass, uniforms, lambda, keys, order, buffer);
        marginals.of(order, marginal);
        for (int i = 0; i < n; i++) {
          observation[i] += marginal[i];
        }
      }
      draws++;
      for (int i = 0; i < n; i++) {
        observe(observation[i] / ordersPerDraw, i, draws, mean, sumSquares);
      }
      if (draws >= minDraws
          && halfWidthsWithinTolerance(mean, sumSquares, draws, offset, offsetVariance, options)) {
        converged = true;
        break;
      }
    }
    double[] estimate = new double[n];
    for (int i = 0; i < n; i++) {
      estimate[i] = mean[i] + offset[i];
    }
    long orders = draws * ordersPerDraw;
    LOG.debug(
        "sampled {} orders for {} players, converged={}, control variate: {}",
        orders,
        n,
        converged,
        controlVariate != null);
    return shares(estimate, sumSquares, draws, offsetVariance, orders, converged);
  }

  /**
   * Adds draw number {@code draws} (1-based) of player {@code i}'s observation {@code x} to its
   * running mean and sum of squared deviations (Welford).
   */
  static void observe(double x, int i, long draws, double[] mean, double[] sumSquares) {
    double delta = x - mean[i];
    mean[i] += delta / draws;
    sumSquares[i] += delta * (x - mean[i]);
  }

  /**
   * The uniforms {@code u_j} in [0, 1) of one draw, one per player, from which {@link #drawOrder}
   * makes its orders.
   */
  static void nextUniforms(RandomGenerator rng, double[] uniforms) {
    for (int j = 0; j < uniforms.length; j++) {
      uniforms[j] = rng.nextDouble();
    }
  }

  /**
   * The {@code pass}-th order of a draw (0, then the antithetic 1): players sorted by the keys
   * {@code ln(u_j)/λ_j} of the draw's uniforms, {@code 1 − u_j} in the first pass ((0, 1]) and
   * {@code u_j} in the second ([0, 1)).
   */
  static void drawOrder(
      int pass, double[] uniforms, double[] lambda, double[] keys, int[] order, int[] buffer) {
    for (int j = 0; j < uniforms.length; j++) {
      double u = pass == 0 ? 1 - uniforms[j] : uniforms[j];
      keys[j] = Math.log(u) / lambda[j];
    }
    sortByKey(order, buffer, keys);
  }

  /** The estimate with its standard errors and 95 % intervals. */
  static SampledShares shares(
      double[] estimate,
      double[] sumSquares,
      long draws,
      double[] offsetVariance,
      long orders,
      boolean converged) {
    int n = estimate.length;
    double[] standardError = new double[n];
    double[] lower = new double[n];
    double[] upper = new double[n];
    for (int i = 0; i < n; i++) {
      standardError[i] = standardError(sumSquares[i], draws, offsetVariance[i]);
      lower[i] = estimate[i] - Z95 * standardError[i];
      upper[i] = estimate[i] + Z95 * standardError[i];
    }
    return new SampledShares(estimate, standardError, lower, upper, orders, converged);
  }

  /** Each player's marginal contribution along {@code order} (first to last) into {@code sums}. */
  private static void marginals(
      LargeCoalitionGame game, int[] order, BitSet coalition, double grandValue, double[] sums) {
    Arrays.fill(sums, 0);
    int n = order.length;
    coalition.clear();
    double previous = 0; // v(∅)
    for (int k = 0; k < n - 1; k++) {
      coalition.set(order[k]);
      double value = game.value(coalition);
      sums[order[k]] += value - previous;
      previous = value;
    }
    if (n > 0) {
      sums[order[n - 1]] += grandValue - previous;
    }
  }

  static boolean halfWidthsWithinTolerance(
      double[] mean,
      double[] sumSquares,
      long draws,
      double[] offset,
      double[] offsetVariance,
      SamplingOptions options) {
    double allowed = allowedHalfWidth(mean, offset, options);
    for (int i = 0; i < mean.length; i++) {
      if (Z95 * standardError(sumSquares[i], draws, offsetVariance[i]) > allowed) {
        return false;
      }
    }
    return true;
  }

  /**
   * The half-width the stopping rule allows for an estimate {@code mean + offset}: {@code
   * max(relativeTolerance · mean_i |φ_i|, gainTolerance · |Σ_i φ_i|, absoluteTolerance)}.
   */
  static double allowedHalfWidth(double[] mean, double[] offset, SamplingOptions options) {
    double meanAbs = 0;
    double total = 0;
    for (int i = 0; i < mean.length; i++) {
      meanAbs += Math.abs(mean[i] + offset[i]);
      total += mean[i] + offset[i];
    }
    meanAbs /= Math.max(1, mean.length);
    return Math.max(
        Math.max(options.relativeTolerance() * meanAbs, options.gainTolerance() * Math.abs(total)),
        options.absoluteTolerance());
  }

  /** The half-width the stopping rule allows for {@code shares} (see {@link SamplingOptions}). */
  public static double allowedHalfWidth(double[] shares, SamplingOptions options) {
    return allowedHalfWidth(shares, new double[shares.length], options);
  }

  private static double standardError(double sumSquares, long draws, double offsetVariance) {
    return draws < 2
        ? Double.POSITIVE_INFINITY
        : Math.sqrt(sumSquares / (draws - 1) / draws + offsetVariance);
  }

  /** Stable merge sort of player indices by increasing key; no allocation. */
  static void sortByKey(int[] order, int[] buffer, double[] keys) {
    int n = order.length;
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    int[] from = order;
    int[] to = buffer;
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(lo + width, n);
        int hi = Math.min(lo + 2 * width, n);
        int a = lo;
        int b = mid;
        for (int k = lo; k < hi; k++) {
          if (a < mid && (b >= hi || keys[from[a]] <= keys[from[b]])) {
            to[k] = from[a++];
          } else {
            to[k] = from[b++];
          }
        }
      }
      int[] swap = from;
      from = to;
      to = swap;
    }
    if (from != order) {
      System.arraycopy(from, 0, order, 0, n);
    }
  }
}
