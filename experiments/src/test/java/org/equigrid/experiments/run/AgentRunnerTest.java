package org.equigrid.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.equigrid.agents.coordinator.DayResult;
import org.equigrid.agents.coordinator.MarketMode;
import org.equigrid.agents.platform.ScenarioRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentRunnerTest {

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

  private static ScenarioRun.Result result(List<DayResult> days, Map<String, String> refused) {
    List<ScenarioRun.Standalone> standalone =
        days.stream().flatMap(d -> ScenarioRun.Standalone.of(d).stream()).toList();
    return new ScenarioRun.Result(
        List.of(), days, standalone, Set.of(), null, new TreeMap<>(refused));
  }

  @Test
  void recordStandalone_standaloneAndRefused_addedToSummaryWithReasons(@TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("summary.json"), "{\"days\": 2}\n");

    AgentRunner.recordStandalone(
        dir,
        result(
            List.of(day(0, Map.of("h002", "no answer before the deadline")), day(1, Map.of())),
            Map.of("ghost", "The household id is not one of this run's households: ghost")));

    JsonNode root = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    assertThat(root.path("days").asInt()).isEqualTo(2);
    assertThat(root.path("standaloneHouseholds")).hasSize(1);
    JsonNode first = root.path("standaloneHouseholds").get(0);
    assertThat(first.path("day").asInt()).isZero();
    assertThat(first.path("household").asText()).isEqualTo("h002");
    assertThat(first.path("reason").asText()).isEqualTo("no answer before the deadline");
    assertThat(root.path("refusedJoins").path("ghost").asText())
        .startsWith("The household id is not one");
  }

  @Test
  void recordStandalone_everyoneTookPart_summaryBytesUnchanged(@TempDir Path dir) throws Exception {
    String summary = "{\"days\": 1}\n";
    Files.writeString(dir.resolve("summary.json"), summary);

    AgentRunner.recordStandalone(dir, result(List.of(day(0, Map.of())), Map.of()));

    assertThat(Files.readString(dir.resolve("summary.json"))).isEqualTo(summary);
  }
}
