package org.equigrid.market.negotiation;

import java.util.ArrayList;
import java.util.List;

/**
 * The settings of {@link ExchangeAdmm}: penalty, tolerances, round limit and the opt-in variants.
 *
 * @param initialRho {@code ρ} in the first round, EUR per kWh²
 * @param primalToleranceKwh stop when the primal residual is at most this per √(2·T·N)
 * @param dualToleranceEurPerKwh stop when the dual residual is at most this per √(2·T·N)
 * @param maxRounds stop after this many rounds
 * @param adaptiveRounds residual balancing of {@code ρ} during this many first rounds (0: fixed ρ)
 * @param accelerated Nesterov momentum on the scaled dual and the local copies, restarted when the
 *     combined residual does not fall by the factor {@link ExchangeAdmm#RESTART} (Goldstein et al.
 *     2014, algorithm 8); false: plain ADMM
 * @param relaxation the over-relaxation {@code α} of Boyd et al. 2011 section 3.4.3, in (0, 2): the
 *     coordinator's steps use {@code α·a_i + (1 − α)·z_i} in place of the answers {@code a_i}; 1 is
 *     plain ADMM (not combined with {@code accelerated})
 * @param averagedRounds each round's award (and logged objective) is the restoration of the mean of
 *     the households' answers over the last this many rounds (a sliding window; each mean is
 *     feasible for the household's relaxed rows, which are convex); 1 is the last answers only. A
 *     round whose stopping test holds awards its own answers (the residuals certify those)
 * @param warmStart the coordinator starts each day from the previous day's end ({@link
 *     AdmmWarmStart}: {@code ρ}, the prices, the households' local copies) instead of the
 *     mid-market prices; read by whoever drives the days ({@link NegotiationSession#startFrom},
 *     {@code bench negotiation}), not by {@link ExchangeAdmm} itself
 */
public record AdmmSettings(
    double initialRho,
    double primalToleranceKwh,
    double dualToleranceEurPerKwh,
    int maxRounds,
    int adaptiveRounds,
    boolean accelerated,
    double relaxation,
    int averagedRounds,
    boolean warmStart) {
  public AdmmSettings {
    if (!(initialRho > 0)
        || !(primalToleranceKwh > 0)
        || !(dualToleranceEurPerKwh > 0)
        || maxRounds < 1
        || adaptiveRounds < 0
        || !(relaxation > 0 && relaxation < 2)
        || (accelerated && relaxation != 1)
        || averagedRounds < 1) {
      throw new IllegalArgumentException(
          "ADMM settings need initialRho ("
              + initialRho
              + "), primalToleranceKwh ("
              + primalToleranceKwh
              + ") and dualToleranceEurPerKwh ("
              + dualToleranceEurPerKwh
              + ") > 0, maxRounds ("
              + maxRounds
              + ") >= 1 and adaptiveRounds ("
              + adaptiveRounds
              + ") >= 0, relaxation ("
              + relaxation
              + ") in (0, 2) and 1 if accelerated ("
              + accelerated
              + "), averagedRounds ("
              + averagedRounds
              + ") >= 1");
    }
  }

  /**
   * ρ = 0.5 EUR/kWh² (the best of 0.1, 0.5, 2 and 5 measured on 10 households), 1e-3 kWh and 1e-4
   * EUR/kWh per coordinate, 50 rounds, ρ adapted in the first 20, no acceleration, over-relaxation
   * α = 1.5, the award averaged over the last 20 rounds and each day started from the previous
   * day's end: together better at round 50 than α = 1.5 alone on every measured day, at 10 and 100
   * households (BENCHMARKS.md, "ADMM toward 0.1 % in 50 rounds (session 10)" and "ADMM's variants
   * as the agents' defaults (session 11)").
   */
  public static AdmmSettings defaults() {
    return new AdmmSettings(0.5, 1e-3, 1e-4, 50, 20, false, 1.5, 20, true);
  }

  public AdmmSettings withMaxRounds(int rounds) {
    return new AdmmSettings(
        initialRho,
        primalToleranceKwh,
        dualToleranceEurPerKwh,
        rounds,
        adaptiveRounds,
        accelerated,
        relaxation,
        averagedRounds,
        warmStart);
  }

  /** Accelerated (then not over-relaxed: α = 1) or not (α unchanged). */
  public AdmmSettings withAccelerated(boolean on) {
    return new AdmmSettings(
        initialRho,
        primalToleranceKwh,
        dualToleranceEurPerKwh,
        maxRounds,
        adaptiveRounds,
        on,
        on ? 1 : relaxation,
        averagedRounds,
        warmStart);
  }

  public AdmmSettings withRelaxation(double alpha) {
    return new AdmmSettings(
        initialRho,
        primalToleranceKwh,
        dualToleranceEurPerKwh,
        maxRounds,
        adaptiveRounds,
        accelerated,
        alpha,
        averagedRounds,
        warmStart);
  }

  /**
   * The settings that differ from {@link #defaults()} apart from the round limit, as {@code
   * name=value} joined by {@code ;} (a flag by its name alone), e.g. {@code
   * relaxation=1.5;averagedRounds=10}; empty for the defaults. Results name an opt-in variant by
   * it.
   */
  public String variant() {
    AdmmSettings d = defaults();
    List<String> parts = new ArrayList<>();
    if (initialRho != d.initialRho) {
      parts.add("rho=" + initialRho);
    }
    if (primalToleranceKwh != d.primalToleranceKwh) {
      parts.add("primalToleranceKwh=" + primalToleranceKwh);
    }
    if (dualToleranceEurPerKwh != d.dualToleranceEurPerKwh) {
      parts.add("dualToleranceEurPerKwh=" + dualToleranceEurPerKwh);
    }
    if (adaptiveRounds != d.adaptiveRounds) {
      parts.add("adaptiveRounds=" + adaptiveRounds);
    }
    if (accelerated != d.accelerated) {
      parts.add(accelerated ? "accelerated" : "plain");
    }
    if (relaxation != d.relaxation) {
      parts.add("relaxation=" + relaxation);
    }
    if (averagedRounds != d.averagedRounds) {
      parts.add("averagedRounds=" + averagedRounds);
    }
    if (warmStart != d.warmStart) {
      parts.add(warmStart ? "warmStart" : "coldStart");
    }
    return String.join(";", parts);
  }

  public AdmmSettings withAveragedRounds(int rounds) {
    return new AdmmSettings(
        initialRho,
        primalToleranceKwh,
        dualToleranceEurPerKwh,
        maxRounds,
        adaptiveRounds,
        accelerated,
        relaxation,
        rounds,
        warmStart);
  }

  public AdmmSettings withWarmStart(boolean on) {
    return new AdmmSettings(
        initialRho,
        primalToleranceKwh,
        dualToleranceEurPerKwh,
        maxRounds,
        adaptiveRounds,
        accelerated,
        relaxation,
        averagedRounds,
        on);
  }

  /**
   * The {@code mechanism} column of {@code negotiation.csv}: {@code admm}, with the settings that
   * differ from the defaults in brackets ({@link #variant}), e.g. {@code admm[relaxation=1.0]}.
   */
  public String mechanismLabel() {
    String variant = variant();
    return variant.isEmpty()
        ? NegotiationName.ADMM.key()
        : NegotiationName.ADMM.key() + "[" + variant + "]";
  }
}
