package org.equigrid.market.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.BitSet;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.clearing.CoalitionSolver;
import org.equigrid.market.clearing.MarketClearing;
import org.equigrid.market.clearing.PricingRule;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.clearing.TestDays;
import org.equigrid.market.model.EquitySettings;
import org.equigrid.market.model.Tariff;
import org.junit.jupiter.api.Test;

class PooledProfileGameTest {

  private static final Tariff TARIFF =
      new Tariff(new double[] {0.3, 0.4}, new double[] {0.1, 0.1}, 0.5, 10, 10);

  @Test
  void value_twoHouseholdsTwoIntervals_matchesHandComputedPooling() {
    // x1 = (2, −1): C'({1}) = 0.3·2 − 0.1·1 + 0.5·2 = 1.5
    // x2 = (−1, 3): C'({2}) = −0.1·1 + 0.4·3 + 0.5·3 = 2.6
    // D = (1, 2):   C'(N) = 0.3·1 + 0.4·2 + 0.5·2 = 2.1, so v'(N) = 1.5 + 2.6 − 2.1 = 2.0
    PooledProfileGame game = PooledProfileGame.of(new double[][] {{2, -1}, {-1, 3}}, TARIFF, 1.0);
    assertThat(game.value(set(0))).isCloseTo(0.0, within(1e-12));
    assertThat(game.value(set(0, 1))).isCloseTo(2.0, within(1e-12));
    double[] marginal = new double[2];
    game.marginals(new int[] {1, 0}, marginal);
    assertThat(marginal).containsExactly(new double[] {2.0, 0.0}, within(1e-12));
  }

  @Test
  void value_halfHourIntervals_chargesPeakPerKilowatt() {
    // Δt = 0.5 h: 2 kWh is a 4 kW peak. C'({1}) = 0.3·2 − 0.1·1 + 0.5·4 = 2.5; C'({2}) = −0.1·1;
    // D = (1, −1): C'(N) = 0.3·1 − 0.1·1 + 0.5·2 = 1.2, so v'(N) = 2.5 − 0.1 − 1.2 = 1.2
    PooledProfileGame game = PooledProfileGame.of(new double[][] {{2, -1}, {-1, 0}}, TARIFF, 0.5);
    double[] marginal = new double[2];
    game.marginals(new int[] {0, 1}, marginal);
    assertThat(marginal).containsExactly(new double[] {0.0, 1.2}, within(1e-12));
  }

  @Test
  void value_communityFlowsCheaper_poolsTheCheaperOfBothDispatches() {
    // alone x1 = (2, −1), x2 = (−1, 3); in the community y1 = (1, 0), y2 = (0, 2)
    // C'({1}) = min(1.5, 0.3 + 0.5·1 = 0.8); C'({2}) = min(2.6, 0.4·2 + 0.5·2 = 1.8)
    // both sums are (1, 2): C'(N) = 2.1, so v'(N) = 0.8 + 1.8 − 2.1 = 0.5
    PooledProfileGame game =
        PooledProfileGame.of(
            new double[][] {{2, -1}, {-1, 3}}, new double[][] {{1, 0}, {0, 2}}, TARIFF, 1.0);
    assertThat(game.value(set(0, 1))).isCloseTo(0.5, within(1e-12));
    double[] marginal = new double[2];
    game.marginals(new int[] {0, 1}, marginal);
    assertThat(marginal).containsExactly(new double[] {0.0, 0.5}, within(1e-12));
  }

  @Test
  void of_clearedDay_neverExceedsTheCoalitionOptimumAndMarginalsTelescope() {
    CoalitionSolver solver = new CoalitionSolver(SolverOptions.defaults());
    ClearedDay cleared =
        new MarketClearing(solver)
            .clear(TestDays.random(17, 8, 24), EquitySettings.neutral(), PricingRule.MID_MARKET);
    PooledProfileGame cheap = PooledProfileGame.of(cleared);
    CoalitionValues values = new CoalitionValues(cleared, solver);
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(3);
    for (int k = 0; k < 20; k++) {
      BitSet coalition = new BitSet();
      for (int i = 0; i < 8; i++) {
        if (rng.nextBoolean()) {
          coalition.set(i);
        }
      }
      if (coalition.cardinality() == 8) {
        continue; // v(N) is the real dispatch's
      }
      // the cheap game is a feasible dispatch of these coalitions (pooled frozen flows)
      assertThat(cheap.value(coalition)).isLessThanOrEqualTo(values.value(coalition) + 1e-6);
    }
    int[] order = {3, 0, 7, 1, 6, 2, 5, 4};
    double[] marginal = new double[8];
    cheap.marginals(order, marginal);
    BitSet all = new BitSet();
    all.set(0, 8);
    assertThat(java.util.Arrays.stream(marginal).sum()).isCloseTo(cheap.value(all), within(1e-9));
    assertThat(cheap.value(all)).isGreaterThan(0.0);
    assertThat(marginal[3]).isEqualTo(0.0); // the first player joins the empty coalition
  }

  private static BitSet set(int... players) {
    BitSet set = new BitSet();
    for (int p : players) {
      set.set(p);
    }
    return set;
  }
}
