package org.equigrid.market.game;

import java.util.BitSet;

/**
 * A transferable-utility game of any size, coalitions as {@link BitSet}s (player {@code i} is bit
 * {@code i}); used by the sampler where {@code n} may exceed 63.
 *
 * <p>The set passed to {@link #value} belongs to the caller and changes after the call: an
 * implementation must neither modify nor keep it (copy it to cache it).
 */
public interface LargeCoalitionGame {

  /** The number of players {@code n}. */
  int players();

  /** The worth {@code v(S)} of the coalition; {@code v(∅) = 0}. */
  double value(BitSet coalition);

  /** Views a bit-mask game as a large game. */
  static LargeCoalitionGame of(CoalitionGame game) {
    return new LargeCoalitionGame() {
      @Override
      public int players() {
        return game.players();
      }

      @Override
      public double value(BitSet coalition) {
        long[] words = coalition.toLongArray();
        return game.value(words.length == 0 ? 0L : words[0]);
      }
    };
  }
}
