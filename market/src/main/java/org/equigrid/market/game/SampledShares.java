package org.equigrid.market.game;

/**
 * A sampled (weighted) Shapley value with its uncertainty, one entry per player.
 *
 * @param mean the estimate {@code φ_i}; sums to {@code v(N)} up to rounding
 * @param standardError standard error of {@code mean[i]}
 * @param lower95 {@code mean − 1.96 · standardError}
 * @param upper95 {@code mean + 1.96 · standardError}
 * @param orders number of random orders sampled (antithetic partners included)
 * @param converged whether the stopping rule was met before the order limit
 */
public record SampledShares(
    double[] mean,
    double[] standardError,
    double[] lower95,
    double[] upper95,
    long orders,
    boolean converged) {

  public SampledShares {
    int n = mean.length;
    if (standardError.length != n || lower95.length != n || upper95.length != n) {
      throw new IllegalArgumentException("All arrays need one entry per player (" + n + ").");
    }
    if (orders < 0) {
      throw new IllegalArgumentException("orders (" + orders + ") must be >= 0.");
    }
  }

  /** The number of players. */
  public int players() {
    return mean.length;
  }

  /** The largest 95 % half-width over all players. */
  public double maxHalfWidth95() {
    double max = 0;
    for (int i = 0; i < mean.length; i++) {
      max = Math.max(max, (upper95[i] - lower95[i]) / 2);
    }
    return max;
  }
}
