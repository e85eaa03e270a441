package org.equigrid.market.clearing;

import org.equigrid.market.model.TradingDay;

/**
 * The cost-minimising value {@code C*(S)} (weights 1, no floor, the coalition's own peak charge) of
 * changing coalitions of one day on one LP that is re-solved warm after each join or leave: what
 * the sampled settlement walks its orders on. Not thread-safe: one instance per thread.
 */
public sealed interface CoalitionLp extends AutoCloseable
    permits IncrementalCoalitionLp, SharedBusLp, PerCoalitionSolves {

  /**
   * The smallest exact model for {@code day}: the {@link SharedBusLp} where it applies, else the
   * {@link IncrementalCoalitionLp} (households without a battery pooled where that is exact); with
   * flexible demand {@link PerCoalitionSolves} (every coalition solved on its own).
   *
   * @param poolPriceEurPerKwh {@code p[t]} (cancels in the total cost)
   */
  static CoalitionLp open(TradingDay day, double[] poolPriceEurPerKwh) {
    if (PerCoalitionSolves.applies(day)) {
      return new PerCoalitionSolves(day);
    }
    return SharedBusLp.applies(day)
        ? new SharedBusLp(day)
        : new IncrementalCoalitionLp(day, poolPriceEurPerKwh);
  }

  /** The number of households of the day. */
  int households();

  /** Empties the coalition; the next solve starts from scratch (no basis kept). */
  void reset();

  /** Household {@code i} joins the coalition (nothing if it is a member). */
  void join(int household);

  /** Household {@code i} leaves the coalition (nothing if it is not a member). */
  void leave(int household);

  /** The members, in the order they joined. */
  int[] members();

  /**
   * The coalition's optimal cost {@code C*(S)} (grid cost plus peak charge, EUR), or {@code NaN}
   * when the LP has no optimum or its optimum is no schedule of the coalition (a binary pair
   * broken): the caller then solves the coalition with {@link CoalitionSolver}.
   */
  double solveCostEur();

  /** The LP solver's status of the last solve (null before the first). */
  SolveStatus lastStatus();

  @Override
  void close();
}
