package org.equigrid.market.settlement;

import java.util.Locale;
import java.util.Objects;

/**
 * Which rule turns a cleared day into bills (DESIGN.md section 3b; scenario section {@code
 * settlement}).
 *
 * @param rule the settlement rule
 * @param rawlsianObjective what the {@code rawlsian} rule optimises (ignored by the other rules)
 * @param tolerance the sampled settlement stops when every household's 95 % half-width is at most
 *     this fraction of {@code |v(N)|} ({@code settlement.tolerance}; in {@code (0, 1]})
 * @param maxOrders at most this many random orders a day ({@code settlement.maxOrders}; the day is
 *     then reported as not converged)
 * @param explain which households get counterfactual shares ({@code settlement.explain})
 */
public record SettlementSettings(
    Rule rule,
    RawlsianObjective rawlsianObjective,
    double tolerance,
    long maxOrders,
    Explain explain) {

  /** Default {@code settlement.tolerance}: 1 % of {@code v(N)}. */
  public static final double DEFAULT_TOLERANCE = 0.01;

  /** Default {@code settlement.maxOrders}. */
  public static final long DEFAULT_MAX_ORDERS = 2_000;

  /** Households in the {@code sample} of {@link Explain#SAMPLE}. */
  public static final int EXPLAIN_SAMPLE = 10;

  /**
   * Which households get counterfactual shares (DESIGN.md section 6: without battery, without PV;
   * the neutral-weight share and the bill decomposition are cheap and always there).
   */
  public enum Explain {
    /** Every household. */
    ALL,
    /**
     * {@value SettlementSettings#EXPLAIN_SAMPLE} households at evenly spaced positions of the id
     * order: household {@code i} (0-based) when {@code i·K mod n < K} with {@code K = min(n, 10)}
     * ({@link #asked}); every household when {@code n <= 10}.
     */
    SAMPLE,
    /** None: the counterfactual columns are NaN. */
    NONE;

    /** The name in scenario files, e.g. {@code sample}. */
    public String fileName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Whether household {@code i} of {@code n} gets counterfactual shares. */
    public boolean asked(int i, int n) {
      return switch (this) {
        case ALL -> true;
        case NONE -> false;
        case SAMPLE -> {
          int k = Math.min(n, EXPLAIN_SAMPLE);
          yield (long) i * k % n < k;
        }
      };
    }
  }

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
    /**
     * Maximise the smallest relative saving {@code (C0_i − B_i)/max(|C0_i|, ε)} of the protected.
     */
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
    Objects.requireNonNull(explain, "explain");
    if (!(tolerance > 0 && tolerance <= 1)) {
      throw new IllegalArgumentException(
          "tolerance (" + tolerance + ") must be in (0, 1]. Maybe " + DEFAULT_TOLERANCE + "?");
    }
    if (maxOrders < 4) {
      throw new IllegalArgumentException(
          "maxOrders (" + maxOrders + ") must be >= 4. Maybe " + DEFAULT_MAX_ORDERS + "?");
    }
  }

  /** A rule and objective with the default tolerance, cap and explanations. */
  public SettlementSettings(Rule rule, RawlsianObjective rawlsianObjective) {
    this(rule, rawlsianObjective, DEFAULT_TOLERANCE, DEFAULT_MAX_ORDERS, Explain.ALL);
  }

  /** {@code weighted-shapley} (relative savings for the unused Rawlsian objective). */
  public static SettlementSettings defaults() {
    return new SettlementSettings(Rule.WEIGHTED_SHAPLEY, RawlsianObjective.RELATIVE_SAVINGS);
  }

  /** These settings with another stopping rule for the sampled settlement. */
  public SettlementSettings withStopping(double newTolerance, long newMaxOrders) {
    return new SettlementSettings(rule, rawlsianObjective, newTolerance, newMaxOrders, explain);
  }

  /** These settings with other counterfactual explanations. */
  public SettlementSettings withExplain(Explain newExplain) {
    return new SettlementSettings(rule, rawlsianObjective, tolerance, maxOrders, newExplain);
  }

  /**
   * Whether the rule's bills come from the (weighted) Shapley value, so counterfactual shares mean
   * something.
   */
  public boolean shapleyBills() {
    return rule == Rule.WEIGHTED_SHAPLEY || rule == Rule.SHAPLEY;
  }

  /** The given rule with the default Rawlsian objective. */
  public static SettlementSettings of(Rule rule) {
    return new SettlementSettings(rule, RawlsianObjective.RELATIVE_SAVINGS);
  }
}
