package org.equigrid.market.game;

import java.util.Arrays;

/**
 * The input checks of the exact Shapley value, the core check and the weighted orders, with their
 * messages, kept out of the formulas: each throws {@link IllegalArgumentException} naming the value
 * and what is allowed.
 */
final class GameChecks {

  private GameChecks() {}

  /** At most {@link ShapleyValue#MAX_PLAYERS} players: the exact values enumerate {@code 2^n}. */
  static void exactPlayers(int n) {
    if (n > ShapleyValue.MAX_PLAYERS) {
      throw new IllegalArgumentException(
          "Exact Shapley values enumerate 2^n coalitions; n ("
              + n
              + ") must be <= "
              + ShapleyValue.MAX_PLAYERS
              + ".\nMaybe use SampledShapley.");
    }
  }

  /** The core check's game size, allocation and tolerance. */
  static void coreCheck(int n, double[] allocation, double tolerance) {
    if (n < 1 || n > CoreCheck.MAX_PLAYERS) {
      throw new IllegalArgumentException(
          "The core check enumerates 2^n coalitions; n ("
              + n
              + ") must be in [1, "
              + CoreCheck.MAX_PLAYERS
              + "].");
    }
    if (allocation.length != n) {
      throw new IllegalArgumentException(
          "allocation has " + allocation.length + " entries, the game " + n + " players.");
    }
    if (!(tolerance >= 0)) {
      throw new IllegalArgumentException("tolerance (" + tolerance + ") must be >= 0.");
    }
  }

  /**
   * Validated weights: {@code null} means all 1; otherwise one finite {@code λ_i > 0} per player.
   *
   * @return a copy (never the caller's array)
   */
  static double[] checkedWeights(double[] weights, int players) {
    if (weights == null) {
      double[] ones = new double[players];
      Arrays.fill(ones, 1.0);
      return ones;
    }
    if (weights.length != players) {
      throw new IllegalArgumentException(
          "weights has " + weights.length + " entries, the game " + players + " players.");
    }
    for (int i = 0; i < players; i++) {
      if (!(weights[i] > 0) || !Double.isFinite(weights[i])) {
        throw new IllegalArgumentException(
            "weights[" + i + "] (" + weights[i] + ") must be finite and > 0.");
      }
    }
    return weights.clone();
  }
}
