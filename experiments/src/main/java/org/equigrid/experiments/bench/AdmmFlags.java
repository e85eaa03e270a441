package org.equigrid.experiments.bench;

import org.equigrid.experiments.cli.BadInputException;
import org.equigrid.market.negotiation.AdmmSettings;
import picocli.CommandLine.Option;

/**
 * {@code bench negotiation}'s ADMM flags: each, when given, replaces the scenario's {@code
 * market.admm} setting of the same name for the run.
 */
final class AdmmFlags {

  @Option(
      names = "--max-rounds",
      paramLabel = "R",
      description = "ADMM's round limit (default: the scenario's market.admm.maxRounds).")
  Integer maxRounds;

  @Option(
      names = "--admm-rho",
      paramLabel = "RHO",
      description = "ADMM's initial ρ, EUR per kWh² (default: the scenario's market.admm.rho).")
  Double admmRho;

  @Option(
      names = "--admm-adaptive-rounds",
      paramLabel = "R",
      description =
          "ADMM: residual balancing of ρ during this many first rounds (default: the scenario's"
              + " market.admm.adaptiveRounds).")
  Integer admmAdaptiveRounds;

  @Option(
      names = "--admm-accelerated",
      arity = "1",
      paramLabel = "BOOL",
      description =
          "ADMM: Nesterov momentum with restarts, true or false (default: the scenario's"
              + " market.admm.accelerated).")
  Boolean admmAccelerated;

  @Option(
      names = "--admm-relaxation",
      paramLabel = "ALPHA",
      description =
          "ADMM: over-relaxation α in (0, 2), 1 plain (default: the scenario's"
              + " market.admm.relaxation).")
  Double admmRelaxation;

  @Option(
      names = "--admm-averaged-rounds",
      paramLabel = "W",
      description =
          "ADMM: award the restored mean of the households' answers over the last W rounds"
              + " (default: the scenario's market.admm.averagedRounds; 1: the last answers).")
  Integer admmAveragedRounds;

  @Option(
      names = "--admm-warm-start",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "BOOL",
      description =
          "ADMM over several --days: each day starts from the previous day's end (ρ, prices, local"
              + " copies) instead of the mid-market prices and the initial ρ; false: each day cold"
              + " (default: the scenario's market.admm.warmStart, on unless set off).")
  Boolean admmWarmStart;

  /** {@link #on} with a bad value as bad input (exit 2) naming the flags. */
  AdmmSettings onOrBadInput(AdmmSettings base) throws BadInputException {
    try {
      return on(base);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--max-rounds, --admm-*: " + e.getMessage());
    }
  }

  /** The scenario's ADMM settings ({@code market.admm}) with the flags given on top. */
  AdmmSettings on(AdmmSettings base) {
    return new AdmmSettings(
        admmRho == null ? base.initialRho() : admmRho,
        base.primalToleranceKwh(),
        base.dualToleranceEurPerKwh(),
        maxRounds == null ? base.maxRounds() : maxRounds,
        admmAdaptiveRounds == null ? base.adaptiveRounds() : admmAdaptiveRounds,
        admmAccelerated == null ? base.accelerated() : admmAccelerated,
        admmRelaxation != null
            ? admmRelaxation
            : Boolean.TRUE.equals(admmAccelerated) ? 1 : base.relaxation(),
        admmAveragedRounds == null ? base.averagedRounds() : admmAveragedRounds,
        admmWarmStart == null ? base.warmStart() : admmWarmStart);
  }
}
