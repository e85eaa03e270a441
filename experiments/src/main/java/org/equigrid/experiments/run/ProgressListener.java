package org.equigrid.experiments.run;

/** Told about each finished day, e.g. to draw progress on stderr. */
@FunctionalInterface
public interface ProgressListener {

  void dayFinished(int finishedDays, int totalDays, DayRecord day, double wallSeconds);

  static ProgressListener silent() {
    return (finished, total, day, seconds) -> {};
  }
}
