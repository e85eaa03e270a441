package org.equigrid.market.game;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/** Textbook and seeded random games for the tests. */
final class TestGames {

  private TestGames() {}

  static RandomGenerator rng(long seed) {
    return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
  }

  static TabularGame of(int n, java.util.function.LongToDoubleFunction v) {
    double[] values = new double[1 << n];
    for (int mask = 1; mask < values.length; mask++) {
      values[mask] = v.applyAsDouble(mask);
    }
    return TabularGame.of(n, values);
  }

  /** Uniform random values in [0, 10) for every nonempty coalition. */
  static TabularGame random(int n, long seed) {
    RandomGenerator rng = rng(seed);
    return of(n, mask -> 10 * rng.nextDouble());
  }

  /** A random superadditive-ish savings game: sum of random nonnegative dividends. */
  static TabularGame randomConvex(int n, long seed) {
    RandomGenerator rng = rng(seed);
    double[] dividends = new double[1 << n];
    for (int mask = 1; mask < dividends.length; mask++) {
      dividends[mask] = Integer.bitCount(mask) == 1 ? 0 : rng.nextDouble();
    }
    return of(
        n,
        mask -> {
          double sum = 0;
          for (long t = mask; t != 0; t = (t - 1) & mask) {
            sum += dividends[(int) t];
          }
          return sum;
        });
  }

  /** One left glove (player 0), {@code right} right gloves; a pair is worth 1. */
  static TabularGame glove(int right) {
    return of(1 + right, mask -> (mask & 1) != 0 ? Math.min(1, Long.bitCount(mask >> 1)) : 0);
  }

  /** Bankruptcy game {@code v(S) = max(0, E − Σ_{j∉S} d_j)}. */
  static TabularGame bankruptcy(double estate, double... claims) {
    int n = claims.length;
    return of(
        n,
        mask -> {
          double outside = 0;
          for (int j = 0; j < n; j++) {
            if ((mask >> j & 1) == 0) {
              outside += claims[j];
            }
          }
          return Math.max(0, estate - outside);
        });
  }

  /** Airport cost game {@code c(S) = max_{i∈S} c_i}. */
  static TabularGame airport(double... costs) {
    return of(
        costs.length,
        mask -> {
          double max = 0;
          for (int j = 0; j < costs.length; j++) {
            if ((mask >> j & 1) != 0) {
              max = Math.max(max, costs[j]);
            }
          }
          return max;
        });
  }

  /** Unanimity game {@code u_T}: 1 if {@code T ⊆ S}. */
  static TabularGame unanimity(int n, long carrier) {
    return of(n, mask -> (mask & carrier) == carrier ? 1 : 0);
  }

  /** Simple majority: 1 if {@code |S| > n/2}. */
  static TabularGame majority(int n) {
    return of(n, mask -> 2 * Long.bitCount(mask) > n ? 1 : 0);
  }

  static double sum(double[] x) {
    double s = 0;
    for (double xi : x) {
      s += xi;
    }
    return s;
  }
}
