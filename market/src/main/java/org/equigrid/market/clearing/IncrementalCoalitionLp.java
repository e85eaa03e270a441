package org.equigrid.market.clearing;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;
import java.util.ArrayList;
import java.util.List;
import org.equigrid.market.model.TradingDay;

/**
 * The cost-minimising LP relaxation (weights 1, no floor, the coalition's own peak charge) of every
 * coalition of a day in one GLOP model: the model holds all households, a household outside the
 * coalition has its variables fixed at 0 and its balance and battery rows made free, and joining
 * or leaving restores or removes those bounds in place. GLOP runs without presolve and with the
 * dual simplex, so after a household joins it re-solves from the previous basis; that is what makes
 * the prefixes of a random order (each one household more than the last) cheap.
 *
 * <p>The optimum equals that of {@link CoalitionSolver}'s own model of the coalition (which builds
 * only the coalition's variables; the extra ones here are held at 0, and the pool rows of intervals
 * where no member can sell or buy force the members' trades to 0 as the smaller model's bounds
 * do). Where the optimum breaks a binary pair (simultaneous charge and discharge, or import and
 * export, above {@value CoalitionSolver#BREAK_KWH} kWh) it is no schedule, and {@link
 * #solveCostEur()} says so: the caller then solves the coalition with {@link CoalitionSolver}.
 *
 * <p>Not thread-safe: one instance per thread. {@link #reset()} empties the coalition and makes the
 * next solve start from scratch, so a sequence of joins gives the same values on any instance.
 */
public final class IncrementalCoalitionLp implements AutoCloseable {

  /** The relative savings' {@code ε}; irrelevant here (no floor), any valid value. */
  private static final double EPSILON_EUR = 0.01;

  private final ClearingModel model;
  private final int households;
  private final int intervals;
  private final MPVariable[][] variables;
  private final double[][] lower;
  private final double[][] upper;
  private final MPConstraint[][] rows;
  private final double[][] rowBound;
  private final boolean[] member;
  private final List<Integer> members = new ArrayList<>();
  private final MPSolverParameters parameters;
  private MPSolver.ResultStatus lastStatus;

  private static final class Natives {
    static {
      Loader.loadNativeLibraries();
    }

    static void ensureLoaded() {
      // class initialisation does the work, once
    }
  }

  /**
   * Builds the model of all households of {@code day} with the empty coalition.
   *
   * @param poolPriceEurPerKwh {@code p[t]} (cancels in the total cost; kept for the same model)
   */
  public IncrementalCoalitionLp(TradingDay day, double[] poolPriceEurPerKwh) {
    Natives.ensureLoaded();
    households = day.householdCount();
    intervals = day.intervals();
    int[] all = new int[households];
    for (int i = 0; i < households; i++) {
      all[i] = i;
    }
    MPSolver solver = MPSolver.createSolver("GLOP");
    if (solver == null) {
      throw new IllegalStateException("OR-Tools has no GLOP solver in this build");
    }
    model = new ClearingModel(
        ClearingRequest.costMinimising(day, all, poolPriceEurPerKwh), solver, null, null, null, false,
        EPSILON_EUR);
    variables = new MPVariable[households][];
    lower = new double[households][];
    upper = new double[households][];
    rows = new MPConstraint[households][];
    rowBound = new double[households][];
    MPVariable[][][] families = {
      model.imp, model.exp, model.buy, model.sell, model.cur, model.ch, model.dis, model.soc
    };
    for (int i = 0; i < households; i++) {
      List<MPVariable> mine = new ArrayList<>();
      for (MPVariable[][] family : families) {
        for (int t = 0; t < intervals; t++) {
          if (family[i][t] != null) {
            mine.add(family[i][t]);
          }
        }
      }
      variables[i] = mine.toArray(new MPVariable[0]);
      lower[i] = new double[variables[i].length];
      upper[i] = new double[variables[i].length];
      for (int v = 0; v < variables[i].length; v++) {
        lower[i][v] = variables[i][v].lb();
        upper[i][v] = variables[i][v].ub();
      }
      List<MPConstraint> equalities = new ArrayList<>();
      for (int t = 0; t < intervals; t++) {
        if (model.balanceRow[i][t] != null) {
          equalities.add(model.balanceRow[i][t]);
        }
        if (model.dynamicsRow[i][t] != null) {
          equalities.add(model.dynamicsRow[i][t]);
        }
      }
      rows[i] = equalities.toArray(new MPConstraint[0]);
      rowBound[i] = new double[rows[i].length];
      for (int r = 0; r < rows[i].length; r++) {
        rowBound[i][r] = rows[i][r].lb(); // equality rows: lb == ub
      }
    }
    member = new boolean[households];
    for (int i = 0; i < households; i++) {
      remove(i);
    }
    parameters = new MPSolverParameters();
    parameters.setIntegerParam(MPSolverParameters.IntegerParam.PRESOLVE,
        MPSolverParameters.PresolveValues.PRESOLVE_OFF.swigValue());
    parameters.setIntegerParam(MPSolverParameters.IntegerParam.LP_ALGORITHM,
        MPSolverParameters.LpAlgorithmValues.DUAL.swigValue());
  }

