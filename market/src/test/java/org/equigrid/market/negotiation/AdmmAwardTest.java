package org.equigrid.market.negotiation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** What {@link AdmmAward} says of an award's relaxed directions. */
class AdmmAwardTest {

  /**
   * Three intervals by hand. t0: imports 1 kWh and sells 0.5 to the pool (draws 1, gives 0.5) and
   * charges 0.2 while discharging 0.3: relaxed, the worse side 0.5 kWh. t1: buys and sells 1 kWh
   * each (netted: neither draws nor gives) and exports 0.4: not relaxed. t2: imports 2 kWh and
   * curtails 0.1: relaxed, 0.1 kWh. A dropped member (null) counts nothing.
   */
  @Test
  void relaxedDirections_handComputed() {
    Answer.Schedule s =
        new Answer.Schedule(
            new double[] {1, 0, 2},
            new double[] {0, 0.4, 0},
            new double[] {0, 1, 0},
            new double[] {0.5, 1, 0},
            new double[] {0, 0, 0.1},
            new double[] {0.2, 0, 0},
            new double[] {0.3, 0, 0},
            new double[3],
            null,
            null);
    double[] relaxed = AdmmAward.relaxedDirections(new Answer[] {s, null});
    assertThat(relaxed[0]).isEqualTo(2);
    assertThat(relaxed[1]).isCloseTo(0.5, within(1e-12));
    Answer.Schedule clean =
        new Answer.Schedule(
            new double[] {1, 0, 0},
            new double[] {0, 1, 0},
            new double[3],
            new double[3],
            new double[3],
            new double[] {0.5, 0, 0},
            new double[] {0, 0.5, 0},
            new double[3],
            null,
            null);
    assertThat(AdmmAward.relaxedDirections(new Answer[] {clean})).containsExactly(0, 0);
  }
}
