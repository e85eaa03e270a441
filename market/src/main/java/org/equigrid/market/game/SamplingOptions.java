package org.equigrid.market.game;

/**
 * When {@link SampledShapley} stops: as soon as every participant's 95 % half-width is at most
 * {@code max(relativeTolerance · mean_i |φ_i|, gainTolerance · |v(N)|, absoluteTolerance)} (after
 * at least {@code minOrders} orders), or after {@code maxOrders} orders. {@code v(N)} is the sum of
 * the estimate (every order's marginals sum to it). The sampler that walks orders in batches
 * ({@link FittedControls#estimate}) checks the rule only between batches.
 *
 * @param relativeTolerance half-width relative to the mean absolute share, {@code >= 0}
 * @param absoluteTolerance half-width floor in the game's unit (EUR for savings), {@code >= 0}
 * @param minOrders orders sampled before the stopping rule is checked, {@code >= 4}
 * @param maxOrders hard limit, {@code >= minOrders}
 * @param antithetic sample orders in antithetic pairs (see {@link SampledShapley})
 * @param gainTolerance half-width relative to {@code |v(N)|} (the scenario's {@code
 *     settlement.tolerance}), {@code >= 0}
 */
public record SamplingOptions(
    double relativeTolerance,
    double absoluteTolerance,
    long minOrders,
    long maxOrders,
    boolean antithetic,
    double gainTolerance) {

  public SamplingOptions {
    if (!(relativeTolerance >= 0) || !(absoluteTolerance >= 0) || !(gainTolerance >= 0)) {
      throw new IllegalArgumentException(
          "relativeTolerance ("
              + relativeTolerance
              + "), absoluteTolerance ("
              + absoluteTolerance
              + ") and gainTolerance ("
              + gainTolerance
              + ") must be >= 0.");
    }
    if (minOrders < 4) {
      throw new IllegalArgumentException(
          "minOrders (" + minOrders + ") must be >= 4 to estimate a standard error.");
    }
    if (maxOrders < minOrders) {
      throw new IllegalArgumentException(
          "maxOrders (" + maxOrders + ") must be >= minOrders (" + minOrders + ").");
    }
  }

  /** A rule without a tolerance relative to {@code v(N)}. */
  public SamplingOptions(
      double relativeTolerance,
      double absoluteTolerance,
      long minOrders,
      long maxOrders,
      boolean antithetic) {
    this(relativeTolerance, absoluteTolerance, minOrders, maxOrders, antithetic, 0.0);
  }

  /** 1 % relative, 1e-6 absolute, 100 to 100,000 antithetic orders. */
  public static SamplingOptions defaults() {
    return new SamplingOptions(0.01, 1e-6, 100, 100_000, true);
  }

  /** Exactly {@code orders} antithetic orders (the stopping rule never fires). */
  public static SamplingOptions fixedOrders(long orders) {
    return new SamplingOptions(0, 0, orders, orders, true);
  }

  /**
   * This rule with a tolerance relative to {@code |v(N)|} and another cap (at least {@code
   * minOrders}).
   */
  public SamplingOptions withGainTolerance(double newGainTolerance, long newMaxOrders) {
    return new SamplingOptions(
        relativeTolerance,
        absoluteTolerance,
        minOrders,
        Math.max(minOrders, newMaxOrders),
        antithetic,
        newGainTolerance);
  }

  /**
   * This rule with its absolute tolerance raised to {@code gainTolerance · scaleEur} where that is
   * larger: the half-width allowed is then at least that share of {@code scaleEur}, e.g. the
   * cost-minimising gain of a day whose weighted dispatch shares out less ({@code
   * settlement.Settlement}). Unchanged for a scale that is not positive.
   */
  public SamplingOptions withGainFloor(double scaleEur) {
    double floor = scaleEur > 0 ? gainTolerance * scaleEur : 0;
    return floor <= absoluteTolerance
        ? this
        : new SamplingOptions(
            relativeTolerance, floor, minOrders, maxOrders, antithetic, gainTolerance);
  }

  /** Orders per draw: 2 (an antithetic pair, which shares its uniforms) or 1. */
  public int ordersPerDraw() {
    return antithetic ? 2 : 1;
  }

  /** Draws before the stopping rule is first checked: {@code minOrders} in draws, at least 2. */
  public long minDraws() {
    long perDraw = ordersPerDraw();
    return Math.max(2, (minOrders + perDraw - 1) / perDraw);
  }

  /** The most draws: {@code maxOrders} in draws, at least {@link #minDraws()}. */
  public long maxDraws() {
    return Math.max(minDraws(), maxOrders / ordersPerDraw());
  }
}
