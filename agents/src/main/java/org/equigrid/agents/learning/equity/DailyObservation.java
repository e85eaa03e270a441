package org.equigrid.agents.learning.equity;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The policy's view of a live run, one settled day after another: remembers the recent Gini of
 * energy burden (for its moving average) and turns each day into the observation of {@link
 * EquityEnvironment#observe}. The in-process adaptive run and the JADE learner both use it, so the
 * two compute the same observation from the same days.
 */
public final class DailyObservation {

  private final WeightMap map;
  private final int movingAverageDays;
  private final Deque<Double> recentGini = new ArrayDeque<>();

  /** @param movingAverageDays days in the Gini moving average (the policy's environment options) */
  public DailyObservation(WeightMap map, int movingAverageDays) {
    if (movingAverageDays < 1) {
      throw new IllegalArgumentException("movingAverageDays (" + movingAverageDays + ") must be >= 1. Maybe you meant 7.");
    }
    this.map = map;
    this.movingAverageDays = movingAverageDays;
  }

  /** For a policy: its weight map and moving-average window. */
  public static DailyObservation of(EquityPolicy policy) {
    return new DailyObservation(policy.weightMap(), policy.settings().environmentOptions().movingAverageDays());
  }

  /**
   * The observation after {@code day} was settled, for choosing the weights of the day of year
   * {@code nextDayOfYear}; the day's Gini joins the moving average.
   */
  public double[] next(DayOutcome day, int nextDayOfYear) {
    recentGini.addLast(Double.isFinite(day.giniEnergyBurden()) ? day.giniEnergyBurden() : 0.0);
    while (recentGini.size() > movingAverageDays) {
      recentGini.removeFirst();
    }
    double average = recentGini.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    return EquityEnvironment.observe(day, average, weightsOf(day), map, nextDayOfYear);
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
