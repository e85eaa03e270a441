package org.equigrid.market.clearing;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;

/**
 * How {@link DayFormulation}'s rows and variables reach the solver: names for MPS export ({@code
 * bal_h3_t7}, or none), infinite bounds as the solver's infinity, absent variables left out of a
 * row, and the count of integer variables made. It decides no row; {@link DayFormulation} does.
 */
abstract class RowWriter {

  private final MPSolver solver;
  private final boolean named;
  private int integerCount;

  /**
   * @param named whether rows and variables get names ({@code bal_h3_t7}; for MPS export)
   */
  RowWriter(MPSolver solver, boolean named) {
    this.solver = solver;
    this.named = named;
  }

  /** The integer variables made so far. */
  int integerCount() {
    return integerCount;
  }

  /** A continuous variable; an infinite bound becomes the solver's infinity. */
  MPVariable variable(double lowerKwh, double upperKwh, String prefix, int household, int t) {
    return solver.makeNumVar(
        solverBound(lowerKwh), solverBound(upperKwh), name(prefix, household, t));
  }

  private static double solverBound(double value) {
    if (value == Double.POSITIVE_INFINITY) {
      return MPSolver.infinity();
    }
    return value == Double.NEGATIVE_INFINITY ? -MPSolver.infinity() : value;
  }

  /** An integer variable in [0, 1], or a continuous one (the relaxation). */
  MPVariable direction(boolean integer, String prefix, int household, int t) {
    if (integer) {
      integerCount++;
      return solver.makeBoolVar(name(prefix, household, t));
    }
    return solver.makeNumVar(0, 1, name(prefix, household, t));
  }

  MPConstraint row(double lower, double upper, String prefix, int household, int t) {
    return solver.makeConstraint(lower, upper, name(prefix, household, t));
  }

  /** {@code row += coefficient · variable}; nothing where the variable does not exist (null). */
  static void add(MPConstraint row, MPVariable variable, double coefficient) {
    if (variable != null) {
      row.setCoefficient(variable, coefficient);
    }
  }

  /** {@code prefix_h<household>_t<t>}, each part left out when negative; "" when unnamed. */
  String name(String prefix, int household, int t) {
    if (!named) {
      return "";
    }
    StringBuilder result = new StringBuilder(prefix);
    if (household >= 0) {
      result.append("_h").append(household);
    }
    if (t >= 0) {
      result.append("_t").append(t);
    }
    return result.toString();
  }
}
