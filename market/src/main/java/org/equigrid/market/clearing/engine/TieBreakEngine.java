package org.equigrid.market.clearing.engine;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.market.clearing.ClearingModel;
import org.equigrid.market.clearing.ClearingRequest;
import org.equigrid.market.clearing.ClearingResult;
import org.equigrid.market.clearing.MilpEffort;
import org.equigrid.market.clearing.ResultAssembly;
import org.equigrid.market.clearing.ScipRun;
import org.equigrid.market.clearing.SolveStatus;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.clearing.SolverReport;
import org.equigrid.market.ortools.OrToolsNatives;

/**
 * The tie-break of the households' costs ({@link TieBreak}, docs/model.md "Ties"), an exact
 * decorator: the decorated engine's answer with its per-household split fixed by the tie-break
 * stage, the answer whose households' costs and bills are used. The objective is unchanged (to 1e-9
 * relative). It applies to answers with a solution and 2 to {@value TieBreak#MAX_MEMBERS} members;
 * the reason names the rule that chose the split ({@link TieBreak.Rule}: canonical LP or MILP step,
 * or the heuristic fallback and why); where the stage does not solve, the decorated engine's split
 * stands and the reason says so ({@link TieBreak#VERTEX_NOTE}). The MILP step needs the answer's
 * status and gap ({@link TieBreak.Proof}) and runs under a runaway guard of {@link
 * TieBreakMilp#GUARD_FACTOR} times the options' CPU-time guard. Where the stage re-proved a loose
 * answer's objective ({@link TieBreakMilp#reprove}), the report is OPTIMAL with the re-proven gap.
 */
public final class TieBreakEngine implements ClearingEngine {

  private static final Logger LOG = LogManager.getLogger();

  /**
   * The reason's note where the tie-break is not run: a request with deferrable appliances, whose
   * start binaries (docs/model.md F4) the tie-break's LP steps would relax.
   */
  public static final String APPLIANCES =
      "tie-break not run with deferrable appliances: the solver's split stands";

  private final SolverOptions options;
  private final ClearingEngine inner;

  public TieBreakEngine(SolverOptions options, ClearingEngine inner) {
    this.options = options;
    this.inner = inner;
  }

  @Override
  public ClearingResult solve(ClearingRequest request) {
    return breakTies(request, inner.solve(request));
  }

  @Override
  public Guarantee guarantee() {
    return Guarantee.EXACT.over(inner.guarantee());
  }

  @Override
  public String name() {
    return "tie-break over " + inner.name();
  }

  /**
   * {@code result} after the tie-break stage ({@link TieBreak}); unchanged where it does not apply.
   */
  public ClearingResult breakTies(ClearingRequest request, ClearingResult result) {
    if (request.applianceStartCount() > 0) {
      return result.withReport(
          result.report().withReason(SolverReport.joined(result.report().reason(), APPLIANCES)));
    }
    int memberCount = request.members().length;
    if (!result.report().status().hasSolution()
        || memberCount < 2
        || memberCount > TieBreak.MAX_MEMBERS) {
      return result;
    }
    if (request.applianceStartCount() > 0) {
      return result.withReport(
          result.report().withReason(SolverReport.joined(result.report().reason(), APPLIANCES)));
    }
    OrToolsNatives.load();
    long start = System.nanoTime();
    long cpuStart = ScipRun.cpuNanos();
    ClearingModel.RawSolution raw = ResultAssembly.rawOf(result);
    TieBreakOutcome tied =
        TieBreak.apply(
            request,
            raw,
            result.report().objectiveEur(),
            new TieBreak.Proof(
                result.report().status(),
                result.report().relativeGap(),
                TieBreakMilp.GUARD_FACTOR * options.timeLimitSeconds(),
                !result.report().reason().startsWith(DecompositionEngine.APPROXIMATION)
                    && !result.report().reason().startsWith(MilpEffort.APPROXIMATION)),
            options.epsilonEur(),
            options.milpWhenBinariesBreak());
    SolverReport r = result.report();
    if (tied == null) {
      LOG.debug("tie-break stage did not solve; the solver's split stands");
      return result.withReport(
          new SolverReport(
              r.status(),
              r.objectiveEur(),
              r.lpBoundEur(),
              r.relativeGap(),
              r.buildSeconds(),
              r.solveSeconds() + ResultAssembly.seconds(start),
              r.milpUsed(),
              r.binaryCount(),
              SolverReport.joined(
                  r.reason(), TieBreak.VERTEX_NOTE + " (the tie-break stage did not solve)")));
    }
    LOG.debug(
        "tie-break stage on day {}, {} members: {} CPU s, {} s, {}",
        request.day().dayIndex(),
        memberCount,
        (ScipRun.cpuNanos() - cpuStart) / 1e9,
        ResultAssembly.seconds(start),
        tied.note());
    String reason = SolverReport.joined(r.reason(), tied.note());
    return ResultAssembly.assemble(
        request,
        tied.values(),
        new SolverReport(
            tied.reproved() ? SolveStatus.OPTIMAL : r.status(),
            Double.NaN,
            r.lpBoundEur(),
            tied.reproved() ? tied.reprovedGap() : r.relativeGap(),
            r.buildSeconds(),
            r.solveSeconds() + ResultAssembly.seconds(start),
            r.milpUsed(),
            r.binaryCount(),
            reason),
        start,
        options.epsilonEur());
  }
}
