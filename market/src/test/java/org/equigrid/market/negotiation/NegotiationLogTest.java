package org.equigrid.market.negotiation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NegotiationLogTest {

  @Test
  void csv_oneRound_gapAndBytesFromTheRecord() {
    RoundRecord round =
        new RoundRecord(
            3, new double[] {0.2, 0.25}, 0.5, Double.NaN, 10.5, Double.NaN, 10.0, 20, 100);
    String csv =
        NegotiationLog.csv(List.of(new NegotiationLog(0, 10, "admm", "cost", round, 10.0)));
    assertThat(csv.lines().toList())
        .containsExactly(
            "day,households,mechanism,objective,round,primalResidualKwh,dualResidualEurPerKwh,objectiveEur,lowerBoundEur,"
                + "communityCostEur,centralOptimumEur,gapToCentral,messages,payloadBytes,poolPriceEurPerKwh",
            // gap (10.5 − 10) / 10 = 0.05; 100 numbers of 8 bytes
            "0,10,admm,cost,3,0.500000,,10.500000,,10.000000,10.000000,0.050000,20,800,0.200000 0.250000");
  }
}
