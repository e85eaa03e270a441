package org.equigrid.market.clearing.engine;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.market.clearing.ClearingRequest;
import org.equigrid.market.clearing.ClearingResult;
import org.equigrid.market.clearing.HouseholdPooling;
import org.equigrid.market.clearing.SolverOptions;

/**
 * Pooling of identical batteries, an approximation decorator (opt-in, {@link
 * SolverOptions#poolIdenticalBatteries()}): in its regime ({@code intervals × battery members > }
 * {@value SolverOptions#BATTERY_POOLING_FACTOR}{@code × milpMaxBinaries}: where the unpooled solve
 * would skip SCIP anyway) and below {@link SolverOptions#decompositionMinHouseholds()} members, the
 * unprotected members with identical batteries and initial states of charge are pooled too ({@link
 * HouseholdPooling}); the blocks are solved without SCIP, as the unpooled request would be (the
 * rounded schedule stands). The LP bound stays a bound, the MILP is restricted to symmetric battery
 * schedules, so the answer's gap is measured against the LP bound alone (never against SCIP's bound
 * of the pooled MILP): OPTIMAL only within {@link SolverOptions#relativeGapLimit()}, FEASIBLE
 * otherwise. Guarantee: a schedule that breaks no pair, never better than the reference, its gap
 * against that bound. Outside the regime, or if the pooled request has no solution, the request
 * goes to exact pooling ({@link HouseholdPoolingEngine}).
 */
public final class BatteryPoolingEngine implements ClearingEngine {

  private static final Logger LOG = LogManager.getLogger();

  private final SolverOptions options;
  private final boolean always;
  private final ClearingEngine blocksWithoutScip;
  private final HouseholdPoolingEngine otherwise;

  /**
   * @param always pool identical batteries whatever the size (tests of the restricted MILP in
   *     SCIP's range)
   * @param blocksWithoutScip the engine of the pooled request (the staged MILP without SCIP)
   * @param otherwise exact pooling, outside the regime or where the pooled request fails
   */
  BatteryPoolingEngine(
      SolverOptions options,
      boolean always,
      ClearingEngine blocksWithoutScip,
      HouseholdPoolingEngine otherwise) {
    this.options = options;
    this.always = always;
    this.blocksWithoutScip = blocksWithoutScip;
    this.otherwise = otherwise;
  }

  @Override
  public ClearingResult solve(ClearingRequest request) {
    if (request.members().length < options.decompositionMinHouseholds()
        && (always
            || options.batteryPoolingRegime(request.day().intervals(), batteryMembers(request)))) {
      HouseholdPooling pooling = HouseholdPooling.of(request, true);
      if (pooling != null && pooling.batteryBlocks() > 0) {
        // Battery blocks exist only where the unpooled MILP is above milpMaxBinaries: SCIP is
        // skipped there as it would be without pooling (measured at 1,000 households: SCIP on the
        // pooled MILP needs more than 20 s of its node LPs to improve the rounded schedule).
        ClearingResult result =
            HouseholdPoolingEngine.solvePooled(
                request, pooling, blocksWithoutScip, options, System.nanoTime());
        if (result != null && result.report().status().hasSolution()) {
          return result;
        }
        LOG.debug(
            "pooled request failed ({}); solving without battery blocks",
            result == null ? "a battery block's flows cannot be split" : result.report().reason());
      }
    }
    return otherwise.solve(request);
  }

  @Override
  public Guarantee guarantee() {
    return Guarantee.FEASIBLE_WITH_BOUND.over(otherwise.guarantee());
  }

  @Override
  public String name() {
    return "battery pooling over " + otherwise.name();
  }

  private static int batteryMembers(ClearingRequest request) {
    int count = 0;
    for (int i : request.members()) {
      count += request.day().households().get(i).hasBattery() ? 1 : 0;
    }
    return count;
  }
}
