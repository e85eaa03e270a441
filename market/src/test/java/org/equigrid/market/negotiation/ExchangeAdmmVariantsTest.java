package org.equigrid.market.negotiation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.equigrid.market.clearing.ClearingRequest;
import org.equigrid.market.clearing.CoalitionSolver;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.clearing.TestDays;
import org.equigrid.market.model.Tariff;
import org.equigrid.market.model.TradingDay;
import org.junit.jupiter.api.Test;

/**
 * The opt-in ADMM variants of session 10 (over-relaxation, warm start), on one interval with
 * households whose answers are fixed, so that the coordinator's arithmetic is computed by hand:
 * pool price {@code p} = 0.20 EUR/kWh, no peak charge (so {@code z̄_import = ā_import + u_import}),
 * {@code ρ} = 0.5 fixed; household 0 buys 2 kWh from the pool, household 1 sells 1 kWh.
 */
class ExchangeAdmmVariantsTest {

  private static final Tariff TARIFF = TestDays.flat(1, 0.30, 0.10, 0.0, 100);
  private static final double P = 0.20;

  private static ExchangeAdmm admm(double relaxation) {
    return admm(relaxation, 1);
  }

  private static ExchangeAdmm admm(double relaxation, int averagedRounds) {
    return new ExchangeAdmm(
        new AdmmSettings(0.5, 1e-3, 1e-4, 50, 0, false, relaxation, averagedRounds, false),
        TARIFF,
        1.0,
        new double[] {1, 1},
        new double[] {P});
  }

  private static Answer.Schedule pool(double buyKwh, double sellKwh) {
    double[] zero = {0};
    return new Answer.Schedule(
        zero,
        zero,
        new double[] {buyKwh},
        new double[] {sellKwh},
        zero,
        zero,
        zero,
        zero,
        null,
        null);
  }

  private static double poolShift(Signal signal) {
    return ((Signal.ProximalPrices) signal).poolShiftKwh()[0];
  }

  /**
   * Plain (α = 1): {@code ā} = (2 − 1)/2 = 0.5, {@code u} = 0.5, price 0.20 + 0.5·0.5 = 0.45; the
   * next shift is {@code z̄ − ā − u} = 0 − 0.5 − 0.5 = −1 for both.
   */
  @Test
  void plain_firstStep_handComputed() {
    ExchangeAdmm admm = admm(1);
    admm.announce();
    admm.update(new Answer[] {pool(2, 0), pool(0, 1)});
    assertThat(admm.rounds().get(0).poolPriceEurPerKwh()[0]).isCloseTo(0.45, within(1e-12));
    Signal[] next = admm.announce();
    assertThat(poolShift(next[0])).isCloseTo(-1.0, within(1e-12));
    assertThat(poolShift(next[1])).isCloseTo(-1.0, within(1e-12));
  }

  /**
   * Over-relaxed, α = 1.5, from {@code z_i = 0}: {@code â} = (3, −1.5), mean 0.75, {@code u} =
   * 0.75, price 0.20 + 0.5·0.75 = 0.575; {@code z_i = â_i − 0.75} = (2.25, −2.25); each shift
   * {@code z_i − u − a_i}: 2.25 − 0.75 − 2 = −0.5 and −2.25 − 0.75 + 1 = −2. The primal residual is
   * that of the answers: {@code N·ā} = 1 kWh.
   */
  @Test
  void overRelaxed_firstStep_handComputed() {
    ExchangeAdmm admm = admm(1.5);
    admm.announce();
    admm.update(new Answer[] {pool(2, 0), pool(0, 1)});
    RoundRecord first = admm.rounds().get(0);
    assertThat(first.poolPriceEurPerKwh()[0]).isCloseTo(0.575, within(1e-12));
    assertThat(first.primalResidualKwh()).isCloseTo(1.0, within(1e-12));
    Signal[] next = admm.announce();
    assertThat(poolShift(next[0])).isCloseTo(-0.5, within(1e-12));
    assertThat(poolShift(next[1])).isCloseTo(-2.0, within(1e-12));
    // Second step, the same answers: â = 1.5·a − 0.5·z = (1.875, −0.375), mean 0.75, u = 1.5.
    admm.update(new Answer[] {pool(2, 0), pool(0, 1)});
    assertThat(admm.rounds().get(1).poolPriceEurPerKwh()[0]).isCloseTo(0.20 + 0.75, within(1e-12));
  }

