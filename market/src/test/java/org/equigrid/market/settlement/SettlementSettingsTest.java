package org.equigrid.market.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.equigrid.market.settlement.SettlementSettings.Explain;
import org.junit.jupiter.api.Test;

class SettlementSettingsTest {

  @Test
  void explainSample_takesTenEvenlySpacedHouseholds_orEveryoneUpToTen() {
    assertThat(IntStream.range(0, 100).filter(i -> Explain.SAMPLE.asked(i, 100)).toArray())
        .containsExactly(0, 10, 20, 30, 40, 50, 60, 70, 80, 90);
    // n = 15, K = 10: i·10 mod 15 takes 0, 10, 5, 0, ...; below 10 for i ≢ 1 (mod 3)
    assertThat(IntStream.range(0, 15).filter(i -> Explain.SAMPLE.asked(i, 15)).toArray())
        .containsExactly(0, 2, 3, 5, 6, 8, 9, 11, 12, 14);
    for (int n : new int[] {1, 7, 10, 11, 37, 1000, 10_000}) {
      int k = n;
      assertThat(IntStream.range(0, n).filter(i -> Explain.SAMPLE.asked(i, k)).count())
          .as("n = %d", n)
          .isEqualTo(Math.min(n, SettlementSettings.EXPLAIN_SAMPLE));
      assertThat(IntStream.range(0, n).filter(i -> Explain.ALL.asked(i, k)).count()).isEqualTo(n);
      assertThat(IntStream.range(0, n).filter(i -> Explain.NONE.asked(i, k)).count()).isZero();
    }
  }

  @Test
  void withSettlement_setsTheStoppingRuleRelativeToTheGain() {
    SettlementSettings settings = SettlementSettings.defaults().withStopping(0.02, 300);
    SettlementOptions options = SettlementOptions.defaults().withSettlement(settings);
    assertThat(options.sampling().gainTolerance()).isEqualTo(0.02);
    assertThat(options.sampling().relativeTolerance()).isZero();
    assertThat(options.sampling().maxOrders()).isEqualTo(300);
    assertThat(options.sampling().minOrders())
        .isEqualTo(SettlementOptions.defaults().sampling().minOrders());
    // a cap below the minimum orders is raised to it
    assertThat(
            SettlementOptions.defaults()
                .withSettlement(settings.withStopping(0.02, 10))
                .sampling()
                .maxOrders())
        .isEqualTo(SettlementOptions.defaults().sampling().minOrders());
  }

  @Test
  void withSettlement_keepsAFixedNumberOfOrdersSetInCode() {
    SettlementOptions fixed =
        SettlementOptions.defaults()
            .withSampling(org.equigrid.market.game.SamplingOptions.fixedOrders(64));
    SettlementOptions options =
        fixed.withSettlement(SettlementSettings.defaults().withStopping(0.02, 300));
    assertThat(options.sampling()).isEqualTo(fixed.sampling());
    assertThat(options.settlement().tolerance()).isEqualTo(0.02);
  }

  @Test
  void settings_badToleranceOrCap_sayWhatIsAllowed() {
    assertThatThrownBy(() -> SettlementSettings.defaults().withStopping(0, 100))
        .hasMessageContaining("tolerance (0.0) must be in (0, 1]");
    assertThatThrownBy(() -> SettlementSettings.defaults().withStopping(0.01, 3))
        .hasMessageContaining("maxOrders (3) must be >= 4");
  }
}
