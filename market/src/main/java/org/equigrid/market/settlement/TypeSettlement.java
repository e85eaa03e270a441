package org.equigrid.market.settlement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ExecutorService;
import java.util.random.RandomGenerator;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.clearing.CoalitionSolver;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.settlement.DaySettlement.Counterfactual;
import org.equigrid.market.settlement.DaySettlement.Stability;

/**
 * Settles a large community by household types: the households are clustered into types ({@link
 * HouseholdTypes}), the type game ({@link TypeGame}) is solved exactly or by stratified sampling
 * ({@link TypeShapley}), and every member gets its type's per-member share.
 *
 * <p><b>Correction.</b> The type game's shares add up to the type game's {@code v(full)}, which
 * differs from the real {@code v(N)} by the aggregation error (representatives' standalone costs
 * and optimum against the members') and the sampling error. The difference is distributed in
 * proportion to {@code |φ_k|} (equally if every share is 0), so the shares sum to the real {@code
 * v(N)} and the bills to the real cost. With one household per type the difference is 0 up to
 * rounding.
 *
 * <p>Counterfactual shares are not estimated (NaN); the core check covers the evaluated count
 * vectors, every member at its type's share.
 */
final class TypeSettlement {

  private static final Logger LOG = LogManager.getLogger();
  private static final double CORE_TOLERANCE_EUR = 1e-6;

  private TypeSettlement() {}

  static DaySettlement settle(
      ClearedDay cleared,
      CoalitionSolver solver,
      SettlementOptions options,
      boolean equalWeights,
      RandomGenerator rng,
      ExecutorService pool) {
    TradingDay day = cleared.day();
    int n = day.householdCount();
    HouseholdTypes types = HouseholdTypes.cluster(day, options.types());
    try (TypeGame game = new TypeGame(cleared, types, solver, pool)) {
      int k = types.types();
      int[] counts = types.counts();
      double[] typeLambda = new double[k];
      for (int type = 0; type < k; type++) {
        typeLambda[type] = equalWeights ? 1.0 : cleared.equity().weightOf(types.group(type));
      }
      TypeShapley.Estimate estimate =
          TypeShapley.exactFeasible(counts)
              ? TypeShapley.exact(game, typeLambda, pool)
              : TypeShapley.sampled(game, typeLambda, options.typeStrata(), rng, pool);

      double grand = -cleared.dispatch().totalCostEur();
      for (int i = 0; i < n; i++) {
        grand += cleared.standaloneCostEur(i);
      }
      double allocated = 0;
      double absolute = 0;
      for (int type = 0; type < k; type++) {
        allocated += counts[type] * estimate.share()[type];
        absolute += counts[type] * Math.abs(estimate.share()[type]);
      }
      double residual = grand - allocated;
      double[] typeShare = new double[k];
      for (int type = 0; type < k; type++) {
        double part = absolute > 0 ? Math.abs(estimate.share()[type]) / absolute : 1.0 / n;
        typeShare[type] = estimate.share()[type] + residual * part;
      }
      double[] shares = new double[n];
      double[] standardErrors = new double[n];
      double[] bills = new double[n];
      double[] lambda = new double[n];
      List<Counterfactual> counterfactuals = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int type = types.typeOf(i);
        shares[i] = typeShare[type];
        standardErrors[i] = estimate.standardError()[type];
        bills[i] = cleared.standaloneCostEur(i) - shares[i];
        lambda[i] = typeLambda[type];
        counterfactuals.add(
            new Counterfactual(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
      }
      Stability stability = stability(game, types, typeShare);
      long orders = estimate.exact() ? 0 : (long) k * options.typeStrata();
      LOG.debug(
          "day {} settled by {} types ({}): v(N) {} EUR, correction {} EUR, {} LPs ({} from scratch)",
          day.dayIndex(),
          k,
          estimate.exact() ? "exact" : "sampled",
          grand,
          residual,
          game.solves(),
          game.fallbacks());
      return new DaySettlement(
          DaySettlement.TYPES,
          grand,
          shares,
          standardErrors,
          bills,
          lambda,
          orders,
          true,
          stability,
          game.solves(),
          game.failedSolves(),
          counterfactuals,
          k);
    }
  }

  private static Stability stability(TypeGame game, HouseholdTypes types, double[] typeShare) {
    Map<int[], Double> visited = game.evaluated();
    double maxExcess = Double.NEGATIVE_INFINITY;
    int[] worst = null;
    for (Map.Entry<int[], Double> entry : visited.entrySet()) {
      int[] counts = entry.getKey();
      double allocated = 0;
      for (int type = 0; type < counts.length; type++) {
        allocated += counts[type] * typeShare[type];
      }
      double excess = entry.getValue() - allocated;
      if (excess > maxExcess) {
        maxExcess = excess;
        worst = counts;
      }
    }
    if (worst == null) {
      return new Stability("visited type coalitions", 0, true, "", 0.0, Double.NaN);
    }
    StringJoiner names = new StringJoiner(",");
    for (int type = 0; type < worst.length; type++) {
      if (worst[type] > 0) {
        names.add(worst[type] + "x" + types.representative(type).id());
      }
    }
    return new Stability(
        "visited type coalitions",
        visited.size(),
        maxExcess <= CORE_TOLERANCE_EUR,
        names.toString(),
        maxExcess,
        Double.NaN);
  }
}
