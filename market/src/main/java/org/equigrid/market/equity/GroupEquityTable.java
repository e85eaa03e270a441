package org.equigrid.market.equity;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.equigrid.market.metrics.GroupMeans;
import org.equigrid.market.metrics.Index;

/**
 * The per-group rows of {@link DayEquity}, kept out of {@link DayEquityCalculator}: each group's
 * means and gaps of {@link GroupMeans}, one row a group, sorted by name.
 */
final class GroupEquityTable {

  private GroupEquityTable() {}

  static List<DayEquity.GroupEquity> of(
      double[] bill, double[] share, double[] burden, double[] access, String[] groups) {
    SortedMap<String, Double> billMean = GroupMeans.of(bill, groups);
    SortedMap<String, Double> shareMean = GroupMeans.of(share, groups);
    SortedMap<String, Double> meanBurden = GroupMeans.of(burden, groups);
    SortedMap<String, Index> burdenGap = GroupMeans.relativeToCommunity(burden, groups);
    SortedMap<String, Double> meanAccess = GroupMeans.of(access, groups);
    SortedMap<String, Index> accessGap = GroupMeans.relativeToCommunity(access, groups);
    List<DayEquity.GroupEquity> perGroup = new ArrayList<>();
    for (String group : billMean.keySet()) {
      perGroup.add(
          new DayEquity.GroupEquity(
              group,
              billMean.get(group),
              shareMean.get(group),
              meanBurden.get(group),
              burdenGap.get(group),
              meanAccess.get(group),
              accessGap.get(group)));
    }
    return perGroup;
  }
}
