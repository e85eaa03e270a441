package org.equigrid.market.negotiation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.equigrid.market.clearing.ClearingRequest;
import org.equigrid.market.clearing.CoalitionSolver;
import org.equigrid.market.clearing.PoolPricing;
import org.equigrid.market.clearing.PricingRule;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.clearing.TestDays;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.ParticipantKind;
import org.equigrid.market.model.TradingDay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each exact mechanism reaches the central optimum of the same objective; bad households are
 * standalone.
 */
class NegotiationTest {

  private static final SolverOptions EXACT = new SolverOptions(30, 1e-9, true, 0.01);
  private final CoalitionSolver solver = new CoalitionSolver(EXACT);

  static List<Function<Signal, Answer>> households(TradingDay day) {
    List<Function<Signal, Answer>> out = new ArrayList<>();
    for (int i = 0; i < day.householdCount(); i++) {
      LocalHousehold h = new LocalHousehold(day, i);
      out.add(h::answer);
    }
    return out;
  }

  static int[] everyone(TradingDay day) {
    return IntStream.range(0, day.householdCount()).toArray();
  }

  static ClearingRequest costMinimising(TradingDay day) {
    return ClearingRequest.costMinimising(
        day, everyone(day), PoolPricing.prices(PricingRule.MID_MARKET, day));
  }

  /**
   * Weights 1.4 / 1.0 / 0.6 for LOW / MIDDLE / HIGH, LOW protected by a Rawlsian floor of strength
   * ρ.
   */
  static ClearingRequest weighted(CoalitionSolver solver, TradingDay day, double rho) {
    int n = day.householdCount();
    double[] prices = PoolPricing.prices(PricingRule.MID_MARKET, day);
    double[] weights = new double[n];
    boolean[] protectedMember = new boolean[n];
    double[] standalone = new double[n];
    for (int i = 0; i < n; i++) {
      String group = day.households().get(i).group();
      weights[i] = group.equals("LOW") ? 1.4 : group.equals("MIDDLE") ? 1.0 : 0.6;
      protectedMember[i] = group.equals("LOW");
      standalone[i] =
          solver.solve(ClearingRequest.costMinimising(day, new int[] {i}, prices)).totalCostEur();
    }
    return new ClearingRequest(
        day, everyone(day), weights, rho, protectedMember, standalone, prices);
  }

  private void assertDecompositionEqualsCentral(ClearingRequest request) {
    double central = solver.solve(request).report().objectiveEur();
    Decomposition decomposition = new Decomposition(request, EXACT);
    Negotiation.Result result =
        Negotiation.run(decomposition, households(request.day()), request.day().intervals());
    assertThat(result.outcome().converged()).as(result.outcome().note()).isTrue();
    assertThat(result.standalone()).isEmpty();
    assertThat(decomposition.objectiveEur())
        .isCloseTo(central, within(1e-6 * Math.max(1, Math.abs(central))));
    RoundRecord last = result.rounds().get(result.rounds().size() - 1);
    assertThat(last.lowerBoundEur())
        .isLessThanOrEqualTo(last.objectiveEur() + 1e-9 * Math.abs(central));
    assertThat(result.messages()).isPositive();
  }

  @Test
  void decomposition_costMinimisingTenHouseholds_equalsCentralOptimum() {
    assertDecompositionEqualsCentral(costMinimising(TestDays.random(17, 10, 24)));
  }

