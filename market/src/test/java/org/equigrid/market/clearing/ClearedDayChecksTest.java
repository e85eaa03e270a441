package org.equigrid.market.clearing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClearedDayChecksTest {

  @Test
  void peakChargeShare_oneAloneFlagTooFew_namesEveryLength() {
    assertThatThrownBy(
            () ->
                ClearedDay.peakChargeShareEur(
                    1.0, new double[][] {{1}, {2}}, new boolean[1], new double[2]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "peak-charge share: 2 import rows, 1 alone flags and 2 own peak charges;"
                + " one each per household is needed.");
  }

  @Test
  void alone_flagsForOtherHouseholds_isRejected() {
    assertThatThrownBy(() -> ClearedDayChecks.alone(3, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("aloneInDispatch has 3 entries for 2 households; one per household is needed.");
  }
}
