package org.equigrid.market.clearing.engine;

import java.util.Locale;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.market.clearing.ClearingRequest;
import org.equigrid.market.clearing.ClearingResult;
import org.equigrid.market.clearing.PriceDecomposition;
import org.equigrid.market.clearing.ResultAssembly;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.clearing.SolverReport;
import org.equigrid.market.ortools.OrToolsNatives;

/**
 * Price-based decomposition ({@link PriceDecomposition}) of coalitions of at least {@link
 * SolverOptions#decompositionMinHouseholds()} households, an approximation and therefore opt-in
 * (scenario key {@code solver.decompositionMinHouseholds}; by default {@link
 * SolverOptions#NEVER_DECOMPOSE}, and the {@link Plan} leaves it out). Guarantee: the LP optimum
 * within 1e-6 relative where the relaxation breaks no binary; otherwise a schedule that breaks no
 * pair, never better than the reference, with its gap against a true bound (with deferrable
 * appliances: integer columns and whole starts, the gap against the Dantzig–Wolfe bound; an EV's
 * charging is in the households' blocks as in the one model). Its answers are named: the solver's
 * reason starts with {@link #APPROXIMATION} and gives the certified gap and the bound ({@link
 * #note}). Smaller coalitions, and those whose decomposition fails, go to the engine it decorates
 * (one model).
 */
public final class DecompositionEngine implements ClearingEngine {

  private static final Logger LOG = LogManager.getLogger();

  /** How the solver's reason of a decomposed answer starts. */
  public static final String APPROXIMATION = "approximation (solver.decompositionMinHouseholds ";

  private final SolverOptions options;
  private final ClearingEngine otherwise;

  DecompositionEngine(SolverOptions options, ClearingEngine otherwise) {
    this.options = options;
    this.otherwise = otherwise;
  }

  @Override
  public ClearingResult solve(ClearingRequest request) {
    if (request.members().length >= options.decompositionMinHouseholds()) {
      ClearingResult decomposed = decompose(request, System.nanoTime());
      if (decomposed != null) {
        return decomposed;
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
    return "price decomposition, else " + otherwise.name();
  }

  /** The decomposition's answer, or null if it failed (the caller falls back to one model). */
  public ClearingResult decompose(ClearingRequest request, long start) {
    OrToolsNatives.load();
    PriceDecomposition.Outcome outcome = new PriceDecomposition(options).solve(request);
    if (outcome.raw() == null) {
      LOG.debug(
          "decomposition of {} households failed ({}); solving one model",
          request.members().length,
          outcome.reason());
      return null;
    }
    return ResultAssembly.finish(
        request,
        outcome.raw(),
        new SolverReport(
            outcome.status(),
            Double.NaN,
            outcome.lpBound(),
            outcome.gap(),
            outcome.buildSeconds(),
            outcome.solveSeconds(),
            outcome.rounded(),
            outcome.fixedPairs(),
            named(request, outcome)),
        start,
        options.epsilonEur());
  }

  private String named(ClearingRequest request, PriceDecomposition.Outcome outcome) {
    String note =
        note(
            options.decompositionMinHouseholds(),
            request.members().length,
            outcome.gap(),
            outcome.lpBound());
    return outcome.reason().isEmpty() ? note : note + "; " + outcome.reason();
  }

  /**
   * The note that names a decomposed answer: {@link #APPROXIMATION}, the threshold, the size, the
   * certified gap (relative, to the bound) and the bound in EUR.
   */
  static String note(int threshold, int households, double gap, double boundEur) {
    return String.format(
        Locale.ROOT,
        "%s= %d): price decomposition of %d households, certified gap %.6f against its bound %.6f EUR",
        APPROXIMATION,
        threshold,
        households,
        gap,
        boundEur);
  }
}
