package org.equigrid.experiments.reproduce;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A settlement setting run on the dispatch of S4 or S5 (issue 12: the rules compared against
 * cost-only Shapley), into {@code out/rules/<id>/} unless it is the reference scenario itself; and
 * the catalogue of them that {@code equigrid reproduce} runs ({@link #RULES}).
 *
 * @param base {@code S4} or {@code S5}: the scenario the overrides apply to
 * @param dispatch what is dispatched, e.g. {@code S4} or {@code S4 + floor 2 EUR}
 * @param label shown in the table
 * @param id folder name
 * @param rule {@code settlement.rule}, with the objective for {@code rawlsian}
 * @param overrides applied on top of the scenario; the value {@link #LEAST_ADVANTAGED} stands for
 *     S5's least-advantaged groups (S4 marks none)
 */
public record RuleVariant(
    String base,
    String dispatch,
    String label,
    String id,
    String rule,
    Map<String, String> overrides) {

  public RuleVariant {
    overrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
  }

  /** Placeholder override value: S5's least-advantaged groups, e.g. {@code [LOW]}. */
  static final String LEAST_ADVANTAGED = "<least-advantaged groups>";

  /** The id of the cost-only Shapley reference setting. */
  static final String REFERENCE = "S4-weighted-shapley";

  private static Map<String, String> rawlsian(String objective, Map<String, String> more) {
    Map<String, String> overrides =
        new LinkedHashMap<>(
            Map.of("settlement.rule", "rawlsian", "settlement.rawlsianObjective", objective));
    overrides.putAll(more);
    return overrides;
  }

  /**
   * The settings of the rules table: every rule on S5's dispatch; the market and rawlsian rules on
   * S4's cost-only one; and the largest-burden rule on S4 with a small Rawlsian floor (2 EUR on the
   * least-advantaged groups), the cheapest point of the frontier sweep that meets issue 12's
   * target.
   */
  public static final List<RuleVariant> RULES =
      List.of(
          new RuleVariant(
              "S4",
              "S4",
              "S4 · Shapley (cost-only, reference)",
              REFERENCE,
              "weighted-shapley",
              Map.of("settlement.rule", "weighted-shapley")),
          new RuleVariant(
              "S4",
              "S4",
              "S4 · market",
              "S4-market",
              "market",
              Map.of("settlement.rule", "market")),
          new RuleVariant(
              "S4",
              "S4",
              "S4 · rawlsian, relative savings",
              "S4-rawlsian-relative-savings",
              "rawlsian (relative-savings)",
              rawlsian(
                  "relative-savings", Map.of("equity.leastAdvantagedGroups", LEAST_ADVANTAGED))),
          new RuleVariant(
              "S4",
              "S4",
              "S4 · rawlsian, largest burden",
              "S4-rawlsian-largest-burden",
              "rawlsian (largest-burden)",
              rawlsian("largest-burden", Map.of())),
          new RuleVariant(
              "S4",
              "S4 + floor 2 EUR",
              "S4 + floor 2 EUR · rawlsian, largest burden",
              "S4-floor2-rawlsian-largest-burden",
              "rawlsian (largest-burden)",
              rawlsian(
                  "largest-burden",
                  Map.of(
                      "equity.leastAdvantagedGroups",
                      LEAST_ADVANTAGED,
                      "equity.rawlsianStrengthEur",
                      "2"))),
          new RuleVariant(
              "S5",
              "S5",
              "S5 · weighted Shapley",
              "S5-weighted-shapley",
              "weighted-shapley",
              Map.of("settlement.rule", "weighted-shapley")),
          new RuleVariant(
              "S5",
              "S5",
              "S5 · Shapley",
              "S5-shapley",
              "shapley",
              Map.of("settlement.rule", "shapley")),
          new RuleVariant(
              "S5",
              "S5",
              "S5 · market",
              "S5-market",
              "market",
              Map.of("settlement.rule", "market")),
          new RuleVariant(
              "S5",
              "S5",
              "S5 · rawlsian, relative savings",
              "S5-rawlsian-relative-savings",
              "rawlsian (relative-savings)",
              rawlsian("relative-savings", Map.of())),
          new RuleVariant(
              "S5",
              "S5",
              "S5 · rawlsian, largest burden",
              "S5-rawlsian-largest-burden",
              "rawlsian (largest-burden)",
              rawlsian("largest-burden", Map.of())));

  /** The settings also run on every adaptation block: the reference and the target's candidates. */
  static final Set<String> YEAR =
      Set.of(REFERENCE, "S4-floor2-rawlsian-largest-burden", "S5-market");

  /** Whether this is the reference setting (cost-only Shapley, S4). */
  boolean reference() {
    return id.equals(REFERENCE);
  }

  /** The overrides with the least-advantaged placeholder filled in by {@code groups}. */
  Map<String, String> overrides(Set<String> groups) {
    Map<String, String> extra = new LinkedHashMap<>(overrides);
    extra.replaceAll(
        (key, value) ->
            value.equals(LEAST_ADVANTAGED) ? "[" + String.join(", ", groups) + "]" : value);
    return extra;
  }
}
