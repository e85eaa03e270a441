package org.equigrid.market.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Set;
import java.util.random.RandomGeneratorFactory;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.clearing.CoalitionSolver;
import org.equigrid.market.clearing.MarketClearing;
import org.equigrid.market.clearing.PricingRule;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.clearing.TestDays;
import org.equigrid.market.model.EquitySettings;
import org.junit.jupiter.api.Test;

/**
 * The sampled settlement's stopping rule ({@code settlement.tolerance}, a fraction of {@code v(N)},
 * or of the cost-minimising gain where that is larger) against the exact weighted Shapley value of
 * a 12-household community.
 */
class SettlementToleranceTest {

  private static final CoalitionSolver SOLVER = new CoalitionSolver(SolverOptions.defaults());
  private static final EquitySettings EQUITY =
      new EquitySettings(
          Map.of("LOW", 1.3, "MIDDLE", 1.0, "HIGH", 0.8), 0.5, Set.of("LOW"), 0.5, 2.0);
  private static final int N = 12;

  @Test
  void settle_twelveHouseholdsToOnePercentOfGain_coversExactValueOverSeeds() {
    // 6 intervals of 4 h keep the 4,095 coalition LPs of the exact value quick
    ClearedDay cleared =
        new MarketClearing(SOLVER).clear(TestDays.random(5, N, 6), EQUITY, PricingRule.MID_MARKET);
    SettlementOptions base = SettlementOptions.defaults().withThreads(2);
    DaySettlement exact = new Settlement(SOLVER, base.withLimits(N, N)).settle(cleared, rng(1));
    assertThat(exact.method()).isEqualTo(DaySettlement.EXACT);
    double gain = Math.abs(exact.grandValueEur());
    assertThat(gain).as("a day with a cooperative gain").isGreaterThan(0.1);

    // The weights' price of fairness makes v(N) smaller than the cost-minimising gain: the
    // tolerance is 1 % of the larger (session 13).
    double scale = cleared.costMinimisingGainEur();
    assertThat(scale).as("a weighted day with a price of fairness").isGreaterThan(gain);
    SettlementSettings settings = SettlementSettings.defaults().withStopping(0.01, 20_000);
    SettlementOptions sampled = base.withLimits(1, N).withSettlement(settings);
    int seeds = 6;
    int covered = 0;
    for (long seed = 0; seed < seeds; seed++) {
      DaySettlement estimate = new Settlement(SOLVER, sampled).settle(cleared, rng(100 + seed));
      assertThat(estimate.method()).isEqualTo(DaySettlement.SAMPLED);
      assertThat(estimate.converged()).as("seed %d converged", seed).isTrue();
      assertThat(estimate.toleranceEur()).isCloseTo(0.01 * scale, within(1e-9 * scale));
      assertThat(estimate.maxHalfWidthEur()).isLessThanOrEqualTo(estimate.toleranceEur());
      assertThat(estimate.maxHalfWidthShareOfGain()).isLessThanOrEqualTo(0.01 * scale / gain);
      for (int i = 0; i < N; i++) {
        double halfWidth = 1.959963984540054 * estimate.standardErrorEur()[i];
        double error = Math.abs(estimate.shareEur()[i] - exact.shareEur()[i]);
        assertThat(error)
            .as("seed %d household %d: error within two half-widths", seed, i)
            .isLessThanOrEqualTo(2 * halfWidth + 1e-9);
        if (error <= halfWidth) {
          covered++;
        }
      }
    }
    // 95 % intervals: over 72 (seed, household) pairs at least 85 % cover the exact value
    assertThat((double) covered / (seeds * N)).isGreaterThanOrEqualTo(0.85);
  }

  @Test
  void settle_looserTolerance_stopsEarlierAndSaysSo() {
    ClearedDay cleared =
        new MarketClearing(SOLVER).clear(TestDays.random(6, N, 6), EQUITY, PricingRule.MID_MARKET);
    SettlementOptions base = SettlementOptions.defaults().withThreads(2).withLimits(1, N);
    DaySettlement tight =
        new Settlement(
                SOLVER,
                base.withSettlement(SettlementSettings.defaults().withStopping(0.005, 20_000)))
            .settle(cleared, rng(3));
    DaySettlement loose =
        new Settlement(
                SOLVER,
                base.withSettlement(SettlementSettings.defaults().withStopping(0.05, 20_000)))
            .settle(cleared, rng(3));
    DaySettlement capped =
        new Settlement(
                SOLVER, base.withSettlement(SettlementSettings.defaults().withStopping(0.0001, 48)))
            .settle(cleared, rng(3));
    assertThat(loose.orders()).isLessThan(tight.orders());
    assertThat(tight.converged()).isTrue();
    assertThat(loose.converged()).isTrue();
    assertThat(capped.converged()).isFalse();
    assertThat(capped.orders()).isEqualTo(48);
    assertThat(capped.maxHalfWidthEur()).isGreaterThan(capped.toleranceEur());
  }

  private static java.util.random.RandomGenerator rng(long seed) {
    return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
  }
}