  /**
   * With a certified-gap stop of 1e-3 (the default of {@code market.negotiationTolerance}) the
   * decomposition stops early, within 50 rounds, and its objective is within the tolerance of the
   * central optimum; the last round's certified gap says so.
   */
  @Test
  void decomposition_certifiedTolerance_withinItAndAtMostFiftyRounds() {
    for (int seed : new int[] {17, 21}) {
      ClearingRequest request = costMinimising(TestDays.random(seed, 10, 24));
      double central = solver.solve(request).report().objectiveEur();
      Decomposition exact = new Decomposition(request, EXACT, 0);
      int exactRounds =
          Negotiation.run(exact, households(request.day()), request.day().intervals())
              .rounds()
              .size();
      Decomposition decomposition = new Decomposition(request, EXACT, 1e-3);
      Negotiation.Result result =
          Negotiation.run(decomposition, households(request.day()), request.day().intervals());
      RoundRecord last = result.rounds().get(result.rounds().size() - 1);
      String seen =
          "seed "
              + seed
              + ": "
              + result.outcome().note()
              + ", "
              + result.rounds().size()
              + " rounds (exact: "
              + exactRounds
              + ")";
      assertThat(result.outcome().converged()).as(seen).isTrue();
      assertThat(result.rounds()).as(seen).hasSizeLessThanOrEqualTo(50);
      assertThat(result.rounds().size()).as(seen).isLessThanOrEqualTo(exactRounds);
      assertThat(last.certifiedGap()).as(seen).isLessThanOrEqualTo(1e-3);
      assertThat(last.lowerBoundEur()).as(seen).isLessThanOrEqualTo(central + 1e-9);
      assertThat((decomposition.objectiveEur() - central) / Math.max(1, Math.abs(central)))
          .as(seen)
          .isBetween(-1e-9, 1e-3);
      assertThat(result.outcome().schedules()).doesNotContainNull();
    }
  }

  /**
   * Weighted with the floor: the relaxation (binaries in [0, 1]) is certified equal to the central
   * one; the schedule after the rounding passes is MILP-feasible, so never below the central MILP
   * optimum, and within the gap it reports against that bound.
   */
  @Test
  void decomposition_weightedWithRawlsianFloor_sameRelaxationAndFeasibleWithinReportedGap() {
    ClearingRequest request = weighted(solver, TestDays.random(17, 10, 24), 5.0);
    var central = solver.solve(request).report();
    Decomposition decomposition = new Decomposition(request, EXACT);
    Negotiation.Result result =
        Negotiation.run(decomposition, households(request.day()), request.day().intervals());
    double scale = Math.max(1, Math.abs(central.objectiveEur()));
    assertThat(decomposition.lpBoundEur())
        .as(result.outcome().note())
        .isCloseTo(central.lpBoundEur(), within(1e-6 * scale));
    assertThat(decomposition.objectiveEur())
        .isGreaterThanOrEqualTo(central.objectiveEur() - 1e-6 * scale);
    assertThat(result.outcome().schedules()).as(result.outcome().note()).doesNotContainNull();
  }

  /**
   * A hand-checkable weighted triple over one hour (import 0.30, export 0.10, pool 0.20 EUR/kWh):
   * consumer A (LOW, weight 1.4, protected, 2 kWh load), battery household B (HIGH, weight 0.6, no
   * load or PV; 5 kWh battery at 2.5 kWh, 2 kW, 95 % each way, ending at least where it started),
   * producer C (MIDDLE, weight 1.0, 1 kWh surplus). The MILP: C sells its kWh to A (A pays 0.20
   * instead of 0.30, C earns 0.20 instead of 0.10), A imports its second kWh, B idles: {@code
   * 1.4·0.50 + 1.0·(−0.20) = 0.50}, A saves {@code (0.60 − 0.50)/0.60 = 1/6}, so with {@code ρ =
   * 0.6} the objective is {@code 0.50 − 0.6/6 = 0.40}. The relaxation (binaries in [0, 1]) lets B
   * import, charge, discharge and sell in the same hour to A (a loss of {@code 0.6·(0.30/0.9025 −
   * 0.20)} per kWh against A's gain of 0.14), so its bound is lower; B's integer schedules cannot
   * sell at all, so the Dantzig–Wolfe bound of the integer columns is the MILP optimum and
   * price-and-branch certifies it.
   */
  @Test
  void priceAndBranch_weightedTriple_certifiesTheHandComputedMilpOptimum() {
    TradingDay day = triple();
    double[] prices = PoolPricing.prices(PricingRule.MID_MARKET, day);
    double[] standalone = new double[3];
    for (int i = 0; i < 3; i++) {
      standalone[i] =
          solver.solve(ClearingRequest.costMinimising(day, new int[] {i}, prices)).totalCostEur();
    }
    assertThat(standalone).containsExactly(new double[] {0.60, 0, -0.10}, within(1e-9));
    ClearingRequest request =
        new ClearingRequest(
            day,
            everyone(day),
            new double[] {1.4, 0.6, 1.0},
            0.6,
            new boolean[] {true, false, false},
            standalone,
            prices);
    var central = solver.solve(request).report();
    assertThat(central.objectiveEur()).isCloseTo(0.40, within(1e-6));
    assertThat(central.lpBoundEur()).isLessThan(0.40 - 0.01);
    Decomposition decomposition = new Decomposition(request, EXACT, 1e-3, true);
    Negotiation.Result result = Negotiation.run(decomposition, households(day), 1);
    String seen = result.outcome().note();
    assertThat(result.outcome().converged()).as(seen).isTrue();
    assertThat(decomposition.objectiveEur()).as(seen).isCloseTo(0.40, within(1e-6));
    assertThat(decomposition.lpBoundEur()).as(seen).isCloseTo(0.40, within(1e-6));
    RoundRecord last = result.rounds().get(result.rounds().size() - 1);
    assertThat(last.certifiedGap()).as(seen).isBetween(0.0, 1e-3);
    Answer.Schedule a = (Answer.Schedule) result.outcome().schedules().get(0);
    Answer.Schedule b = (Answer.Schedule) result.outcome().schedules().get(1);
    Answer.Schedule c = (Answer.Schedule) result.outcome().schedules().get(2);
    assertThat(a.buyKwh()[0]).isCloseTo(1.0, within(1e-7));
    assertThat(a.importKwh()[0]).isCloseTo(1.0, within(1e-7));
    assertThat(c.sellKwh()[0]).isCloseTo(1.0, within(1e-7));
    assertThat(b.sellKwh()[0] + b.buyKwh()[0] + b.dischargeKwh()[0]).isCloseTo(0, within(1e-7));
    assertOneDirection(result.outcome().schedules(), day.intervals());
  }

