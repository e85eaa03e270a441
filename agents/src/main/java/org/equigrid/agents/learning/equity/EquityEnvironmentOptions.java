package org.equigrid.agents.learning.equity;

import java.util.Objects;
import org.equigrid.config.AdaptiveEquity;
import org.equigrid.config.AdaptiveEquity.RewardIndex;

/**
 * How the equity environment is shaped.
 *
 * @param episodeDays trading days per episode after the warm-up day ({@code D}, default 30)
 * @param poolFromDay first day index an episode may use (inclusive)
 * @param poolToDay end of the day pool (exclusive); an episode needs {@code episodeDays + 1}
 *     consecutive days of the pool (the warm-up day and {@code D} steps)
 * @param alpha weight {@code α} of the price of fairness in the reward (default 1: one percent of
 *     the cost-minimising gain given up weighs like 0.01 of the index)
 * @param kappa weight {@code κ} of the L1 weight change in the reward (default 0.02)
 * @param movingAverageDays window of the moving average of the Gini in the observation
 * @param settlementOrders random orders of the importance-sampled settlement of communities above
 *     {@code exactMaxHouseholds} (fixed per day; see {@link DayEvaluator})
 * @param exactMaxHouseholds communities up to this size are settled exactly (all coalitions)
 * @param seed seed of the fixed settlement orders (combined with the day index)
 * @param neutralBaseline subtract from each step's reward the same day's reward under neutral
 *     weights ({@code r_t − r_t^neutral}, without the change term). The neutral outcome of a day
 *     does not depend on the action, so the optimal policy is unchanged, but the day-to-day swing
 *     of the Gini (hundredths) no longer drowns the weights' effect on it (thousandths). The
 *     environment still reports the plain reward ({@link EquityEnvironment#lastPlainReward()})
 * @param rewardIndex the burden index (after settlement) the reward acts on ({@code
 *     equity.adaptive.reward}; default {@link AdaptiveEquity#DEFAULT_REWARD})
 * @param residual the policy's action is an adjustment around an anchor ({@link ResidualAction});
 *     {@link ResidualAction#NONE} for the plain action. With an anchor, the baseline of {@code
 *     neutralBaseline} is the same day under the anchor's weights instead of neutral weights
 */
