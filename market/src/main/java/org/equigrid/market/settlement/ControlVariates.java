package org.equigrid.market.settlement;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGeneratorFactory;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.game.ControlVariate;
import org.equigrid.market.game.MarginalGame;
import org.equigrid.market.game.SamplingOptions;

/**
 * The closed-form games whose sampled values steady the sampled settlement (variance reduction).
 */
final class ControlVariates {

  private static final Logger LOG = LogManager.getLogger();

  /** Orders of the closed-form control variate: cheap ({@code O(n·T)} each), so many. */
  private static final long CONTROL_MIN_ORDERS = 2_000;

  private static final long CONTROL_MAX_ORDERS = 100_000;

  /** Separates the control variate's stream from the settlement's orders. */
  private static final long CONTROL_SEED_MIX = 0x9E3779B97F4A7C15L;

  private ControlVariates() {}

  /**
   * The control variates of the sampled settlement, each with its weighted Shapley value sampled to
   * a tenth of the settlement's relative tolerance (its error then adds about 0.5 % in quadrature)
   * or for 100,000 orders (about a second each at 100 households): the pooled-profile game ({@link
   * PooledProfileGame}, when every standalone optimum has a schedule) and the pooled-storage game
   * ({@link PooledStorageGame}). Their coefficients are fitted per household as the sampling goes
   * ({@link org.equigrid.market.game.FittedControls#estimate}).
   */
  static List<ControlVariate> of(
      ClearedDay cleared, double[] lambda, long seed, SamplingOptions sampling) {
    List<MarginalGame> games = new ArrayList<>();
    PooledProfileGame profile = PooledProfileGame.of(cleared);
    if (profile != null) {
      games.add(profile);
    }
    games.add(PooledStorageGame.of(cleared.day()));
    SamplingOptions cheapSampling =
        new SamplingOptions(
            sampling.relativeTolerance() / 10,
            sampling.absoluteTolerance() / 10,
            CONTROL_MIN_ORDERS,
            CONTROL_MAX_ORDERS,
            true,
            sampling.gainTolerance() / 10);
    List<ControlVariate> result = new ArrayList<>(games.size());
    long stream = seed ^ CONTROL_SEED_MIX;
    for (MarginalGame game : games) {
      long start = System.nanoTime();
      ControlVariate control =
          ControlVariate.sampled(
              game,
              lambda,
              cheapSampling,
              RandomGeneratorFactory.of(Settlement.RANDOM).create(stream++));
      LOG.debug(
          "control variate {} of day {}: {} cheap orders in {} s",
          game.getClass().getSimpleName(),
          cleared.day().dayIndex(),
          control.orders(),
          String.format(Locale.ROOT, "%.2f", (System.nanoTime() - start) / 1e9));
      result.add(control);
    }
    return result;
  }
}
