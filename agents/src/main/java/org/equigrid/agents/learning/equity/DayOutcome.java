package org.equigrid.agents.learning.equity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equigrid.config.AdaptiveEquity.RewardIndex;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.equity.DayEquity;
import org.equigrid.market.metrics.DayMetrics;

/**
 * What one trading day under given weights produced, as the learner and the evaluation see it. All
 * burden indices are after settlement, under the scenario's settlement rule; burdens are fractions
 * of daily income ({@code b_i = B_i / y_i}).
 *
 * <p>Undefined indices of the day ({@link org.equigrid.market.metrics.Index}) are NaN here; the
 * environment never turns them into a number silently (see {@link EquityEnvironment}).
 *
 * @param dayIndex the scenario's day index
 * @param dayOfYear 1..365
 * @param weights the socio-economic weight of each group (population-weighted mean 1)
 * @param giniEnergyBurden Gini of {@code b_i} over all households; NaN when the mean burden is ≤ 0
 * @param giniEnergyBurdenNetPayers Gini of {@code b_i} over the households with {@code B_i > 0};
 *     NaN when there is none
 * @param largestEnergyBurden {@code max_i b_i} over all households
 * @param leastAdvantagedMeanEnergyBurden mean {@code b_i} over the least-advantaged groups (all
 *     households when none is marked); NaN when none of them is in the community
 * @param shareEnergyBurdenAbove6Percent share of all households with {@code b_i > 0.06}
 * @param burdenDifference per group, its mean {@code b_i} minus the community's mean {@code b_i} (a
 *     fraction of income; always defined, unlike the gap)
 * @param accessDifference per group, its mean renewable access minus the community's mean access
 * @param burdenGap per group, mean burden over the community mean; NaN when the community mean is ≤
 *     0 or near zero (reported, not observed)
 * @param accessGap per group, mean renewable access over the community mean (NaN when undefined)
 * @param priceOfFairness share of the cost-minimising gain given up, {@code (v_cost(N) −
 *     v_{w,ρ}(N)) / v_cost(N)} ({@link
 *     org.equigrid.market.metrics.CommunityDayMetrics#priceOfFairness}); NaN when {@code v_cost(N)}
 *     is not positive
 * @param rawlsianMinimum {@code min u_i^B} (relative savings after settlement) over the
 *     least-advantaged groups ({@link DayEquity#rawlsianMinimumAfterSettlement}); NaN when
 *     undefined
 * @param communityCostEur the community's real cost (energy and peak charge) of the dispatch
 * @param method how the day was settled: the Shapley method ({@code exact}, {@code
 *     importance-sampled}), {@code market} (the market rule needs no Shapley value), {@code none},
 *     or {@code reported} (metrics received by the learner agent)
 */
public record DayOutcome(
    int dayIndex,
    int dayOfYear,
    Map<String, Double> weights,
    double giniEnergyBurden,
    double giniEnergyBurdenNetPayers,
    double largestEnergyBurden,
    double leastAdvantagedMeanEnergyBurden,
    double shareEnergyBurdenAbove6Percent,
    Map<String, Double> burdenDifference,
    Map<String, Double> accessDifference,
    Map<String, Double> burdenGap,
    Map<String, Double> accessGap,
    double priceOfFairness,
    double rawlsianMinimum,
    double communityCostEur,
    String method) {

  public DayOutcome {
    weights = Map.copyOf(weights);
    burdenDifference = Map.copyOf(burdenDifference);
    accessDifference = Map.copyOf(accessDifference);
    burdenGap = Map.copyOf(burdenGap);
    accessGap = Map.copyOf(accessGap);
  }

  /** The value of a reward index on this day; NaN when it is undefined. */
  public double index(RewardIndex index) {
    return switch (index) {
      case LARGEST_BURDEN -> largestEnergyBurden;
      case GINI_BURDEN_NET_PAYERS -> giniEnergyBurdenNetPayers;
      case LEAST_ADVANTAGED_BURDEN -> leastAdvantagedMeanEnergyBurden;
      case GINI_BURDEN -> giniEnergyBurden;
    };
  }

  /** The outcome of a cleared and settled day; weights are read from its equity settings. */
  public static DayOutcome of(
      ClearedDay cleared,
      DayMetrics metrics,
      DayEquity equity,
      String method,
      Iterable<String> groups) {
    Map<String, Double> weights = new LinkedHashMap<>();
    for (String group : groups) {
      weights.put(group, cleared.equity().weightOf(group));
    }
    int n = equity.energyBurden().length;
    double meanBurden = 0;
    double meanAccess = 0;
    for (int i = 0; i < n; i++) {
      meanBurden += equity.energyBurden()[i] / n;
      meanAccess += metrics.households().get(i).renewableAccess() / n;
    }
    Map<String, Double> burdenDifference = new LinkedHashMap<>();
    Map<String, Double> accessDifference = new LinkedHashMap<>();
    Map<String, Double> burdenGap = new LinkedHashMap<>();
    Map<String, Double> accessGap = new LinkedHashMap<>();
    List<DayEquity.GroupEquity> perGroup = equity.groups();
    for (DayEquity.GroupEquity group : perGroup) {
      burdenDifference.put(group.group(), group.meanEnergyBurden() - meanBurden);
      accessDifference.put(group.group(), group.meanRenewableAccess() - meanAccess);
      burdenGap.put(group.group(), group.energyBurdenGap().value());
      accessGap.put(group.group(), group.renewableAccessGap().value());
    }
    return new DayOutcome(
        cleared.day().dayIndex(),
        cleared.day().dayOfYear(),
        weights,
        equity.giniEnergyBurden().value(),
        equity.giniEnergyBurdenNetPayers().value(),
        equity.largestEnergyBurden(),
        equity.leastAdvantagedMeanEnergyBurden().value(),
        equity.shareEnergyBurdenAbove6Percent(),
        burdenDifference,
        accessDifference,
        burdenGap,
        accessGap,
        metrics.community().priceOfFairness().value(),
        equity.rawlsianMinimumAfterSettlement().value(),
        cleared.dispatch().totalCostEur(),
        method);
  }
}
