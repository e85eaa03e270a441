package org.equigrid.market.clearing.engine;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.market.clearing.ClearingModel;
import org.equigrid.market.clearing.ClearingRequest;
import org.equigrid.market.clearing.ClearingResult;
import org.equigrid.market.clearing.HouseholdPooling;
import org.equigrid.market.clearing.ResultAssembly;
import org.equigrid.market.clearing.SolveStatus;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.clearing.SolverReport;

/**
 * Exact household pooling, a decorator ({@link SolverOptions#pooling()}, on by default): below
 * {@link SolverOptions#decompositionMinHouseholds()} members (every size unless the decomposition
 * is opted in), the members without a battery, without a floor row and of the same weight are
 * merged into blocks ({@link HouseholdPooling}: the same LP and MILP optimum), the pooled request
 * is solved by the engine it decorates and the blocks' schedules are split back into the members';
 * the report's reason then notes the pooling. Where nothing can be pooled, or a block's flows
 * cannot be split, the request goes to the decorated engine as given. The decomposition is never
 * handed blocks (its household subproblems take the tariff's connection limits unscaled).
 */
public final class HouseholdPoolingEngine implements ClearingEngine {

  private static final Logger LOG = LogManager.getLogger();

  private final SolverOptions options;
  private final ClearingEngine inner;

  HouseholdPoolingEngine(SolverOptions options, ClearingEngine inner) {
    this.options = options;
    this.inner = inner;
  }

  @Override
  public ClearingResult solve(ClearingRequest request) {
    if (request.members().length < options.decompositionMinHouseholds()) {
      HouseholdPooling pooling = HouseholdPooling.of(request, false);
      if (pooling != null) {
        ClearingResult result = solvePooled(request, pooling, inner, options, System.nanoTime());
        if (result != null) {
          return result;
        }
        LOG.debug("a block's flows cannot be split; solving without pooling");
      }
    }
    return inner.solve(request);
  }

  @Override
  public Guarantee guarantee() {
    return Guarantee.EXACT.over(inner.guarantee());
  }

  @Override
  public String name() {
    return "household pooling over " + inner.name();
  }

  /**
   * The request on its blocks, solved by {@code blocks}, then split into its members' schedules.
   * With battery blocks the status and gap are taken against the LP bound only (see {@link
   * BatteryPoolingEngine}). Null when a block's flows cannot be split into its members' (see {@link
   * HouseholdPooling#split}).
   */
  static ClearingResult solvePooled(
      ClearingRequest request,
      HouseholdPooling pooling,
      ClearingEngine blocks,
      SolverOptions options,
      long start) {
    LOG.trace("{}", pooling.note());
    ClearingResult solved = blocks.solve(pooling.pooled());
    SolverReport r = solved.report();
    if (!r.status().hasSolution()) {
      return solved;
    }
    SolveStatus status = r.status();
    double gap = r.relativeGap();
    if (pooling.batteryBlocks() > 0 && Double.isFinite(r.lpBoundEur())) {
      gap = StagedMilpEngine.gapToBound(r.objectiveEur(), r.lpBoundEur());
      status = gap <= options.relativeGapLimit() ? SolveStatus.OPTIMAL : SolveStatus.FEASIBLE;
    }
    ClearingModel.RawSolution split = pooling.split(solved.schedules());
    if (split == null) {
      return null;
    }
    String reason = SolverReport.joined(r.reason(), pooling.note());
    return ResultAssembly.finish(
        request,
        split,
        new SolverReport(
            status,
            Double.NaN,
            r.lpBoundEur(),
            gap,
            r.buildSeconds(),
            r.solveSeconds(),
            r.milpUsed(),
            r.binaryCount(),
            reason),
        start,
        options.epsilonEur());
  }
}
