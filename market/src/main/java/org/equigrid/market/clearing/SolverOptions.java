package org.equigrid.market.clearing;

/**
 * How to solve.
 *
 * @param timeLimitSeconds wall-clock limit for the MILP stage
 * @param relativeGapLimit the MILP stops when its relative gap is at most this
 * @param milpWhenBinariesBreak whether to solve the MILP where the LP relaxation breaks a binary
 *     (simultaneous charge and discharge, or import and export); otherwise the LP stands
 * @param epsilonEur {@code ε} of the relative savings denominator {@code max(|C0_i|, ε)}
 */
public record SolverOptions(
    double timeLimitSeconds, double relativeGapLimit, boolean milpWhenBinariesBreak, double epsilonEur) {

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
  }

  public static SolverOptions defaults() {
    return new SolverOptions(30.0, 1e-4, true, 0.01);
  }
}
