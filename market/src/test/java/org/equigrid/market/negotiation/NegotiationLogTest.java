package org.equigrid.market.negotiation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NegotiationLogTest {

  @Test
  void gapToCentral_relativeToTheOptimumOrOneEur() {
    RoundRecord round =
        new RoundRecord(
            3, new double[] {0.2, 0.25}, 0.5, Double.NaN, 10.5, Double.NaN, 10.0, 20, 100);
    // (10.5 − 10) / 10 = 0.05
    assertThat(new NegotiationLog(0, 10, "admm", "cost", round, 10.0).gapToCentral())
        .isCloseTo(0.05, within(1e-12));
    // (10.5 − 0.5) / max(0.5, 1) = 10
    assertThat(new NegotiationLog(0, 10, "admm", "cost", round, 0.5).gapToCentral())
        .isCloseTo(10.0, within(1e-12));
    assertThat(new NegotiationLog(0, 10, "admm", "cost", round, Double.NaN).gapToCentral()).isNaN();
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
    assertThat(round.objectiveEur()).isNaN();
    assertThat(round.communityCostEur()).isNaN();
    assertThat(round.messages()).isZero();
    assertThat(new NegotiationLog(1, 3, "tatonnement", "cost", round, 10.0).gapToCentral()).isNaN();
  }

  private static RoundRecord record(double objective, double bound) {
    return new RoundRecord(
        0, new double[0], Double.NaN, Double.NaN, objective, bound, Double.NaN, 0, 0);
  }
}