  /**
   * Price-and-branch on a small random weighted day with the floor: the bound lies between the
   * relaxation's and the MILP optimum, the answer is feasible for the MILP (one direction per meter
   * and battery, a balanced pool), so never below the central optimum, and its certified gap is the
   * one of its objective against that bound.
   */
  @Test
  void priceAndBranch_weightedRandomDay_boundBetweenRelaxationAndMilpAndFeasibleAnswer() {
    ClearingRequest request = weighted(solver, TestDays.random(17, 6, 8), 5.0);
    var central = solver.solve(request).report();
    Decomposition decomposition = new Decomposition(request, EXACT, 1e-3, true);
    Negotiation.Result result =
        Negotiation.run(decomposition, households(request.day()), request.day().intervals());
    String seen = result.outcome().note();
    double scale = Math.max(1, Math.abs(central.objectiveEur()));
    assertThat(result.outcome().schedules()).as(seen).doesNotContainNull();
    assertThat(decomposition.lpBoundEur())
        .as(seen)
        .isGreaterThanOrEqualTo(central.lpBoundEur() - 1e-6 * scale)
        .isLessThanOrEqualTo(central.objectiveEur() + 1e-6 * scale);
    assertThat(decomposition.objectiveEur())
        .as(seen)
        .isGreaterThanOrEqualTo(central.objectiveEur() - 1e-6 * scale);
    RoundRecord last = result.rounds().get(result.rounds().size() - 1);
    assertThat(last.certifiedGap())
        .as(seen)
        .isGreaterThanOrEqualTo(0)
        .isCloseTo(
            org.equigrid.market.clearing.PriceDecomposition.certifiedGap(
                decomposition.objectiveEur(), decomposition.lpBoundEur()),
            within(1e-9));
    assertOneDirection(result.outcome().schedules(), request.day().intervals());
  }

  /** Every schedule runs one way per interval (meter and battery) and the pool balances. */
  private static void assertOneDirection(List<Answer> schedules, int intervals) {
    for (int t = 0; t < intervals; t++) {
      double sold = 0;
      double bought = 0;
      for (int k = 0; k < schedules.size(); k++) {
        Answer.Schedule s = (Answer.Schedule) schedules.get(k);
        double draws = s.importKwh()[t] + s.buyKwh()[t];
        double gives = s.exportKwh()[t] + s.sellKwh()[t] + s.curtailKwh()[t];
        assertThat(Math.min(draws, gives))
            .as("member %d, interval %d: draws and gives", k, t)
            .isLessThanOrEqualTo(1e-6);
        assertThat(Math.min(s.chargeKwh()[t], s.dischargeKwh()[t]))
            .as("member %d, interval %d: charges and discharges", k, t)
            .isLessThanOrEqualTo(1e-6);
        sold += s.sellKwh()[t];
        bought += s.buyKwh()[t];
      }
      assertThat(sold).as("pool of interval %d", t).isCloseTo(bought, within(1e-6));
    }
  }

