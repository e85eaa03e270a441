package org.equigrid.config.profile;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Deterministic sub-seeds: one run seed becomes independent streams per purpose, household and day,
 * so a profile does not change when another part of the scenario does.
 */
public final class Seeds {
  private static final RandomGeneratorFactory<RandomGenerator> FACTORY =
      RandomGeneratorFactory.of("L64X128MixRandom");
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private Seeds() {}

  /**
   * A sub-seed for {@code stream} (e.g. {@code "load:h001"}) and optional indices (e.g. the day).
   */
  public static long derive(long seed, String stream, long... indices) {
    long h = mix(seed + GOLDEN);
    h = mix(h ^ (stream.hashCode() * GOLDEN));
    for (long index : indices) {
      h = mix(h + GOLDEN * (index + 1));
    }
    return h;
  }

  /** The project's generator for a (sub-)seed. */
  public static RandomGenerator generator(long seed) {
    return FACTORY.create(seed);
  }

  /** SplitMix64's finaliser. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A Beta(a, b) draw from two Gamma draws. */
  static double beta(RandomGenerator rng, double a, double b) {
    double x = gamma(rng, a);
    double y = gamma(rng, b);
    return x / (x + y);
  }

  /** Marsaglia and Tsang's Gamma(shape, 1) sampler. */
  static double gamma(RandomGenerator rng, double shape) {
    if (shape < 1) {
      double u = rng.nextDouble();
      return gamma(rng, shape + 1) * Math.pow(u, 1 / shape);
    }
    double d = shape - 1.0 / 3.0;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = rng.nextGaussian();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = rng.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return d * v;
      }
    }
  }
}
