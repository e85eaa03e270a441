package org.equigrid.market.settlement;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import java.util.Arrays;
import java.util.List;
import org.equigrid.market.ortools.Glop;
import org.equigrid.market.settlement.RuleInput.CoalitionRow;
import org.equigrid.market.settlement.SettlementSettings.RawlsianObjective;

/**
 * {@code rawlsian}: the bills of the worst-off's best position, by two LPs (OR-Tools GLOP) over the
 * bills {@code B_i} and a level {@code z}.
 *
 * <p>Constraints: budget balance {@code Σ B_i = R} (the real cost), individual rationality {@code
 * B_i ≤ C0_i} for every household, and the coalition rows already evaluated, {@code Σ_{i∈S} B_i ≤
 * Σ_{i∈S} C0_i − v(S)}. Objective {@code relative-savings}: maximise {@code z} with {@code (C0_i −
 * B_i)/max(|C0_i|, ε) ≥ z} for the protected households (the least-advantaged groups; everyone when
 * none of them is in the day). Objective {@code largest-burden}: minimise {@code z} with {@code B_i
 * / y_i ≤ z} for every household. The second LP keeps {@code z} within {@value #OPTIMUM_TOLERANCE}
 * · max(1, |z*|) of the first's optimum {@code z*} and minimises {@code Σ |B_i − W_i|}, the L1
 * distance to the weighted Shapley bills {@code W} (the tie-break).
 *
 * <p>If the coalition rows make the LP infeasible they are dropped (and the outcome says so). If
 * individual rationality cannot hold ({@code R > Σ C0_i}: the dispatch costs more than everyone
 * alone), the weighted Shapley bills are kept and the outcome is flagged.
 */
record RawlsianRule(RawlsianObjective objective) implements SettlementRule {

  static final double OPTIMUM_TOLERANCE = 1e-9;

  /** Slack of {@code R ≤ Σ C0_i} before individual rationality is called infeasible. */
  static final double RATIONALITY_TOLERANCE_EUR = 1e-9;

  @Override
  public Bills bills(RuleInput input) {
    double standalone = 0;
    for (double c0 : input.standaloneCostEur()) {
      standalone += c0;
    }
    if (input.realCostEur() > standalone + RATIONALITY_TOLERANCE_EUR) {
      return RawlsianOutcomes.fallback(
          input, objective, RawlsianOutcomes.irrational(input.realCostEur(), standalone));
    }
    List<CoalitionRow> rows = input.rows();
    Solution solution = solve(input, rows);
    boolean kept = solution != null || rows.isEmpty(); // infeasible rows are dropped
    if (!kept) {
      solution = solve(input, List.of());
    }
    if (solution == null) {
      return RawlsianOutcomes.fallback(input, objective, RawlsianOutcomes.NO_SOLUTION);
    }
    return RawlsianOutcomes.solved(
        objective, solution.billEur(), solution.optimum(), rows.size(), kept);
  }

  private record Solution(double[] billEur, double optimum) {}