  static TradingDay triple() {
    List<Household> households =
        List.of(
            new Household("a", ParticipantKind.CONSUMER, "LOW", 30, 0, null, null),
            new Household(
                "b",
                ParticipantKind.PROSUMER,
                "HIGH",
                60,
                0,
                new Battery(5, 2, 0.95, 0.95, 0, 5, 2.5),
                null),
            new Household("c", ParticipantKind.PROSUMER, "MIDDLE", 45, 1, null, null));
    return TestDays.day(
        households,
        new double[][] {{2.0}, {0.0}, {0.0}},
        new double[][] {{0.0}, {0.0}, {1.0}},
        TestDays.flat(1, 0.30, 0.10, 0.0, 100));
  }

  @Test
  void proxMaxPositive_handComputed() {
    // v = (1, 3), λ = 1: the projection of (1, 3) on the simplex is (0, 1), so z = (1, 2).
    assertThat(AdmmIterates.proxMaxPositive(new double[] {1, 3}, 1))
        .containsExactly(new double[] {1, 2}, within(1e-12));
    // Σ max(v/λ, 0) = 0.5 ≤ 1: the projection is v/λ itself and z = 0.
    assertThat(AdmmIterates.proxMaxPositive(new double[] {0.2, 0.3}, 1))
        .containsExactly(new double[] {0, 0}, within(1e-12));
    assertThat(AdmmIterates.proxMaxPositive(new double[] {0.2, -0.3}, 0))
        .containsExactly(0.2, -0.3);
  }

  /** A consumer (2 kWh) and a producer (3 kWh surplus) over one hour: the pool carries 2 kWh. */
  static TradingDay pair() {
    List<Household> households =
        List.of(
            new Household("c", ParticipantKind.CONSUMER, "LOW", 30, 0, null, null),
            new Household("p", ParticipantKind.PROSUMER, "HIGH", 60, 4, null, null));
    return TestDays.day(
        households,
        new double[][] {{2.0}, {0.0}},
        new double[][] {{0.0}, {3.0}},
        TestDays.flat(1, 0.30, 0.10, 0.0, 100));
  }

