package org.equigrid.market.game;

/**
 * A game whose marginal contributions along a whole order are cheaper to compute at once than by
 * one {@link LargeCoalitionGame#value} call per prefix (e.g. a closed form updated as players
 * join); used as the control variate of {@link SampledShapley}.
 */
public interface MarginalGame {

  /** The number of players {@code n}. */
  int players();

  /**
   * Fills {@code marginal[i] = v(P_i ∪ {i}) − v(P_i)}, {@code P_i} the players before {@code i} in
   * {@code order}. Both arrays belong to the caller; {@code order} must not be modified.
   *
   * @param order every player once, first to last
   */
  void marginals(int[] order, double[] marginal);

  /**
   * Fills {@code marginals[k]} for every {@code orders[k]}, the same numbers as {@link
   * #marginals(int[], double[])} one order after the other; an implementation may compute them in
   * parallel (e.g. one incremental LP per thread), and then must make every side effect (such as
   * values it caches) in the order of {@code orders}, so that nothing depends on thread timing.
   */
  default void marginals(int[][] orders, double[][] marginals) {
    for (int k = 0; k < orders.length; k++) {
      marginals(orders[k], marginals[k]);
    }
  }
}
