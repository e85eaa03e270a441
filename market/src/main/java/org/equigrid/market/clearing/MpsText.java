package org.equigrid.market.clearing;

import com.google.ortools.linearsolver.MPConstraintProto;
import com.google.ortools.linearsolver.MPModelProto;
import com.google.ortools.linearsolver.MPVariableProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes an OR-Tools model as free-format MPS with full double precision.
 *
 * <p>OR-Tools 9.14's {@code MPSolver.exportModelAsMpsFormat} prints coefficients with six
 * significant digits ({@code 1/0.9} becomes {@code 1.11111}), which moved the optimum of a small
 * clearing model by 2e-6 relative; this writer prints every number with {@link
 * Double#toString(double)}, which reads back to the same double. Every variable gets explicit
 * bounds (no reader defaults), integers sit between {@code MARKER INTORG/INTEND} lines, and an
 * objective offset (the clearing model has none) is written as the RHS of the objective row with
 * the opposite sign, the usual MPS convention.
 */
final class MpsText {

  private MpsText() {}

  /**
   * The full MILP of the request (binaries on every battery and grid pair) in free MPS format. The
   * objective has no constant term (the model is written without one), so nothing is lost. Always
   * the model of the request as given, one block per member (never pooled): another solver on this
   * file gives the same objective.
   */
  static String fullMilp(ClearingRequest request, double epsilonEur) {
    boolean[][] all = BinaryPairs.everywhere(request.members().length, request.day().intervals());
    try (ClearingModel model =
        OrToolsModels.open(request, "SCIP", all, all, null, true, false, epsilonEur)) {
      return of(model.solver().exportModelToProto(), "equigrid_day" + request.day().dayIndex());
    }
  }

  /**
   * The LP relaxation of the request (no binaries) in free MPS format: the problem the first stage
   * of the staged MILP solves (before pooling: one block per member).
   */
  static String relaxation(ClearingRequest request, double epsilonEur) {
    try (ClearingModel model =
        OrToolsModels.open(request, "GLOP", null, null, null, true, false, epsilonEur)) {
      return of(model.solver().exportModelToProto(), "equigrid_lp_day" + request.day().dayIndex());
    }
  }

  static String of(MPModelProto model, String name) {
    int variableCount = model.getVariableCount();
    List<String> variableNames = new ArrayList<>(variableCount);
    for (int j = 0; j < variableCount; j++) {
      String given = model.getVariable(j).getName();
      variableNames.add(given.isEmpty() ? "C" + j : checked(given));
    }
    List<String> rowNames = new ArrayList<>(model.getConstraintCount());
    // column-major: per variable, the (row, coefficient) pairs
    List<List<Integer>> rowsOf = new ArrayList<>(variableCount);
    List<List<Double>> coefficientsOf = new ArrayList<>(variableCount);
    for (int j = 0; j < variableCount; j++) {
      rowsOf.add(new ArrayList<>());
      coefficientsOf.add(new ArrayList<>());
    }
    StringBuilder rows = new StringBuilder("ROWS\n N  COST\n");
    StringBuilder rhs = new StringBuilder("RHS\n");
    StringBuilder ranges = new StringBuilder();
    if (model.getObjectiveOffset() != 0) {
      rhs.append(entry("RHS", "COST", number(-model.getObjectiveOffset())));
    }
    for (int r = 0; r < model.getConstraintCount(); r++) {
      MPConstraintProto row = model.getConstraint(r);
      String rowName = row.getName().isEmpty() ? "R" + r : checked(row.getName());
      rowNames.add(rowName);
      double lb = row.getLowerBound();
      double ub = row.getUpperBound();
      boolean lowFinite = lb != Double.NEGATIVE_INFINITY;
      boolean highFinite = ub != Double.POSITIVE_INFINITY;
      if (!lowFinite && !highFinite) {
        throw new IllegalArgumentException(
            "row " + rowName + " is free; the clearing model has none");
      }
      char type;
      double value;
      if (lowFinite && highFinite && lb == ub) {
        type = 'E';
        value = lb;
      } else if (lowFinite && highFinite) {
        type = 'G';
        value = lb;
        ranges.append(entry("RNG", rowName, number(ub - lb)));
      } else if (highFinite) {
        type = 'L';
        value = ub;
      } else {
        type = 'G';
        value = lb;
      }
      rows.append(' ').append(type).append("  ").append(rowName).append('\n');
      if (value != 0) {
        rhs.append(entry("RHS", rowName, number(value)));
      }
      for (int e = 0; e < row.getVarIndexCount(); e++) {
        rowsOf.get(row.getVarIndex(e)).add(r);
        coefficientsOf.get(row.getVarIndex(e)).add(row.getCoefficient(e));
      }
    }
    StringBuilder columns = new StringBuilder("COLUMNS\n");
    StringBuilder bounds = new StringBuilder("BOUNDS\n");
    boolean inIntegers = false;
    int markers = 0;
    for (int j = 0; j < variableCount; j++) {
      MPVariableProto variable = model.getVariable(j);
      String column = variableNames.get(j);
      if (variable.getIsInteger() != inIntegers) {
        inIntegers = variable.getIsInteger();
        columns.append(
            entry("MARKER" + markers++, "'MARKER'", inIntegers ? "'INTORG'" : "'INTEND'"));
      }
      if (variable.getObjectiveCoefficient() != 0) {
        columns.append(entry(column, "COST", number(variable.getObjectiveCoefficient())));
      }
      List<Integer> rowIndices = rowsOf.get(j);
      for (int e = 0; e < rowIndices.size(); e++) {
        columns.append(
            entry(column, rowNames.get(rowIndices.get(e)), number(coefficientsOf.get(j).get(e))));
      }
      bounds.append(bounds(column, variable.getLowerBound(), variable.getUpperBound()));
    }
    if (inIntegers) {
      columns.append(entry("MARKER" + markers, "'MARKER'", "'INTEND'"));
    }
    StringBuilder text = new StringBuilder("NAME  ").append(checked(name)).append('\n');
    text.append(rows).append(columns).append(rhs);
    if (ranges.length() > 0) {
      text.append("RANGES\n").append(ranges);
    }
    text.append(bounds).append("ENDATA\n");
    return text.toString();
  }

  private static String bounds(String column, double lb, double ub) {
    boolean lowFinite = lb != Double.NEGATIVE_INFINITY;
    boolean highFinite = ub != Double.POSITIVE_INFINITY;
    if (lowFinite && highFinite && lb == ub) {
      return bound("FX", column, number(lb));
    }
    if (!lowFinite && !highFinite) {
      return bound("FR", column, "");
    }
    return (lowFinite ? bound("LO", column, number(lb)) : bound("MI", column, ""))
        + (highFinite ? bound("UP", column, number(ub)) : bound("PL", column, ""));
  }

  /**
   * A data line in the fixed-MPS column layout (fields at columns 5, 15, 25), padded so that
   * readers that try fixed positions first (ojAlgo does) and whitespace-splitting readers both
   * parse it; longer names simply push the fields right.
   */
  private static String entry(String first, String second, String value) {
    return String.format(Locale.ROOT, "    %-8s  %-8s  %12s\n", first, second, value);
  }

  private static String bound(String type, String column, String value) {
    return String.format(Locale.ROOT, " %-2s BND       %-8s  %12s", type, column, value)
            .stripTrailing()
        + "\n";
  }

  private static String number(double value) {
    return Double.toString(value);
  }

  private static String checked(String name) {
    if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(
          "MPS names must be non-empty without spaces, got '" + name + "'");
    }
    return name;
  }
}
