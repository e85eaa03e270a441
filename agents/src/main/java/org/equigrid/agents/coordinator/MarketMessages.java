package org.equigrid.agents.coordinator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.equigrid.agents.protocol.Message;
import org.equigrid.agents.protocol.Message.Schedule;
import org.equigrid.config.Scenario;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.clearing.HouseholdSchedule;
import org.equigrid.market.day.SettledDay;

/**
 * What {@link PipelineMarket} hands the coordinator from a settled day: the households' outcomes
 * and the learner's equity metrics.
 */
final class MarketMessages {

  private MarketMessages() {}

  /**
   * The day's equity as {@link org.equigrid.agents.learning.equity.DayOutcome#of} reads it (the one
   * reading the in-process adaptive run uses), with the weights of the scenario's groups.
   */
  static Message.EquityMetrics equityMetrics(
      SettledDay record, Scenario scenario, int day, long deadlineVirtualSeconds) {
    org.equigrid.agents.learning.equity.DayOutcome outcome =
        org.equigrid.agents.learning.equity.DayOutcome.of(
            record.cleared(),
            record.metrics(),
            record.equity(),
            record.settlement().method(),
            scenario.groupShares().keySet());
    return new Message.EquityMetrics(
        day,
        scenario.dayOfYear(day + 1),
        outcome.giniEnergyBurden(),
        outcome.giniEnergyBurdenNetPayers(),
        outcome.largestEnergyBurden(),
        outcome.leastAdvantagedMeanEnergyBurden(),
        outcome.shareEnergyBurdenAbove6Percent(),
        new TreeMap<>(outcome.burdenDifference()),
        new TreeMap<>(outcome.accessDifference()),
        new TreeMap<>(outcome.burdenGap()),
        new TreeMap<>(outcome.accessGap()),
        outcome.priceOfFairness(),
        outcome.rawlsianMinimum(),
        new TreeMap<>(outcome.weights()),
        deadlineVirtualSeconds);
  }

  /** The day's schedules, costs, shares, bills and explanations, by household id. */
  static DayOutcome outcome(SettledDay day) {
    ClearedDay cleared = day.cleared();
    List<HouseholdSchedule> schedules = cleared.dispatch().schedules();
    if (schedules.isEmpty() && cleared.day().householdCount() > 0) {
      throw new IllegalStateException(
          "day "
              + cleared.day().dayIndex()
              + " has no dispatch: "
              + cleared.dispatch().report().reason());
    }
    Map<String, HouseholdOutcome> byHousehold = new LinkedHashMap<>();
    for (int i = 0; i < cleared.day().householdCount(); i++) {
      HouseholdSchedule s = schedules.get(i);
      String id = cleared.day().households().get(i).id();
      Schedule schedule =
          new Schedule(
              s.importKwh(),
              s.exportKwh(),
              s.buyKwh(),
              s.sellKwh(),
              s.chargeKwh(),
              s.dischargeKwh(),
              s.socKwh());
      byHousehold.put(
          id,
          new HouseholdOutcome(
              id,
              schedule,
              s.energyCostEur(),
              cleared.standaloneCostEur(i),
              day.settlement().shareEur()[i],
              day.settlement().billEur()[i],
              day.explanations().get(i).sentence()));
    }
    return new DayOutcome(cleared.poolPriceEurPerKwh(), byHousehold);
  }
}
