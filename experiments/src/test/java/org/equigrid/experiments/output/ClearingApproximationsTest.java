package org.equigrid.experiments.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.equigrid.config.Scenario;
import org.equigrid.config.ScenarioReader;
import org.equigrid.experiments.run.ProgressListener;
import org.equigrid.experiments.run.ScenarioRunner;
import org.equigrid.market.clearing.MilpEffort;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.settlement.SettlementOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * summary.json names the clearing's opt-in approximations ({@code clearingApproximations}, {@code
 * clearingApproximatedDays}); with the defaults, which are exact, neither key is written (the
 * goldens, GoldenResultsIT, hold the defaults' summary.json).
 */
class ClearingApproximationsTest {

  private static final Path SCENARIOS = Path.of("../config/scenarios").toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  void approximations_defaultsNoneEachOptInNamedByItsKey() {
    SolverOptions d = SolverOptions.defaults();
    assertThat(SummaryTotals.approximations(d)).isEmpty();
    assertThat(SummaryTotals.approximations(d.withMilpEffort(MilpEffort.ROOT)))
        .singleElement()
        .asString()
        .startsWith("solver.milpEffort = root: SCIP stops after at most 1 ");
    assertThat(SummaryTotals.approximations(d.withMilpEffort(new MilpEffort(40))))
        .singleElement()
        .asString()
        .startsWith("solver.milpEffort = nodes:40: SCIP stops after at most 40 ");
    SolverOptions lp = new SolverOptions(30.0, 1e-4, false, 0.01);
    assertThat(SummaryTotals.approximations(lp))
        .singleElement()
        .asString()
        .startsWith("solver.milpWhenBinariesBreak = false: ");
    assertThat(
            SummaryTotals.approximations(
                d.withDecompositionMinHouseholds(500).withPoolIdenticalBatteries(true)))
        .hasSize(2)
        .anySatisfy(s -> assertThat(s).startsWith("solver.decompositionMinHouseholds = 500: "))
        .anySatisfy(s -> assertThat(s).startsWith("solver.poolIdenticalBatteries = true: "));
  }

  @Test
  void summaryJson_rootEffortNamedWithItsDays() throws Exception {
    JsonNode root =
        summary(
            Map.of(
                "horizon.days",
                "1",
                "solver.milpEffort",
                "root",
                "solver.relativeGapLimit",
                "0",
                "settlement.rule",
                "market"),
            "root");
    assertThat(root.get("clearingApproximations")).hasSize(1);
    assertThat(root.get("clearingApproximations").get(0).asText())
        .startsWith("solver.milpEffort = root");
    int named = 0;
    for (JsonNode day : root.get("dayResults")) {
      String reason = day.get("solver").get("reason").asText();
      if (reason.startsWith(MilpEffort.APPROXIMATION)) {
        named++;
        assertThat(day.get("solver").get("status").asText()).isEqualTo("FEASIBLE");
        assertThat(day.get("solver").get("gap").asDouble()).isPositive();
      }
    }
    int days = root.get("clearingApproximatedDays").asInt();
    assertThat(days).isBetween(named, root.get("days").asInt());
    assertThat(root.get("scenarioYaml").asText()).contains("milpEffort: root");
  }

  private JsonNode summary(Map<String, String> overrides, String name) throws Exception {
    Scenario scenario = ScenarioReader.read(SCENARIOS.resolve("quickstart.yaml"), overrides);
    Path out = dir.resolve(name);
    try (ResultsStream stream = ResultsStream.open(new ResultsWriter("test"), scenario, out)) {
      new ScenarioRunner(ProgressListener.silent(), SettlementOptions.defaults().withThreads(1))
          .withThreads(1)
          .run(scenario, stream::accept);
      stream.finish();
    }
    return new ObjectMapper().readTree(out.resolve(ResultsWriter.SUMMARY_JSON).toFile());
  }
}
