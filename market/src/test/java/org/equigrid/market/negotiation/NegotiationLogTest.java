package org.equigrid.market.negotiation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
                + "certifiedGap,communityCostEur,centralOptimumEur,gapToCentral,messages,payloadBytes,poolPriceEurPerKwh",
            // gap (10.5 − 10) / 10 = 0.05; 100 numbers of 8 bytes; no bound: no certified gap
            "0,10,admm,cost,3,0.500000,,10.500000,,,10.000000,10.000000,0.050000,20,800,0.200000 0.250000");
  }

  @Test
  void csv_decompositionRound_certifiedGapFromBothBounds() {
    RoundRecord round =
        new RoundRecord(7, new double[] {0.1}, Double.NaN, Double.NaN, 10.01, 10.0, 9.9, 4, 10);
    String csv =
        NegotiationLog.csv(
            List.of(new NegotiationLog(0, 2, "decomposition", "cost", round, 10.005)));
    // (10.01 − 10.0) / min(10.0, 10.01) = 0.001
    assertThat(csv.lines().toList().get(1))
        .isEqualTo(
            "0,2,decomposition,cost,7,,,10.010000,10.000000,0.001000,9.900000,10.005000,0.000500,4,80,0.100000");
  }

  @Test
  void certifiedGap_signsAndMissingBounds() {
    // Both negative: divided by the smaller magnitude, |−10.0| (objective −10 ≥ bound −10.02).
    assertThat(record(-10.0, -10.02).certifiedGap()).isCloseTo(0.002, within(1e-12));
    // Opposite signs: divided by 1 EUR.
    assertThat(record(0.3, -0.2).certifiedGap()).isCloseTo(0.5, within(1e-12));
    // Small magnitudes: divided by 1 EUR, not by 0.01.
    assertThat(record(0.02, 0.01).certifiedGap()).isCloseTo(0.01, within(1e-12));
    // Bound above the objective (round-off): 0.
    assertThat(record(5.0, 5.0 + 1e-12).certifiedGap()).isZero();
    assertThat(record(5.0, Double.NaN).certifiedGap()).isNaN();
    assertThat(record(5.0, Double.NEGATIVE_INFINITY).certifiedGap()).isNaN();
  }

  @Test
  void undefined_copiesThePricesAndLeavesEveryValueEmpty() {
    double[] prices = {0.2, 0.3};
    RoundRecord round = RoundRecord.undefined(4, prices);
    prices[0] = 9;
    assertThat(round.poolPriceEurPerKwh()).containsExactly(0.2, 0.3);
    assertThat(round.certifiedGap()).isNaN();
    String csv =
        NegotiationLog.csv(List.of(new NegotiationLog(1, 3, "tatonnement", "cost", round, 10.0)));
    assertThat(csv.lines().toList().get(1))
        .isEqualTo("1,3,tatonnement,cost,4,,,,,,,10.000000,,0,0,0.200000 0.300000");
  }

  private static RoundRecord record(double objective, double bound) {
    return new RoundRecord(
        0, new double[0], Double.NaN, Double.NaN, objective, bound, Double.NaN, 0, 0);
  }
}
