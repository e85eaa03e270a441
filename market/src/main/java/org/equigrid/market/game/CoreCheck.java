package org.equigrid.market.game;

/** Core membership of an allocation by enumerating all coalitions ({@code O(2^n)}). */
public final class CoreCheck {

  /** The largest game the check enumerates. */
  public static final int MAX_PLAYERS = 24;

  private CoreCheck() {}

  /**
   * Checks {@code x(S) >= v(S)} for every coalition and {@code x(N) = v(N)}.
   *
   * @param allocation {@code x_i} per player (for savings games: each player's share of the saving)
   * @param tolerance absolute slack allowed on every inequality, {@code >= 0}
   */
  public static CoreReport check(CoalitionGame game, double[] allocation, double tolerance) {
    int n = game.players();
    GameChecks.coreCheck(n, allocation, tolerance);
    double[] v = TabularGame.tabulate(game).table();
    int full = (1 << n) - 1;
    double[] x = new double[full + 1]; // x(S) by mask, built from S without its lowest player
    long worst = full;
    double worstExcess = Double.NEGATIVE_INFINITY;
    for (int mask = 1; mask <= full; mask++) {
      int low = mask & -mask;
      x[mask] = x[mask ^ low] + allocation[Integer.numberOfTrailingZeros(low)];
      if (mask != full) {
        double excess = v[mask] - x[mask];
        if (excess > worstExcess) {
          worstExcess = excess;
          worst = mask;
        }
      }
    }
    double gap = x[full] - v[full];
    if (n == 1) {
      worstExcess = -gap;
    }
    boolean inCore = Math.abs(gap) <= tolerance && worstExcess <= tolerance;
    return new CoreReport(inCore, worst, worstExcess, gap);
  }
}
