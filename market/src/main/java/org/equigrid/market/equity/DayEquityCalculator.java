package org.equigrid.market.equity;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.equigrid.market.metrics.DayMetrics;
import org.equigrid.market.metrics.HouseholdDayMetrics;
import org.equigrid.market.model.Household;
import org.equigrid.market.settlement.DaySettlement;

/** Computes {@link DayEquity} from a day's metrics and its settlement. */
public final class DayEquityCalculator {

  private final double epsilonEur;

  public DayEquityCalculator(double epsilonEur) {
    this.epsilonEur = epsilonEur;
  }

  public DayEquity compute(List<Household> households, DayMetrics metrics, DaySettlement settlement) {
    int n = households.size();
    double[] burden = new double[n];
    double[] burdenBefore = new double[n];
    double[] relative = new double[n];
    double[] access = new double[n];
    String[] groups = new String[n];
    for (int i = 0; i < n; i++) {
      Household household = households.get(i);
      HouseholdDayMetrics m = metrics.households().get(i);
      burden[i] = settlement.billEur()[i] / household.dailyIncomeEur();
      burdenBefore[i] = m.energyCostEur() / household.dailyIncomeEur();
      relative[i] = settlement.shareEur()[i] / Math.max(Math.abs(m.standaloneCostEur()), epsilonEur);
      access[i] = m.renewableAccess();
      groups[i] = household.group();
    }
    SortedMap<String, Double> bill = GroupMeans.of(settlement.billEur(), groups);
    SortedMap<String, Double> share = GroupMeans.of(settlement.shareEur(), groups);
    SortedMap<String, Double> meanBurden = GroupMeans.of(burden, groups);
    SortedMap<String, Double> burdenGap = GroupMeans.relativeToCommunity(burden, groups);
    SortedMap<String, Double> meanAccess = GroupMeans.of(access, groups);
    SortedMap<String, Double> accessGap = GroupMeans.relativeToCommunity(access, groups);
    List<DayEquity.GroupEquity> perGroup = new ArrayList<>();
    for (String group : bill.keySet()) {
      perGroup.add(new DayEquity.GroupEquity(
          group, bill.get(group), share.get(group), meanBurden.get(group), burdenGap.get(group),
          meanAccess.get(group), accessGap.get(group)));
    }
    return new DayEquity(
        burden,
        relative,
        Inequality.gini(burden),
        Inequality.gini(burdenBefore),
        Inequality.gini(settlement.billEur()),
        Inequality.gini(settlement.shareEur()),
        Inequality.gini(access),
        Inequality.jain(burden),
        Inequality.theil(burden),
        Inequality.rawlsianMinimum(relative),
        perGroup);
  }
}