  /**
   * Round 0: household 0 buys 2 kWh, household 1 sells none; round 1: 0 and 2. The last answers
   * alone restore to household 1 exporting 2 kWh at 0.10: −0.20 EUR. The mean of both rounds, 1 kWh
   * bought and 1 sold, balances: 0.20 − 0.20 = 0 EUR; round 0 alone restores to an import of 2 kWh
   * at 0.30: 0.60 EUR, the same under both.
   */
  @Test
  void averagedRounds_awardTheRestoredMeanOfTheWindow_handComputed() {
    double[] objective = new double[2];
    for (int w = 1; w <= 2; w++) {
      ExchangeAdmm admm = admm(1, w);
      admm.announce();
      admm.update(new Answer[] {pool(2, 0), pool(0, 0)});
      assertThat(admm.rounds().get(0).objectiveEur()).isCloseTo(0.60, within(1e-12));
      admm.announce();
      admm.update(new Answer[] {pool(0, 0), pool(0, 2)});
      objective[w - 1] = admm.rounds().get(1).objectiveEur();
    }
    assertThat(objective[0]).isCloseTo(-0.20, within(1e-12));
    assertThat(objective[1]).isCloseTo(0.0, within(1e-12));
  }

  @Test
  void settings_variantNamesWhatDiffersFromTheDefaults() {
    AdmmSettings d = AdmmSettings.defaults();
    assertThat(d.relaxation()).isEqualTo(1.5);
    assertThat(d.withMaxRounds(100).variant()).isEmpty();
    assertThat(d.withRelaxation(1).withAveragedRounds(10).variant())
        .isEqualTo("relaxation=1.0;averagedRounds=10");
    assertThat(d.withAccelerated(true).variant()).isEqualTo("accelerated;relaxation=1.0");
    assertThat(d.withWarmStart(!d.warmStart()).variant())
        .isEqualTo(d.warmStart() ? "coldStart" : "warmStart");
    assertThat(d.mechanismLabel()).isEqualTo("admm");
    assertThat(d.withRelaxation(1).mechanismLabel()).isEqualTo("admm[relaxation=1.0]");
  }

