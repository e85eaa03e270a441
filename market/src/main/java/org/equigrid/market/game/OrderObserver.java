package org.equigrid.market.game;

/**
 * Sees every random order {@link SampledShapley} draws, with the marginal contributions along it;
 * used to reuse the orders (counterfactual shares, re-weighting, core checks on visited
 * coalitions). Both arrays belong to the sampler and change after the call: copy what you keep.
 */
@FunctionalInterface
public interface OrderObserver {

  /**
   * @param order players from first to last
   * @param marginal {@code marginal[i]}: player {@code i}'s marginal contribution in this order
   */
  void order(int[] order, double[] marginal);

  /** Observes nothing. */
  static OrderObserver none() {
    return (order, marginal) -> {};
  }
}
