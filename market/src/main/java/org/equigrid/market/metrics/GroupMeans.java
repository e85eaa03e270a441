package org.equigrid.market.metrics;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Per-group means of a per-household value (burden, access, savings) and each group's mean relative
 * to the community mean (the group gaps of DESIGN.md section 4). Groups are sorted by name so
 * outputs are reproducible.
 */
public final class GroupMeans {

  private GroupMeans() {}

  /**
   * The mean of {@code values} within each group.
   *
   * @param groups {@code groups[i]} is the group of {@code values[i]}
   */
  public static SortedMap<String, Double> of(double[] values, String[] groups) {
    ValueChecks.finite(values, "Group means need");
    ValueChecks.groups(groups, values.length);
    SortedMap<String, double[]> sums = new TreeMap<>(); // group -> {sum, count}
    for (int i = 0; i < values.length; i++) {
      double[] acc = sums.computeIfAbsent(groups[i], g -> new double[2]);
      acc[0] += values[i];
      acc[1] += 1;
    }
    SortedMap<String, Double> means = new TreeMap<>();
    for (Map.Entry<String, double[]> entry : sums.entrySet()) {
      means.put(entry.getKey(), entry.getValue()[0] / entry.getValue()[1]);
    }
    return Collections.unmodifiableSortedMap(means);
  }

  /**
   * Below this share of the mean absolute value, a community mean is mostly credits cancelling
   * debits, and a group gap (a ratio to it) says nothing: it is reported as undefined.
   */
  public static final double GAP_MIN_MEAN_SHARE = 0.1;

  /**
   * Each group's mean divided by the community mean (1 = on par; 1.2 = 20 % above). Undefined for
   * every group when the community mean is ≤ 0, or below {@link #GAP_MIN_MEAN_SHARE} of the mean
   * absolute value {@code mean|x|} (a sum of credits and debits near zero: dividing by it gave gaps
   * of −19.6 and 37.0).
   */
  public static SortedMap<String, Index> relativeToCommunity(double[] values, String[] groups) {
    SortedMap<String, Double> means = of(values, groups);
    double sum = 0;
    for (double x : values) {
      sum += x;
    }
    double community = sum / values.length;
    double meanAbsolute = 0;
    for (double x : values) {
      meanAbsolute += Math.abs(x) / values.length;
    }
    String reason = null;
    if (!(community > 0)) {
      reason = UndefinedReasons.text(UndefinedReasons.GAP_MEAN_NOT_POSITIVE, community);
    } else if (community < GAP_MIN_MEAN_SHARE * meanAbsolute) {
      reason =
          UndefinedReasons.text(
              UndefinedReasons.GAP_MEAN_NEAR_ZERO, community, GAP_MIN_MEAN_SHARE, meanAbsolute);
    }
    SortedMap<String, Index> relative = new TreeMap<>();
    for (Map.Entry<String, Double> entry : means.entrySet()) {
      relative.put(
          entry.getKey(),
          reason != null ? Index.undefined(reason) : Index.of(entry.getValue() / community));
    }
    return Collections.unmodifiableSortedMap(relative);
  }
}
