package org.equigrid.agents.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SupplyDemandRatioTest {

  @Test
  void price_endpointsAndMidpoint_matchTheFormula() {
    // πimp = 0.30, πexp = 0.05
    assertThat(SupplyDemandRatio.price(0, 4, 0.30, 0.05)).isCloseTo(0.30, within(1e-12));
    assertThat(SupplyDemandRatio.price(4, 4, 0.30, 0.05)).isCloseTo(0.05, within(1e-12));
    // SDR 0.5: 0.05·0.30 / (0.25·0.5 + 0.05) = 0.015 / 0.175
    assertThat(SupplyDemandRatio.price(2, 4, 0.30, 0.05)).isCloseTo(0.015 / 0.175, within(1e-12));
    assertThat(SupplyDemandRatio.price(6, 4, 0.30, 0.05)).isEqualTo(0.05);
    assertThat(SupplyDemandRatio.price(3, 0, 0.30, 0.05)).isEqualTo(0.05);
  }

  @Test
  void prices_netProfiles_sumSupplyAndDemandPerInterval() {
    double[][] net = {{2, -1}, {2, 3}, {-1, 0}};
    double[] p = SupplyDemandRatio.prices(net, new double[] {0.3, 0.3}, new double[] {0.05, 0.05});
    // t0: supply 1, demand 4 -> SDR 0.25; t1: supply 1, demand 3 -> SDR 1/3
    assertThat(p[0]).isCloseTo(0.015 / (0.25 * 0.25 + 0.05), within(1e-12));
    assertThat(p[1]).isCloseTo(0.015 / (0.25 / 3 + 0.05), within(1e-12));
  }
}
