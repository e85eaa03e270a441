package org.equigrid.market.settlement;

import java.util.List;
import org.equigrid.market.clearing.ClearedDay;

/**
 * What a {@link SettlementRule} may use, per household in household order.
 *
 * @param standaloneCostEur {@code C0_i}
 * @param energyCostEur {@code C_i}: the dispatch's energy cost at pool prices (no peak charge; 0
 *     and {@code peakChargeShareEur[i]} NaN when the dispatch has no schedule for {@code i})
 * @param peakChargeShareEur each household's share of the dispatch's peak charge (EUR), {@link
 *     ClearedDay#peakChargeShareEur()}: the same share the "before settlement" cost uses
 * @param realCostEur what the community really pays: the dispatch's energy plus peak charge
 * @param dailyIncomeEur {@code y_i}
 * @param protectedHousehold whether the household belongs to the least-advantaged groups ({@code
 *     EquitySettings.isProtected})
 * @param epsilonEur {@code ε} of the relative-savings denominator {@code max(|C0_i|, ε)}
 * @param shapleyBillEur the bills of the (weighted) Shapley value computed for the day; the {@code
 *     rawlsian} tie-break and fallback
 * @param rows the coalitions already evaluated, {@code 2 <= |S| < n}
 */
record RuleInput(
    double[] standaloneCostEur,
    double[] energyCostEur,
    double[] peakChargeShareEur,
    double realCostEur,
    double[] dailyIncomeEur,
    boolean[] protectedHousehold,
    double epsilonEur,
    double[] shapleyBillEur,
    List<CoalitionRow> rows) {

  /**
   * An evaluated coalition: {@code v(S) = Σ_{i∈S} C0_i − C*(S)}.
   *
   * @param members household indices, ascending
   * @param valueEur {@code v(S)}
   */
  record CoalitionRow(int[] members, double valueEur) {}

  RuleInput {
    rows = List.copyOf(rows);
  }

  int households() {
    return standaloneCostEur.length;
  }
}
