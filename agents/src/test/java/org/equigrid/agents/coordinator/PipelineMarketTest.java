package org.equigrid.agents.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.equigrid.config.Scenario;
import org.equigrid.config.ScenarioReader;
import org.equigrid.market.day.SettledDay;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.settlement.SettlementOptions;
import org.junit.jupiter.api.Test;

class PipelineMarketTest {

  private static Scenario fourHouseholds() throws Exception {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path file = dir.resolve("config/scenarios/quickstart.yaml");
      if (Files.exists(file)) {
        return ScenarioReader.read(
            file, Map.of("community.generate.households", "4", "horizon.days", "2"));
      }
    }
    throw new IllegalStateException("config/scenarios/quickstart.yaml not found");
  }

  /**
   * The scenario's day 0 without household {@code skip}, as the coordinator builds it from bids.
   */
  private static TradingDay withoutHousehold(Scenario scenario, int skip) {
    TradingDay full = scenario.day(0, scenario.initialSocKwh());
    List<Integer> keep =
        java.util.stream.IntStream.range(0, 4).filter(i -> i != skip).boxed().toList();
    List<Household> households = keep.stream().map(i -> full.households().get(i)).toList();
    return new TradingDay(
        0,
        full.dayOfYear(),
        full.intervalHours(),
        households,
        keep.stream().map(i -> full.loadKwh()[i]).toArray(double[][]::new),
        keep.stream().map(i -> full.pvKwh()[i]).toArray(double[][]::new),
        keep.stream().mapToDouble(i -> full.initialSocKwh()[i]).toArray(),
        full.tariff());
  }

  @Test
  void settle_oneHouseholdAbsent_itIsStandaloneInTheResultsAndCostsAddUp() throws Exception {
    Scenario scenario = fourHouseholds();
    PipelineMarket market = new PipelineMarket(scenario, SettlementOptions.defaults());
    TradingDay bidders = withoutHousehold(scenario, 1);

    DayOutcome outcome = market.settle(bidders);
    List<SettledDay> days = market.settledDays(2);

    String absent = scenario.households().get(1).id();
    assertThat(outcome.byHousehold()).hasSize(3).doesNotContainKey(absent);
    SettledDay day0 = days.get(0);
    assertThat(day0.cleared().day().households())
        .extracting(Household::id)
        .containsExactlyElementsOf(scenario.households().stream().map(Household::id).toList());
    double c0 = day0.cleared().standaloneCostEur(1);
    assertThat(day0.settlement().shareEur()[1]).isZero();
    assertThat(day0.settlement().billEur()[1]).isCloseTo(c0, within(1e-12));
    assertThat(day0.explanations().get(1).sentence()).contains("did not bid today");
    // The community pays the pool's cost plus the absent household's standalone cost.
    double bills = 0;
    for (double b : day0.settlement().billEur()) {
      bills += b;
    }
    double poolBills =
        outcome.byHousehold().values().stream().mapToDouble(HouseholdOutcome::billEur).sum();
    assertThat(bills).isCloseTo(poolBills + c0, within(1e-9));
    assertThat(day0.cleared().dispatch().totalCostEur()).isCloseTo(bills, within(1e-6));
    // Nobody bid on day 1: the whole community is standalone.
    SettledDay day1 = days.get(1);
    assertThat(day1.settlement().shareEur()).containsOnly(0.0);
    assertThat(day1.explanations())
        .allSatisfy(e -> assertThat(e.sentence()).contains("did not bid today"));
  }

  @Test
  void take_handsEachDayOnceThenDropsIt() throws Exception {
    Scenario scenario = fourHouseholds();
    PipelineMarket kept = new PipelineMarket(scenario, SettlementOptions.defaults());
    PipelineMarket dropping = new PipelineMarket(scenario, SettlementOptions.defaults());
    kept.settle(withoutHousehold(scenario, 1));
    dropping.settle(withoutHousehold(scenario, 1));

    SettledDay day0 = dropping.take(0);

    assertThat(day0.settlement().billEur())
        .containsExactly(kept.settledDays(1).get(0).settlement().billEur(), within(0.0));
    assertThatThrownBy(() -> dropping.take(0)).hasMessageContaining("day 0 was already taken");
    assertThatThrownBy(() -> dropping.settledDays(2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("day 0 was taken");
    // Nobody bid on day 1: taking it settles it standalone first, as settledDays does.
    assertThat(dropping.take(1).settlement().billEur())
        .containsExactly(kept.settledDays(2).get(1).settlement().billEur(), within(0.0));
    assertThat(dropping.centralOptimum(0)).as("solved again from day 0's start").isPresent();
  }
}
