package org.equigrid.experiments.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepFileTest {

  static final Path QUICKSTART = SweepFiles.QUICKSTART;

  @TempDir Path dir;

  private SweepFile read(String yaml) throws IOException, SweepException {
    return SweepFiles.read(dir.resolve("test-sweep.yaml"), yaml);
  }

  private String problems(String yaml) throws IOException {
    return SweepFiles.problems(dir.resolve("test-sweep.yaml"), yaml);
  }

  @Test
  void read_gridTimesSeeds_runsEveryCombinationInKeyOrder() throws Exception {
    SweepFile sweep =
        read(
            """
        base: quickstart
        days: 1
        seeds: [1, 2]
        set: {community.generate.households: 4}
        grid:
          equity.rawlsianStrengthEur: [0, 5]
          equity.weights: [{LOW: 1, MIDDLE: 1, HIGH: 1}, {LOW: 1.4, MIDDLE: 1.0, HIGH: 0.6}]
        """);
    assertThat(sweep.base()).isEqualTo(QUICKSTART);
    assertThat(sweep.name()).isEqualTo("test-sweep");
    assertThat(sweep.parameters()).containsExactly("equity.rawlsianStrengthEur", "equity.weights");
    List<SweepRun> runs = sweep.runs(99);
    assertThat(runs).hasSize(8);
    assertThat(runs.get(0).id()).isEqualTo("run-001-seed1");
    assertThat(runs.get(1).id()).isEqualTo("run-001-seed2");
    assertThat(runs.get(7).id()).isEqualTo("run-004-seed2");
    assertThat(runs.get(2).parameters())
        .containsExactly(
            Map.entry("equity.rawlsianStrengthEur", "0"),
            Map.entry("equity.weights", "{LOW: 1.4, MIDDLE: 1.0, HIGH: 0.6}"));
    assertThat(runs.get(7).overrides())
        .containsEntry("community.generate.households", "4")
        .containsEntry("equity.rawlsianStrengthEur", "5")
        .containsEntry("seed", "2")
        .containsEntry("horizon.days", "1");
  }

  @Test
  void read_runsWithoutSeeds_useTheBaseSeedAndLeaveMissingParametersEmpty() throws Exception {
    SweepFile sweep =
        read(
            """
        base: quickstart
        runs:
          - {market.pricing: mid-market}
          - {market.pricing: supply-demand-ratio, equity.rawlsianStrengthEur: 2}
        """);
    assertThat(sweep.parameters()).containsExactly("market.pricing", "equity.rawlsianStrengthEur");
    List<SweepRun> runs = sweep.runs(7);
    assertThat(runs).extracting(SweepRun::id).containsExactly("run-001-seed7", "run-002-seed7");
    assertThat(runs.get(0).overrides())
        .doesNotContainKey("horizon.days")
        .containsEntry("seed", "7");
  }

  @Test
  void read_missingBaseAndGrid_reportsBothWithTheWayOut() throws IOException {
    String message = problems("days: 1\n");
    assertThat(message)
        .contains("test-sweep.yaml: base: required")
        .contains(
            "grid or runs: one is required, e.g. grid: {equity.rawlsianStrengthEur: [0, 2, 5]}");
  }

  @Test
  void read_badValues_listsEveryProblemWithTheValue() throws IOException {
    String message =
        problems(
            """
        base: no-such-scenario
        days: 0
        seeds: [1, 1.5]
        grid: {equity.rawlsianStrengthEur: 5, seed: [1]}
        pareto: [communityCostEur, happiness]
        sede: 3
        """);
    assertThat(message.lines())
        .contains(
            dir.resolve("test-sweep.yaml")
                + ": sede: unknown key; allowed: base, description, days, seeds, set, grid, runs, pareto. Maybe you meant seeds?",
            dir.resolve("test-sweep.yaml")
                + ": base = no-such-scenario: no such scenario file or shipped scenario (config/scenarios/no-such-scenario.yaml)",
            dir.resolve("test-sweep.yaml")
                + ": days = 0: must be a whole number >= 1, e.g. days: 1",
            dir.resolve("test-sweep.yaml") + ": seeds: 1.5 is not a whole number",
            dir.resolve("test-sweep.yaml")
                + ": grid.equity.rawlsianStrengthEur = 5: must be a non-empty list, e.g. [5]",
            dir.resolve("test-sweep.yaml") + ": seed: use the sweep's seeds key instead");
    assertThat(message)
        .contains("pareto: happiness is not a metric of sweep.csv; one of standaloneCostEur");
  }

  @Test
  void read_seedBeyondLong_isRefusedNotWrapped() throws IOException {
    String message =
        problems(
            """
        base: %s
        seeds: [18446744073709551623]
        grid: {equity.rawlsianStrengthEur: [5]}
        """
                .formatted(QUICKSTART));
    assertThat(message).contains("seeds: 18446744073709551623 must be a whole number in [");
  }

  @Test
  void read_gridAndRuns_isAnError() throws IOException {
    assertThat(problems("base: quickstart\ngrid: {a.b: [1]}\nruns: [{a.b: 1}]\n"))
        .endsWith("grid and runs: give one of them, not both");
  }

  @Test
  void read_repeatedRunAndParameterAlsoInSet_areErrors() throws IOException {
    String message =
        problems(
            """
        base: quickstart
        set: {market.pricing: mid-market}
        runs: [{market.pricing: mid-market}, {market.pricing: mid-market}]
        """);
    assertThat(message)
        .contains("runs[1] = {market.pricing: mid-market}: repeats an earlier run")
        .contains("market.pricing: both in set and swept; remove it from set");
  }

  @Test
  void read_notYaml_namesTheFile() throws IOException {
    assertThat(problems("base: [unclosed\n"))
        .startsWith(dir.resolve("test-sweep.yaml") + ": cannot read the sweep file");
    assertThat(problems("- just\n- a list\n"))
        .endsWith(
            "must be a YAML mapping with keys base, description, days, seeds, set, grid, runs, pareto");
  }

  @Test
  void jobs_overrideTheScenarioCannotTake_reportsTheRunAndTheField() throws Exception {
    SweepFile sweep =
        read(
            """
        base: quickstart
        grid: {equity.rawlsianStrengthEur: [0, -1]}
        """);
    assertThatThrownBy(() -> new Sweep(sweep).jobs(dir.resolve("out")))
        .isInstanceOf(SweepException.class)
        .hasMessageContaining("run run-002-seed7 {equity.rawlsianStrengthEur=-1}")
        .hasMessageContaining("equity.rawlsianStrengthEur = -1");
  }
}
