package org.equigrid.market.game;

import java.util.Objects;

/**
 * Exact Shapley and weighted (Kalai–Samet) Shapley values by enumerating all {@code 2^n} coalitions
 * on bit masks; {@code O(2^n · n)} time, one table of {@code 2^n} doubles. Twenty players take a
 * few seconds; beyond, use {@link SampledShapley}.
 */
public final class ShapleyValue {

  /** The largest game these exact methods accept. */
  public static final int MAX_PLAYERS = 24;

  private ShapleyValue() {}

  /**
   * The Shapley value {@code φ_i = Σ_{S ⊆ N∖i} |S|!(n−|S|−1)!/n! · (v(S ∪ i) − v(S))}.
   *
   * @param game evaluated once per coalition (tabulated first unless it is a {@link TabularGame})
   */
  public static double[] shapley(CoalitionGame game) {
    double[] v = table(game);
    int n = game.players();
    double[] weight = new double[n];
    if (n > 0) {
      weight[0] = 1.0 / n; // 0!(n−1)!/n!
    }
    for (int s = 0; s + 1 < n; s++) {
      weight[s + 1] = weight[s] * (s + 1) / (n - s - 1);
    }
    double[] phi = new double[n];
    int full = (1 << n) - 1;
    for (int mask = 0; mask < full; mask++) {
      double w = weight[Integer.bitCount(mask)];
      double base = v[mask];
      int outside = ~mask & full;
      while (outside != 0) {
        int bit = outside & -outside;
        outside ^= bit;
        phi[Integer.numberOfTrailingZeros(bit)] += w * (v[mask | bit] - base);
      }
    }
    return phi;
  }

  /**
   * The Harsanyi dividends {@code Δ(S) = Σ_{T ⊆ S} (−1)^{|S|−|T|} v(T)}, indexed by mask (the
   * Möbius transform, in place on a copy of the table, {@code O(2^n · n)}).
   */
  public static double[] harsanyiDividends(CoalitionGame game) {
    double[] d = table(game).clone();
    int n = game.players();
    for (int i = 0; i < n; i++) {
      int bit = 1 << i;
      for (int mask = 0; mask < d.length; mask++) {
        if ((mask & bit) != 0) {
          d[mask] -= d[mask ^ bit];
        }
      }
    }
    return d;
  }

  /**
   * The weighted Shapley value of Kalai and Samet: {@code φ_i = Σ_{S ∋ i} λ_i / λ(S) · Δ(S)} with
   * Harsanyi dividends {@code Δ}. Equal weights give {@link #shapley}.
   *
   * @param weights {@code λ_i > 0}, one per player
   */
  public static double[] weightedShapley(CoalitionGame game, double[] weights) {
    int n = game.players();
    Objects.requireNonNull(weights, "weights");
    weights = GameChecks.checkedWeights(weights, n);
    double[] dividends = harsanyiDividends(game);
    double[] phi = new double[n];
    for (int mask = 1; mask < dividends.length; mask++) {
      double dividend = dividends[mask];
      if (dividend == 0) {
        continue;
      }
      double lambda = 0;
      for (int rest = mask; rest != 0; rest &= rest - 1) {
        lambda += weights[Integer.numberOfTrailingZeros(rest)];
      }
      double perWeight = dividend / lambda;
      for (int rest = mask; rest != 0; rest &= rest - 1) {
        int i = Integer.numberOfTrailingZeros(rest);
        phi[i] += weights[i] * perWeight;
      }
    }
    return phi;
  }

  private static double[] table(CoalitionGame game) {
    int n = game.players();
    GameChecks.exactPlayers(n);
    return TabularGame.tabulate(game).table();
  }
}