  /** The number of households of the day. */
  public int households() {
    return households;
  }

  /** Empties the coalition; the next solve starts from scratch (no basis kept). */
  public void reset() {
    for (int i : List.copyOf(members)) {
      leave(i);
    }
    model.solver().reset();
  }

  /** Household {@code i} joins the coalition (nothing if it is a member). */
  public void join(int household) {
    if (member[household]) {
      return;
    }
    member[household] = true;
    members.add(household);
    MPVariable[] mine = variables[household];
    for (int v = 0; v < mine.length; v++) {
      mine[v].setBounds(lower[household][v], upper[household][v]);
    }
    for (int r = 0; r < rows[household].length; r++) {
      rows[household][r].setBounds(rowBound[household][r], rowBound[household][r]);
    }
  }

  /** Household {@code i} leaves the coalition (nothing if it is not a member). */
  public void leave(int household) {
    if (!member[household]) {
      return;
    }
    remove(household);
    members.remove(Integer.valueOf(household));
  }

  private void remove(int household) {
    member[household] = false;
    for (MPVariable variable : variables[household]) {
      variable.setBounds(0, 0);
    }
    double inf = MPSolver.infinity();
    for (MPConstraint row : rows[household]) {
      row.setBounds(-inf, inf);
    }
  }

  /** The members, in the order they joined. */
  public int[] members() {
    return members.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The coalition's optimal cost {@code C*(S)} (grid cost plus peak charge, EUR), or {@code NaN}
   * when GLOP finds no optimum or the optimum breaks a binary pair (see {@link #lastStatus()}).
   */
  public double solveCostEur() {
    lastStatus = model.solver().solve(parameters);
    if (lastStatus != MPSolver.ResultStatus.OPTIMAL || breaksPair()) {
      return Double.NaN;
    }
    return model.solver().objective().value();
  }

  /** GLOP's status of the last solve (null before the first). */
  public MPSolver.ResultStatus lastStatus() {
    return lastStatus;
  }

  private boolean breaksPair() {
    for (int i : members) {
      for (int t = 0; t < intervals; t++) {
        if (model.ch[i][t] != null
            && Math.min(model.ch[i][t].solutionValue(), model.dis[i][t].solutionValue())
                > CoalitionSolver.BREAK_KWH) {
          return true;
        }
        if (model.imp[i][t] != null && model.exp[i][t] != null
            && Math.min(model.imp[i][t].solutionValue(), model.exp[i][t].solutionValue())
                > CoalitionSolver.BREAK_KWH) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public void close() {
    parameters.delete();
    model.close();
  }
}
