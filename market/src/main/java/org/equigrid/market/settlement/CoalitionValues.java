package org.equigrid.market.settlement;

import java.util.BitSet;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.clearing.ClearingRequest;
import org.equigrid.market.clearing.ClearingResult;
import org.equigrid.market.clearing.CoalitionSolver;

/**
 * The characteristic function of a cleared day, cached and thread-safe ({@link CoalitionMemo}):
 * {@code v(S) = Σ_{i∈S} C0_i − C*(S)} for {@code S ≠ N} (cost-minimising optimum of the coalition,
 * weights 1, no floor, its own peak charge) and {@code v(N) = Σ_i C0_i − cost of the real
 * dispatch}, so that the settlement balances the real bill. {@code v(∅) = 0}, and {@code v({i}) =
 * 0}.
 *
 * <p>Coalition values do not depend on the equity weights: the same instance serves every weight
 * setting of the day. A coalition whose solve fails counts as no cooperation ({@code v(S) = 0}) and
 * is counted in {@link #failedSolves()}.
 */
public final class CoalitionValues {

  private final ClearedDay cleared;
  private final CoalitionSolver solver;
  private final double[] standaloneCostEur;
  private final int players;
  private final CoalitionMemo memo;

  public CoalitionValues(ClearedDay cleared, CoalitionSolver solver) {
    this.cleared = cleared;
    this.solver = solver;
    this.players = cleared.day().householdCount();
    this.standaloneCostEur = new double[players];
    for (int i = 0; i < players; i++) {
      standaloneCostEur[i] = cleared.standaloneCostEur(i);
    }
    this.memo = new CoalitionMemo();
  }

  private CoalitionValues(CoalitionValues shared, ClearedDay cleared) {
    this.cleared = cleared;
    this.solver = shared.solver;
    this.players = shared.players;
    this.standaloneCostEur = shared.standaloneCostEur;
    this.memo = shared.memo;
  }

  /**
   * A view of the same day under another dispatch (other weights): it shares this instance's cache
   * of {@code v(S ≠ N)} and its solve counters, and takes {@code v(N)} from {@code other}.
   *
   * @param other the same day (same households, pool prices and standalone optima), re-dispatched,
   *     e.g. by {@code MarketClearing.reweigh}
   */
  public CoalitionValues withDispatch(ClearedDay other) {
    CoalitionMemo.requireSameDay(cleared, other);
    return new CoalitionValues(this, other);
  }

  public int players() {
    return players;
  }

  /** {@code C0_i}. */
  public double standaloneCostEur(int player) {
    return standaloneCostEur[player];
  }

  /** {@code v(S)} of a coalition given as a set of player indices (not modified). */
  public double value(BitSet coalition) {
    int size = coalition.cardinality();
    if (size <= 1) {
      return 0.0;
    }
    if (size == players) {
      return sumStandalone(coalition) - cleared.dispatch().totalCostEur();
    }
    return memo.value(coalition, this::solve);
  }

  /**
   * Records {@code v(S)} found elsewhere (an {@link
   * org.equigrid.market.clearing.IncrementalCoalitionLp} on the same day), counted as one coalition
   * LP; a value already known is kept. Not for {@code |S| <= 1} or {@code S = N}, whose values are
   * fixed.
   */
  void record(BitSet coalition, double value) {
    memo.record(coalition, value);
  }

  /** Counts one coalition LP solved elsewhere whose value was not used (a broken binary pair). */
  void countSolve() {
    memo.countSolve();
  }

  /** The cleared day these values belong to. */
  ClearedDay cleared() {
    return cleared;
  }

  /** {@code v(S)} of a coalition given as a bit mask over players {@code 0..62}. */
  public double value(long mask) {
    return value(BitSet.valueOf(new long[] {mask}));
  }

  /**
   * The coalitions solved so far with their values, in a defined order (by size, then by members),
   * excluding the trivial ones ({@code |S| <= 1}, {@code S = N}).
   */
  public java.util.SortedMap<BitSet, Double> evaluated() {
    return memo.evaluated();
  }

  /** Number of coalition LPs solved so far. */
  public int solves() {
    return memo.solves();
  }

  /** Number of coalition LPs that found no solution (their value counted as 0). */
  public int failedSolves() {
    return memo.failedSolves();
  }

  private double solve(BitSet coalition) {
    int[] members = coalition.stream().toArray();
    ClearingRequest request =
        ClearingRequest.costMinimising(cleared.day(), members, cleared.poolPriceEurPerKwh());
    ClearingResult result = solver.solve(request);
    memo.countSolve();
    if (!result.report().status().hasSolution()) {
      memo.countFailure(coalition, cleared.day().dayIndex(), result.report());
      return 0.0;
    }
    return sumStandalone(coalition) - result.totalCostEur();
  }

  private double sumStandalone(BitSet coalition) {
    double sum = 0;
    for (int i = coalition.nextSetBit(0); i >= 0; i = coalition.nextSetBit(i + 1)) {
      sum += standaloneCostEur[i];
    }
    return sum;
  }
}
