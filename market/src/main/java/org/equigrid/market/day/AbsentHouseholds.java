package org.equigrid.market.day;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.clearing.ClearingResult;
import org.equigrid.market.clearing.HouseholdSchedule;
import org.equigrid.market.equity.DayEquityCalculator;
import org.equigrid.market.explain.Explanation;
import org.equigrid.market.metrics.DayMetrics;
import org.equigrid.market.metrics.DayMetricsCalculator;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.settlement.DaySettlement;

/**
 * A day on which only some households bid: the pool of bidders and the absent households (each
 * standalone on its true profiles) merged into one day of the whole community. Pure: the agents'
 * market ({@code PipelineMarket}) clears both parts and calls {@link #merge}.
 */
public final class AbsentHouseholds {

  private AbsentHouseholds() {}

  /** The households {@code members} (indices into {@code day}) of {@code day}, in that order. */
  public static TradingDay subDay(TradingDay day, List<Integer> members) {
    List<Household> households = new ArrayList<>();
    double[][] load = new double[members.size()][];
    double[][] pv = new double[members.size()][];
    double[] soc = new double[members.size()];
    for (int j = 0; j < members.size(); j++) {
      int k = members.get(j);
      households.add(day.households().get(k));
      load[j] = day.loadKwh()[k];
      pv[j] = day.pvKwh()[k];
      soc[j] = day.initialSocKwh()[k];
    }
    return day.withHouseholds(households, load, pv, soc);
  }

