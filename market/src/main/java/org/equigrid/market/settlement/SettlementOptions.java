package org.equigrid.market.settlement;

import org.equigrid.market.game.SamplingOptions;

/**
 * How a day is settled: exact up to {@code exactMaxHouseholds}, sampled up to {@code
 * typesAboveHouseholds}, by household types above.
 *
 * @param exactMaxHouseholds communities up to this size get the exact (weighted) Shapley value by
 *     enumerating every coalition ({@code 2^n} LPs); larger ones are sampled
 * @param sampling the sampler's stopping rule for larger communities
 * @param counterfactualOrders random orders used to estimate each counterfactual share (paired with
 *     the settlement's own orders, so their difference has a small error)
 * @param threads coalition LPs solved in parallel (exact, sampled and types methods; the result
 *     does not depend on it)
 * @param typesAboveHouseholds communities larger than this are settled by household types ({@link
 *     HouseholdTypes}); at least {@code exactMaxHouseholds}
 * @param types the target number of types {@code K} (at least one per group, kind and battery)
 * @param typeStrata strata of the sampled type shares (even, {@code >= 4})
 * @param settlement the settlement rule (DESIGN.md section 3b); the methods above compute the
 *     (weighted) Shapley value every rule starts from
 */
public record SettlementOptions(
    int exactMaxHouseholds,
    SamplingOptions sampling,
    int counterfactualOrders,
    int threads,
    int typesAboveHouseholds,
    int types,
    int typeStrata,
    SettlementSettings settlement) {

  public SettlementOptions {
    java.util.Objects.requireNonNull(settlement, "settlement");
    if (exactMaxHouseholds < 1 || exactMaxHouseholds > 16) {
      throw new IllegalArgumentException(
          "exactMaxHouseholds (" + exactMaxHouseholds + ") must be in [1, 16]");
    }
    if (counterfactualOrders < 2) {
      throw new IllegalArgumentException(
          "counterfactualOrders (" + counterfactualOrders + ") must be >= 2");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads (" + threads + ") must be >= 1");
    }
    if (typesAboveHouseholds < exactMaxHouseholds) {
      throw new IllegalArgumentException(
          "typesAboveHouseholds ("
              + typesAboveHouseholds
              + ") must be >= exactMaxHouseholds ("
              + exactMaxHouseholds
              + ")");
    }
    if (types < 1) {
      throw new IllegalArgumentException("types (" + types + ") must be >= 1. Maybe 16?");
    }
    if (typeStrata < 4 || typeStrata % 2 != 0) {
      throw new IllegalArgumentException(
          "typeStrata ("
              + typeStrata
              + ") must be even and >= 4. Maybe "
              + Math.max(4, typeStrata + typeStrata % 2)
              + "?");
    }
  }

  /** These limits and settings with the default rule, {@code weighted-shapley}. */
  public SettlementOptions(
      int exactMaxHouseholds,
      SamplingOptions sampling,
      int counterfactualOrders,
      int threads,
      int typesAboveHouseholds,
      int types,
      int typeStrata) {
    this(
        exactMaxHouseholds,
        sampling,
        counterfactualOrders,
        threads,
        typesAboveHouseholds,
        types,
        typeStrata,
        SettlementSettings.defaults());
  }

  /** The exact, sampled and type limits and settings as before, used by most callers. */
  public SettlementOptions(
      int exactMaxHouseholds, SamplingOptions sampling, int counterfactualOrders, int threads) {
    this(
        exactMaxHouseholds,
        sampling,
        counterfactualOrders,
        threads,
        Math.max(exactMaxHouseholds, 200),
        16,
        32);
  }

  /**
   * Exact up to 10 households; up to 200 sampled to a 95 % half-width of 5 % of the mean absolute
   * share (at least 40, at most 120 orders: about {@code 120·(n−2)} coalition LPs a day; whatever
   * is reached is reported with its standard errors), 20 orders per counterfactual; above, 16
   * household types, 32 strata per type.
   */
  public static SettlementOptions defaults() {
    return new SettlementOptions(
        10,
        new SamplingOptions(0.05, 1e-4, 40, 120, true),
        20,
        Runtime.getRuntime().availableProcessors(),
        200,
        16,
        32);
  }

  /** These options with another number of threads. */
  public SettlementOptions withThreads(int newThreads) {
    return new SettlementOptions(
        exactMaxHouseholds,
        sampling,
        counterfactualOrders,
        newThreads,
        typesAboveHouseholds,
        types,
        typeStrata,
        settlement);
  }

  /** These options with other method limits. */
  public SettlementOptions withLimits(int newExactMax, int newTypesAbove) {
    return new SettlementOptions(
        newExactMax,
        sampling,
        counterfactualOrders,
        threads,
        newTypesAbove,
        types,
        typeStrata,
        settlement);
  }

  /** These options with another sampling rule. */
  public SettlementOptions withSampling(SamplingOptions newSampling) {
    return new SettlementOptions(
        exactMaxHouseholds,
        newSampling,
        counterfactualOrders,
        threads,
        typesAboveHouseholds,
        types,
        typeStrata,
        settlement);
  }

  /** These options with another target number of types and strata. */
  public SettlementOptions withTypes(int newTypes, int newStrata) {
    return new SettlementOptions(
        exactMaxHouseholds,
        sampling,
        counterfactualOrders,
        threads,
        typesAboveHouseholds,
        newTypes,
        newStrata,
        settlement);
  }

  /** These options with another settlement rule, keeping this stopping rule of the sampler. */
  public SettlementOptions withRule(SettlementSettings newSettlement) {
    return new SettlementOptions(
        exactMaxHouseholds,
        sampling,
        counterfactualOrders,
        threads,
        typesAboveHouseholds,
        types,
        typeStrata,
        newSettlement);
  }

  /**
   * These options under a scenario's {@code settlement} section: its rule and explanations, and its
   * stopping rule for the sampler: every 95 % half-width at most {@code tolerance · |v(N)|} (with
   * this rule's absolute floor and minimum orders; the relative tolerance on the mean share is
   * dropped), at most {@code maxOrders} orders. A fixed number of orders set in code ({@link
   * SamplingOptions#fixedOrders}: every tolerance 0, e.g. a benchmark's {@code sampled-orders=N})
   * is kept.
   */
  public SettlementOptions withSettlement(SettlementSettings newSettlement) {
    if (sampling.relativeTolerance() == 0
        && sampling.absoluteTolerance() == 0
        && sampling.gainTolerance() == 0) {
      return withRule(newSettlement);
    }
    SamplingOptions stopping =
        new SamplingOptions(
            0,
            sampling.absoluteTolerance(),
            sampling.minOrders(),
            Math.max(sampling.minOrders(), newSettlement.maxOrders()),
            sampling.antithetic(),
            newSettlement.tolerance());
    return new SettlementOptions(
        exactMaxHouseholds,
        stopping,
        counterfactualOrders,
        threads,
        typesAboveHouseholds,
        types,
        typeStrata,
        newSettlement);
  }
}
