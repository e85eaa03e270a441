package org.equigrid.agents.learning.equity;

import java.util.ArrayDeque;
import java.util.Deque;
import org.equigrid.config.AdaptiveEquity.RewardIndex;

/**
 * The policy's view of a live run, one settled day after another: remembers the recent values of
 * the policy's reward index (for its moving average over the days it was defined) and turns each
 * day into the observation of {@link EquityEnvironment#observe}. The in-process adaptive run and
 * the JADE learner both use it, so the two compute the same observation from the same days.
 */
public final class DailyObservation {

  private final WeightMap map;
  private final RewardIndex index;
  private final int movingAverageDays;
  private final Deque<Double> recentIndex = new ArrayDeque<>();

  /**
   * @param index the policy's reward index
   * @param movingAverageDays days in the index's moving average (the policy's environment options)
   */
  public DailyObservation(WeightMap map, RewardIndex index, int movingAverageDays) {
    if (movingAverageDays < 1) {
      throw new IllegalArgumentException(
          "movingAverageDays (" + movingAverageDays + ") must be >= 1. Maybe you meant 7.");
    }
    this.map = map;
    this.index = index;
    this.movingAverageDays = movingAverageDays;
  }

  /** For a policy: its weight map and moving-average window. */
  public static DailyObservation of(EquityPolicy policy) {
    EquityEnvironmentOptions options = policy.settings().environmentOptions();
    return new DailyObservation(
        policy.weightMap(), options.rewardIndex(), options.movingAverageDays());
  }

  /**
   * The observation after {@code day} was settled, for choosing the weights of the day of year
   * {@code nextDayOfYear}; the day's index joins the moving average (an undefined one is skipped by
   * it, as in {@link EquityEnvironment}).
   */
  public double[] next(DayOutcome day, int nextDayOfYear) {
    recentIndex.addLast(day.index(index));
    while (recentIndex.size() > movingAverageDays) {
      recentIndex.removeFirst();
    }
    return EquityEnvironment.observe(
        day,
        index,
        EquityEnvironment.meanOfDefined(recentIndex),
        weightsOf(day),
        map,
        nextDayOfYear);
  }

  /** The weights the day ran with, in the map's group order (1 for a group it does not name). */
  public double[] weightsOf(DayOutcome day) {
    double[] weights = new double[map.dimensions()];
    for (int g = 0; g < weights.length; g++) {
      weights[g] = day.weights().getOrDefault(map.groups().get(g), 1.0);
    }
    return weights;
  }
}
