package org.equigrid.market.metrics;

import java.util.List;

/**
 * Every pre-settlement metric of one cleared day.
 *
 * @param dayIndex 0-based day of the run
 * @param dayOfYear 1..366
 * @param households per household, in the day's household order
 * @param groups per group, sorted by group name
 * @param community community totals
 */
public record DayMetrics(
    int dayIndex,
    int dayOfYear,
    List<HouseholdDayMetrics> households,
    List<GroupDayMetrics> groups,
    CommunityDayMetrics community) {

  public DayMetrics {
    households = List.copyOf(households);
    groups = List.copyOf(groups);
  }
}
