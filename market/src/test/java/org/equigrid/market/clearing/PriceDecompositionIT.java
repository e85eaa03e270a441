package org.equigrid.market.clearing;

import org.equigrid.market.model.TradingDay;
import org.junit.jupiter.api.Test;

/** The decomposition against the monolithic model on larger communities (slow). */
class PriceDecompositionIT {

  private final CoalitionSolver solver =
      new CoalitionSolver(new SolverOptions(30, 1e-9, true, 0.01));

  @Test
  void solveDecomposed_neutralFiftyAndHundred_equalsMonolithicOptimum() {
    TradingDay fifty = TestDays.random(57, 50, 24);
    PriceDecompositionTest.assertSameAsMonolithic(
        solver,
        ClearingRequest.costMinimising(
            fifty, TestDays.everyone(fifty), PoolPricing.prices(PricingRule.MID_MARKET, fifty)));
    TradingDay hundred = TestDays.random(3, 100, 24);
    PriceDecompositionTest.assertSameAsMonolithic(
        solver,
        ClearingRequest.costMinimising(
            hundred,
            TestDays.everyone(hundred),
            PoolPricing.prices(PricingRule.SUPPLY_DEMAND_RATIO, hundred)));
  }

  @Test
  void solveDecomposed_weightedWithFloorFiftyAndHundred_withinReportedGapOfMonolithicBound() {
    PriceDecompositionTest.assertWeightedWithinGap(solver, TestDays.random(61, 50, 24));
    PriceDecompositionTest.assertWeightedWithinGap(solver, TestDays.random(111, 100, 24));
  }
}
