package org.equigrid.market.game;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Sampled (weighted) Shapley values with control variates whose coefficients are fitted per player
 * as the sampling goes, and the orders walked in batches: the sampled settlement's estimator. The
 * orders, the antithetic pairs and the stopping rule are {@link SampledShapley}'s.
 */
public final class FittedControls {

  private static final Logger LOG = LogManager.getLogger();

  private FittedControls() {}

  /**
   * Estimates the (weighted) Shapley value with control variates whose coefficients are fitted per
   * player as the sampling goes. Draw {@code d} (an antithetic pair) observes
   *
   * <pre>x_i = Δ_i − Σ_c β_ic·(Δ'_ic − φ'_ic) + (1/n)·Σ_j Σ_c β_jc·(Δ'_jc − φ'_jc)</pre>
   *
   * <p>where {@code β_ic} is the least-squares coefficient of {@code Δ_i} on the controls'
   * marginals {@code Δ'_ic} over the draws before {@code d} (0 for the first {@value
   * #FIT_WARMUP_DRAWS} draws). The coefficients are fixed before a draw is made, so each
   * observation has mean {@code φ_i} given the past (the controls' {@code φ'} being unbiased and
   * independent of the orders): the estimate is unbiased. The last term gives back to the players,
   * equally, what the per-player coefficients take from the order's total, so every observation
   * still sums to {@code v(N)}. The standard error is the observations' own plus each control's
   * {@code β_ic·SE'_ic} in quadrature (final coefficients).
   *
   * <p><b>Batches.</b> The orders are drawn and handed to {@code game} in batches ({@link
   * MarginalGame#marginals(int[][], double[][])}, which may walk them in parallel): first the
   * {@code minOrders}, then {@value #BATCH_DRAWS} draws at a time. The stopping rule is checked
   * between batches only, so the orders used, and the result, are a function of the seed alone,
   * whatever the number of threads behind {@code game}.
   *
   * @param weights {@code λ_i > 0} per player, or {@code null} for the plain Shapley value
   * @param rng the only source of randomness; the result is a function of its state
   * @param controls cheap games with their (sampled) values, same players; may be empty
   */
  public static SampledShares estimate(
      MarginalGame game,
      double[] weights,
      SamplingOptions options,
      RandomGenerator rng,
      OrderObserver observer,
      List<ControlVariate> controls) {
    Objects.requireNonNull(controls, "controls");
    return estimate(game, weights, options, rng, observer, () -> controls);
  }

  /**
   * As {@link #estimate(MarginalGame, double[], SamplingOptions, RandomGenerator, OrderObserver,
   * List)}, with the control variates asked for once, after the first batch's marginals are
   * computed (so they can be sampled while that batch is walked).
   */
  public static SampledShares estimate(
      MarginalGame game,
      double[] weights,
      SamplingOptions options,
      RandomGenerator rng,
      OrderObserver observer,
      Supplier<List<ControlVariate>> controlSupplier) {
    Objects.requireNonNull(observer, "observer");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(rng, "rng");
    Objects.requireNonNull(controlSupplier, "controlSupplier");
    int n = game.players();
    double[] lambda = GameChecks.checkedWeights(weights, n);
    int ordersPerDraw = options.ordersPerDraw();
    long minDraws = options.minDraws();
    long maxDraws = options.maxDraws();
    double[] uniforms = new double[n];
    double[] keys = new double[n];
    int[] buffer = new int[n];
    double[] cheap = new double[n];
    double[] y = new double[n];
    List<ControlVariate> controls = null;
    int k = 0;
    double[][] x = null;
    double[][] beta = null;
    RegressionMoments[] moments = null;
    double[] mean = new double[n];
    double[] sumSquares = new double[n];
    double[] offsetVariance = new double[n];
    double[] noOffset = new double[n];
    long draws = 0;
    boolean converged = false;
    while (draws < maxDraws) {
      int batch =
          (int) Math.min(maxDraws - draws, draws < minDraws ? minDraws - draws : BATCH_DRAWS);
      int[][] orders = new int[batch * ordersPerDraw][n];
      double[][] marginals = new double[orders.length][n];
      for (int b = 0; b < batch; b++) {
        SampledShapley.nextUniforms(rng, uniforms);
        for (int pass = 0; pass < ordersPerDraw; pass++) {
          SampledShapley.drawOrder(
              pass, uniforms, lambda, keys, orders[b * ordersPerDraw + pass], buffer);
        }
      }
      game.marginals(orders, marginals);
      if (controls == null) {
        controls = List.copyOf(controlSupplier.get());
        k = controls.size();
        for (ControlVariate control : controls) {
          if (control.game().players() != n) {
            throw new IllegalArgumentException(
                "a control variate has "
                    + control.game().players()
                    + " players, the game "
                    + n
                    + ".");
          }
        }
        x = new double[k][n];
        beta = new double[n][k];
        moments = new RegressionMoments[n];
        for (int i = 0; i < n; i++) {
          moments[i] = new RegressionMoments(k);
        }
      }
      for (int b = 0; b < batch; b++) {
        Arrays.fill(y, 0);
        for (double[] row : x) {
          Arrays.fill(row, 0);
        }
        for (int pass = 0; pass < ordersPerDraw; pass++) {
          int[] order = orders[b * ordersPerDraw + pass];
          double[] marginal = marginals[b * ordersPerDraw + pass];
          observer.order(order, marginal);
          for (int i = 0; i < n; i++) {
            y[i] += marginal[i] / ordersPerDraw;
          }
          for (int c = 0; c < k; c++) {
            controls.get(c).game().marginals(order, cheap);
            for (int i = 0; i < n; i++) {
              x[c][i] += cheap[i] / ordersPerDraw;
            }
          }
        }
        if (draws >= FIT_WARMUP_DRAWS) {
          for (int i = 0; i < n; i++) {
            moments[i].coefficients(beta[i]);
          }
        }
        double given = 0;
        double[] observation = new double[n];
        for (int i = 0; i < n; i++) {
          double taken = 0;
          for (int c = 0; c < k; c++) {
            taken += beta[i][c] * (x[c][i] - controls.get(c).shares()[i]);
          }
          observation[i] = y[i] - taken;
          given += taken;
        }
        draws++;
        for (int i = 0; i < n; i++) {
          SampledShapley.observe(observation[i] + given / n, i, draws, mean, sumSquares);
          moments[i].add(y[i], x, i);
        }
      }
      if (draws >= minDraws) {
        controlVariance(beta, controls, offsetVariance);
        if (SampledShapley.halfWidthsWithinTolerance(
            mean, sumSquares, draws, noOffset, offsetVariance, options)) {
          converged = true;
          break;
        }
      }
    }
    if (controls == null) {
      controls = List.of();
      beta = new double[n][0];
    }
    controlVariance(beta, controls, offsetVariance);
    long orders = draws * ordersPerDraw;
    LOG.debug(
        "sampled {} orders for {} players with {} fitted control variates, converged={}",
        orders,
        n,
        k,
        converged);
    return SampledShapley.shares(
        mean.clone(), sumSquares, draws, offsetVariance, orders, converged);
  }