  /** The two LPs, or null when the first is infeasible. */
  private Solution solve(RuleInput input, List<CoalitionRow> rows) {
    int n = input.households();
    double[] c0 = input.standaloneCostEur();
    MPSolver solver = Glop.create();
    try {
      solver.setSolverSpecificParametersAsString(RawlsianOutcomes.GLOP_PARAMETERS);
      double infinity = MPSolver.infinity();
      MPVariable[] bill = new MPVariable[n];
      for (int i = 0; i < n; i++) {
        bill[i] = solver.makeNumVar(-infinity, c0[i], "B" + i);
      }
      MPVariable z = solver.makeNumVar(-infinity, infinity, "z");
      MPConstraint budget =
          solver.makeConstraint(input.realCostEur(), input.realCostEur(), "budget");
      for (int i = 0; i < n; i++) {
        budget.setCoefficient(bill[i], 1);
      }
      for (CoalitionRow row : rows) {
        double bound = -row.valueEur();
        for (int i : row.members()) {
          bound += c0[i];
        }
        MPConstraint constraint = solver.makeConstraint(-infinity, bound);
        for (int i : row.members()) {
          constraint.setCoefficient(bill[i], 1);
        }
      }
      boolean maximise = objective == RawlsianObjective.RELATIVE_SAVINGS;
      if (maximise) {
        boolean[] over = levelledOver(input);
        for (int i = 0; i < n; i++) {
          if (over[i]) {
            // (C0_i − B_i) / d_i ≥ z  ⇔  B_i + d_i z ≤ C0_i
            MPConstraint floor = solver.makeConstraint(-infinity, c0[i]);
            floor.setCoefficient(bill[i], 1);
            floor.setCoefficient(z, Math.max(Math.abs(c0[i]), input.epsilonEur()));
          }
        }
      } else {
        for (int i = 0; i < n; i++) {
          // B_i / y_i ≤ z  ⇔  B_i − y_i z ≤ 0
          MPConstraint burden = solver.makeConstraint(-infinity, 0);
          burden.setCoefficient(bill[i], 1);
          burden.setCoefficient(z, -input.dailyIncomeEur()[i]);
        }
      }
      MPObjective first = solver.objective();
      first.setCoefficient(z, 1);
      first.setOptimizationDirection(maximise);
      MPSolver.ResultStatus status = solver.solve();
      if (status == MPSolver.ResultStatus.INFEASIBLE) {
        return null;
      }
      RawlsianOutcomes.requireOptimal(status, "first");
      double optimum = z.solutionValue();
      double slack = OPTIMUM_TOLERANCE * Math.max(1, Math.abs(optimum));
      if (maximise) {
        z.setLb(optimum - slack);
      } else {
        z.setUb(optimum + slack);
      }
      first.clear();
      MPObjective distance = solver.objective();
      double[] target = input.shapleyBillEur();
      for (int i = 0; i < n; i++) {
        MPVariable gap = solver.makeNumVar(0, infinity, "e" + i);
        MPConstraint above = solver.makeConstraint(-target[i], infinity); // e_i − B_i ≥ −W_i
        above.setCoefficient(gap, 1);
        above.setCoefficient(bill[i], -1);
        MPConstraint below = solver.makeConstraint(target[i], infinity); // e_i + B_i ≥ W_i
        below.setCoefficient(gap, 1);
        below.setCoefficient(bill[i], 1);
        distance.setCoefficient(gap, 1);
      }
      distance.setMinimization();
      RawlsianOutcomes.requireOptimal(solver.solve(), "tie-break");
      double[] bills = new double[n];
      for (int i = 0; i < n; i++) {
        bills[i] = bill[i].solutionValue();
      }
      return new Solution(bills, reached(input, bills));
    } finally {
      solver.delete();
    }
  }

  /**
   * The level the bills reach: {@code min u_i^B} over the protected (everyone when none is in the
   * day) for relative savings, {@code max B_i / y_i} for the largest burden.
   */
  double reached(RuleInput input, double[] bills) {
    int n = bills.length;
    boolean[] over = levelledOver(input);
    double level =
        objective == RawlsianObjective.RELATIVE_SAVINGS
            ? Double.POSITIVE_INFINITY
            : Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      if (objective == RawlsianObjective.RELATIVE_SAVINGS) {
        if (over[i]) {
          double c0 = input.standaloneCostEur()[i];
          level = Math.min(level, (c0 - bills[i]) / Math.max(Math.abs(c0), input.epsilonEur()));
        }
      } else {
        level = Math.max(level, bills[i] / input.dailyIncomeEur()[i]);
      }
    }
    return level;
  }

  /** The households the level is over: the protected, everyone when none is in the day. */
  private static boolean[] levelledOver(RuleInput input) {
    for (boolean p : input.protectedHousehold()) {
      if (p) {
        return input.protectedHousehold();
      }
    }
    boolean[] everyone = new boolean[input.households()];
    Arrays.fill(everyone, true);
    return everyone;
  }
}
