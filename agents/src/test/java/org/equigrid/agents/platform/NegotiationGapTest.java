package org.equigrid.agents.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
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

  @Test
  void csv_oneRow_headerAndValuesInColumnOrder() {
    String csv =
        NegotiationGap.csv(
            List.of(
                new NegotiationGap(
                    1, "decentralised", 20, 9, false, -2.5, -3.0, "OPTIMAL", 50.0, Double.NaN),
                new NegotiationGap(
                    2, "decentralised", 31, 30, true, 10.01, 10.0, "OPTIMAL", 50.0, 0.0009)));

    assertThat(csv.lines().toList())
        .containsExactly(
            "day,mode,rounds,awardedRound,converged,communityCostEur,centralOptimumEur,optimumStatus,gapEur,loadCostEur,"
                + "gapShareOfLoadCost,certifiedGap",
            "1,decentralised,20,9,false,-2.500000,-3.000000,OPTIMAL,0.500000,50.000000,0.010000,",
            "2,decentralised,31,30,true,10.010000,10.000000,OPTIMAL,0.010000,50.000000,0.000200,"
                + "0.000900");
  }
}
