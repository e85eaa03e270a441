package org.equigrid.market.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGeneratorFactory;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.clearing.CoalitionSolver;
import org.equigrid.market.clearing.MarketClearing;
import org.equigrid.market.clearing.PricingRule;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.EquitySettings;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.ParticipantKind;
import org.equigrid.market.model.Tariff;
import org.equigrid.market.model.TradingDay;
import org.junit.jupiter.api.Test;

class CoalitionValuesSharingTest {

  private final CoalitionSolver solver =
      new CoalitionSolver(new SolverOptions(30, 1e-9, true, 0.01));
  private final MarketClearing clearing = new MarketClearing(solver, 1);
  private final Settlement settlement =
      new Settlement(
          solver,
          new SettlementOptions(10, org.equigrid.market.game.SamplingOptions.defaults(), 4, 1));

  @Test
  void settle_withDispatchView_solvesNoNewCoalitionsAndMatchesAFreshSettlement() {
    TradingDay day = fourHouseholds();
    ClearedDay neutral = clearing.clear(day, EquitySettings.neutral(), PricingRule.MID_MARKET);
    CoalitionValues values = new CoalitionValues(neutral, solver);
    DaySettlement first =
        settlement.settle(neutral, values, RandomGeneratorFactory.of("L64X128MixRandom").create(1));
    int solved = values.solves();
    assertThat(solved).isEqualTo(16 - 1 - 4 - 1); // pairs and triples of 4 players

    EquitySettings weighted =
        new EquitySettings(Map.of("LOW", 1.6, "HIGH", 0.6), 0.0, Set.of(), 0.5, 2.0);
    ClearedDay reweighed = clearing.reweigh(neutral, weighted);
    CoalitionValues view = values.withDispatch(reweighed);
    DaySettlement second =
        settlement.settle(reweighed, view, RandomGeneratorFactory.of("L64X128MixRandom").create(1));
    assertThat(values.solves()).isEqualTo(solved);
    assertThat(view.solves()).isEqualTo(solved);
    DaySettlement fresh =
        settlement.settle(reweighed, RandomGeneratorFactory.of("L64X128MixRandom").create(1));
    for (int i = 0; i < 4; i++) {
      assertThat(second.shareEur()[i]).isCloseTo(fresh.shareEur()[i], within(1e-6));
    }
    assertThat(first.grandValueEur()).isNotCloseTo(second.grandValueEur(), within(1e-9));
  }

  private static TradingDay fourHouseholds() {
    List<Household> households = new ArrayList<>();
    Battery battery = new Battery(10, 5, 0.95, 0.95, 1, 10, 5);
    String[] groups = {"LOW", "LOW", "MIDDLE", "HIGH"};
    for (int i = 0; i < 4; i++) {
      households.add(
          new Household(
              "h" + i,
              i >= 2 ? ParticipantKind.PROSUMER : ParticipantKind.CONSUMER,
              groups[i],
              40 + 60 * i,
              i >= 2 ? 4.0 : 0.0,
              i == 3 ? battery : null,
              null));
    }
    int t = 24;
    double[][] load = new double[4][t];
    double[][] pv = new double[4][t];
    for (int i = 0; i < 4; i++) {
      for (int h = 0; h < t; h++) {
        load[i][h] = 0.3 + 0.1 * i + (h >= 17 && h < 21 ? 0.8 : 0.0);
        pv[i][h] = i >= 2 ? Math.max(0, 4.0 * 0.7 * Math.sin(Math.PI * (h - 6) / 12.0)) : 0.0;
      }
    }
    double[] imp = new double[t];
    double[] exp = new double[t];
    for (int h = 0; h < t; h++) {
      imp[h] = h >= 17 && h < 21 ? 0.40 : 0.25;
      exp[h] = 0.06;
    }
    return new TradingDay(
        0, 182, 1.0, households, load, pv, new double[] {0, 0, 0, 5}, tariffOf(imp, exp));
  }

  private static Tariff tariffOf(double[] imp, double[] exp) {
    return new Tariff(imp, exp, 0.2, 30, 20);
  }
}
