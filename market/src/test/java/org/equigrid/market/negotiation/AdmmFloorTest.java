package org.equigrid.market.negotiation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.equigrid.market.clearing.ClearingRequest;
import org.equigrid.market.clearing.CoalitionSolver;
import org.equigrid.market.clearing.PoolPricing;
import org.equigrid.market.clearing.PricingRule;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.clearing.SolverReport;
import org.equigrid.market.clearing.TestDays;
import org.equigrid.market.model.Tariff;
import org.equigrid.market.model.TradingDay;
import org.junit.jupiter.api.Test;

/** The Rawlsian floor as ADMM's coupling row ({@link FloorConsensus}). */
class AdmmFloorTest {

  private static final SolverOptions EXACT = new SolverOptions(30, 1e-9, true, 0.01);
  private static final double EPSILON = 0.01;
  private final CoalitionSolver solver = new CoalitionSolver(EXACT);

  private static List<Function<Signal, Answer>> households(
      TradingDay day, AdmmFloor floor, ClearingRequest request) {
    List<Function<Signal, Answer>> out = new ArrayList<>();
    for (int i = 0; i < day.householdCount(); i++) {
      LocalHousehold h = new LocalHousehold(day, i);
      if (floor.covers(i)) {
        h.withStandaloneCost(request.standaloneCostEur()[i], EPSILON);
      }
      out.add(h::answer);
    }
    return out;
  }

  private static Negotiation.Result run(ClearingRequest request, int rounds) {
    TradingDay day = request.day();
    AdmmFloor floor = AdmmFloor.of(request, EPSILON);
    ExchangeAdmm admm =
        new ExchangeAdmm(
            AdmmSettings.defaults().withMaxRounds(rounds),
            day.tariff(),
            day.intervalHours(),
            request.weightByMember(),
            request.poolPriceEurPerKwh(),
            floor);
    return Negotiation.run(admm, households(day, floor, request), day.intervals());
  }

  /**
   * Hand-computed on {@link NegotiationTest#pair} (one hour; import 0.30, export 0.10, pool 0.20
   * EUR/kWh): the LOW consumer (weight 1.4, protected) buys its 2 kWh from the HIGH producer
   * (weight 0.6), who exports its third kWh. The consumer pays 0.40 against 0.60 alone, a saving of
   * 1/3; the producer earns 0.50 against 0.30 alone. {@code 1.4·0.40 − 0.6·0.50 = 0.26}, less
   * {@code ρ·z = 0.6/3 = 0.20}: 0.06 EUR, the central optimum (no battery: the relaxation is
   * exact).
   */
  @Test
  void pair_convergesToTheHandComputedOptimumWithTheFloor() {
    ClearingRequest request = NegotiationTest.weighted(solver, NegotiationTest.pair(), 0.6);
    SolverReport central = solver.solve(request).report();
    assertThat(central.objectiveEur()).isCloseTo(0.06, within(1e-9));
    Negotiation.Result result = run(request, 200);
    RoundRecord last = result.rounds().get(result.rounds().size() - 1);
    assertThat(result.outcome().converged()).as(result.outcome().note()).isTrue();
    assertThat(last.objectiveEur()).as(result.outcome().note()).isCloseTo(0.06, within(1e-3));
    assertThat(result.outcome().note()).contains("Rawlsian floor 0.33");
  }

  /**
   * On a random eight-interval day of five households with batteries (binaries relaxed in every
   * household step), ADMM with the floor approaches the central relaxation of the same objective,
   * floor included: within 1 % of max(|LP|, 1 EUR) after 200 rounds, and its floor term is what
   * moves it there (without the floor ADMM's optimum is another, higher objective).
   */
  @Test
  void randomDay_approachesTheCentralRelaxationWithTheFloor() {
    ClearingRequest request = NegotiationTest.weighted(solver, TestDays.random(17, 5, 8), 5.0);
    double lp = solver.solve(request).report().lpBoundEur();
    Negotiation.Result result = run(request, 200);
    RoundRecord last = result.rounds().get(result.rounds().size() - 1);
    assertThat((last.objectiveEur() - lp) / Math.max(1, Math.abs(lp)))
        .as(result.outcome().note())
        .isBetween(-1e-3, 1e-2);
    ClearingRequest withoutFloor =
        new ClearingRequest(
            request.day(),
            request.members(),
            request.weightByMember(),
            0,
            request.protectedMember(),
            request.standaloneCostEur(),
            request.poolPriceEurPerKwh());
    assertThat(solver.solve(withoutFloor).report().lpBoundEur())
        .as("the floor changes the optimum")
        .isGreaterThan(lp + 0.05);
  }