  /**
   * Hand-computed: the consumer's 2 kWh come from the producer through the pool (the trades cancel
   * in the community's cost), the producer's third kWh is exported at 0.10: −0.10 EUR, whatever the
   * tolerance. The master may first send the pool's imbalance to the grid; at the end none is left
   * there (the pool balances in the awarded schedules).
   */
  @Test
  void decomposition_consumerAndProducer_handComputedOptimumAndBalancedPool() {
    for (double tolerance : new double[] {0, 1e-3}) {
      TradingDay day = pair();
      Decomposition decomposition = new Decomposition(costMinimising(day), EXACT, tolerance);
      Negotiation.Result result = Negotiation.run(decomposition, households(day), 1);
      assertThat(result.outcome().converged()).as(result.outcome().note()).isTrue();
      assertThat(decomposition.objectiveEur()).isCloseTo(-0.10, within(1e-6));
      Answer.Schedule consumer = (Answer.Schedule) result.outcome().schedules().get(0);
      Answer.Schedule producer = (Answer.Schedule) result.outcome().schedules().get(1);
      assertThat(consumer.buyKwh()[0]).isCloseTo(producer.sellKwh()[0], within(1e-7));
      assertThat(consumer.netKwh()[0] + producer.netKwh()[0]).isCloseTo(-1.0, within(1e-7));
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void admm_consumerAndProducer_convergesToTheCentralOptimum(boolean accelerated) {
    TradingDay day = pair();
    ClearingRequest request = costMinimising(day);
    double central = solver.solve(request).report().objectiveEur();
    assertThat(central).as("one kWh exported at 0.10").isCloseTo(-0.10, within(1e-9));
    ExchangeAdmm admm =
        new ExchangeAdmm(
            AdmmSettings.defaults().withMaxRounds(200).withAccelerated(accelerated),
            day.tariff(),
            day.intervalHours(),
            request.weightByMember(),
            request.poolPriceEurPerKwh());
    Negotiation.Result result = Negotiation.run(admm, households(day), 1);
    assertThat(result.outcome().converged()).as(result.outcome().note()).isTrue();
    assertThat(result.outcome().note()).startsWith(accelerated ? "accelerated ADMM" : "ADMM");
    RoundRecord last = result.rounds().get(result.rounds().size() - 1);
    assertThat(last.objectiveEur()).isCloseTo(central, within(1e-3));
    Answer.Schedule consumer = (Answer.Schedule) result.outcome().schedules().get(0);
    assertThat(consumer.buyKwh()[0]).isCloseTo(2.0, within(1e-2));
    assertThat(last.poolPriceEurPerKwh()[0])
        .as("the pool price stays between export and import")
        .isBetween(0.10 - 1e-3, 0.30 + 1e-3);
  }

  /**
   * EVs (docs/model.md, "Flexible demand", F1–F3) on every other household, plugged in by day and
   * overnight: the decomposition over the households' own blocks reaches the central optimum and
   * awards each EV household its charging (6 kWh in its window).
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void decomposition_evs_equalsCentralOptimumAndAwardsTheCharging(boolean daytime) {
    TradingDay day = TestDays.withEvs(TestDays.random(17, 5, 24), daytime);
    ClearingRequest request = costMinimising(day);
    assertDecompositionEqualsCentral(request);
    Decomposition decomposition = new Decomposition(request, EXACT);
    Negotiation.Result result = Negotiation.run(decomposition, households(day), day.intervals());
    for (int i = 0; i < day.householdCount(); i++) {
      Answer.Schedule s = (Answer.Schedule) result.outcome().schedules().get(i);
      if (day.households().get(i).hasFlex()) {
        assertThat(java.util.Arrays.stream(s.flexKwh()).sum()).isCloseTo(6, within(1e-6));
      } else {
        assertThat(s.flexKwh()).as("nothing more than before").isNull();
      }
    }
  }

  /**
   * A dishwasher negotiated by the decomposition (FlexibleDecompositionTest's hand-computed day):
   * the household answers its MILP (the call asks for integer columns), its columns carry their
   * start, and the restricted master IP awards the start at noon on the neighbour's PV, 3.425 EUR.
   */
  @Test
  void decomposition_dishwasher_integerColumnsAndTheHandComputedOptimum() {
    TradingDay day = org.equigrid.market.clearing.FlexibleDecompositionTest.dishwasherDay();
    ClearingRequest request = costMinimising(day);
    Decomposition decomposition = new Decomposition(request, EXACT);
    List<Answer.Schedule> answers = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Function<Signal, Answer>> households = new ArrayList<>();
    for (Function<Signal, Answer> h : households(day)) {
      households.add(
          signal -> {
            assertThat(((Signal.ColumnPrices) signal).integer()).isTrue();
            Answer a = h.apply(signal);
            answers.add((Answer.Schedule) a);
            return a;
          });
    }
    Negotiation.Result result = Negotiation.run(decomposition, households, day.intervals());
    assertThat(result.standalone()).isEmpty();
    assertThat(decomposition.objectiveEur()).isCloseTo(3.425, within(1e-6));
    assertThat(answers).anySatisfy(a -> assertThat(a.applianceStarts()).containsExactly(12));
    Answer.Schedule dish = (Answer.Schedule) result.outcome().schedules().get(1);
    assertThat(dish.flexKwh()[12]).isCloseTo(1, within(1e-9));
  }

  /**
   * ADMM with EVs: each household's proximal step carries its EV's charging (the block's rows), and
   * with its default settings but 100 rounds the award is within 0.1 % of the central optimum of
   * the same objective, the EVs charged in full. (At 50 rounds one of these days was 0.27 % away;
   * at 300 all three within 2e-5, their residuals still above the dual tolerance.)
   */
  @ParameterizedTest
  @CsvSource({"9,3,true", "17,5,false", "21,6,true"})
  void admm_evs_withinATenthOfAPercentOfTheCentralOptimum(long seed, int n, boolean daytime) {
    TradingDay day = TestDays.withEvs(TestDays.random(seed, n, 24), daytime);
    ClearingRequest request = costMinimising(day);
    double central = solver.solve(request).report().objectiveEur();
    ExchangeAdmm admm =
        new ExchangeAdmm(
            AdmmSettings.defaults().withMaxRounds(100),
            day.tariff(),
            day.intervalHours(),
            request.weightByMember(),
            request.poolPriceEurPerKwh());
    Negotiation.Result result = Negotiation.run(admm, households(day), day.intervals());
    RoundRecord last = result.rounds().get(result.rounds().size() - 1);
    assertThat(last.objectiveEur())
        .as(result.outcome().note())
        .isCloseTo(central, within(1e-3 * Math.max(1, Math.abs(central))));
    for (int i = 0; i < n; i += 2) {
      Answer.Schedule ev = (Answer.Schedule) result.outcome().schedules().get(i);
      assertThat(java.util.Arrays.stream(ev.flexKwh()).sum()).isCloseTo(6, within(1e-6));
    }
  }

  /**
   * The first round whose (restored, feasible) objective is within {@code tolerance} of the central
   * optimum, relative to {@code max(|central|, 1 EUR)}; -1 if none.
   */
  static int firstRoundWithin(Negotiation.Result result, double central, double tolerance) {
    for (RoundRecord r : result.rounds()) {
      if (Math.abs(r.objectiveEur() - central) <= tolerance * Math.max(Math.abs(central), 1)) {
        return r.round();
      }
    }
    return -1;
  }

  /**
   * On the hand-built pair (exact household steps) the accelerated ADMM gets within 1e-4 EUR of the
   * hand-computed optimum −0.10 EUR in no more rounds than the plain one (6 against 8 when
   * written). Not a general claim: on random 6-household days (TestDays.random, seeds 1–6) the
   * rounds to 1 % were mixed (BENCHMARKS.md, "ADMM with acceleration (session 7)").
   */
  @Test
  void admm_accelerated_onThePairReachesTheOptimumAtLeastAsFastAsPlain() {
    TradingDay day = pair();
    ClearingRequest request = costMinimising(day);
    int[] rounds = new int[2];
    for (int v = 0; v < 2; v++) {
      ExchangeAdmm admm =
          new ExchangeAdmm(
              AdmmSettings.defaults().withMaxRounds(200).withRelaxation(1).withAccelerated(v == 1),
              day.tariff(),
              day.intervalHours(),
              request.weightByMember(),
              request.poolPriceEurPerKwh());
      Negotiation.Result result = Negotiation.run(admm, households(day), 1);
      rounds[v] = firstRoundWithin(result, -0.10, 1e-4);
    }
    assertThat(rounds[0]).as("plain").isNotNegative();
    assertThat(rounds[1]).as("accelerated").isNotNegative().isLessThanOrEqualTo(rounds[0]);
  }

  /**
   * A household answering garbage, throwing, or nothing: standalone, and each mechanism still ends.
   */
  @Test
  void everyMechanism_badHouseholds_standaloneAndTerminates() {
    TradingDay day = TestDays.random(5, 6, 24);
    ClearingRequest request = costMinimising(day);
    for (NegotiationName name : NegotiationName.values()) {
      List<Function<Signal, Answer>> households = households(day);
      households.set(
          1, signal -> new Answer.NetProfile(new double[3], new double[3], new double[3]));
      households.set(
          2,
          signal -> {
            throw new IllegalStateException("crashed");
          });
      households.set(4, signal -> null);
      Mechanism mechanism =
          switch (name) {
            case TATONNEMENT ->
                new Tatonnement(
                    Tatonnement.Settings.defaults(), day.tariff(), day.intervalHours(), 6);
            case ADMM ->
                new ExchangeAdmm(
                    AdmmSettings.defaults().withMaxRounds(10),
                    day.tariff(),
                    day.intervalHours(),
                    request.weightByMember(),
                    request.poolPriceEurPerKwh());
            case DECOMPOSITION -> new Decomposition(request, EXACT);
          };
      Negotiation.Result result = Negotiation.run(mechanism, households, day.intervals());
      assertThat(mechanism.finished()).as(name.key()).isTrue();
      assertThat(result.standalone()).as(name.key()).containsOnlyKeys(1, 2, 4);
      assertThat(result.standalone().get(1)).containsAnyOf(Answers.WRONG_KIND, Answers.BAD_VALUES);
      assertThat(result.standalone().get(2)).contains("crashed");
      assertThat(result.outcome().schedules().get(1)).as(name.key()).isNull();
      assertThat(result.outcome().schedules().get(0)).as(name.key()).isNotNull();
    }
  }
}
