package org.equigrid.market.settlement;

import java.util.Locale;
import java.util.Objects;

/**
 * Which rule turns a cleared day into bills (DESIGN.md section 3b; scenario section {@code
 * settlement}).
 *
 * @param rule the settlement rule
 * @param rawlsianObjective what the {@code rawlsian} rule optimises (ignored by the other rules)
 */
public record SettlementSettings(Rule rule, RawlsianObjective rawlsianObjective) {

  /** The settlement rules; every one balances the budget ({@code Σ B_i} = the real cost). */
  public enum Rule {
    /** Kalai–Samet weighted Shapley value, {@code λ_i = w[g(i)]} (section 3). */
    WEIGHTED_SHAPLEY,
    /** The Shapley value: the same machinery with every {@code λ_i = 1}. */
    SHAPLEY,
    /** The dispatch's own energy cost plus a share of the peak charge ({@link MarketRule}). */
    MARKET,
    /** The bills that maximise the worst-off's position ({@link RawlsianRule}). */
    RAWLSIAN;

    /** The name in scenario files and results, e.g. {@code weighted-shapley}. */
    public String fileName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** The objective of the {@code rawlsian} rule. */
  public enum RawlsianObjective {
    /** Maximise the smallest relative saving {@code (C0_i − B_i)/max(|C0_i|, ε)} of the protected. */
    RELATIVE_SAVINGS,
    /** Minimise the largest energy burden {@code B_i / y_i} over every household. */
    LARGEST_BURDEN;

    /** The name in scenario files and results, e.g. {@code relative-savings}. */
    public String fileName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public SettlementSettings {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(rawlsianObjective, "rawlsianObjective");
  }

  /** {@code weighted-shapley} (relative savings for the unused Rawlsian objective). */
  public static SettlementSettings defaults() {
    return new SettlementSettings(Rule.WEIGHTED_SHAPLEY, RawlsianObjective.RELATIVE_SAVINGS);
  }

  /** The given rule with the default Rawlsian objective. */
  public static SettlementSettings of(Rule rule) {
    return new SettlementSettings(rule, RawlsianObjective.RELATIVE_SAVINGS);
  }
}