  /** Draws (antithetic pairs) per batch after the first, which holds the {@code minOrders}. */
  public static final int BATCH_DRAWS = 8;

  /** Draws with all coefficients 0 before the first fit. */
  static final int FIT_WARMUP_DRAWS = 10;

  /**
   * {@code Σ_c β_ic² SE'_ic² + (1/n²) Σ_j Σ_c β_jc² SE'_jc²}: the controls' own error, covariances
   * left out.
   */
  private static void controlVariance(
      double[][] beta, List<ControlVariate> controls, double[] variance) {
    int n = variance.length;
    double shared = 0;
    for (int i = 0; i < n; i++) {
      variance[i] = 0;
      for (int c = 0; c < controls.size(); c++) {
        double se = beta[i][c] * controls.get(c).standardError()[i];
        variance[i] += se * se;
      }
      shared += variance[i];
    }
    for (int i = 0; i < n; i++) {
      variance[i] += shared / ((double) n * n);
    }
  }

  /**
   * Running means and co-moments of one player's marginal {@code y} and the controls' {@code x_c},
   * for the least-squares coefficients of {@code y} on {@code x}.
   */
  static final class RegressionMoments {
    /** Ridge on the diagonal, relative to its mean, so that a constant control gives 0. */
    private static final double RIDGE = 1e-9;

    private final int k;
    private final double[] meanX;
    private double meanY;
    private final double[][] xx;
    private final double[] xy;
    private long count;

    RegressionMoments(int k) {
      this.k = k;
      this.meanX = new double[k];
      this.xx = new double[k][k];
      this.xy = new double[k];
    }

    void add(double y, double[][] x, int player) {
      count++;
      double[] dx = new double[k];
      for (int c = 0; c < k; c++) {
        dx[c] = x[c][player] - meanX[c];
      }
      double dy = y - meanY;
      meanY += dy / count;
      for (int c = 0; c < k; c++) {
        meanX[c] += dx[c] / count;
      }
      // Welford co-moments: (x − old mean)(y − new mean)
      for (int a = 0; a < k; a++) {
        for (int b = 0; b < k; b++) {
          xx[a][b] += dx[a] * (x[b][player] - meanX[b]);
        }
        xy[a] += dx[a] * (y - meanY);
      }
    }

    /** The least-squares coefficients into {@code beta} (0 where undetermined). */
    void coefficients(double[] beta) {
      double[][] a = new double[k][k + 1];
      double trace = 0;
      for (int c = 0; c < k; c++) {
        trace += xx[c][c];
      }
      double ridge = RIDGE * trace / Math.max(1, k) + Double.MIN_NORMAL;
      for (int r = 0; r < k; r++) {
        for (int c = 0; c < k; c++) {
          a[r][c] = xx[r][c] + (r == c ? ridge : 0);
        }
        a[r][k] = xy[r];
      }
      for (int p = 0; p < k; p++) { // Gaussian elimination with partial pivoting
        int best = p;
        for (int r = p + 1; r < k; r++) {
          if (Math.abs(a[r][p]) > Math.abs(a[best][p])) {
            best = r;
          }
        }
        double[] swap = a[p];
        a[p] = a[best];
        a[best] = swap;
        if (!(Math.abs(a[p][p]) > 0)) {
          Arrays.fill(beta, 0);
          return;
        }
        for (int r = p + 1; r < k; r++) {
          double f = a[r][p] / a[p][p];
          for (int c = p; c <= k; c++) {
            a[r][c] -= f * a[p][c];
          }
        }
      }
      for (int r = k - 1; r >= 0; r--) {
        double sum = a[r][k];
        for (int c = r + 1; c < k; c++) {
          sum -= a[r][c] * beta[c];
        }
        beta[r] = sum / a[r][r];
        if (!Double.isFinite(beta[r])) {
          Arrays.fill(beta, 0);
          return;
        }
      }
    }
  }
}
