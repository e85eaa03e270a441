package org.equigrid.market.settlement;

/**
 * How far the types method is from the sampled household shares on one day where both run.
 *
 * @param households {@code n}
 * @param typeCount {@code K}
 * @param meanAbsDifferenceEur {@code mean_i |φ_i(types) − φ_i(sampled)|}
 * @param meanAbsShareEur {@code mean_i |φ_i(sampled)|}
 * @param relativeError {@code meanAbsDifferenceEur / meanAbsShareEur}: the approximation error
 * @param samplingNoiseRelative {@code mean_i SE_i(sampled) / meanAbsShareEur}: the part of the
 *     error the sampled reference itself explains (about {@code 0.8 ·} this for pure noise)
 * @param types settled by types
 * @param sampled settled by sampling
 */
public record TypeApproximation(
    int households,
    int typeCount,
    double meanAbsDifferenceEur,
    double meanAbsShareEur,
    double relativeError,
    double samplingNoiseRelative,
    DaySettlement types,
    DaySettlement sampled) {

  /** Compares two settlements of the same day. */
  public static TypeApproximation of(DaySettlement types, DaySettlement sampled) {
    int n = sampled.shareEur().length;
    if (types.shareEur().length != n) {
      throw new IllegalArgumentException(
          "settlements of different communities ("
              + types.shareEur().length
              + " and "
              + n
              + " households)");
    }
    double difference = 0;
    double absolute = 0;
    double noise = 0;
    for (int i = 0; i < n; i++) {
      difference += Math.abs(types.shareEur()[i] - sampled.shareEur()[i]) / n;
      absolute += Math.abs(sampled.shareEur()[i]) / n;
      noise += sampled.standardErrorEur()[i] / n;
    }
    double scale = Math.max(absolute, 1e-12);
    return new TypeApproximation(
        n, types.types(), difference, absolute, difference / scale, noise / scale, types, sampled);
  }
}
