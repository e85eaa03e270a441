package org.equigrid.config;

import static org.equigrid.config.ScenarioKeys.choice;
import static org.equigrid.config.ScenarioKeys.group;
import static org.equigrid.config.ScenarioKeys.num;

import org.equigrid.config.ScenarioKey.Choice;
import org.equigrid.config.ScenarioKey.Group;
import org.equigrid.config.ScenarioKey.Num;
import org.equigrid.config.ScenarioKey.Presence;
import org.equigrid.config.ScenarioKey.Range;
import org.equigrid.config.ScenarioKey.Whole;
import org.equigrid.market.settlement.SettlementSettings;

/**
 * Reads {@code settlement}: how the day's cost becomes bills, into {@link SettlementSettings},
 * whose {@code defaults()} are the declared defaults. The settlement key table is here.
 */
final class SettlementBinder {
  private SettlementBinder() {}

  /** Largest {@code settlement.maxOrders}: about a day of LPs at 100 households. */
  static final long MAX_SETTLEMENT_ORDERS = 1_000_000;

  /**
   * {@code settlement} (DESIGN.md section 3b); the defaults are {@link
   * SettlementSettings#defaults()}.
   */
  static final class SettlementKeys {
    private static final SettlementSettings D = SettlementSettings.defaults();
    static final Choice<SettlementSettings.Rule> RULE =
        choice(
            "rule",
            D.rule(),
            SettlementSettings.Rule.values(),
            SettlementSettings.Rule::fileName,
            "how the day's cost becomes bills");
    static final Choice<SettlementSettings.RawlsianObjective> RAWLSIAN_OBJECTIVE =
        choice(
            "rawlsianObjective",
            D.rawlsianObjective(),
            SettlementSettings.RawlsianObjective.values(),
            SettlementSettings.RawlsianObjective::fileName,
            "what `rawlsian` optimises");
    static final Num TOLERANCE =
        num(
            "tolerance",
            D.tolerance(),
            new Range(
                value ->
                    value > 0 && value <= 1
                        ? null
                        : Messages.OUT_OF_RANGE
                            + " (0, 1] (a fraction of the day's cooperative gain v(N))"
                            + (value > 1 && value <= 100
                                ? Check.maybe(value / 100)
                                : ". " + Messages.MAYBE + " 0.01?"),
                "(0, 1]"),
            "share of the gain",
            "the sampled settlement stops when every household's 95 % half-width is below this"
                + " share of |v(N)|, or of the cost-minimising gain where that is larger");
    static final Whole MAX_ORDERS =
        new Whole(
            "maxOrders",
            Presence.DEFAULTED,
            D.maxOrders(),
            false,
            new Range(
                Check.between(4, MAX_SETTLEMENT_ORDERS), "[4, " + MAX_SETTLEMENT_ORDERS + "]"),
            "orders",
            "the most random orders of a sampled settlement day",
            null);
    static final Choice<SettlementSettings.Explain> EXPLAIN =
        choice(
            "explain",
            D.explain(),
            SettlementSettings.Explain.values(),
            SettlementSettings.Explain::fileName,
            "which households get counterfactual explanations (docs/performance.md)");
    static final Group SECTION =
        group(
            "settlement",
            "settlement",
            "how the day's cost becomes bills",
            RULE,
            RAWLSIAN_OBJECTIVE,
            TOLERANCE,
            MAX_ORDERS,
            EXPLAIN);
  }

  /**
   * {@code settlement: {rule, rawlsianObjective, tolerance, maxOrders, explain}} (DESIGN.md section
   * 3b; the sampler's stopping rule and the counterfactual explanations, docs/performance.md).
   */
  static SettlementSettings bind(Section s) {
    SettlementSettings d = SettlementSettings.defaults();
    SettlementSettings.Rule rule = s.choice(SettlementKeys.RULE);
    SettlementSettings.RawlsianObjective objective = s.choice(SettlementKeys.RAWLSIAN_OBJECTIVE);
    Double tolerance = s.number(SettlementKeys.TOLERANCE);
    Long maxOrders = s.whole(SettlementKeys.MAX_ORDERS);
    SettlementSettings.Explain explain = s.choice(SettlementKeys.EXPLAIN);
    if (rule == null
        || objective == null
        || tolerance == null
        || maxOrders == null
        || explain == null) {
      return d;
    }
    return new SettlementSettings(rule, objective, tolerance, maxOrders, explain);
  }
}
