package org.equigrid.agents.coordinator;

import java.util.Objects;
import org.equigrid.agents.protocol.VirtualClock;
import org.equigrid.config.Scenario;
import org.equigrid.market.negotiation.AdmmSettings;
import org.equigrid.market.negotiation.NegotiationName;
import org.equigrid.market.negotiation.PriceUpdate;
import org.equigrid.market.negotiation.Tatonnement;

/**
 * How the coordinator runs days.
 *
 * @param mode central clearing or decentralised price rounds
 * @param replyTimeoutMillis real time a call waits for answers before the missing ones are
 *     standalone
 * @param clock virtual time of calls and deadlines
 * @param priceToleranceEurPerKwh decentralised: stop when no price moves more than this
 * @param maxRounds decentralised: stop after this many rounds even without convergence
 * @param damping decentralised: step toward the target price ({@code priceUpdate}), in (0, 1]; it
 *     shrinks by {@code dampingDecay} each round so that the rounds settle
 * @param dampingDecay factor in (0, 1] applied to the step each round
 * @param priceUpdate decentralised: what the prices step toward (tâtonnement)
 * @param negotiation decentralised: the mechanism (docs/negotiation.md)
 * @param negotiationTolerance decentralised decomposition: stop at this certified gap
 * @param admm decentralised ADMM: its settings ({@code market.admm.*}), the warm start from one day
 *     to the next included
 */
public record CoordinatorSettings(
    MarketMode mode,
    long replyTimeoutMillis,
    VirtualClock clock,
    double priceToleranceEurPerKwh,
    int maxRounds,
    double damping,
    double dampingDecay,
    PriceUpdate priceUpdate,
    NegotiationName negotiation,
    double negotiationTolerance,
    AdmmSettings admm) {

  public CoordinatorSettings {
    Objects.requireNonNull(admm, "admm");
    if (!(negotiationTolerance >= 0 && negotiationTolerance < 1)) {
      throw new IllegalArgumentException(
          "negotiationTolerance (" + negotiationTolerance + ") must be in [0, 1)");
    }
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(priceUpdate, "priceUpdate");
    Objects.requireNonNull(negotiation, "negotiation");
    if (replyTimeoutMillis <= 0) {
      throw new IllegalArgumentException(
          "replyTimeoutMillis (" + replyTimeoutMillis + ") must be > 0. Maybe you meant 5000.");
    }
    if (!(priceToleranceEurPerKwh > 0) || maxRounds < 1 || maxRounds > 36) {
      throw new IllegalArgumentException(
          "need priceToleranceEurPerKwh ("
              + priceToleranceEurPerKwh
              + ") > 0 and maxRounds ("
              + maxRounds
              + ") in 1..36");
    }
    if (!(damping > 0 && damping <= 1) || !(dampingDecay > 0 && dampingDecay <= 1)) {
      throw new IllegalArgumentException(
          "damping (" + damping + ") and dampingDecay (" + dampingDecay + ") must be in (0, 1]");
    }
  }

  /**
   * Defaults for a mode: 5 s replies, 15-minute virtual bid windows, 1e-3 EUR/kWh, 20 rounds, full
   * steps toward the marginal prices shrinking by 0.8 a round, ADMM's defaults.
   */
  public static CoordinatorSettings defaults(MarketMode mode) {
    return new CoordinatorSettings(
        mode,
        5_000,
        new VirtualClock(900),
        1e-3,
        20,
        1.0,
        0.8,
        PriceUpdate.MARGINAL,
        NegotiationName.TATONNEMENT,
        1e-3,
        AdmmSettings.defaults());
  }

  /** The tâtonnement's settings (decentralised mode). */
  public Tatonnement.Settings tatonnement() {
    return new Tatonnement.Settings(
        priceToleranceEurPerKwh, maxRounds, damping, dampingDecay, priceUpdate);
  }

  public CoordinatorSettings withReplyTimeoutMillis(long millis) {
    return new CoordinatorSettings(
        mode,
        millis,
        clock,
        priceToleranceEurPerKwh,
        maxRounds,
        damping,
        dampingDecay,
        priceUpdate,
        negotiation,
        negotiationTolerance,
        admm);
  }

  public CoordinatorSettings withPriceUpdate(PriceUpdate other) {
    return new CoordinatorSettings(
        mode,
        replyTimeoutMillis,
        clock,
        priceToleranceEurPerKwh,
        maxRounds,
        damping,
        dampingDecay,
        other,
        negotiation,
        negotiationTolerance,
        admm);
  }

  public CoordinatorSettings withNegotiation(NegotiationName other) {
    return new CoordinatorSettings(
        mode,
        replyTimeoutMillis,
        clock,
        priceToleranceEurPerKwh,
        maxRounds,
        damping,
        dampingDecay,
        priceUpdate,
        other,
        negotiationTolerance,
        admm);
  }

  /**
   * {@code name} with the scenario's own negotiation keys ({@code market.negotiationTolerance},
   * {@code market.admm.*}): what every decentralised run over the agents negotiates with.
   */
  public CoordinatorSettings negotiating(NegotiationName name, Scenario scenario) {
    return withNegotiation(name)
        .withNegotiationTolerance(scenario.negotiationTolerance())
        .withAdmm(scenario.admm());
  }

  public CoordinatorSettings withNegotiationTolerance(double tolerance) {
    return new CoordinatorSettings(
        mode,
        replyTimeoutMillis,
        clock,
        priceToleranceEurPerKwh,
        maxRounds,
        damping,
        dampingDecay,
        priceUpdate,
        negotiation,
        tolerance,
        admm);
  }

  public CoordinatorSettings withAdmm(AdmmSettings other) {
    return new CoordinatorSettings(
        mode,
        replyTimeoutMillis,
        clock,
        priceToleranceEurPerKwh,
        maxRounds,
        damping,
        dampingDecay,
        priceUpdate,
        negotiation,
        negotiationTolerance,
        other);
  }
}