public record EquityEnvironmentOptions(
    int episodeDays,
    int poolFromDay,
    int poolToDay,
    double alpha,
    double kappa,
    int movingAverageDays,
    int settlementOrders,
    int exactMaxHouseholds,
    long seed,
    boolean neutralBaseline,
    RewardIndex rewardIndex,
    ResidualAction residual) {

  public EquityEnvironmentOptions {
    Objects.requireNonNull(rewardIndex, "rewardIndex");
    Objects.requireNonNull(residual, "residual");
    if (episodeDays < 1) {
      throw new IllegalArgumentException(
          "episodeDays (" + episodeDays + ") must be >= 1. Maybe you meant 30?");
    }
    if (poolFromDay < 0 || poolToDay - poolFromDay < episodeDays + 1) {
      throw new IllegalArgumentException(
          "The day pool ["
              + poolFromDay
              + ", "
              + poolToDay
              + ") must start at >= 0 and hold episodeDays + 1 = "
              + (episodeDays + 1)
              + " days.\nMaybe widen the pool or shorten the episodes?");
    }
    if (!(alpha >= 0) || !(kappa >= 0)) {
      throw new IllegalArgumentException(
          "alpha (" + alpha + ") and kappa (" + kappa + ") must be >= 0.");
    }
    if (movingAverageDays < 1) {
      throw new IllegalArgumentException(
          "movingAverageDays (" + movingAverageDays + ") must be >= 1.");
    }
    if (settlementOrders < 2) {
      throw new IllegalArgumentException(
          "settlementOrders (" + settlementOrders + ") must be >= 2.");
    }
    if (exactMaxHouseholds < 1 || exactMaxHouseholds > 16) {
      throw new IllegalArgumentException(
          "exactMaxHouseholds (" + exactMaxHouseholds + ") must be in [1, 16].");
    }
  }

  /** Without the neutral baseline (the plain reward of DESIGN.md section 5). */
  public EquityEnvironmentOptions(
      int episodeDays,
      int poolFromDay,
      int poolToDay,
      double alpha,
      double kappa,
      int movingAverageDays,
      int settlementOrders,
      int exactMaxHouseholds,
      long seed) {
    this(
        episodeDays,
        poolFromDay,
        poolToDay,
        alpha,
        kappa,
        movingAverageDays,
        settlementOrders,
        exactMaxHouseholds,
        seed,
        false,
        AdaptiveEquity.DEFAULT_REWARD,
        ResidualAction.NONE);
  }

  /** Without a residual anchor. */
  public EquityEnvironmentOptions(
      int episodeDays,
      int poolFromDay,
      int poolToDay,
      double alpha,
      double kappa,
      int movingAverageDays,
      int settlementOrders,
      int exactMaxHouseholds,
      long seed,
      boolean neutralBaseline,
      RewardIndex rewardIndex) {
    this(
        episodeDays,
        poolFromDay,
        poolToDay,
        alpha,
        kappa,
        movingAverageDays,
        settlementOrders,
        exactMaxHouseholds,
        seed,
        neutralBaseline,
        rewardIndex,
        ResidualAction.NONE);
  }

  /**
   * 30-day episodes from the pool [0, 365), α 1, κ 0.02, 7-day average, 24 orders, exact up to 10,
   * no baseline, the default reward index.
   */
  public static EquityEnvironmentOptions defaults(long seed) {
    return new EquityEnvironmentOptions(30, 0, 365, 1.0, 0.02, 7, 24, 10, seed);
  }

  public EquityEnvironmentOptions withEpisodeDays(int days) {
    int to = Math.max(poolToDay, poolFromDay + days + 1);
    return new EquityEnvironmentOptions(
        days,
        poolFromDay,
        to,
        alpha,
        kappa,
        movingAverageDays,
        settlementOrders,
        exactMaxHouseholds,
        seed,
        neutralBaseline,
        rewardIndex,
        residual);
  }

  public EquityEnvironmentOptions withPool(int fromDay, int toDay) {
    return new EquityEnvironmentOptions(
        episodeDays,
        fromDay,
        toDay,
        alpha,
        kappa,
        movingAverageDays,
        settlementOrders,
        exactMaxHouseholds,
        seed,
        neutralBaseline,
        rewardIndex,
        residual);
  }

  public EquityEnvironmentOptions withReward(double newAlpha, double newKappa) {
    return new EquityEnvironmentOptions(
        episodeDays,
        poolFromDay,
        poolToDay,
        newAlpha,
        newKappa,
        movingAverageDays,
        settlementOrders,
        exactMaxHouseholds,
        seed,
        neutralBaseline,
        rewardIndex,
        residual);
  }

  public EquityEnvironmentOptions withSettlementOrders(int orders) {
    return new EquityEnvironmentOptions(
        episodeDays,
        poolFromDay,
        poolToDay,
        alpha,
        kappa,
        movingAverageDays,
        orders,
        exactMaxHouseholds,
        seed,
        neutralBaseline,
        rewardIndex,
        residual);
  }

  /** The same options with or without the neutral baseline in the reward. */
  public EquityEnvironmentOptions withNeutralBaseline(boolean on) {
    return new EquityEnvironmentOptions(
        episodeDays,
        poolFromDay,
        poolToDay,
        alpha,
        kappa,
        movingAverageDays,
        settlementOrders,
        exactMaxHouseholds,
        seed,
        on,
        rewardIndex,
        residual);
  }

  /** The same options with the reward acting on another index. */
  public EquityEnvironmentOptions withRewardIndex(RewardIndex index) {
    return new EquityEnvironmentOptions(
        episodeDays,
        poolFromDay,
        poolToDay,
        alpha,
        kappa,
        movingAverageDays,
        settlementOrders,
        exactMaxHouseholds,
        seed,
        neutralBaseline,
        index,
        residual);
  }

  /** The same options with the policy's action around another anchor. */
  public EquityEnvironmentOptions withResidual(ResidualAction newResidual) {
    return new EquityEnvironmentOptions(
        episodeDays,
        poolFromDay,
        poolToDay,
        alpha,
        kappa,
        movingAverageDays,
        settlementOrders,
        exactMaxHouseholds,
        seed,
        neutralBaseline,
        rewardIndex,
        newResidual);
  }
}
