package org.equigrid.market.negotiation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.equigrid.market.model.Tariff;
import org.junit.jupiter.api.Test;

class CommunityCostTest {

  @Test
  void of_importExportAndPeakIntervals_areTheHandComputedMarginalCosts() {
    double[][] nets = {
      {1.0, -2.0, 3.0, 0.5},
      {0.5, 1.0, -1.0, -0.5},
    };
    double[] imp = {0.30, 0.30, 0.42, 0.22};
    double[] exp = {0.08, 0.08, 0.08, 0.08};

    // Community nets 1.5, -1.0, 2.0 (the peak), 0.0; πpk = 0.25 EUR/kW over half-hour intervals.
    double[] p = CommunityCost.marginalPrices(nets, new Tariff(imp, exp, 0.25, 100, 100), 0.5);

    assertThat(p[0]).isCloseTo(0.30, within(1e-12));
    assertThat(p[1]).isCloseTo(0.08, within(1e-12));
    assertThat(p[2]).isCloseTo(0.42 + 0.25 / 0.5, within(1e-12));
    assertThat(p[3]).as("balanced: one kWh less is exported").isCloseTo(0.08, within(1e-12));
  }

  @Test
  void of_communityNeverImports_noPeakCharge() {
    double[] p =
        CommunityCost.marginalPrices(
            new double[][] {{-1.0, -0.5}},
            new Tariff(new double[] {0.3, 0.3}, new double[] {0.1, 0.1}, 0.25, 100, 100),
            1.0);

    assertThat(p).containsExactly(new double[] {0.1, 0.1}, within(1e-12));
  }

  @Test
  void ofNetProfiles_poolsThenChargesGridAndPeak() {
    // Community nets 1.5, -1.0 over half-hour intervals: 0.3·1.5 − 0.08·1.0 + 0.25·1.5/0.5.
    double cost =
        CommunityCost.ofNetProfiles(
            new double[][] {{1.0, -2.0}, {0.5, 1.0}},
            new Tariff(new double[] {0.30, 0.30}, new double[] {0.08, 0.08}, 0.25, 100, 100),
            0.5);
    assertThat(cost).isCloseTo(0.45 - 0.08 + 0.75, within(1e-12));
  }
}