  /**
   * One day of the whole community from the pool of bidders (as bid) and the absent households
   * (their truth, each alone): households in {@code truth}'s order, each pool member's schedule,
   * share and bill from {@code pool}, each absent household's from {@code alone}; the grid cost and
   * peak charge are the pool's plus the absent households', the peak is that of the summed imports;
   * the pool's settlement method, orders and rule; an absent household's weight is its group's.
   * Metrics and equity are recomputed over the whole community.
   *
   * @param truth the whole community's day (true profiles)
   * @param pool the pool of bidders, cleared and settled
   * @param bidderIndex each bidder's id to its index in {@code pool}
   * @param alone the absent households (in {@code truth}'s order), each alone
   */
  public static SettledDay merge(
      TradingDay truth,
      SettledDay pool,
      Map<String, Integer> bidderIndex,
      SettledDay alone,
      DayMetricsCalculator metrics,
      DayEquityCalculator equity) {
    TradingDay poolDay = pool.cleared().day();
    int n = truth.householdCount();
    int[] from = new int[n];
    boolean[] inPool = new boolean[n];
    List<Household> households = new ArrayList<>(n);
    double[][] load = new double[n][];
    double[][] pv = new double[n][];
    double[] soc = new double[n];
    int a = 0;
    for (int k = 0; k < n; k++) {
      Integer i = bidderIndex.get(truth.households().get(k).id());
      inPool[k] = i != null;
      from[k] = inPool[k] ? i : a++;
      TradingDay source = inPool[k] ? poolDay : alone.cleared().day();
      households.add(source.households().get(from[k]));
      load[k] = source.loadKwh()[from[k]];
      pv[k] = source.pvKwh()[from[k]];
      soc[k] = source.initialSocKwh()[from[k]];
    }
    TradingDay day = truth.withHouseholds(households, load, pv, soc);
    ClearedDay p = pool.cleared();
    ClearedDay s = alone.cleared();
    List<ClearingResult> standalone = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      ClearingResult r = inPool[k] ? p.standalone().get(from[k]) : s.standalone().get(from[k]);
      standalone.add(reindexed(r, k));
    }
    ClearingResult costMinimising = composite(day, p.costMinimising(), s.dispatch(), inPool, from);
    ClearingResult dispatch =
        p.dispatch() == p.costMinimising()
            ? costMinimising
            : composite(day, p.dispatch(), s.dispatch(), inPool, from);
    boolean[] aloneInDispatch =
        new boolean[n]; // absent households, and pool members of a degraded day
    for (int k = 0; k < n; k++) {
      aloneInDispatch[k] = !inPool[k] || p.aloneInDispatch()[from[k]];
    }
    ClearedDay cleared =
        new ClearedDay(
            day,
            p.equity(),
            p.pricingRule(),
            p.poolPriceEurPerKwh(),
            standalone,
            costMinimising,
            dispatch,
            aloneInDispatch);
    DayMetrics dayMetrics = metrics.compute(cleared);
    DaySettlement ps = pool.settlement();
    DaySettlement ss = alone.settlement();
    double[] share = new double[n];
    double[] error = new double[n];
    double[] bill = new double[n];
    double[] weights = new double[n];
    List<DaySettlement.Counterfactual> counterfactuals = new ArrayList<>(n);
    List<Explanation> explanations = new ArrayList<>(n);
    List<Explanation> absentExplanations =
        withAbsentSentences(alone, alone.explanations()).explanations();
    for (int k = 0; k < n; k++) {
      DaySettlement source = inPool[k] ? ps : ss;
      share[k] = source.shareEur()[from[k]];
      error[k] = source.standardErrorEur()[from[k]];
      bill[k] = source.billEur()[from[k]];
      weights[k] =
          inPool[k] ? ps.weights()[from[k]] : p.equity().weightOf(day.households().get(k).group());
      counterfactuals.add(source.counterfactuals().get(from[k]));
      explanations.add(
          inPool[k] ? pool.explanations().get(from[k]) : absentExplanations.get(from[k]));
    }
    DaySettlement settlement =
        new DaySettlement(
            ps.method(),
            ps.grandValueEur(),
            share,
            error,
            bill,
            weights,
            ps.orders(),
            ps.converged(),
            ps.stability(),
            ps.coalitionSolves(),
            ps.failedSolves(),
            counterfactuals,
            ps.types(),
            ps.rule());
    return new SettledDay(
        cleared,
        dayMetrics,
        settlement,
        equity.compute(
            day.households(), cleared.equity().leastAdvantagedGroups(), dayMetrics, settlement),
        explanations);
  }

  /** The pool's result with each absent household's standalone schedule and costs added. */
  static ClearingResult composite(
      TradingDay day, ClearingResult pool, ClearingResult alone, boolean[] inPool, int[] from) {
    int n = day.householdCount();
    if (pool.schedules().isEmpty() || alone.schedules().isEmpty()) {
      return new ClearingResult(
          pool.report(),
          pool.poolPriceEurPerKwh(),
          List.of(),
          Double.NaN,
          Double.NaN,
          Double.NaN,
          pool.rawlsianFloor());
    }
    List<HouseholdSchedule> schedules = new ArrayList<>(n);
    double[] imported = new double[day.intervals()];
    for (int k = 0; k < n; k++) {
      HouseholdSchedule s =
          reindexed(inPool[k] ? pool.schedules().get(from[k]) : alone.schedules().get(from[k]), k);
      schedules.add(s);
      for (int t = 0; t < imported.length; t++) {
        imported[t] += s.importKwh()[t];
      }
    }
    double peakKw = 0;
    for (double kwh : imported) {
      peakKw = Math.max(peakKw, kwh / day.intervalHours());
    }
    return new ClearingResult(
        pool.report(),
        pool.poolPriceEurPerKwh(),
        List.copyOf(schedules),
        peakKw,
        pool.gridCostEur() + alone.gridCostEur(),
        pool.peakChargeEur() + alone.peakChargeEur(),
        pool.rawlsianFloor());
  }

  static ClearingResult reindexed(ClearingResult r, int index) {
    List<HouseholdSchedule> schedules =
        r.schedules().stream().map(s -> reindexed(s, index)).toList();
    return new ClearingResult(
        r.report(),
        r.poolPriceEurPerKwh(),
        schedules,
        r.peakKw(),
        r.gridCostEur(),
        r.peakChargeEur(),
        r.rawlsianFloor());
  }

  static HouseholdSchedule reindexed(HouseholdSchedule s, int index) {
    return new HouseholdSchedule(
        index,
        s.importKwh(),
        s.exportKwh(),
        s.buyKwh(),
        s.sellKwh(),
        s.chargeKwh(),
        s.dischargeKwh(),
        s.socKwh(),
        s.curtailKwh(),
        s.energyCostEur(),
        s.flexKwh());
  }

  /**
   * {@code day} with each explanation's sentence replaced by the one of a household that did not
   * bid: standalone, paying what it would pay alone.
   */
  public static SettledDay withAbsentSentences(SettledDay day, List<Explanation> explanations) {
    List<Explanation> result = new ArrayList<>(explanations.size());
    for (Explanation e : explanations) {
      result.add(
          new Explanation(
              e.householdId(),
              e.group(),
              e.standaloneCostEur(),
              e.shareEur(),
              e.shareStandardErrorEur(),
              e.billEur(),
              e.shareWithoutBatteryEur(),
              e.shareWithoutPvEur(),
              e.shareWithNeutralWeightEur(),
              e.featureNames(),
              e.attributionsEur(),
              e.surrogateRSquared(),
              String.format(
                  Locale.ROOT,
                  "%s (%s): you did not bid today, so you were standalone and pay what you would pay alone: %.2f EUR.",
                  e.householdId(),
                  e.group(),
                  e.billEur())));
    }
    return new SettledDay(day.cleared(), day.metrics(), day.settlement(), day.equity(), result);
  }
}
