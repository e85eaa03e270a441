package org.equigrid.market.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LeastCoreRowsTest {

  private static final double LP_TOL = 1e-6;

  @Test
  void solve_threePlayerMajority_isOneThird() {
    // x(ij) >= 1 - ε for the three pairs, summed: 2 >= 3 - 3ε, so ε = 1/3
    assertThat(LeastCoreRows.solve(TestGames.majority(3)).epsilon())
        .isCloseTo(1.0 / 3, within(LP_TOL));
  }

  @Test
  void solve_randomGames_sameEpsilonAsTheFullLp() {
    for (long seed = 1; seed <= 8; seed++) {
      TabularGame game = TestGames.random(3 + (int) (seed % 6), seed);
      LeastCore rows = LeastCoreRows.solve(game);
      assertThat(rows.epsilon()).isCloseTo(Nucleolus.leastCore(game).epsilon(), within(LP_TOL));
      assertThat(TestGames.sum(rows.allocation()))
          .isCloseTo(game.value((1L << game.players()) - 1), within(LP_TOL));
    }
  }

  @Test
  void leastCore_seventeenPlayersAllButOneWin_isOneSeventeenth() {
    // symmetric: x_i = 1/17 is optimal; the worst coalitions are those of 16: 1 - 16/17
    int n = 17;
    TabularGame game = TestGames.of(n, mask -> Long.bitCount(mask) >= n - 1 ? 1 : 0);
    LeastCore leastCore = Nucleolus.leastCore(game);
    assertThat(leastCore.epsilon()).isCloseTo(1.0 / n, within(LP_TOL));
  }
}
