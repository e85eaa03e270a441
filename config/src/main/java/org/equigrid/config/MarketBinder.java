package org.equigrid.config;

import static org.equigrid.config.ScenarioKeys.POSITIVE;
import static org.equigrid.config.ScenarioKeys.between;
import static org.equigrid.config.ScenarioKeys.choice;
import static org.equigrid.config.ScenarioKeys.flag;
import static org.equigrid.config.ScenarioKeys.group;
import static org.equigrid.config.ScenarioKeys.integer;
import static org.equigrid.config.ScenarioKeys.num;

import org.equigrid.config.ScenarioKey.Choice;
import org.equigrid.config.ScenarioKey.Flag;
import org.equigrid.config.ScenarioKey.Group;
import org.equigrid.config.ScenarioKey.Num;
import org.equigrid.config.ScenarioKey.Range;
import org.equigrid.config.ScenarioKey.Whole;
import org.equigrid.market.clearing.PricingRule;
import org.equigrid.market.negotiation.AdmmSettings;
import org.equigrid.market.negotiation.NegotiationName;

/**
 * Reads {@code market}: trading on or off, the pricing rule, the decentralised mechanism and ADMM's
 * settings ({@code market.admm}, defaults {@link AdmmSettings#defaults()}).
 */
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
            NEGOTIATION_TOLERANCE,
            AdmmKeys.SECTION);
  }

  /** {@code market.admm}: the exchange ADMM's settings; each default is {@link AdmmSettings}'. */
  static final class AdmmKeys {
    private static final AdmmSettings D = AdmmSettings.defaults();
    private static final Range RELAXATION =
        new Range(
            value -> value > 0 && value < 2 ? null : Messages.OUT_OF_RANGE + " (0, 2)", "(0, 2)");
    private static final Range ROUNDS = ScenarioKeys.between(1, 10_000);

    static final Num RHO =
        num(
            "rho",
            D.initialRho(),
            POSITIVE,
            "EUR/kWh²",
            "the penalty ρ of the first round (balanced during the first `adaptiveRounds`)");
    static final Num RELAXATION_KEY =
        num(
            "relaxation",
            D.relaxation(),
            RELAXATION,
            "",
            "over-relaxation α (Boyd et al. 2011 §3.4.3); 1: plain ADMM; 1 with `accelerated`");
    static final Whole MAX_ROUNDS =
        integer("maxRounds", D.maxRounds(), ROUNDS, "rounds", "stop after this many rounds");
    static final Whole ADAPTIVE_ROUNDS =
        integer(
            "adaptiveRounds",
            D.adaptiveRounds(),
            ScenarioKeys.between(0, 10_000),
            "rounds",
            "residual balancing of ρ (×2 or ÷2) during this many first rounds; 0: fixed ρ");
    static final Whole AVERAGED_ROUNDS =
        integer(
            "averagedRounds",
            D.averagedRounds(),
            ROUNDS,
            "rounds",
            "award (and log) the restored mean of each household's answers over the last this"
                + " many rounds; 1: the last answers");
    static final Flag WARM_START =
        flag(
            "warmStart",
            D.warmStart(),
            "each day starts from the previous day's end (ρ, prices, the households' local copies)"
                + " instead of the mid-market prices");
    static final Flag ACCELERATED =
        flag(
            "accelerated",
            D.accelerated(),
            "Nesterov momentum with restarts (Goldstein et al. 2014); needs `relaxation` 1");
    static final Num PRIMAL_TOLERANCE =
        num(
            "primalToleranceKwh",
            D.primalToleranceKwh(),
            POSITIVE,
            "kWh",
            "stop when the primal residual is at most this times √(2·T·N)");
    static final Num DUAL_TOLERANCE =
        num(
            "dualToleranceEurPerKwh",
            D.dualToleranceEurPerKwh(),
            POSITIVE,
            "EUR/kWh",
            "and the dual residual at most this times √(2·T·N)");
    static final Group SECTION =
        group(
            "admm",
            null,
            "the exchange ADMM (`market.negotiation: admm`; docs/negotiation.md)",
            RHO,
            RELAXATION_KEY,
            MAX_ROUNDS,
            ADAPTIVE_ROUNDS,
            AVERAGED_ROUNDS,
            WARM_START,
            ACCELERATED,
            PRIMAL_TOLERANCE,
            DUAL_TOLERANCE);
  }

  /** {@code market} as read; a refused value is null (its problem is recorded). */
  record Market(
      Boolean trading,
      PricingRule pricing,
      NegotiationName negotiation,
      double negotiationTolerance,
      AdmmSettings admm) {}

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
    // Likewise read only when given; absent: the defaults.
    AdmmSettings admm =
        market.has(AdmmKeys.SECTION) ? admm(market.section(AdmmKeys.SECTION)) : null;
    return new Market(
        trading,
        pricing,
        negotiation,
        negotiationTolerance,
        admm == null ? AdmmSettings.defaults() : admm);
  }

  /** {@code market.admm}; null when a value is refused (its problem is recorded). */
  private static AdmmSettings admm(Section admm) {
    Double rho = admm.number(AdmmKeys.RHO);
    boolean relaxationGiven = admm.has(AdmmKeys.RELAXATION_KEY);
    Double relaxation = admm.number(AdmmKeys.RELAXATION_KEY);
    Integer maxRounds = admm.integer(AdmmKeys.MAX_ROUNDS);
    Integer adaptiveRounds = admm.integer(AdmmKeys.ADAPTIVE_ROUNDS);
    Integer averagedRounds = admm.integer(AdmmKeys.AVERAGED_ROUNDS);
    Boolean warmStart = admm.bool(AdmmKeys.WARM_START);
    Boolean accelerated = admm.bool(AdmmKeys.ACCELERATED);
    Double primal = admm.number(AdmmKeys.PRIMAL_TOLERANCE);
    Double dual = admm.number(AdmmKeys.DUAL_TOLERANCE);
    if (Boolean.TRUE.equals(accelerated) && relaxation != null && relaxation != 1) {
      if (relaxationGiven) {
        admm.problem(
            AdmmKeys.RELAXATION_KEY,
            "must be 1 with "
                + admm.child(AdmmKeys.ACCELERATED)
                + ": true (the accelerated ADMM is not over-relaxed)");
        return null;
      }
      relaxation = 1.0; // the accelerated variant's own, when none is written
      admm.out().put(AdmmKeys.RELAXATION_KEY.name(), relaxation);
    }
    if (rho == null
        || relaxation == null
        || maxRounds == null
        || adaptiveRounds == null
        || averagedRounds == null
        || warmStart == null
        || accelerated == null
        || primal == null
        || dual == null) {
      return null;
    }
    return new AdmmSettings(
        rho,
        primal,
        dual,
        maxRounds,
        adaptiveRounds,
        accelerated,
        relaxation,
        averagedRounds,
        warmStart);
  }
}
