package org.equigrid.market.clearing;

/**
 * When the decomposition's phases stop and what the answer certifies. A phase of column generation
 * stops when the certified gap between the master objective (an upper bound of the phase's LP) and
 * the best Lagrangian bound (a lower bound) is within the run's tolerance, or when a round at the
 * master's own duals adds no column (then the bounds meet). After rounding passes the answer's gap
 * is measured against the first phase's LP bound ({@link #roundingGap}); with price-and-branch it
 * is the certified gap to that bound.
 */
final class StopRule {

  private StopRule() {}

  /**
   * The certified gap between an upper and a lower bound of the same minimum: {@code (upper −
   * lower) / max(d, 1 EUR)}, {@code d} the smaller magnitude of the two when they have the same
   * sign, else 0. It bounds {@code (upper − optimum) / max(|optimum|, 1 EUR)}. Infinite when a
   * bound is missing (NaN or infinite).
   */
  static double certifiedGap(double upper, double lower) {
    if (!Double.isFinite(upper) || !Double.isFinite(lower)) {
      return Double.POSITIVE_INFINITY;
    }
    double scale = lower > 0 == upper > 0 ? Math.min(Math.abs(lower), Math.abs(upper)) : 0;
    return Math.max(0, upper - lower) / Math.max(scale, 1);
  }

  /**
   * The gap of a rounded answer against the LP bound: {@code |objective − lpBound| /
   * max(|objective|, 1e-9)}.
   */
  static double roundingGap(double objective, double lpBound) {
    return Math.abs(objective - lpBound) / Math.max(Math.abs(objective), 1e-9);
  }

  /**
   * Whether a phase ends after a round: the bounds within {@code tolerance} ({@code gap}), or no
   * column {@code added} at unstabilised duals (plain Dantzig–Wolfe has then converged).
   */
  static boolean phaseDone(double gap, double tolerance, int added, boolean stabilised) {
    return gap <= tolerance || added == 0 && !stabilised;
  }
}
