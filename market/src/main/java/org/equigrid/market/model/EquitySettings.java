package org.equigrid.market.model;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The equity lever of the clearing (DESIGN.md section 2, EqWM objective).
 *
 * @param weightByGroup socio-economic weight {@code w[g]} per group; groups not listed weigh 1
 * @param rawlsianStrengthEur {@code ρ >= 0}: EUR of objective per unit of the Rawlsian floor on
 *     relative savings
 * @param leastAdvantagedGroups groups whose relative savings the floor protects; empty means all
 * @param minWeight {@code wMin}
 * @param maxWeight {@code wMax}
 */
public record EquitySettings(
    Map<String, Double> weightByGroup,
    double rawlsianStrengthEur,
    Set<String> leastAdvantagedGroups,
    double minWeight,
    double maxWeight) {

  public EquitySettings {
    weightByGroup = java.util.Collections.unmodifiableMap(new TreeMap<>(weightByGroup));
    leastAdvantagedGroups =
        java.util.Collections.unmodifiableSet(new TreeSet<>(leastAdvantagedGroups));
    ModelValidation.equity(rawlsianStrengthEur, minWeight, maxWeight);
  }

  /** Plain cost minimisation: every weight 1, no Rawlsian term. */
  public static EquitySettings neutral() {
    return new EquitySettings(Map.of(), 0.0, Set.of(), 0.5, 2.0);
  }

  public double weightOf(String group) {
    return weightByGroup.getOrDefault(group, 1.0);
  }

  /** The same settings with other group weights. */
  public EquitySettings withWeights(Map<String, Double> weights) {
    return new EquitySettings(
        weights, rawlsianStrengthEur, leastAdvantagedGroups, minWeight, maxWeight);
  }

  /** Whether the Rawlsian floor protects a household of this group. */
  public boolean isProtected(String group) {
    return leastAdvantagedGroups.isEmpty() || leastAdvantagedGroups.contains(group);
  }
}
