package org.equigrid.experiments.cli;

import java.util.Locale;
import org.equigrid.market.metrics.CommunityDayMetrics;

/** The figures of a run's console lines, without "NaN" or "-0.00". */
final class ConsoleFigures {

  private ConsoleFigures() {}

  /** {@code value}, or +0 when it prints as zero with 2 decimals (no "-0.00" on the console). */
  static double unsignedIfZero(double value) {
    return Math.abs(value) < 0.005 ? 0.0 : value;
  }

  /**
   * A day's progress figures: peak and cooperative gain, or what a degraded day (its community
   * clearing failed, every household alone) or an undefined figure is instead of "NaN".
   */
  static String day(CommunityDayMetrics community) {
    if (community.degraded()) {
      return "degraded: the community clearing failed, every household ran alone (results say so)";
    }
    return String.format(
        Locale.ROOT,
        "peak %s  gain %s",
        Double.isFinite(community.peakKw())
            ? String.format(Locale.ROOT, "%.1f kW", community.peakKw())
            : "undefined",
        Double.isFinite(community.cooperativeGainEur())
            ? String.format(Locale.ROOT, "%.2f EUR", community.cooperativeGainEur())
            : "undefined");
  }
}
