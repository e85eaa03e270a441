package org.equigrid.market.settlement;

import com.google.ortools.linearsolver.MPSolver;
import java.util.Locale;
import org.equigrid.market.settlement.DaySettlement.RuleOutcome;
import org.equigrid.market.settlement.SettlementSettings.RawlsianObjective;

/**
 * What {@link RawlsianRule} reports (its outcome and the words of its notes) and the GLOP settings
 * of its LPs, kept out of the rule's definitions.
 */
final class RawlsianOutcomes {

  /** GLOP's tolerances for the two LPs. */
  static final String GLOP_PARAMETERS =
      "primal_feasibility_tolerance: 1e-10 dual_feasibility_tolerance: 1e-10";

  /** Note of a day whose LP has no solution even without coalition rows. */
  static final String NO_SOLUTION = "the Rawlsian LP has no solution; weighted Shapley bills kept";

  private RawlsianOutcomes() {}

  /** Note of a day whose real cost exceeds the standalone costs. */
  static String irrational(double realCostEur, double standaloneEur) {
    return String.format(
        Locale.ROOT,
        "individual rationality infeasible: the real cost %.6f EUR exceeds the standalone costs %.6f EUR;"
            + " weighted Shapley bills kept",
        realCostEur,
        standaloneEur);
  }

  /** The weighted Shapley bills, flagged as a fallback with {@code note}. */
  static SettlementRule.Bills fallback(RuleInput input, RawlsianObjective objective, String note) {
    return new SettlementRule.Bills(
        input.shapleyBillEur().clone(),
        new RuleOutcome(
            SettlementSettings.Rule.RAWLSIAN.fileName(),
            objective.fileName(),
            Double.NaN,
            0,
            true,
            true,
            note));
  }

  /**
   * The LP's bills and its optimum, with the coalition rows used ({@code kept}) or dropped because
   * they made the LP infeasible.
   */
  static SettlementRule.Bills solved(
      RawlsianObjective objective, double[] billEur, double optimum, int rows, boolean kept) {
    String note =
        !kept
            ? rows + " coalition rows made the LP infeasible (the core is empty on them); dropped"
            : rows == 0 ? "no coalition rows (none evaluated, or the types method)" : "";
    return new SettlementRule.Bills(
        billEur,
        new RuleOutcome(
            SettlementSettings.Rule.RAWLSIAN.fileName(),
            objective.fileName(),
            optimum,
            kept ? rows : 0,
            kept,
            false,
            note));
  }

  /** Throws unless GLOP solved {@code which} LP to optimality. */
  static void requireOptimal(MPSolver.ResultStatus status, String which) {
    if (status != MPSolver.ResultStatus.OPTIMAL) {
      throw new IllegalStateException(
          "GLOP returned " + status + " for the " + which + " Rawlsian settlement LP.");
    }
  }
}
