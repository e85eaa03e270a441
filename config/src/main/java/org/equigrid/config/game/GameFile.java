package org.equigrid.config.game;

import java.util.List;
import java.util.Objects;
import org.equigrid.market.game.TabularGame;

/**
 * A cooperative game read from a file.
 *
 * @param players player names; player {@code i} is bit {@code i} of a coalition mask
 * @param weights {@code λ_i > 0} per player, in player order (1 where the file gives none)
 * @param game every coalition's value
 */
public record GameFile(List<String> players, List<Double> weights, TabularGame game) {

  public GameFile {
    players = List.copyOf(players);
    weights = List.copyOf(weights);
    Objects.requireNonNull(game, "game");
    if (weights.size() != players.size() || game.players() != players.size()) {
      throw new IllegalArgumentException(
          players.size()
              + " players need as many weights ("
              + weights.size()
              + ") and a game of as many players ("
              + game.players()
              + ").");
    }
  }

  /** The weights as an array, in player order. */
  public double[] weightArray() {
    return weights.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** The coalition's key: its players in player order, joined by commas. */
  public String coalitionName(long coalition) {
    return GameFileReader.key(players, coalition);
  }
}
