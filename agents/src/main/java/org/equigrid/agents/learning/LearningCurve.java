package org.equigrid.agents.learning;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

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

  /** Writes {@code episode,end_step,length,return} rows. */
  public void writeCsv(Path path) throws IOException {
    try (Writer out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
      out.write("episode,end_step,length,return\n");
      for (int k = 0; k < episodes.size(); k++) {
        Episode e = episodes.get(k);
        out.write(
            String.format(
                Locale.ROOT, "%d,%d,%d,%s%n", k + 1, e.endStep(), e.length(), e.totalReward()));
      }
    }
  }
}
