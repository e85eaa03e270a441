package org.equigrid.experiments.learning;

import java.util.ArrayList;
import java.util.List;
import org.equigrid.agents.learning.equity.DayEvaluator;
import org.equigrid.agents.learning.equity.DayOutcome;
import org.equigrid.config.AdaptiveEquity.RewardIndex;

/**
 * The best static weights on training days: the rule {@code equigrid study} calls "best static" and
 * the anchor of a residual policy ({@link org.equigrid.agents.learning.equity.ResidualAction}), so
 * that the two are the same weights.
 *
 * <p>Candidates: every group but the last gets an action in {@link #GRID} (the last 0; {@link
 * org.equigrid.agents.learning.equity.WeightMap} normalises the population mean), then the
 * scenario's static weights. Each is run on {@code selectionDays} days spread evenly over the
 * training pool {@code [poolFromDay, poolToDay)}; the candidate with the smallest mean {@code J = I
 * + α · priceOfFairness} ({@link PolicyStudy#objective}; a day where both terms are undefined
 * counts as NaN and makes the candidate's mean NaN, never chosen) wins, the first on a tie.
 *
 * @param weights the chosen weights in the weight map's group order
 * @param meanObjective their mean {@code J} over the selection days
 * @param selectionDays the day indices used
 */
public record BestStatic(double[] weights, double meanObjective, int[] selectionDays) {

  /** Actions of the static grid, per group but the last. */
  static final double[] GRID = {-0.5, -0.25, -0.1, 0, 0.1, 0.25, 0.5};

  public BestStatic {
    weights = weights.clone();
    selectionDays = selectionDays.clone();
  }

  @Override
  public double[] weights() {
    return weights.clone();
  }

  /**
   * The selection days: {@code poolFromDay + ⌊k · (poolToDay − poolFromDay) / count⌋}, {@code k <
   * count}.
   */
  static int[] selectionDays(int poolFromDay, int poolToDay, int count) {
    int[] days = new int[count];
    for (int k = 0; k < count; k++) {
      days[k] = poolFromDay + (int) ((long) k * (poolToDay - poolFromDay) / count);
    }
    return days;
  }

  /** Chooses the best static weights (see the class comment). */
  public static BestStatic choose(
      DayEvaluator evaluator,
      int poolFromDay,
      int poolToDay,
      int selectionDays,
      RewardIndex index,
      double alpha) {
    if (selectionDays < 1 || poolToDay - poolFromDay < 1) {
      throw new IllegalArgumentException(
          "best static weights: selection days ("
              + selectionDays
              + ") must be >= 1 and the pool ["
              + poolFromDay
              + ", "
              + poolToDay
              + ") not empty.");
    }
    int[] days = selectionDays(poolFromDay, poolToDay, selectionDays);
    List<double[]> candidates = grid(evaluator);
    candidates.add(evaluator.staticWeights());
    double[] best = null;
    double bestJ = Double.POSITIVE_INFINITY;
    for (double[] w : candidates) {
      double sum = 0;
      for (int day : days) {
        DayOutcome outcome = evaluator.evaluate(day, w);
        sum += PolicyStudy.objective(outcome, index, alpha);
      }
      double j = sum / days.length;
      if (j < bestJ) {
        bestJ = j;
        best = w;
      }
    }
    if (best == null) {
      throw new IllegalStateException(
          "no static weights with a defined objective on the selection days "
              + java.util.Arrays.toString(days));
    }
    return new BestStatic(best, bestJ, days);
  }

  /** The static grid's weights. */
  static List<double[]> grid(DayEvaluator evaluator) {
    int g = evaluator.weightMap().dimensions();
    List<double[]> weights = new ArrayList<>();
    int free = Math.max(0, g - 1);
    int count = (int) Math.pow(GRID.length, free);
    for (int c = 0; c < count; c++) {
      double[] action = new double[g];
      int rest = c;
      for (int k = 0; k < free; k++) {
        action[k] = GRID[rest % GRID.length];
        rest /= GRID.length;
      }
      weights.add(evaluator.weightMap().weights(action));
    }
    return weights;
  }
}