  /**
   * One floor step by hand: one interval, import 0.30 EUR/kWh (π̄ = 0.30); member 0 with C0 = 0.60
   * (s = 2 kWh per unit), member 1 with C0 = 0.30 (s = 1), member 2 off the floor; ρ = 0.5, ρ_R =
   * 0.1, no over-relaxation. From ζ = 0, v = 0 both copies are min(φ = 0, u) = 0; ζ = (4·0 + 1·0 +
   * 0.1/0.5)/5 = 0.04; the primal residual 4·0.04² + 0.04² = 0.008, the dual part 5·0.04² = 0.008;
   * v = −0.04 each, so the next target is φ = 0.08. In round 2 the copies are min(0.08, u) = 0.08
   * and ζ = (4·0.04 + 0.04 + 0.2)/5 = 0.08.
   */
  @Test
  void floorStep_handComputed() {
    Tariff tariff = TestDays.flat(1, 0.30, 0.10, 0.0, 100);
    AdmmFloor floor =
        new AdmmFloor(0.1, new boolean[] {true, true, false}, new double[] {0.6, 0.3, 1.0}, 0.01);
    FloorConsensus consensus = new FloorConsensus(floor, tariff, new double[] {0.2});
    Answer.Schedule[] answers = {importing(1.0), importing(0.6), importing(5.0)};
    assertThat(consensus.saving(0, answers[0])).isCloseTo(0.5, within(1e-12));
    assertThat(consensus.saving(1, answers[1])).isCloseTo(0.4, within(1e-12));
    assertThat(consensus.target(2)).isNull();
    boolean[] dropped = new boolean[3];
    double[] residuals = consensus.step(answers, dropped, 1, 0.5);
    assertThat(consensus.zeta()).isCloseTo(0.04, within(1e-12));
    assertThat(residuals[0]).isCloseTo(0.008, within(1e-12));
    assertThat(residuals[1]).isCloseTo(0.008, within(1e-12));
    assertThat(consensus.target(0)).isCloseTo(0.08, within(1e-12));
    assertThat(consensus.target(1)).isCloseTo(0.08, within(1e-12));
    consensus.step(answers, dropped, 1, 0.5);
    assertThat(consensus.zeta()).isCloseTo(0.08, within(1e-12));
    assertThat(consensus.floorOf(answers)).isCloseTo(0.4, within(1e-12));
    consensus.rescale(2);
    assertThat(consensus.target(0)).isCloseTo(0.08 + 0.02, within(1e-12));
    dropped[0] = true;
    dropped[1] = true;
    assertThat(consensus.step(answers, dropped, 1, 0.5)).containsExactly(0, 0);
    assertThat(consensus.count(dropped)).isZero();
  }

  @Test
  void householdWithoutItsStandaloneCost_refusesTheFloorSignal() {
    TradingDay day = NegotiationTest.pair();
    LocalHousehold h = new LocalHousehold(day, 0);
    Signal.ProximalPrices signal =
        new Signal.ProximalPrices(
            new double[1],
            new double[1],
            0.5,
            1.0,
            PoolPricing.prices(PricingRule.MID_MARKET, day),
            0.1);
    assertThatThrownBy(() -> h.answer(signal)).hasMessageContaining("standalone cost");
    assertThat(signal.numbers()).isEqualTo(6);
    h.close();
  }

  private static Answer.Schedule importing(double kwh) {
    double[] zero = new double[1];
    return new Answer.Schedule(
        new double[] {kwh}, zero, zero, zero, zero, zero, zero, zero, null, null);
  }
}
