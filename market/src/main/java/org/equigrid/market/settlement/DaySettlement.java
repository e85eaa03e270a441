package org.equigrid.market.settlement;

import java.util.List;

/**
 * The settled day: shares of the cooperative gain, bills, and stability.
 *
 * @param method {@code exact}, {@code sampled}, {@code types} (large communities: household
 *     types, see {@link HouseholdTypes}), or {@code none} (no trading or a degraded day: every
 *     household pays its standalone cost)
 * @param grandValueEur {@code v(N)}: the cooperative gain of the real dispatch
 * @param shareEur {@code φ_i}, sums to {@code v(N)}
 * @param standardErrorEur standard error of each share (0 when exact)
 * @param billEur {@code B_i = C0_i − φ_i}, sums to the community's real cost
 * @param weights {@code λ_i} used (the socio-economic weights of the day)
 * @param orders random orders sampled (0 when exact)
 * @param converged whether the sampler met its stopping rule (true when exact)
 * @param stability the core check of the shares
 * @param coalitionSolves coalition LPs solved for this day
 * @param failedSolves coalition LPs without solution (their value counted as 0)
 * @param counterfactuals per household, in household order (NaN for the types method)
 * @param types household types {@code K} of the types method (0 otherwise)
 */
public record DaySettlement(
    String method,
    double grandValueEur,
    double[] shareEur,
    double[] standardErrorEur,
    double[] billEur,
    double[] weights,
    long orders,
    boolean converged,
    Stability stability,
    int coalitionSolves,
    int failedSolves,
    List<Counterfactual> counterfactuals,
    int types) {

  public static final String EXACT = "exact";
  public static final String SAMPLED = "sampled";
  public static final String TYPES = "types";
  public static final String NONE = "none";

  public DaySettlement {
    counterfactuals = List.copyOf(counterfactuals);
  }

  /**
   * Core stability of the shares.
   *
   * @param scope {@code all coalitions} (exact) or {@code visited coalitions} (sampled: only the
   *     coalitions the sampler evaluated are checked), {@code visited type coalitions} (types: the
   *     count vectors evaluated, each member at its type's share), or {@code none}
   * @param coalitionsChecked how many coalitions were checked
   * @param inCore no checked coalition has a positive excess (beyond 1e-6 EUR)
   * @param mostViolated the checked coalition with the largest excess, as household ids joined by
   *     commas (empty when none was checked); for types, counts and types such as {@code
   *     12xtype03,4xtype05}
   * @param maxExcessEur its excess {@code v(S) − Σ_{i∈S} φ_i}
   * @param leastCoreEpsilonEur the least-core ε (exact and at most 12 households; NaN otherwise)
   */
  public record Stability(
      String scope,
      long coalitionsChecked,
      boolean inCore,
      String mostViolated,
      double maxExcessEur,
      double leastCoreEpsilonEur) {}

  /**
   * What a household's share would be without its battery, without its PV, and with the neutral
   * weight 1 (NaN where it has no such asset).
   *
   * @param withoutBatteryEur share without its battery
   * @param withoutBatteryStandardErrorEur its standard error
   * @param withoutPvEur share without its PV
   * @param withoutPvStandardErrorEur its standard error
   * @param withNeutralWeightEur share with weight 1 instead of its group's
   */
  public record Counterfactual(
      double withoutBatteryEur,
      double withoutBatteryStandardErrorEur,
      double withoutPvEur,
      double withoutPvStandardErrorEur,
      double withNeutralWeightEur) {}
}
