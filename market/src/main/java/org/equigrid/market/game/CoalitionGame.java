package org.equigrid.market.game;

/**
 * A transferable-utility game of up to 63 players; a coalition is a bit mask, player {@code i}
 * being bit {@code 1L << i}. For the cost-saving games of DESIGN.md section 3, {@code v(S)} is the
 * saving of coalition {@code S} against standalone operation.
 *
 * <p>Implementations must be deterministic (the same mask always gives the same value) and return
 * {@code v(∅) = 0}.
 */
public interface CoalitionGame {

  /** The largest number of players a bit-mask game can have. */
  int MAX_PLAYERS = 63;

  /** The number of players {@code n}; coalitions are masks below {@code 1L << n}. */
  int players();

  /** The worth {@code v(S)} of the coalition given as a bit mask. */
  double value(long coalition);
}
