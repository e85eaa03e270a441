package org.equigrid.experiments.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.equigrid.experiments.output.Manifest;
import org.equigrid.experiments.output.ResultsWriter;
import org.equigrid.experiments.output.StrategyReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bidding-strategy keys of a sweep: expansion, who deviates, errors, and what counts as
 * complete.
 */
class StrategyDimensionTest {

  static final Path QUICKSTART = SweepFiles.QUICKSTART;

  @TempDir Path dir;

  private SweepFile read(String yaml) throws IOException, SweepException {
    return SweepFiles.read(dir.resolve("strategies.yaml"), yaml);
  }

  private String problems(String yaml) throws IOException {
    return SweepFiles.problems(dir.resolve("strategies.yaml"), yaml);
  }

  private String where() {
    return dir.resolve("strategies.yaml") + ": ";
  }

  @Test
  void jobs_strategyGridTimesSeeds_expandsAndKeepsTheStrategyOutOfTheScenario() throws Exception {
    SweepFile sweep =
        read(
            """
        base: quickstart
        days: 1
        seeds: [1, 2]
        set: {community.generate.households: 4, strategy.households: 1-2}
        grid:
          strategy: [truthful, inflate-peak, withhold-flexibility]
        """);
    assertThat(sweep.strategic()).isTrue();
    assertThat(sweep.parameters()).containsExactly("strategy");
    List<RunBatch.Job> jobs = new Sweep(sweep).jobs(dir.resolve("out"));
    assertThat(jobs)
        .extracting(RunBatch.Job::id)
        .containsExactly(
            "run-001-seed1",
            "run-001-seed2",
            "run-002-seed1",
            "run-002-seed2",
            "run-003-seed1",
            "run-003-seed2");
    assertThat(jobs.get(0).deviators()).isEmpty();
    assertThat(jobs.get(2).deviators())
        .containsExactly(Map.entry("h001", "inflate-peak"), Map.entry("h002", "inflate-peak"));
    assertThat(jobs.get(5).deviators())
        .containsExactly(
            Map.entry("h001", "withhold-flexibility"), Map.entry("h002", "withhold-flexibility"));
    // The strategy is not a scenario field: truthful and strategic runs share the same scenario.
    assertThat(jobs.get(2).scenario().canonicalYaml())
        .isEqualTo(jobs.get(0).scenario().canonicalYaml());
    assertThat(jobs.get(0).scenario().canonicalYaml()).doesNotContain("strategy");
  }

  @Test
  void jobs_householdsAsListShareAndAll_pickTheDeviators() throws Exception {
    SweepFile sweep =
        read(
            """
        base: quickstart
        set: {community.generate.households: 4}
        runs:
          - {strategy: noisy-forecast, strategy.households: [h003, h001]}
          - {strategy: noisy-forecast, strategy.share: 0.3}
          - {strategy: noisy-forecast, strategy.share: 0.25}
          - {strategy: Inflate-Peak, strategy.households: all}
          - {strategy: withhold-flexibility, strategy.households: 4}
        """);
    List<RunBatch.Job> jobs = new Sweep(sweep).jobs(dir.resolve("out"));
    // 0.3 of 4 households is 1.2: the first two; 0.25 is exactly one.
    assertThat(jobs)
        .extracting(j -> j.deviators().keySet().stream().toList())
        .containsExactly(
            List.of("h001", "h003"),
            List.of("h001", "h002"),
            List.of("h001"),
            List.of("h001", "h002", "h003", "h004"),
            List.of("h004"));
    assertThat(jobs.get(3).deviators()).containsValue("inflate-peak");
  }

  @Test
  void read_misspelledStrategy_namesFileFieldValueAllowedNamesAndAGuess() throws IOException {
    String message =
        problems(
            """
        base: quickstart
        grid: {strategy: [truthful, withold, inflate, noisyforecast, greedy]}
        set: {strategy.housholds: 1-2}
        """);
    assertThat(message.lines())
        .contains(
            where()
                + "grid.strategy = withold: unknown bidding strategy; allowed: truthful, withhold-flexibility, inflate-peak, noisy-forecast."
                + " Maybe you meant withhold-flexibility?",
            where()
                + "grid.strategy = inflate: unknown bidding strategy; allowed: truthful, withhold-flexibility, inflate-peak, noisy-forecast."
                + " Maybe you meant inflate-peak?",
            where()
                + "grid.strategy = noisyforecast: unknown bidding strategy; allowed: truthful, withhold-flexibility, inflate-peak, noisy-forecast."
                + " Maybe you meant noisy-forecast?",
            where()
                + "grid.strategy = greedy: unknown bidding strategy; allowed: truthful, withhold-flexibility, inflate-peak, noisy-forecast.",
            where()
                + "set.strategy.housholds: unknown strategy key; allowed: strategy, strategy.households, strategy.share."
                + " Maybe you meant strategy.households?");
  }

