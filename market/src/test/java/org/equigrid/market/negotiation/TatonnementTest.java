package org.equigrid.market.negotiation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.equigrid.market.clearing.TestDays;
import org.equigrid.market.model.Tariff;
import org.junit.jupiter.api.Test;

/** The tâtonnement as a pure state machine, on hand-computed rounds. */
class TatonnementTest {

  private static final Tariff FLAT = TestDays.flat(2, 0.30, 0.10, 0.0, 100);

  private static Answer net(double... kwh) {
    return new Answer.NetProfile(kwh, new double[kwh.length], new double[kwh.length]);
  }

  @Test
  void update_marginalFullStep_movesToMarginalPricesThenConverges() {
    Tatonnement m = new Tatonnement(Tatonnement.Settings.defaults(), FLAT, 1.0, 2);
    Signal[] first = m.announce();
    assertThat(((Signal.PoolPrices) first[0]).poolPriceEurPerKwh()).containsExactly(0.2, 0.2);
    // Community net (2, -1): 0.3·2 − 0.1·1 = 0.5 EUR; marginal prices (0.3, 0.1), full step.
    m.update(new Answer[] {net(1, -1), net(1, 0)});
    assertThat(m.finished()).isFalse();
    assertThat(m.round()).isEqualTo(1);
    assertThat(m.rounds().get(0).communityCostEur()).isCloseTo(0.5, within(1e-12));
    assertThat(m.rounds().get(0).dualResidualEurPerKwh())
        .as("largest price change")
        .isCloseTo(0.1, within(1e-12));
    assertThat(((Signal.PoolPrices) m.announce()[1]).poolPriceEurPerKwh())
        .containsExactly(0.3, 0.1);
    // Community net (1, -0.5): 0.3 − 0.05 = 0.25 EUR; prices stay: converged.
    m.update(new Answer[] {net(0.5, -0.5), net(0.5, 0)});
    assertThat(m.finished()).isTrue();
    Mechanism.Outcome outcome = m.outcome();
    assertThat(outcome.converged()).isTrue();
    assertThat(outcome.awardedRound()).isEqualTo(1);
    assertThat(m.bestCostEur()).isCloseTo(0.25, within(1e-12));
  }

  @Test
  void update_roundLimit_awardsTheCheapestRound() {
    Tatonnement m =
        new Tatonnement(
            new Tatonnement.Settings(1e-3, 2, 0.5, 1.0, PriceUpdate.MARGINAL), FLAT, 1.0, 1);
    m.update(
        new Answer[] {net(1, 0)}); // 0.30 EUR, prices step half way to (0.3, 0.1): (0.25, 0.15)
    assertThat(((Signal.PoolPrices) m.announce()[0]).poolPriceEurPerKwh()[0])
        .isCloseTo(0.25, within(1e-12));
    m.update(new Answer[] {net(2, 0)}); // 0.60 EUR
    assertThat(m.finished()).isTrue();
    assertThat(m.outcome().converged()).isFalse();
    assertThat(m.outcome().awardedRound()).isZero();
    assertThat(((Answer.NetProfile) m.outcome().schedules().get(0)).netKwh()).containsExactly(1, 0);
  }

  @Test
  void update_nullAnswer_householdIsNotAskedAgainNorAwarded() {
    Tatonnement m = new Tatonnement(Tatonnement.Settings.defaults(), FLAT, 1.0, 2);
    m.update(new Answer[] {net(1, -1), null});
    assertThat(m.announce()[1]).isNull();
    assertThat(m.rounds().get(0).communityCostEur()).isCloseTo(0.3 - 0.1, within(1e-12));
    m.update(new Answer[] {net(1, -1), null});
    assertThat(m.outcome().schedules().get(1)).isNull();
  }

  @Test
  void update_everyoneGone_finishes() {
    Tatonnement m = new Tatonnement(Tatonnement.Settings.defaults(), FLAT, 1.0, 1);
    m.update(new Answer[] {null});
    assertThat(m.finished()).isTrue();
  }
}
