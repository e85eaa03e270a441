package org.equigrid.market.clearing;

/**
 * How to solve.
 *
 * @param timeLimitSeconds wall-clock limit for the MILP stage
 * @param relativeGapLimit the MILP stops when its relative gap is at most this
 * @param milpWhenBinariesBreak whether to solve the MILP where the LP relaxation breaks a binary
 *     (simultaneous charge and discharge, or import and export); otherwise the LP stands
 * @param epsilonEur {@code ε} of the relative savings denominator {@code max(|C0_i|, ε)}
 * @param decompositionMinHouseholds coalitions of at least this many households are solved by
 *     price-based decomposition ({@link PriceDecomposition}: Dantzig–Wolfe column generation, the
 *     same LP optimum within 1e-9 relative), smaller ones as one model; default {@value
 *     #DEFAULT_DECOMPOSITION_MIN_HOUSEHOLDS}, {@link Integer#MAX_VALUE} for never
 */
public record SolverOptions(
    double timeLimitSeconds,
    double relativeGapLimit,
    boolean milpWhenBinariesBreak,
    double epsilonEur,
    int decompositionMinHouseholds) {

  /**
   * Default {@link #decompositionMinHouseholds}: measured on 2 cores, the monolithic LP and the
   * decomposition take about the same time near 100 households; above, the monolithic LP grows
   * much faster (1,000 households: GLOP 7–18 s against about 3 s).
   */
  public static final int DEFAULT_DECOMPOSITION_MIN_HOUSEHOLDS = 200;

  public SolverOptions {
    if (!(timeLimitSeconds > 0)) {
      throw new IllegalArgumentException("timeLimitSeconds (" + timeLimitSeconds + ") must be > 0");
    }
    if (!(relativeGapLimit >= 0)) {
      throw new IllegalArgumentException("relativeGapLimit (" + relativeGapLimit + ") must be >= 0");
    }
    if (!(epsilonEur > 0)) {
      throw new IllegalArgumentException("epsilonEur (" + epsilonEur + ") must be > 0");
    }
    if (decompositionMinHouseholds < 2) {
      throw new IllegalArgumentException("decompositionMinHouseholds (" + decompositionMinHouseholds
          + ") must be >= 2. Maybe you meant " + DEFAULT_DECOMPOSITION_MIN_HOUSEHOLDS + "?");
    }
  }

  /** Options with the default decomposition threshold. */
  public SolverOptions(
      double timeLimitSeconds, double relativeGapLimit, boolean milpWhenBinariesBreak, double epsilonEur) {
    this(timeLimitSeconds, relativeGapLimit, milpWhenBinariesBreak, epsilonEur,
        DEFAULT_DECOMPOSITION_MIN_HOUSEHOLDS);
  }

  /** The same options with another decomposition threshold. */
  public SolverOptions withDecompositionMinHouseholds(int households) {
    return new SolverOptions(timeLimitSeconds, relativeGapLimit, milpWhenBinariesBreak, epsilonEur, households);
  }

  public static SolverOptions defaults() {
    return new SolverOptions(30.0, 1e-4, true, 0.01);
  }
}
