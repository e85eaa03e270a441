package org.equigrid.market.game;

import java.util.Arrays;

/**
 * A game given by the table of all its coalition values, indexed by bit mask; {@code v(∅) = 0}.
 * Holds {@code 2^n} doubles, so {@code n} is at most {@link #MAX_PLAYERS}.
 */
public final class TabularGame implements CoalitionGame {

  /** The largest table: {@code 2^26} doubles are 512 MiB. */
  public static final int MAX_PLAYERS = 26;

  private final int players;
  private final double[] values;

  private TabularGame(int players, double[] values) {
    this.players = players;
    this.values = values;
  }

  /**
   * A game from its values indexed by mask (a copy is kept).
   *
   * @param values {@code 2^players} finite values with {@code values[0] == 0}
   */
  public static TabularGame of(int players, double[] values) {
    checkPlayers(players);
    if (values.length != 1 << players) {
      throw new IllegalArgumentException(
          "A game of "
              + players
              + " players needs "
              + (1 << players)
              + " values (one per coalition, the empty one included), got "
              + values.length
              + ".");
    }
    if (values[0] != 0) {
      throw new IllegalArgumentException(
          "The empty coalition's value (" + values[0] + ") must be 0.");
    }
    for (int mask = 1; mask < values.length; mask++) {
      if (!Double.isFinite(values[mask])) {
        throw new IllegalArgumentException(
            "The value of coalition mask " + mask + " (" + values[mask] + ") must be finite.");
      }
    }
    return new TabularGame(players, values.clone());
  }

  /** Evaluates every coalition of {@code game} once, in mask order. */
  public static TabularGame tabulate(CoalitionGame game) {
    if (game instanceof TabularGame tabular) {
      return tabular;
    }
    int n = game.players();
    checkPlayers(n);
    double[] values = new double[1 << n];
    for (int mask = 1; mask < values.length; mask++) {
      values[mask] = game.value(mask);
    }
    return of(n, values);
  }

  private static void checkPlayers(int players) {
    if (players < 0 || players > MAX_PLAYERS) {
      throw new IllegalArgumentException(
          "A table of coalition values holds at most "
              + MAX_PLAYERS
              + " players, got "
              + players
              + ".\nMaybe use SampledShapley on a LargeCoalitionGame.");
    }
  }

  @Override
  public int players() {
    return players;
  }

  @Override
  public double value(long coalition) {
    return values[(int) coalition];
  }

  /** A copy of the values indexed by mask. */
  public double[] values() {
    return values.clone();
  }

  /** The table itself, for the algorithms of this package (never modify it). */
  double[] table() {
    return values;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TabularGame that
        && players == that.players
        && Arrays.equals(values, that.values);
  }

  @Override
  public int hashCode() {
    return 31 * players + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "TabularGame[players=" + players + "]";
  }
}
