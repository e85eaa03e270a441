package org.equigrid.agents.household;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

class BatteryProgrammeTest {

  @Test
  void solve_randomSmallBatteries_matchesExhaustiveEnumeration() {
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(42);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + rng.nextInt(5);
      int[] inCost = new int[n];
      int[] outGain = new int[n];
      for (int t = 0; t < n; t++) {
        inCost[t] = rng.nextInt(-5, 30);
        outGain[t] = rng.nextInt(-5, 30);
      }
      int maxIn = 1 + rng.nextInt(3);
      int maxOut = 1 + rng.nextInt(3);
      int lo = rng.nextInt(3);
      int hi = lo + rng.nextInt(5);
      int start = rng.nextInt(lo, hi + 1);

      int[] flows = BatteryProgramme.solve(inCost, outGain, maxIn, maxOut, lo, hi, start);

      long best = exhaustive(inCost, outGain, maxIn, maxOut, lo, hi, start, 0, start);
      assertThat(flows).as("trial %d", trial).isNotNull();
      int level = start;
      for (int f : flows) {
        assertThat(f).isBetween(-maxOut, maxIn);
        level += f;
        assertThat(level).isBetween(lo, hi);
      }
      assertThat(level).isGreaterThanOrEqualTo(start);
      assertThat(cost(flows, inCost, outGain)).as("trial %d", trial).isEqualTo(best);
    }
  }

  @Test
  void solve_startOutsideTheBounds_isInfeasible() {
    assertThat(BatteryProgramme.solve(new int[] {1}, new int[] {1}, 1, 1, 2, 5, 1)).isNull();
  }

  private static long cost(int[] flows, int[] inCost, int[] outGain) {
    long c = 0;
    for (int t = 0; t < flows.length; t++) {
      c += flows[t] > 0 ? (long) inCost[t] * flows[t] : (long) outGain[t] * flows[t];
    }
    return c;
  }

  private static long exhaustive(
      int[] inCost,
      int[] outGain,
      int maxIn,
      int maxOut,
      int lo,
      int hi,
      int start,
      int t,
      int level) {
    if (t == inCost.length) {
      return level >= start ? 0 : Long.MAX_VALUE;
    }
    long best = Long.MAX_VALUE;
    for (int f = -maxOut; f <= maxIn; f++) {
      if (level + f < lo || level + f > hi) {
        continue;
      }
      long rest = exhaustive(inCost, outGain, maxIn, maxOut, lo, hi, start, t + 1, level + f);
      if (rest != Long.MAX_VALUE) {
        best = Math.min(best, rest + (f > 0 ? (long) inCost[t] * f : (long) outGain[t] * f));
      }
    }
    return best;
  }
}
