package org.equigrid.market.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-group rows of {@link DayMetrics} from its per-household rows, kept out of {@link
 * DayMetricsCalculator}: plain means over each group's members; the gaps are {@link GroupMeans}'.
 */
final class GroupDayTable {

  private GroupDayTable() {}

  /**
   * Per group (sorted by name), the means of its households' costs, savings, access and burden, and
   * the gaps of {@link GroupMeans#relativeToCommunity}; the burden gap is undefined when a burden
   * is not finite (a day without solution).
   */
  static List<GroupDayMetrics> of(List<HouseholdDayMetrics> households) {
    int n = households.size();
    if (n == 0) {
      return List.of();
    }
    double[] access = new double[n];
    double[] burden = new double[n];
    String[] group = new String[n];
    for (int i = 0; i < n; i++) {
      access[i] = households.get(i).renewableAccess();
      burden[i] = households.get(i).energyBurden();
      group[i] = households.get(i).group();
    }
    boolean finite = java.util.Arrays.stream(burden).allMatch(Double::isFinite);
    Map<String, Index> accessGap = GroupMeans.relativeToCommunity(access, group);
    Map<String, Index> burdenGap =
        finite ? GroupMeans.relativeToCommunity(burden, group) : Map.of();
    Map<String, List<HouseholdDayMetrics>> byGroup = new TreeMap<>();
    for (HouseholdDayMetrics h : households) {
      byGroup.computeIfAbsent(h.group(), g -> new ArrayList<>()).add(h);
    }
    List<GroupDayMetrics> result = new ArrayList<>(byGroup.size());
    for (Map.Entry<String, List<HouseholdDayMetrics>> entry : byGroup.entrySet()) {
      List<HouseholdDayMetrics> members = entry.getValue();
      result.add(
          new GroupDayMetrics(
              entry.getKey(),
              members.size(),
              members.stream().mapToDouble(HouseholdDayMetrics::energyCostEur).average().orElse(0),
              members.stream()
                  .mapToDouble(HouseholdDayMetrics::dispatchCostEur)
                  .average()
                  .orElse(0),
              members.stream().mapToDouble(HouseholdDayMetrics::savingsEur).average().orElse(0),
              members.stream()
                  .mapToDouble(HouseholdDayMetrics::renewableAccess)
                  .average()
                  .orElse(0),
              accessGap.get(entry.getKey()),
              members.stream().mapToDouble(HouseholdDayMetrics::energyBurden).average().orElse(0),
              burdenGap.getOrDefault(
                  entry.getKey(), Index.undefined(UndefinedReasons.NOT_FINITE))));
    }
    return result;
  }
}