  /**
   * The coordinator's session ({@link NegotiationSession#costMinimising}) on the pair ("c", "p";
   * mid-market price (0.30 + 0.10)/2 = 0.20) warm-starts from yesterday only with {@link
   * AdmmSettings#warmStart}: yesterday ρ = 1, pool dual 0.05, local pool copies c: 1, p: −1, so the
   * first pool shifts are {@code z_i − u} = 0.95 and −1.05, sent with ρ = 1; the cold session's
   * first shifts are 0 (from {@code z_i = 0}, {@code u = 0}). The label says which variant ran.
   */
  @Test
  void session_costMinimising_warmStartsFromYesterdayOnlyWhenSet() {
    TradingDay day = NegotiationTest.pair();
    java.util.Optional<NegotiationSession.AdmmMemory> yesterday =
        java.util.Optional.of(
            new NegotiationSession.AdmmMemory(
                java.util.List.of("c", "p"),
                new AdmmWarmStart(
                    1.0,
                    new double[] {0.05},
                    new double[] {0},
                    new double[] {0},
                    new double[][] {{1}, {-1}},
                    new double[][] {{0}, {0}})));
    Tatonnement.Settings tatonnement = Tatonnement.Settings.defaults();
    AdmmSettings cold = AdmmSettings.defaults().withWarmStart(false);
    NegotiationSession coldSession =
        NegotiationSession.costMinimising(
            NegotiationName.ADMM, day, tatonnement, cold, 1e-3, yesterday);
    java.util.Map<String, Signal> coldFirst = coldSession.announce();
    assertThat(poolShift(coldFirst.get("c"))).isZero();
    assertThat(poolShift(coldFirst.get("p"))).isZero();
    assertThat(coldSession.label()).isEqualTo(cold.mechanismLabel());

    AdmmSettings warm = cold.withWarmStart(true);
    NegotiationSession warmSession =
        NegotiationSession.costMinimising(
            NegotiationName.ADMM, day, tatonnement, warm, 1e-3, yesterday);
    java.util.Map<String, Signal> warmFirst = warmSession.announce();
    assertThat(poolShift(warmFirst.get("c"))).isCloseTo(0.95, within(1e-12));
    assertThat(poolShift(warmFirst.get("p"))).isCloseTo(-1.05, within(1e-12));
    assertThat(((Signal.ProximalPrices) warmFirst.get("c")).rhoEurPerKwh2()).isEqualTo(1.0);
    assertThat(warmSession.label()).isEqualTo(warm.mechanismLabel());
    // Without a yesterday (the first day), the warm session starts cold.
    NegotiationSession first =
        NegotiationSession.costMinimising(
            NegotiationName.ADMM, day, tatonnement, warm, 1e-3, java.util.Optional.empty());
    assertThat(poolShift(first.announce().get("c"))).isZero();
    // The other mechanisms are labelled by their key.
    assertThat(
            NegotiationSession.costMinimising(
                    NegotiationName.TATONNEMENT, day, tatonnement, warm, 1e-3, yesterday)
                .label())
        .isEqualTo("tatonnement");
  }

