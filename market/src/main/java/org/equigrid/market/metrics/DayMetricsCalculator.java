package org.equigrid.market.metrics;

import java.util.ArrayList;
import java.util.List;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.clearing.ClearingResult;
import org.equigrid.market.clearing.HouseholdSchedule;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.TradingDay;

/** Computes {@link DayMetrics} from a {@link ClearedDay}. */
public final class DayMetricsCalculator {

  private final double epsilonEur;

  /**
   * @param epsilonEur {@code ε} of the relative-savings denominator {@code max(|C0_i|, ε)}
   */
  public DayMetricsCalculator(double epsilonEur) {
    this.epsilonEur = ValueChecks.positive(epsilonEur, "epsilonEur");
  }

  public DayMetrics compute(ClearedDay cleared) {
    TradingDay day = cleared.day();
    ClearingResult dispatch = cleared.dispatch();
    int n = day.householdCount();
    int intervals = day.intervals();
    double dt = day.intervalHours();

    List<HouseholdDayMetrics> households = new ArrayList<>(n);
    double[] communityLoad = new double[intervals];
    double[] standaloneImport = new double[intervals];
    double totalLoad = 0;
    double totalPv = 0;
    double totalImport = 0;
    double totalExport = 0;
    double totalTraded = 0;
    double totalCurtailed = 0;
    double standaloneCost = 0;
    double[] peakShare = cleared.peakChargeShareEur();
    for (int i = 0; i < n; i++) {
      Household household = day.households().get(i);
      HouseholdSchedule schedule = dispatch.schedules().get(i);
      HouseholdSchedule alone = cleared.standalone().get(i).schedules().get(0);
      double load = 0;
      double pv = 0;
      double imported = 0;
      double exported = 0;
      double bought = 0;
      double sold = 0;
      double curtailed = 0;
      double ownPvUsed = 0;
      double localLoad = 0;
      for (int t = 0; t < intervals; t++) {
        double l = schedule.servedLoadKwh(day.loadKwh()[i][t], t); // fixed load + EV charging
        double g = day.pvKwh()[i][t];
        load += l;
        pv += g;
        imported += schedule.importKwh()[t];
        exported += schedule.exportKwh()[t];
        bought += schedule.buyKwh()[t];
        sold += schedule.sellKwh()[t];
        curtailed += schedule.curtailKwh()[t];
        double kept =
            g - schedule.curtailKwh()[t] - schedule.exportKwh()[t] - schedule.sellKwh()[t];
        ownPvUsed += Math.max(0, Math.min(kept, l + schedule.chargeKwh()[t]));
        double local =
            g - schedule.curtailKwh()[t] + schedule.buyKwh()[t] + schedule.dischargeKwh()[t];
        double supply = local + schedule.importKwh()[t];
        localLoad += supply > 0 ? l * Math.max(0, local) / supply : 0;
        communityLoad[t] += l;
        standaloneImport[t] += alone.importKwh()[t];
      }
      double c0 = cleared.standaloneCostEur(i);
      double cost = schedule.energyCostEur();
      double dispatchCost = cost + peakShare[i];
      households.add(
          new HouseholdDayMetrics(
              i,
              household.id(),
              household.group(),
              load,
              pv,
              imported,
              exported,
              bought,
              sold,
              curtailed,
              ownPvUsed,
              c0,
              cost,
              peakShare[i],
              dispatchCost,
              c0 - dispatchCost,
              (c0 - dispatchCost) / Math.max(Math.abs(c0), epsilonEur),
              load > 0 ? localLoad / load : 0.0,
              dispatchCost / household.dailyIncomeEur()));
      totalLoad += load;
      totalPv += pv;
      totalImport += imported;
      totalExport += exported;
      totalTraded += bought;
      totalCurtailed += curtailed;
      standaloneCost += c0;
    }

    double baselinePeak = max(communityLoad) / dt;
    double standalonePeak = max(standaloneImport) / dt;
    double peak = dispatch.peakKw();
    double communityCost = dispatch.totalCostEur();
    double gain = standaloneCost - communityCost;
    CommunityDayMetrics community =
        new CommunityDayMetrics(
            totalLoad,
            totalPv,
            totalImport,
            totalExport,
            totalTraded,
            totalCurtailed,
            baselinePeak,
            standalonePeak,
            peak,
            reduction(peak, baselinePeak),
            reduction(peak, standalonePeak),
            totalPv > 0 ? (totalPv - totalCurtailed - totalExport) / totalPv : 0.0,
            totalLoad > 0 ? 1 - totalImport / totalLoad : 0.0,
            standaloneCost,
            communityCost,
            gain,
            standaloneCost > epsilonEur
                ? Index.of(gain / standaloneCost)
                : Index.undefined(
                    UndefinedReasons.text(
                        UndefinedReasons.GAIN_SHARE_UNDEFINED, standaloneCost, epsilonEur)),
            cleared.costMinimising().totalCostEur(),
            cleared.costMinimisingGainEur(),
            cleared.priceOfFairnessEur(),
            PriceOfFairness.ratio(
                cleared.priceOfFairnessEur(), cleared.costMinimisingGainEur(), epsilonEur),
            !dispatch.report().status().hasSolution());
    return new DayMetrics(
        day.dayIndex(), day.dayOfYear(), households, GroupDayTable.of(households), community);
  }

  private static double reduction(double value, double reference) {
    return reference > 0 ? 1 - value / reference : 0.0;
  }

  private static double max(double[] values) {
    double max = 0;
    for (double v : values) {
      max = Math.max(max, v);
    }
    return max;
  }
}
