package org.equigrid.market.settlement;

import org.equigrid.market.settlement.DaySettlement.RuleOutcome;

/**
 * Turns a settled day's inputs into bills (DESIGN.md section 3b). Every rule balances the budget:
 * {@code Σ B_i} equals the community's real cost.
 */
sealed interface SettlementRule permits ShapleyRule, MarketRule, RawlsianRule {

  /** Bills and what happened. */
  Bills bills(RuleInput input);

  /**
   * @param billEur {@code B_i}
   * @param outcome the rule's report
   */
  record Bills(double[] billEur, RuleOutcome outcome) {}

  static SettlementRule of(SettlementSettings settings) {
    return switch (settings.rule()) {
      case WEIGHTED_SHAPLEY, SHAPLEY -> new ShapleyRule(settings.rule());
      case MARKET -> new MarketRule();
      case RAWLSIAN -> new RawlsianRule(settings.rawlsianObjective());
    };
  }
}
