package org.equigrid.market.equity;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Per-group means of a per-household value (burden, access, savings) and each group's mean
 * relative to the community mean (the group gaps of DESIGN.md section 4). Groups are sorted by name
 * so outputs are reproducible.
 */
public final class GroupMeans {

  private GroupMeans() {}

  /**
   * The mean of {@code values} within each group.
   *
   * @param groups {@code groups[i]} is the group of {@code values[i]}
   */
  public static SortedMap<String, Double> of(double[] values, String[] groups) {
    checkAligned(values, groups);
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
   * Each group's mean divided by the community mean (1 = on par; 1.2 = 20 % above).
   *
   * @return per group, {@code NaN} when the community mean is 0
   */
  public static SortedMap<String, Double> relativeToCommunity(double[] values, String[] groups) {
    SortedMap<String, Double> means = of(values, groups);
    double community = Inequality.mean(values);
    SortedMap<String, Double> relative = new TreeMap<>();
    for (Map.Entry<String, Double> entry : means.entrySet()) {
      relative.put(
          entry.getKey(), community == 0 ? Double.NaN : entry.getValue() / community);
    }
    return Collections.unmodifiableSortedMap(relative);
  }

  /**
   * One group's mean divided by the community mean.
   *
   * @throws IllegalArgumentException when no value belongs to {@code group}
   */
  public static double relativeToCommunity(double[] values, String[] groups, String group) {
    Double relative = relativeToCommunity(values, groups).get(group);
    if (relative == null) {
      throw new IllegalArgumentException(
          "No value belongs to group \"" + group + "\"; groups present: " + of(values, groups)
              .keySet() + ".");
    }
    return relative;
  }

  private static void checkAligned(double[] values, String[] groups) {
    Inequality.check(values);
    if (groups.length != values.length) {
      throw new IllegalArgumentException(
          "groups has " + groups.length + " entries, values " + values.length + "; one group per"
              + " value is needed.");
    }
    for (int i = 0; i < groups.length; i++) {
      if (groups[i] == null) {
        throw new IllegalArgumentException("groups[" + i + "] is null; every value needs a group.");
      }
    }
  }
}
