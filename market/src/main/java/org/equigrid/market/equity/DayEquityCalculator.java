package org.equigrid.market.equity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.equigrid.market.metrics.DayMetrics;
import org.equigrid.market.metrics.HouseholdDayMetrics;
import org.equigrid.market.metrics.Index;
import org.equigrid.market.metrics.UndefinedReasons;
import org.equigrid.market.model.Household;
import org.equigrid.market.settlement.DaySettlement;

/** Computes {@link DayEquity} from a day's metrics and its settlement. */
public final class DayEquityCalculator {

  private final double epsilonEur;

  /**
   * @param epsilonEur {@code ε} of the relative-savings denominator {@code max(|C0_i|, ε)}
   */
  public DayEquityCalculator(double epsilonEur) {
    this.epsilonEur = epsilonEur;
  }

  /**
   * @param leastAdvantagedGroups the groups the Rawlsian minimum and the least-advantaged means are
   *     over; empty means every household (as {@link
   *     org.equigrid.market.model.EquitySettings#isProtected})
   */
  public DayEquity compute(
      List<Household> households,
      Set<String> leastAdvantagedGroups,
      DayMetrics metrics,
      DaySettlement settlement) {
    int n = households.size();
    double[] bill = settlement.billEur();
    double[] burden = new double[n];
    double[] burdenBefore = new double[n];
    double[] relativeAfter = new double[n];
    double[] savings = new double[n];
    double[] access = new double[n];
    String[] groups = new String[n];
    List<Double> netPayerBurden = new ArrayList<>();
    double minBefore = Double.POSITIVE_INFINITY;
    double minAfter = Double.POSITIVE_INFINITY;
    double leastBurden = 0;
    double leastBill = 0;
    int least = 0;
    int largest = 0;
    int above6 = 0;
    int above10 = 0;
    for (int i = 0; i < n; i++) {
      Household household = households.get(i);
      HouseholdDayMetrics m = metrics.households().get(i);
      burden[i] = bill[i] / household.dailyIncomeEur();
      burdenBefore[i] = m.energyBurden();
      relativeAfter[i] =
          (m.standaloneCostEur() - bill[i]) / Math.max(Math.abs(m.standaloneCostEur()), epsilonEur);
      savings[i] = m.savingsEur();
      access[i] = m.renewableAccess();
      groups[i] = household.group();
      if (bill[i] > 0) {
        netPayerBurden.add(burden[i]);
      }
      if (burden[i] > burden[largest]) {
        largest = i;
      }
      above6 += burden[i] > DayEquity.BURDEN_THRESHOLD_6_PERCENT ? 1 : 0;
      above10 += burden[i] > DayEquity.BURDEN_THRESHOLD_10_PERCENT ? 1 : 0;
      if (leastAdvantagedGroups.isEmpty() || leastAdvantagedGroups.contains(household.group())) {
        minBefore = Math.min(minBefore, m.relativeSavings());
        minAfter = Math.min(minAfter, relativeAfter[i]);
        leastBurden += burden[i];
        leastBill += bill[i];
        least++;
      }
    }
    List<DayEquity.GroupEquity> perGroup =
        GroupEquityTable.of(bill, settlement.shareEur(), burden, access, groups);
    String population =
        leastAdvantagedGroups.isEmpty()
            ? DayEquity.ALL_HOUSEHOLDS
            : String.join("+", leastAdvantagedGroups);
    String noneReason = UndefinedReasons.noLeastAdvantaged(leastAdvantagedGroups);
    return new DayEquity(
        burden,
        relativeAfter,
        Inequality.gini(burden),
        Inequality.gini(burdenBefore),
        netPayerBurden.isEmpty()
            ? Index.undefined(UndefinedReasons.NO_NET_PAYER)
            : Inequality.gini(netPayerBurden.stream().mapToDouble(Double::doubleValue).toArray()),
        Inequality.gini(bill),
        Inequality.gini(settlement.shareEur()),
        Inequality.gini(savings),
        Inequality.gini(access),
        Inequality.jain(burden),
        Inequality.theil(burden),
        population,
        least > 0 ? Index.of(minBefore) : Index.undefined(noneReason),
        least > 0 ? Index.of(minAfter) : Index.undefined(noneReason),
        burden[largest],
        households.get(largest).id(),
        (double) above6 / n,
        (double) above10 / n,
        least > 0 ? Index.of(leastBurden / least) : Index.undefined(noneReason),
        least > 0 ? Index.of(leastBill / least) : Index.undefined(noneReason),
        perGroup);
  }
}
