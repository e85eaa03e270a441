package org.equigrid.market.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.BitSet;
import java.util.List;
import org.equigrid.market.clearing.TestDays;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.ParticipantKind;
import org.equigrid.market.model.TradingDay;
import org.junit.jupiter.api.Test;

class PooledStorageGameTest {

  /** A with 2 kWh of surplus at noon; B with 2 kWh of need in the evening and a 10 kWh battery. */
  private static TradingDay surplusAndStorage(double peakChargeEurPerKw) {
    Household a = new Household("a", ParticipantKind.PROSUMER, "LOW", 50, 2.0, null, null);
    Household b =
        new Household(
            "b", ParticipantKind.PROSUMER, "LOW", 50, 1.0, Battery.ofRoundTrip(10, 3, 1.0), null);
    double[][] load = {{0, 0}, {0, 2}};
    double[][] pv = {{2, 0}, {0, 0}};
    return TestDays.day(
        List.of(a, b), load, pv, TestDays.flat(2, 0.3, 0.1, peakChargeEurPerKw, 10));
  }

  private static BitSet of(int... players) {
    BitSet set = new BitSet();
    for (int player : players) {
      set.set(player);
    }
    return set;
  }

  @Test
  void value_neighboursSurplusStored_savesTheEveningImportMinusTheExportIncome() {
    PooledStorageGame game = PooledStorageGame.of(surplusAndStorage(0));
    // alone: A exports 2 kWh (−0.2 EUR), B's battery starts empty above socMin and imports 2 kWh
    // (0.6 EUR); together B stores A's 2 kWh at noon and covers its evening: cost 0
    assertThat(game.value(of(0, 1))).isCloseTo(-0.2 + 0.6 - 0, within(1e-12));
    assertThat(game.value(of(0))).isZero();
    assertThat(game.value(of(1))).isZero();
  }

  @Test
  void value_withPeakCharge_addsTheAvoidedPeak() {
    PooledStorageGame game = PooledStorageGame.of(surplusAndStorage(0.5));
    // B alone also pays 0.5 EUR/kW on its 2 kW evening peak; together there is no import
    assertThat(game.value(of(0, 1))).isCloseTo(-0.2 + 0.6 + 1.0, within(1e-12));
  }

  @Test
  void marginals_alongAnOrder_equalDifferencesOfValues() {
    TradingDay day = TestDays.random(3, 12, 24);
    PooledStorageGame game = PooledStorageGame.of(day);
    int[] order = {5, 0, 11, 3, 7, 1, 9, 2, 10, 4, 8, 6};
    double[] marginal = new double[12];
    game.marginals(order, marginal);
    BitSet prefix = new BitSet();
    double previous = 0;
    for (int player : order) {
      prefix.set(player);
      double value = game.value(prefix);
      assertThat(marginal[player]).isCloseTo(value - previous, within(1e-9));
      previous = value;
    }
  }
}
