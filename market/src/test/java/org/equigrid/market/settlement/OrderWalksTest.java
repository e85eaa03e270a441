package org.equigrid.market.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.BitSet;
import java.util.Map;
import java.util.Set;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.clearing.CoalitionSolver;
import org.equigrid.market.clearing.MarketClearing;
import org.equigrid.market.clearing.PricingRule;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.clearing.TestDays;
import org.equigrid.market.model.EquitySettings;
import org.junit.jupiter.api.Test;

class OrderWalksTest {

  private static final CoalitionSolver SOLVER = new CoalitionSolver(SolverOptions.defaults());
  private static final EquitySettings EQUITY =
      new EquitySettings(
          Map.of("LOW", 1.3, "MIDDLE", 1.0, "HIGH", 0.8), 0.5, Set.of("LOW"), 0.5, 2.0);

  @Test
  void marginals_randomOrders_equalDifferencesOfPerCoalitionValues() {
    ClearedDay cleared =
        new MarketClearing(SOLVER)
            .clear(TestDays.random(4, 14, 24), EQUITY, PricingRule.MID_MARKET);
    CoalitionValues walked = new CoalitionValues(cleared, SOLVER);
    CoalitionValues separate = new CoalitionValues(cleared, SOLVER);
    int n = 14;
    int[][] orders = {
      {3, 0, 13, 7, 1, 12, 5, 9, 2, 11, 4, 8, 10, 6},
      {6, 10, 8, 4, 11, 2, 9, 5, 12, 1, 7, 13, 0, 3},
      {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}
    };
    try (OrderWalks walks = new OrderWalks(walked)) {
      for (int[] order : orders) {
        double[] marginal = new double[n];
        walks.marginals(order, marginal);
        BitSet prefix = new BitSet(n);
        double previous = 0;
        double sum = 0;
        for (int player : order) {
          prefix.set(player);
          double value = separate.value(prefix);
          assertThat(marginal[player])
              .as("marginal of %d", player)
              .isCloseTo(
                  value - previous,
                  within(1e-9 * Math.max(1, Math.abs(value) + Math.abs(previous))));
          previous = value;
          sum += marginal[player];
        }
        assertThat(sum).isCloseTo(previous, within(1e-9));
      }
    }
    assertThat(walked.evaluated()).hasSizeGreaterThanOrEqualTo(3 * (n - 3));
    walked
        .evaluated()
        .forEach(
            (coalition, value) ->
                assertThat(value)
                    .isCloseTo(
                        separate.value(coalition), within(1e-9 * Math.max(1, Math.abs(value)))));
  }
}
