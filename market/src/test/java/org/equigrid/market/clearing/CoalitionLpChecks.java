package org.equigrid.market.clearing;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks every {@link CoalitionLp} must pass. */
final class CoalitionLpChecks {

  private CoalitionLpChecks() {}

  /**
   * After another history and a {@link CoalitionLp#reset()}, {@code second} gives bit for bit the
   * values {@code first} gives along {@code order}: an order's values do not depend on the thread
   * (model) that walks it.
   */
  static void assertResetForgetsHistory(CoalitionLp first, CoalitionLp second, int[] order) {
    for (int i = second.households() - 1; i >= 0; i--) {
      second.join(i); // another history first
      second.solveCostEur();
    }
    second.reset();
    for (int player : order) {
      first.join(player);
      second.join(player);
      assertThat(Double.doubleToLongBits(second.solveCostEur()))
          .as("after %d joins", first.members().length)
          .isEqualTo(Double.doubleToLongBits(first.solveCostEur()));
    }
  }
}
