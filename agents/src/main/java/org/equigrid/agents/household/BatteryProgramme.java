package org.equigrid.agents.household;

import java.util.Arrays;

/**
 * The exact optimum of a battery against known prices on an integer energy grid, by dynamic
 * programming over (interval, stored steps): each interval either stores {@code in} steps at {@code
 * inCost[t]} each or releases {@code out} steps for {@code outGain[t]} each, the stored level stays
 * in bounds, and the day ends at least at the level it started with. Ties go to the idle battery,
 * then to the smaller flow, so the result is deterministic.
 */
final class BatteryProgramme {

  private static final long INFEASIBLE = Long.MAX_VALUE / 4;

  private BatteryProgramme() {}

  /**
   * @return the flow of each interval in steps (positive: stored, negative: released), or null when
   *     no schedule is feasible
   */
  static int[] solve(
      int[] inCost, int[] outGain, int maxIn, int maxOut, int levelLo, int levelHi, int start) {
    int[] lo = new int[inCost.length];
    int[] hi = new int[inCost.length];
    Arrays.fill(lo, -maxOut);
    Arrays.fill(hi, maxIn);
    return solve(inCost, outGain, lo, hi, levelLo, levelHi, start);
  }

  /**
   * As {@link #solve(int[], int[], int, int, int, int, int)} with the flow of each interval limited
   * to {@code flowLo[t]..flowHi[t]} steps (negative: released).
   */
  static int[] solve(
      int[] inCost,
      int[] outGain,
      int[] flowLo,
      int[] flowHi,
      int levelLo,
      int levelHi,
      int start) {
    int n = inCost.length;
    int levels = levelHi - levelLo + 1;
    if (levels <= 0 || start < levelLo || start > levelHi) {
      return null;
    }
    long[] next = new long[levels];
    for (int s = 0; s < levels; s++) {
      next[s] = s + levelLo >= start ? 0 : INFEASIBLE;
    }
    int[][] choice = new int[n][levels];
    for (int t = n - 1; t >= 0; t--) {
      long[] value = new long[levels];
      for (int s = 0; s < levels; s++) {
        long best = INFEASIBLE;
        int bestFlow = 0;
        // Idle first, then growing flows either way: ties go to the idle battery, then the smaller
        // flow.
        for (int step = 0; step <= Math.max(flowHi[t], -flowLo[t]); step++) {
          if (step <= flowHi[t]
              && step >= flowLo[t]
              && s + step < levels
              && next[s + step] < INFEASIBLE) {
            long c = (long) inCost[t] * step + next[s + step];
            if (c < best) {
              best = c;
              bestFlow = step;
            }
          }
          if (step > 0
              && -step >= flowLo[t]
              && -step <= flowHi[t]
              && s - step >= 0
              && next[s - step] < INFEASIBLE) {
            long c = -(long) outGain[t] * step + next[s - step];
            if (c < best) {
              best = c;
              bestFlow = -step;
            }
          }
        }
        value[s] = best;
        choice[t][s] = bestFlow;
      }
      next = value;
    }
    int s = start - levelLo;
    if (next[s] >= INFEASIBLE) {
      return null;
    }
    int[] flows = new int[n];
    for (int t = 0; t < n; t++) {
      flows[t] = choice[t][s];
      s += flows[t];
    }
    return flows;
  }
}
