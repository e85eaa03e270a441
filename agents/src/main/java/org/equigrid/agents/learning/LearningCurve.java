package org.equigrid.agents.learning;

import java.util.List;

/** The finished episodes of a run, in order, with a small CSV writer. */
public record LearningCurve(List<Episode> episodes) {

  /**
   * One finished episode.
   *
   * @param endStep environment steps of the run when it ended
   * @param length steps of the episode
   * @param totalReward undiscounted, unscaled return
   */
  public record Episode(long endStep, int length, double totalReward) {}

  public LearningCurve {
    episodes = List.copyOf(episodes);
  }

  /** Mean return of the last {@code count} episodes (fewer if not finished yet); NaN if none. */
  public double meanReturnOfLast(int count) {
    int from = Math.max(0, episodes.size() - count);
    if (from == episodes.size()) {
      return Double.NaN;
    }
    double sum = 0.0;
    for (int k = from; k < episodes.size(); k++) {
      sum += episodes.get(k).totalReward();
    }
    return sum / (episodes.size() - from);
  }
}
