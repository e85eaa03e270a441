package org.equigrid.market.game;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A cheap game {@code v'} that moves with the expensive one, and its (weighted) Shapley value
 * {@code φ'}: the sampler then estimates {@code φ_i = φ'_i + E[Δ_i(π) − Δ'_i(π)]} over random
 * orders {@code π}, where {@code Δ} and {@code Δ'} are the two games' marginal contributions along
 * the same order. Unbiased whatever {@code v'} is; the closer {@code v'} follows {@code v}, the
 * smaller the variance of the difference and the fewer expensive orders are needed.
 *
 * @param game the cheap game, same players as the sampled one
 * @param shares {@code φ'_i}, exact or estimated (with the same weights as the sampled value)
 * @param standardError standard error of each {@code φ'_i} (0 when exact); it adds in quadrature to
 *     the sampler's own
 * @param orders orders sampled to estimate {@code φ'} (0 when exact)
 */
public record ControlVariate(
    MarginalGame game, double[] shares, double[] standardError, long orders) {

  public ControlVariate {
    Objects.requireNonNull(game, "game");
    int n = game.players();
    if (shares.length != n || standardError.length != n) {
      throw new IllegalArgumentException(
          "shares ("
              + shares.length
              + ") and standardError ("
              + standardError.length
              + ") need one entry per player of the game ("
              + n
              + ").");
    }
    if (orders < 0) {
      throw new IllegalArgumentException("orders (" + orders + ") must be >= 0.");
    }
    shares = shares.clone();
    standardError = standardError.clone();
  }

  /**
   * Estimates the cheap game's (weighted) Shapley value by sampling it, under {@code options}.
   *
   * @param weights {@code λ_i > 0} per player, or {@code null} for the plain Shapley value
   */
  public static ControlVariate sampled(
      MarginalGame game, double[] weights, SamplingOptions options, RandomGenerator rng) {
    SampledShares shares = SampledShapley.estimate(game, weights, options, rng);
    return new ControlVariate(game, shares.mean(), shares.standardError(), shares.orders());
  }
}
