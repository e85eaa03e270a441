package org.equigrid.market.settlement;

import org.equigrid.market.settlement.DaySettlement.RuleOutcome;

/**
 * {@code weighted-shapley} and {@code shapley}: the bills of the Shapley value the settlement
 * computed, {@code B_i = C0_i − φ_i} (the weights are chosen before, by {@link Settlement}).
 */
record ShapleyRule(SettlementSettings.Rule rule) implements SettlementRule {

  @Override
  public Bills bills(RuleInput input) {
    return new Bills(input.shapleyBillEur(), RuleOutcome.plain(rule.fileName()));
  }
}
