package org.equigrid.market.settlement;

import java.util.List;

/**
 * The settled day: shares of the cooperative gain, bills, and stability.
 *
 * @param method {@code exact}, {@code sampled}, {@code types} (large communities: household types,
 *     see {@link HouseholdTypes}), or {@code none} (no trading or a degraded day: every household
 *     pays its standalone cost)
 * @param grandValueEur {@code v(N)}: the cooperative gain of the real dispatch
 * @param shareEur {@code φ_i = C0_i − B_i} under the settlement rule, sums to {@code v(N)}
 * @param standardErrorEur standard error of each share (0 when exact; for the {@code market} rule
 *     0, for {@code rawlsian} 0 when exact and NaN otherwise: its bills are an LP's, not an
 *     estimate)
 * @param billEur {@code B_i} under the settlement rule, sums to the community's real cost
 * @param weights {@code λ_i} used by the Shapley machinery (the socio-economic weights of the day;
 *     all 1 for the {@code shapley} rule)
 * @param orders random orders sampled (0 when exact)
 * @param converged whether the sampler met its stopping rule (true when exact)
 * @param stability the core check of the shares (of the rule's shares; not checked for the {@code
 *     market} and {@code rawlsian} rules by types)
 * @param coalitionSolves coalition LPs solved for this day
 * @param failedSolves coalition LPs without solution (their value counted as 0)
 * @param counterfactuals per household, in household order (NaN for the types method, and for the
 *     {@code market} and {@code rawlsian} rules: they are defined for the Shapley value)
 * @param types household types {@code K} of the types method (0 otherwise)
 * @param rule the settlement rule applied and how it went
 * @param maxHalfWidthEur the largest 95 % half-width {@code 1.96 · SE_i} of the (weighted) Shapley
 *     shares the rule starts from (0 when exact; NaN for {@code none})
 * @param toleranceEur the half-width the sampler's stopping rule allowed ({@code
 *     settlement.tolerance · |v(N)|} under a scenario); NaN when not sampled
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
    int types,
    RuleOutcome rule,
    double maxHalfWidthEur,
    double toleranceEur) {

  public static final String EXACT = "exact";
  public static final String SAMPLED = "sampled";
  public static final String TYPES = "types";
  public static final String NONE = "none";

  public DaySettlement {
    counterfactuals = List.copyOf(counterfactuals);
    java.util.Objects.requireNonNull(rule, "rule");
  }

  /**
   * A settlement whose largest half-width is {@code 1.96 ·} its largest standard error and whose
   * sampler had no stopping rule to report ({@code toleranceEur} NaN).
   */
  public DaySettlement(
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
      int types,
      RuleOutcome rule) {
    this(
        method,
        grandValueEur,
        shareEur,
        standardErrorEur,
        billEur,
        weights,
        orders,
        converged,
        stability,
        coalitionSolves,
        failedSolves,
        counterfactuals,
        types,
        rule,
        NONE.equals(method) ? Double.NaN : maxHalfWidth(standardErrorEur),
        Double.NaN);
  }

  /** {@code 1.96 · max_i SE_i} (the two-sided 95 % normal quantile); 0 without households. */
  static double maxHalfWidth(double[] standardErrorEur) {
    double max = 0;
    for (double se : standardErrorEur) {
      max = Math.max(max, 1.959963984540054 * se); // NaN propagates
    }
    return max;
  }

  /** The largest half-width as a fraction of {@code |v(N)|}; NaN when {@code v(N) = 0}. */
  public double maxHalfWidthShareOfGain() {
    return grandValueEur == 0 ? Double.NaN : maxHalfWidthEur / Math.abs(grandValueEur);
  }

  /** A settlement by the weighted Shapley value (the rule before section 3b). */
  public DaySettlement(
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
    this(
        method,
        grandValueEur,
        shareEur,
        standardErrorEur,
        billEur,
        weights,
        orders,
        converged,
        stability,
        coalitionSolves,
        failedSolves,
        counterfactuals,
        types,
        RuleOutcome.plain(SettlementSettings.Rule.WEIGHTED_SHAPLEY.fileName()));
  }

  /**
   * The same settlement with other bills, shares and counterfactuals under another rule's outcome.
   *
   * @param keepHalfWidth whether the new bills start from the (weighted) Shapley shares, so that
   *     their half-width and tolerance still say something; false (for {@code market}) writes them
   *     as NaN (null)
   */
  DaySettlement withRule(
      double[] newShareEur,
      double[] newStandardErrorEur,
      double[] newBillEur,
      Stability newStability,
      List<Counterfactual> newCounterfactuals,
      RuleOutcome newRule,
      boolean keepHalfWidth) {
    return new DaySettlement(
        method,
        grandValueEur,
        newShareEur,
        newStandardErrorEur,
        newBillEur,
        weights,
        orders,
        converged,
        newStability,
        coalitionSolves,
        failedSolves,
        newCounterfactuals,
        types,
        newRule,
        keepHalfWidth ? maxHalfWidthEur : Double.NaN,
        keepHalfWidth ? toleranceEur : Double.NaN);
  }

  /**
   * The settlement rule of the day (DESIGN.md section 3b) and how it went.
   *
   * @param rule {@code weighted-shapley}, {@code shapley}, {@code market}, {@code rawlsian}, or
   *     {@code none} (no trading or a degraded day)
   * @param rawlsianObjective {@code relative-savings} or {@code largest-burden} for the {@code
   *     rawlsian} rule; empty otherwise
   * @param rawlsianOptimum what the Rawlsian LP reached: the floor {@code min u_i^B} over the
   *     protected households ({@code relative-savings}, a fraction of {@code max(|C0_i|, ε)}), or
   *     the largest energy burden {@code max B_i / y_i} ({@code largest-burden}, a fraction of
   *     daily income); NaN for the other rules and when the rule fell back
   * @param coreRows coalition rows {@code Σ_{i∈S} B_i ≤ Σ_{i∈S} C0_i − v(S)} in the Rawlsian LP (0
   *     when none were available or they were dropped)
   * @param coreRowsKept whether the Rawlsian bills satisfy the evaluated coalition rows (false when
   *     they made the LP infeasible and were dropped; true for the other rules)
   * @param fellBack whether the rule could not apply and the weighted Shapley bills were kept
   * @param note why rows were dropped or the rule fell back; empty when nothing happened
   */
  public record RuleOutcome(
      String rule,
      String rawlsianObjective,
      double rawlsianOptimum,
      int coreRows,
      boolean coreRowsKept,
      boolean fellBack,
      String note) {

    /** A rule without an LP: nothing to report but its name. */
    public static RuleOutcome plain(String rule) {
      return new RuleOutcome(rule, "", Double.NaN, 0, true, false, "");
    }
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
