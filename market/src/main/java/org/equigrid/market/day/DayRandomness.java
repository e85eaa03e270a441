package org.equigrid.market.day;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * The randomness of a run, one generator per trading day: the run's seed makes one {@code
 * L64X128MixRandom} generator, split once per day in day order. Every path that runs days (the
 * in-process runner, the agents' market) takes its days' generators from here, so they agree byte
 * for byte. Not thread-safe.
 */
public final class DayRandomness {

  /** The algorithm of the run's generator (Java 17 {@code RandomGeneratorFactory}). */
  public static final String ALGORITHM = "L64X128MixRandom";

  private final RandomGenerator.SplittableGenerator root;
  private final List<RandomGenerator> days = new ArrayList<>();

  public DayRandomness(long seed) {
    this.root =
        (RandomGenerator.SplittableGenerator) RandomGeneratorFactory.of(ALGORITHM).create(seed);
  }

  /** The generator of day {@code day} (0-based); the same object on every call for that day. */
  public RandomGenerator forDay(int day) {
    if (day < 0) {
      throw new IllegalArgumentException("day (" + day + ") must be >= 0");
    }
    while (days.size() <= day) {
      days.add(root.split());
    }
    return days.get(day);
  }
}
