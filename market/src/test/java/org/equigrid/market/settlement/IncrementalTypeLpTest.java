package org.equigrid.market.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.equigrid.market.clearing.ClearingResult;
import org.equigrid.market.clearing.CoalitionSolver;
import org.equigrid.market.clearing.IncrementalTypeLp;
import org.equigrid.market.clearing.SolveStatus;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.clearing.TestDays;
import org.equigrid.market.model.Tariff;
import org.equigrid.market.model.TradingDay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link IncrementalTypeLp} against the per-coalition solve of the aggregated day. */
class IncrementalTypeLpTest {

  private static final CoalitionSolver SOLVER = new CoalitionSolver(SolverOptions.defaults());

  /** The day with other connection limits (kW). */
  private static TradingDay withLimits(TradingDay day, double importKw, double exportKw) {
    Tariff t = day.tariff();
    Tariff tight =
        new Tariff(
            t.importPriceEurPerKwh(),
            t.exportPriceEurPerKwh(),
            t.peakChargeEurPerKw(),
            importKw,
            exportKw);
    return new TradingDay(
        day.dayIndex(),
        day.dayOfYear(),
        day.intervalHours(),
        day.households(),
        day.loadKwh(),
        day.pvKwh(),
        day.initialSocKwh(),
        tight);
  }

  private static int[] ones(int k) {
    int[] result = new int[k];
    Arrays.fill(result, 1);
    return result;
  }

  /** {@code C*(c)} by the {@link CoalitionSolver} on {@code types.aggregated(c)}. */
  private static ClearingResult separate(HouseholdTypes types, int[] counts, double[] price) {
    return SOLVER.solve(types.costMinimisingRequest(counts, price));
  }

  /** Random count vectors with at least two types present, the full one and some 0 counts. */
  private static List<int[]> coalitions(int[] full, int count, RandomGenerator rng) {
    List<int[]> result = new ArrayList<>();
    result.add(full.clone());
    while (result.size() < count) {
      int[] c = new int[full.length];
      int present = 0;
      for (int k = 0; k < full.length; k++) {
        double u = rng.nextDouble();
        c[k] = u < 0.3 ? 0 : u < 0.5 ? full[k] : rng.nextInt(full[k] + 1);
        present += c[k] > 0 ? 1 : 0;
      }
      if (present >= 2) {
        result.add(c);
      }
    }
    return result;
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void solveCost_randomCountVectors_equalCoalitionSolverOnAggregatedDay(boolean tightLimits) {
    int compared = 0;
    int noValue = 0;
    for (long seed = 1; seed <= 3; seed++) {
      TradingDay day = TestDays.random(seed, 40, 24);
      if (tightLimits) {
        day = withLimits(day, 3.0, 1.5);
      }
      HouseholdTypes types = HouseholdTypes.cluster(day, 6);
      int[] full = types.counts();
      assertThat(Arrays.stream(full).max().orElseThrow())
          .as("some type has members")
          .isGreaterThan(1);
      double[] price = TestDays.midMarketPrices(day);
      RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
      try (IncrementalTypeLp lp =
          new IncrementalTypeLp(types.aggregated(ones(full.length)), price)) {
        for (int[] counts : coalitions(full, 45, rng)) {
          lp.setCounts(counts);
          double cost = lp.solveCostEur();
          if (Double.isNaN(cost)) {
            noValue++;
            continue;
          }
          ClearingResult expected = separate(types, counts, price);
          assertThat(expected.report().status().hasSolution()).isTrue();
          assertThat(cost)
              .as("seed %d counts %s", seed, Arrays.toString(counts))
              .isCloseTo(
                  expected.totalCostEur(),
                  within(1e-9 * Math.max(1, Math.abs(expected.totalCostEur()))));
          compared++;
        }
      }
    }
    assertThat(compared).as("coalitions compared (%d without a value)", noValue).isGreaterThan(100);
  }

  @Test
  void solveCost_sameSequenceAfterReset_givesIdenticalValues() {
    TradingDay day = TestDays.random(7, 30, 24);
    HouseholdTypes types = HouseholdTypes.cluster(day, 5);
    double[] price = TestDays.midMarketPrices(day);
    TradingDay representatives = types.aggregated(ones(types.types()));
    List<int[]> sequence =
        coalitions(types.counts(), 12, RandomGeneratorFactory.of("L64X128MixRandom").create(7));
    try (IncrementalTypeLp first = new IncrementalTypeLp(representatives, price);
        IncrementalTypeLp second = new IncrementalTypeLp(representatives, price)) {
      for (int[] counts : sequence.subList(1, sequence.size())) {
        second.setCounts(counts); // another history first
        second.solveCostEur();
      }
      second.reset();
      assertThat(second.counts()).containsOnly(0);
      for (int[] counts : sequence) {
        first.setCounts(counts);
        second.setCounts(counts);
        assertThat(Double.doubleToLongBits(second.solveCostEur()))
            .isEqualTo(Double.doubleToLongBits(first.solveCostEur()));
      }
    }
  }

  @Test
  void solveCost_infeasibleCoalition_isNanAsTheSeparateSolveFails() {
    // An import limit below the load: a coalition without PV or battery at night cannot be served.
    TradingDay day = withLimits(TestDays.random(9, 30, 24), 0.05, 0.05);
    HouseholdTypes types = HouseholdTypes.cluster(day, 5);
    double[] price = TestDays.midMarketPrices(day);
    try (IncrementalTypeLp lp =
        new IncrementalTypeLp(types.aggregated(ones(types.types())), price)) {
      lp.setCounts(types.counts());
      assertThat(lp.solveCostEur()).isNaN();
      assertThat(lp.lastStatus()).isEqualTo(SolveStatus.INFEASIBLE);
      assertThat(separate(types, types.counts(), price).report().status().hasSolution()).isFalse();
    }
  }
}
