package org.equigrid.market.clearing;

import org.junit.jupiter.api.Test;

/**
 * The invariants of {@link ClearingInvariantsTest} with every community also cleared under 5
 * weightings.
 */
class ClearingInvariantsIT {

  @Test
  void solve_fiftyRandomCommunitiesFiveWeightingsEach_keepInvariantsAndCostOptimality() {
    new ClearingInvariantsTest().check(50, 50);
  }
}
