package org.equigrid.market.clearing;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import java.util.ArrayList;
import java.util.List;

/**
 * One member's variables and own rows in a {@link ClearingModel}, with their bounds as built: the
 * warm models take a member out of the coalition ({@link #disable()}: variables 0, rows free) and
 * back in ({@link #enable(double)}: the built bounds, times a count for a household type).
 */
final class MemberBounds {

  private final MPVariable[] variables;
  private final double[] lower;
  private final double[] upper;
  private final MPConstraint[] rows;
  private final double[] rowLower;
  private final double[] rowUpper;

  private MemberBounds(ClearingModel model, int k, MPConstraint[][][] families) {
    variables = variablesOf(model, k);
    lower = new double[variables.length];
    upper = new double[variables.length];
    for (int v = 0; v < variables.length; v++) {
      lower[v] = variables[v].lb();
      upper[v] = variables[v].ub();
    }
    List<MPConstraint> own = new ArrayList<>();
    for (MPConstraint[][] family : families) {
      for (MPConstraint row : family[k]) {
        if (row != null) {
          own.add(row);
        }
      }
    }
    rows = own.toArray(new MPConstraint[0]);
    rowLower = new double[rows.length];
    rowUpper = new double[rows.length];
    for (int r = 0; r < rows.length; r++) {
      rowLower[r] = rows[r].lb();
      rowUpper[r] = rows[r].ub();
    }
  }

  /**
   * Member {@code k} of {@code model} with its rows of the given families ({@code
   * [member][interval]}).
   */
  static MemberBounds of(ClearingModel model, int k, MPConstraint[][]... families) {
    return new MemberBounds(model, k, families);
  }

  /** Out of the coalition: every variable fixed at 0, every own row free. */
  void disable() {
    for (MPVariable variable : variables) {
      variable.setBounds(0, 0);
    }
    double inf = MPSolver.infinity();
    for (MPConstraint row : rows) {
      row.setBounds(-inf, inf);
    }
  }

  /** In the coalition: the built bounds times {@code scale} (1 for a household, a type's count). */
  void enable(double scale) {
    for (int v = 0; v < variables.length; v++) {
      variables[v].setBounds(scale * lower[v], scale * upper[v]);
    }
    for (int r = 0; r < rows.length; r++) {
      rows[r].setBounds(scale * rowLower[r], scale * rowUpper[r]);
    }
  }

  /**
   * Member {@code k}'s variables, family by family (imp, exp, buy, sell, cur, ch, dis, soc, ev, β,
   * δ), each family by interval.
   */
  private static MPVariable[] variablesOf(ClearingModel model, int k) {
    List<MPVariable> mine = new ArrayList<>();
    for (MPVariable[][] family :
        new MPVariable[][][] {
          model.imp,
          model.exp,
          model.buy,
          model.sell,
          model.cur,
          model.ch,
          model.dis,
          model.soc,
          model.ev,
          model.beta,
          model.delta
        }) {
      for (int t = 0; t < model.intervals; t++) {
        if (family[k][t] != null) {
          mine.add(family[k][t]);
        }
      }
    }
    return mine.toArray(new MPVariable[0]);
  }
}
