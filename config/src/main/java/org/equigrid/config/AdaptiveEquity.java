package org.equigrid.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Adaptive equity weights ({@code equity.adaptive} in a scenario): a learned policy sets each day's
 * weights from the day before (DESIGN.md section 5).
 *
 * @param policy checkpoint written by {@code equigrid train} (resolved against the scenario file's
 *     folder), or null: no trained policy yet, the run uses the static {@code equity.weights}
 * @param reward the burden index (after settlement) the learner's reward acts on ({@code
 *     equity.adaptive.reward}); training writes it beside the checkpoint, and a trained policy
 *     keeps the one it was trained with
 */
public record AdaptiveEquity(Path policy, RewardIndex reward) {

  /**
   * The index of the reward {@code −index − α·priceOfFairness − κ·‖Δw‖₁}; all are after settlement.
   */
  public enum RewardIndex {
    /** Largest energy burden {@code max_i B_i / y_i} over all households (always defined). */
    LARGEST_BURDEN,
    /**
     * Gini of {@code B_i / y_i} over the net-paying households ({@code B_i > 0}); undefined without
     * one.
     */
    GINI_BURDEN_NET_PAYERS,
    /**
     * Mean {@code B_i / y_i} over the least-advantaged groups; undefined when none is in the
     * community.
     */
    LEAST_ADVANTAGED_BURDEN,
    /**
     * Gini of {@code B_i / y_i} over all households; undefined when the mean burden is ≤ 0 (sunny
     * days).
     */
    GINI_BURDEN;

    /** The name in scenario files, e.g. {@code largest-burden}. */
    public String fileName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** The default reward index (docs/learning.md has the measurement behind it). */
  public static final RewardIndex DEFAULT_REWARD = RewardIndex.LARGEST_BURDEN;

  public AdaptiveEquity {
    Objects.requireNonNull(reward, "reward");
  }

  /** A policy with the default reward index. */
  public AdaptiveEquity(Path policy) {
    this(policy, DEFAULT_REWARD);
  }

  /** Whether a trained policy is configured. */
  public boolean hasPolicy() {
    return policy != null;
  }
}
