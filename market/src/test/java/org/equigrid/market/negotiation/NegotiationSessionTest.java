package org.equigrid.market.negotiation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.equigrid.market.clearing.TestDays;
import org.equigrid.market.model.Tariff;
import org.junit.jupiter.api.Test;

/**
 * The coordinator's book of a negotiation, by household id, on hand-computed tâtonnement rounds.
 */
class NegotiationSessionTest {

  private static final Tariff FLAT = TestDays.flat(2, 0.30, 0.10, 0.0, 100);

  private static Answer net(double... kwh) {
    return new Answer.NetProfile(kwh, new double[kwh.length], new double[kwh.length]);
  }

  private static NegotiationSession session(int maxRounds, String... ids) {
    Tatonnement t =
        new Tatonnement(
            new Tatonnement.Settings(1e-3, maxRounds, 1.0, 0.8, PriceUpdate.MARGINAL),
            FLAT,
            1.0,
            ids.length);
    return new NegotiationSession(t, List.of(ids));
  }

  @Test
  void closeRound_answersById_loggedWithMessagesAndAwardedById() {
    NegotiationSession s = session(20, "h1", "h2");
    assertThat(s.asksNetProfiles()).isTrue();
    assertThat(s.announce()).containsOnlyKeys("h1", "h2");
    assertThat(s.announcedPrices()).containsExactly(0.2, 0.2);
    // Answers arrive in any order; the member order is the ids' order.
    s.answer("h2", net(1, 0));
    s.answer("h1", net(1, -1));
    // Community net (2, −1): 0.3·2 − 0.1·1 = 0.5 EUR; full step to the marginal prices (0.3, 0.1).
    RoundRecord first = s.closeRound(5, 17).orElseThrow();
    assertThat(first.communityCostEur()).isCloseTo(0.5, within(1e-12));
    assertThat(first.messages()).isEqualTo(5);
    assertThat(first.payloadNumbers()).isEqualTo(17);
    assertThat(s.finished()).isFalse();
    assertThat(s.round()).isEqualTo(1);
    assertThat(s.announcedPrices()).containsExactly(0.3, 0.1);
    // Community net (1, −0.5): 0.3 − 0.05 = 0.25 EUR; the prices stay: converged.
    s.answer("h1", net(0.5, -0.5));
    s.answer("h2", net(0.5, 0));
    s.closeRound(4, 8);
    assertThat(s.finished()).isTrue();
    NegotiationSession.Award award = s.award();
    assertThat(award.converged()).isTrue();
    assertThat(award.round()).isEqualTo(1);
    assertThat(award.without()).isEmpty();
    assertThat(((Answer.NetProfile) award.byHousehold().get("h1")).netKwh())
        .containsExactly(0.5, -0.5);
    assertThat(s.rounds()).extracting(RoundRecord::messages).containsExactly(5, 4);
    assertThat(s.awardedObjectiveEur()).isCloseTo(0.25, within(1e-12));
    assertThat(s.lastPoolPrices()).containsExactly(0.3, 0.1);
  }

  @Test
  void closeRound_withdrawnAnswer_householdStandaloneAndNotAwarded() {
    NegotiationSession s = session(1, "a", "b");
    s.answer("a", net(1, 0));
    s.answer("b", net(2, 0));
    s.withdraw("b");
    s.closeRound(3, 6);
    assertThat(s.finished()).isTrue();
    NegotiationSession.Award award = s.award();
    assertThat(award.byHousehold()).containsOnlyKeys("a");
    assertThat(award.without()).containsExactly("b");
    assertThat(award.converged()).as("one round, limit 1").isFalse();
    // Only a's net (1, 0) is pooled: 0.30 EUR.
    assertThat(s.rounds().get(0).communityCostEur()).isCloseTo(0.30, within(1e-12));
  }

  @Test
  void closeRound_nobodyAnswers_undefinedRoundAndNobodyAwarded() {
    NegotiationSession s = session(20, "a");
    RoundRecord round = s.closeRound(1, 2).orElseThrow();
    assertThat(round.communityCostEur()).isNaN();
    assertThat(round.messages()).isEqualTo(1);
    assertThat(s.finished()).isTrue();
    assertThat(s.award().without()).containsExactly("a");
  }

  @Test
  void answer_unknownOrRepeatedIds_refusedWithTheIds() {
    NegotiationSession s = session(20, "a");
    assertThatThrownBy(() -> s.answer("z", net(1, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("z does not negotiate (households: [a])");
    Tatonnement t = new Tatonnement(Tatonnement.Settings.defaults(), FLAT, 1.0, 2);
    assertThatThrownBy(() -> new NegotiationSession(t, List.of("a", "a")))
        .hasMessageContaining("repeat an id");
  }

  @Test
  void lastPoolPrices_admmBeforeAnyRound_empty() {
    ExchangeAdmm admm =
        new ExchangeAdmm(
            AdmmSettings.defaults(), FLAT, 1.0, new double[] {1}, new double[] {0.2, 0.2});
    NegotiationSession s = new NegotiationSession(admm, List.of("a"));
    assertThat(s.asksNetProfiles()).isFalse();
    assertThat(s.lastPoolPrices()).isEmpty();
    assertThatThrownBy(s::announcedPrices).hasMessageContaining("admm announces no common prices");
  }
}
