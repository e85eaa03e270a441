package org.equigrid.agents.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NegotiationGapTest {

  @Test
  void gap_communityAboveOptimum_inEurAndAsShareOfTheLoadBill() {
    NegotiationGap g =
        new NegotiationGap(
            0, "decentralised", 20, 9, false, 1.25, 0.25, "OPTIMAL", 40.0, Double.NaN);

    assertThat(g.gapEur()).isCloseTo(1.0, within(1e-12));
    assertThat(g.gapShareOfLoadCost()).isCloseTo(0.025, within(1e-12));
  }
}