  @Test
  void settings_refuseRelaxationOutsideTheOpenIntervalOrWithAcceleration() {
    for (double bad : new double[] {0, 2, -1, Double.NaN}) {
      assertThatThrownBy(() -> AdmmSettings.defaults().withRelaxation(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("relaxation (" + bad + ")");
    }
    assertThatThrownBy(() -> AdmmSettings.defaults().withAccelerated(true).withRelaxation(1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("accelerated (true)");
  }

  /**
   * Warm start from ρ = 1, pool dual 0.05 EUR/kWh (so {@code u_pool} = 0.05), import dual 0.02,
   * mean import 0.3 kWh, local copies: pool (1, −1), import (0.3, 0.3): the first shifts are {@code
   * z_i − u − 0} (no answer yet): pool 1 − 0.05 and −1 − 0.05, import 0.3 − 0.02 = 0.28; balanced
   * answers leave the price at 0.20 + 0.05. A cold start's first shifts are 0.
   */
  @Test
  void warmStart_firstSignalsAndPrice_handComputed() {
    ExchangeAdmm cold = admm(1);
    assertThat(poolShift(cold.announce()[0])).isZero();
    ExchangeAdmm warm =
        admm(1)
            .startFrom(
                new AdmmWarmStart(
                    1.0,
                    new double[] {0.05},
                    new double[] {0.02},
                    new double[] {0.3},
                    new double[][] {{1}, {-1}},
                    new double[][] {{0.3}, {0.3}}));
    assertThat(warm.rho()).isEqualTo(1.0);
    Signal[] first = warm.announce();
    assertThat(poolShift(first[0])).isCloseTo(0.95, within(1e-12));
    assertThat(poolShift(first[1])).isCloseTo(-1.05, within(1e-12));
    assertThat(((Signal.ProximalPrices) first[1]).importShiftKwh()[0])
        .isCloseTo(0.28, within(1e-12));
    warm.update(new Answer[] {pool(1, 0), pool(0, 1)});
    assertThat(warm.rounds().get(0).poolPriceEurPerKwh()[0]).isCloseTo(0.25, within(1e-12));
    AdmmWarmStart end = warm.endState();
    assertThat(end.rhoEurPerKwh2()).isEqualTo(1.0);
    assertThat(end.poolDualEurPerKwh()[0]).isCloseTo(0.05, within(1e-12));
  }

  /**
   * The agents' coordinator remembers yesterday by household id: "c" was not in yesterday's
   * negotiation, so it starts with no pool trade and the mean import 0.3 (shifts −0.05 and 0.3);
   * "p" starts at its own copies −1 and 0.2 (shifts −1.05 and 0.2); "x" left.
   */
  @Test
  void session_warmStartByHouseholdId_handComputed() {
    NegotiationSession.AdmmMemory yesterday =
        new NegotiationSession.AdmmMemory(
            java.util.List.of("p", "x"),
            new AdmmWarmStart(
                1.0,
                new double[] {0.05},
                new double[] {0},
                new double[] {0.3},
                new double[][] {{-1}, {7}},
                new double[][] {{0.2}, {9}}));
    NegotiationSession session = new NegotiationSession(admm(1), java.util.List.of("c", "p"));
    assertThat(session.admmMemory()).as("not finished").isEmpty();
    assertThat(session.startFrom(yesterday)).isTrue();
    java.util.Map<String, Signal> first = session.announce();
    Signal.ProximalPrices c = (Signal.ProximalPrices) first.get("c");
    Signal.ProximalPrices p = (Signal.ProximalPrices) first.get("p");
    assertThat(c.poolShiftKwh()[0]).isCloseTo(-0.05, within(1e-12));
    assertThat(c.importShiftKwh()[0]).isCloseTo(0.3, within(1e-12));
    assertThat(p.poolShiftKwh()[0]).isCloseTo(-1.05, within(1e-12));
    assertThat(p.importShiftKwh()[0]).isCloseTo(0.2, within(1e-12));
  }

  @Test
  void warmStart_refusedAfterTheFirstRoundOrOnOtherIntervals() {
    AdmmWarmStart one =
        new AdmmWarmStart(
            1.0,
            new double[] {0},
            new double[] {0},
            new double[] {0},
            new double[][] {{0}, {0}},
            new double[][] {{0}, {0}});
    ExchangeAdmm started = admm(1);
    started.announce();
    started.update(new Answer[] {pool(1, 0), pool(0, 1)});
    assertThatThrownBy(() -> started.startFrom(one)).hasMessageContaining("round 1");
    AdmmWarmStart two =
        new AdmmWarmStart(
            1.0, new double[2], new double[2], new double[2], new double[2][2], new double[2][2]);
    assertThatThrownBy(() -> admm(1).startFrom(two)).hasMessageContaining("start (2)");
  }

  /**
   * The hand-built pair of {@link NegotiationTest#pair} (optimum −0.10 EUR, hand-computed there):
   * over-relaxed ADMM converges to it; started from the end of a converged run, the first round is
   * already within 1e-3 EUR of it.
   */
  @Test
  void pair_overRelaxedConvergesAndAWarmStartFromTheEndStartsThere() {
    TradingDay day = NegotiationTest.pair();
    ClearingRequest request = NegotiationTest.costMinimising(day);
    double central =
        new CoalitionSolver(SolverOptions.defaults()).solve(request).report().objectiveEur();
    assertThat(central).isCloseTo(-0.10, within(1e-9));
    ExchangeAdmm relaxed =
        new ExchangeAdmm(
            AdmmSettings.defaults().withMaxRounds(200).withRelaxation(1.6),
            day.tariff(),
            day.intervalHours(),
            request.weightByMember(),
            request.poolPriceEurPerKwh());
    Negotiation.Result result = Negotiation.run(relaxed, NegotiationTest.households(day), 1);
    assertThat(result.outcome().converged()).as(result.outcome().note()).isTrue();
    assertThat(result.outcome().note()).startsWith("ADMM (over-relaxation 1.60)");
    RoundRecord last = result.rounds().get(result.rounds().size() - 1);
    assertThat(last.objectiveEur()).isCloseTo(central, within(1e-3));
    ExchangeAdmm warm =
        new ExchangeAdmm(
                AdmmSettings.defaults().withMaxRounds(200),
                day.tariff(),
                day.intervalHours(),
                request.weightByMember(),
                request.poolPriceEurPerKwh())
            .startFrom(relaxed.endState());
    Negotiation.Result again = Negotiation.run(warm, NegotiationTest.households(day), 1);
    assertThat(again.rounds().get(0).objectiveEur()).isCloseTo(central, within(1e-3));
    assertThat(NegotiationTest.firstRoundWithin(again, central, 1e-3))
        .isLessThan(NegotiationTest.firstRoundWithin(result, central, 1e-3));
  }

  /**
   * The averaged award is a feasible schedule like the last answers': on the pair (c: load 2 kWh,
   * p: PV 3 kWh, one interval), stopped early (4 rounds, mean of the last 3), each awarded schedule
   * keeps its balance row {@code imp + buy + dis − exp − sell − ch − cur = L − G} (2 and −3 kWh)
   * and the pool balances ({@code Σ buy = Σ sell}).
   */
  @Test
  void averagedAward_keepsEachBalanceRowAndThePoolBalance() {
    TradingDay day = NegotiationTest.pair();
    ClearingRequest request = NegotiationTest.costMinimising(day);
    ExchangeAdmm averaged =
        new ExchangeAdmm(
            AdmmSettings.defaults().withMaxRounds(4).withAveragedRounds(3),
            day.tariff(),
            day.intervalHours(),
            request.weightByMember(),
            request.poolPriceEurPerKwh());
    Negotiation.Result result = Negotiation.run(averaged, NegotiationTest.households(day), 1);
    assertThat(result.outcome().converged()).isFalse();
    assertThat(result.outcome().note()).endsWith("awarding the mean of the last 3 round(s)");
    double[] netLoad = {2.0, -3.0};
    double buys = 0;
    double sells = 0;
    for (int k = 0; k < 2; k++) {
      Answer.Schedule s = (Answer.Schedule) result.outcome().schedules().get(k);
      double balance =
          s.importKwh()[0]
              + s.buyKwh()[0]
              + s.dischargeKwh()[0]
              - s.exportKwh()[0]
              - s.sellKwh()[0]
              - s.chargeKwh()[0]
              - s.curtailKwh()[0];
      assertThat(balance).as("household " + k).isCloseTo(netLoad[k], within(1e-6));
      buys += s.buyKwh()[0];
      sells += s.sellKwh()[0];
    }
    assertThat(buys).isCloseTo(sells, within(1e-9));
  }

  /**
   * Converged, the last answers are awarded even with a window: on the pair (optimum −0.10 EUR) a
   * run with W = 20 converges like W = 1 (the window changes nothing in the iteration) and its last
   * round's award is the same, within 1e-3 EUR of the optimum, where the window's mean would still
   * hold the first rounds' far-off answers.
   */
  @Test
  void averagedAward_convergedRunAwardsItsLastAnswers() {
    TradingDay day = NegotiationTest.pair();
    ClearingRequest request = NegotiationTest.costMinimising(day);
    double[] objective = new double[2];
    int[] rounds = new int[2];
    int[] windows = {1, 20};
    for (int v = 0; v < 2; v++) {
      ExchangeAdmm admm =
          new ExchangeAdmm(
              AdmmSettings.defaults().withMaxRounds(200).withAveragedRounds(windows[v]),
              day.tariff(),
              day.intervalHours(),
              request.weightByMember(),
              request.poolPriceEurPerKwh());
      Negotiation.Result result = Negotiation.run(admm, NegotiationTest.households(day), 1);
      assertThat(result.outcome().converged()).as(result.outcome().note()).isTrue();
      assertThat(result.outcome().note()).doesNotContain("awarding the mean");
      rounds[v] = result.rounds().size();
      objective[v] = result.rounds().get(rounds[v] - 1).objectiveEur();
    }
    assertThat(rounds[1]).isEqualTo(rounds[0]);
    assertThat(objective[1]).isEqualTo(objective[0]);
    assertThat(objective[1]).isCloseTo(-0.10, within(1e-3));
  }
}
