package org.equigrid.agents.learning.equity;

import java.util.LinkedHashMap;
import java.util.Map;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.equity.DayEquity;
import org.equigrid.market.metrics.DayMetrics;

/**
 * What one trading day under given weights produced, as the learner and the evaluation see it.
 *
 * @param dayIndex the scenario's day index
 * @param dayOfYear 1..365
 * @param weights the socio-economic weight of each group (population-weighted mean 1)
 * <p>Undefined indices of the day ({@link org.equigrid.market.metrics.Index}) are NaN here; the
 * environment counts a NaN term as 0.
 *
 * @param giniEnergyBurden Gini of {@code b_i = B_i / y_i} after settlement, over all households
 * @param burdenGap per group, mean burden over the community mean (after settlement)
 * @param accessGap per group, mean renewable access over the community mean
 * @param priceOfFairness share of the cost-minimising gain given up, {@code (v_cost(N) −
 *     v_{w,ρ}(N)) / v_cost(N)} ({@link org.equigrid.market.metrics.CommunityDayMetrics#priceOfFairness})
 * @param rawlsianMinimum {@code min u_i^B} (relative savings after settlement) over the
 *     least-advantaged groups ({@link DayEquity#rawlsianMinimumAfterSettlement})
 * @param communityCostEur the community's real cost (energy and peak charge) of the dispatch
 * @param method how the day was settled: {@code exact}, {@code importance-sampled} or {@code none}
 */
public record DayOutcome(
    int dayIndex,
    int dayOfYear,
    Map<String, Double> weights,
    double giniEnergyBurden,
    Map<String, Double> burdenGap,
    Map<String, Double> accessGap,
    double priceOfFairness,
    double rawlsianMinimum,
    double communityCostEur,
    String method) {

  public DayOutcome {
    weights = Map.copyOf(weights);
    burdenGap = Map.copyOf(burdenGap);
    accessGap = Map.copyOf(accessGap);
  }

  /** The outcome of a cleared and settled day; weights are read from its equity settings. */
  public static DayOutcome of(
      ClearedDay cleared, DayMetrics metrics, DayEquity equity, String method, Iterable<String> groups) {
    Map<String, Double> weights = new LinkedHashMap<>();
    for (String group : groups) {
      weights.put(group, cleared.equity().weightOf(group));
    }
    Map<String, Double> burdenGap = new LinkedHashMap<>();
    Map<String, Double> accessGap = new LinkedHashMap<>();
    for (DayEquity.GroupEquity group : equity.groups()) {
      burdenGap.put(group.group(), group.energyBurdenGap().value());
      accessGap.put(group.group(), group.renewableAccessGap().value());
    }
    return new DayOutcome(
        cleared.day().dayIndex(), cleared.day().dayOfYear(), weights, equity.giniEnergyBurden().value(),
        burdenGap, accessGap, metrics.community().priceOfFairness().value(),
        equity.rawlsianMinimumAfterSettlement().value(),
        cleared.dispatch().totalCostEur(), method);
  }
}
