package org.equigrid.experiments.run;

import org.equigrid.market.day.SettledDay;

/** Told about each finished day, e.g. to draw progress on stderr. */
@FunctionalInterface
public interface ProgressListener {

  void dayFinished(int finishedDays, int totalDays, SettledDay day, double wallSeconds);

  static ProgressListener silent() {
    return (finished, total, day, seconds) -> {};
  }
}
