package org.equigrid.agents.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.equigrid.agents.coordinator.DayResult;
import org.equigrid.agents.coordinator.MarketMode;
import org.junit.jupiter.api.Test;

class ScenarioRunStandaloneTest {

  private static DayResult day(int index, Map<String, String> standalone) {
    return new DayResult(
        index,
        MarketMode.CENTRAL,
        Map.of(),
        new TreeMap<>(standalone),
        new TreeMap<>(),
        new TreeMap<>(),
        new TreeMap<>(),
        1,
        0,
        true,
        new double[0],
        new double[0],
        0,
        "",
        List.of(),
        Double.NaN);
  }

  @Test
  void of_twoStandaloneHouseholds_oneRowEachSortedByIdWithDayAndReason() {
    DayResult day = day(3, Map.of("h9", "late", "h1", "no answer before the deadline"));

    assertThat(ScenarioRun.Standalone.of(day))
        .containsExactly(
            new ScenarioRun.Standalone(3, "h1", "no answer before the deadline"),
            new ScenarioRun.Standalone(3, "h9", "late"));
  }

  @Test
  void of_everyoneTookPart_noRows() {
    assertThat(ScenarioRun.Standalone.of(day(0, Map.of()))).isEmpty();
  }
}
