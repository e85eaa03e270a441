package org.equigrid.config;

import static org.equigrid.config.ScenarioKeys.between;
import static org.equigrid.config.ScenarioKeys.choice;
import static org.equigrid.config.ScenarioKeys.flag;
import static org.equigrid.config.ScenarioKeys.group;
import static org.equigrid.config.ScenarioKeys.num;

import org.equigrid.config.ScenarioKey.Choice;
import org.equigrid.config.ScenarioKey.Flag;
import org.equigrid.config.ScenarioKey.Group;
import org.equigrid.config.ScenarioKey.Num;
import org.equigrid.market.clearing.PricingRule;
import org.equigrid.market.negotiation.NegotiationName;

/** Reads {@code market}: trading on or off, the pricing rule and the decentralised mechanism. */
final class MarketBinder {
  private MarketBinder() {}

  /** {@code market}. */
  static final class MarketKeys {
    static final Flag TRADING =
        flag("trading", true, "`false`: every household stays alone, no pool");
    static final Choice<PricingRule> PRICING =
        choice(
            "pricing",
            PricingRule.MID_MARKET,
            PricingRule.values(),
            PricingRule::name,
            "how the pool price is set from the net positions");
    static final Choice<NegotiationName> NEGOTIATION =
        choice(
            "negotiation",
            NegotiationName.TATONNEMENT,
            NegotiationName.values(),
            NegotiationName::key,
            "the decentralised mechanism (`run --agents --mode decentralised`, `bench negotiation`); see docs/negotiation.md");
    static final Num NEGOTIATION_TOLERANCE =
        num(
            "negotiationTolerance",
            1e-3,
            between(0, 0.5),
            "",
            "the decomposition stops when its certified gap (master − Lagrangian bound)/max(|bound|,"
                + " 1 EUR) is at most this; 0: to the LP's precision (docs/negotiation.md)");
    static final Group SECTION =
        group(
            "market",
            "market",
            "trading and pricing",
            TRADING,
            PRICING,
            NEGOTIATION,
            NEGOTIATION_TOLERANCE);
  }

  /** {@code market} as read; a refused value is null (its problem is recorded). */
  record Market(
      Boolean trading,
      PricingRule pricing,
      NegotiationName negotiation,
      double negotiationTolerance) {}

  static Market bind(Section market) {
    Boolean trading = market.bool(MarketKeys.TRADING);
    PricingRule pricing = market.choice(MarketKeys.PRICING);
    // Read only when given, so that the canonical YAML (and the fingerprint) of older scenarios
    // stays.
    NegotiationName negotiation =
        market.has(MarketKeys.NEGOTIATION)
            ? market.choice(MarketKeys.NEGOTIATION)
            : NegotiationName.TATONNEMENT;
    // Null when the value is refused (the problem is recorded and thrown by the caller).
    Double toleranceGiven =
        market.has(MarketKeys.NEGOTIATION_TOLERANCE)
            ? market.number(MarketKeys.NEGOTIATION_TOLERANCE)
            : null;
    double negotiationTolerance =
        toleranceGiven == null ? Scenario.NEGOTIATION_TOLERANCE : toleranceGiven;
    return new Market(trading, pricing, negotiation, negotiationTolerance);
  }
}