  @Test
  void read_badHouseholdsAndShare_andWhoWithoutAStrategy_areErrors() throws IOException {
    String message =
        problems(
            """
        base: quickstart
        runs:
          - {strategy.households: some, strategy.share: 1.5}
        """);
    assertThat(message.lines())
        .contains(
            where()
                + "runs[0].strategy.households = some: must be all, a 1-based range of the households sorted by id"
                + " (1-3, or 2 for one) or a list of household ids ([h001, h006]). Maybe you meant 1-2?",
            where()
                + "runs[0].strategy.share = 1.5: must be a fraction of the households in (0, 1], e.g. 0.25",
            where()
                + "strategy.households: says who deviates, but no strategy is set or swept."
                + " Maybe you meant to add strategy: [truthful, inflate-peak] to the grid?");
  }

  @Test
  void jobs_deviatorsThatDoNotFitTheScenario_reportTheRun() throws Exception {
    SweepFile sweep =
        read(
            """
        base: quickstart
        set: {community.generate.households: 4}
        runs:
          - {strategy: inflate-peak}
          - {strategy: inflate-peak, strategy.households: 2-9}
          - {strategy: inflate-peak, strategy.households: [h01]}
        """);
    assertThatThrownBy(() -> new Sweep(sweep).jobs(dir.resolve("out")))
        .isInstanceOf(SweepException.class)
        .hasMessageContaining(
            "run run-001-seed7 {strategy=inflate-peak}:\nstrategy = inflate-peak needs strategy.households or "
                + "strategy.share (who deviates). Maybe you meant strategy.households: 1?")
        .hasMessageContaining("households range '2-9' must be FROM-TO with 1 <= FROM <= TO <= 4")
        .hasMessageContaining(
            "strategy.households = [h01]: no household h01 in quickstart (4 households, h001 to h004)."
                + " Maybe you meant h001?");
  }

  @Test
  void complete_needsTheSameStrategiesAsTheJob() throws Exception {
    SweepFile sweep =
        read(
            """
        base: quickstart
        days: 1
        set: {community.generate.households: 3, strategy.households: 2}
        grid: {strategy: [truthful, inflate-peak]}
        """);
    List<RunBatch.Job> jobs = new Sweep(sweep).jobs(dir.resolve("out"));
    RunBatch.Job truthful = jobs.get(0);
    RunBatch.Job inflate = jobs.get(1);
    for (RunBatch.Job job : jobs) {
      Files.createDirectories(job.dir());
      Files.writeString(
          job.dir().resolve(ResultsWriter.SUMMARY_JSON),
          new com.fasterxml.jackson.databind.ObjectMapper()
              .writeValueAsString(
                  Map.of(
                      "scenarioYaml",
                      job.scenario().canonicalYaml(),
                      "totals",
                      Map.of(),
                      "dayResults",
                      List.of())));
      for (String file : ResultsWriter.RESULT_FILES) {
        if (!Files.exists(job.dir().resolve(file))) {
          Files.writeString(job.dir().resolve(file), "");
        }
      }
      Manifest.write(job.dir(), ResultsWriter.RESULT_FILES); // a complete run's files
      Files.writeString(job.dir().resolve("report.html"), "<html></html>"); // and its report
    }
    String header = "household,strategy,billUnderRunEur,billIfTruthfulEur,gainFromDeviationEur\n";
    assertThat(RunBatch.complete(truthful)).isTrue();
    assertThat(RunBatch.complete(inflate))
        .as("no strategies.csv: a truthful run's folder")
        .isFalse();

    Files.writeString(
        inflate.dir().resolve(StrategyReport.STRATEGIES_CSV),
        header + "h001,truthful,1,1,0\nh002,withhold-flexibility,2,1,-1\nh003,truthful,1,1,0\n");
    assertThat(RunBatch.complete(inflate)).as("another strategy").isFalse();
    Files.writeString(
        inflate.dir().resolve(StrategyReport.STRATEGIES_CSV),
        header + "h001,truthful,1,1,0\nh002,inflate-peak,2,1,-1\nh003,truthful,1,1,0\n");
    assertThat(RunBatch.complete(inflate)).isTrue();

    Files.copy(
        inflate.dir().resolve(StrategyReport.STRATEGIES_CSV),
        truthful.dir().resolve(StrategyReport.STRATEGIES_CSV));
    assertThat(RunBatch.complete(truthful)).as("a strategic run's folder").isFalse();
  }

  @Test
  void deviators_readFromStrategiesCsv_sumTheGainsOfDeviatorsAndOthers() throws IOException {
    Files.writeString(
        dir.resolve(StrategyReport.STRATEGIES_CSV),
        "household,strategy,billUnderRunEur,billIfTruthfulEur,gainFromDeviationEur\n"
            + "h001,truthful,1.5,1.25,-0.25\nh002,noisy-forecast(0.1),0.5,1,0.5\nh003,noisy-forecast(0.1),2,1.75,-0.25\n"
            + "h004,truthful,1,1.125,0.125\n");
    Deviators d = Deviators.read(dir, "noisy");
    assertThat(d).isEqualTo(new Deviators("noisy", List.of("h002", "h003"), 0.25, -0.125));
    assertThat(Deviators.read(dir.resolve("nowhere"), "truthful"))
        .isEqualTo(new Deviators("truthful", List.of(), 0, 0));
  }
}
