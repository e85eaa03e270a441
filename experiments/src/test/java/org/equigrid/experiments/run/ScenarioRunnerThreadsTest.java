package org.equigrid.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.equigrid.config.Scenario;
import org.equigrid.config.ScenarioReader;
import org.equigrid.experiments.output.ResultsWriter;
import org.equigrid.market.settlement.DaySettlement;
import org.equigrid.market.settlement.SettlementOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Days in parallel give the files of the sequential run, byte for byte. */
class ScenarioRunnerThreadsTest {

  private static final Path S4 =
      Path.of("../config/scenarios/s4-p2p-cost.yaml").toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  void run_oneOrThreeThreads_identicalFilesInDayOrder() throws Exception {
    // 12 households: the sampled settlement (its batches, control variates, counterfactuals)
    Scenario scenario =
        ScenarioReader.read(
            S4,
            Map.of(
                "community.generate.households",
                "12",
                "horizon.days",
                "4",
                "settlement.explain",
                "sample"));
    SettlementOptions options = SettlementOptions.defaults().withThreads(2);
    RunResult one =
        new ScenarioRunner(ProgressListener.silent(), options).withThreads(1).run(scenario);
    ScenarioRunner parallel = new ScenarioRunner(ProgressListener.silent(), options).withThreads(3);
    RunResult three = parallel.run(scenario);

    assertThat(one.days()).hasSize(4);
    assertThat(one.days())
        .allSatisfy(day -> assertThat(day.settlement().method()).isEqualTo(DaySettlement.SAMPLED));
    for (int d = 0; d < 4; d++) {
      assertThat(three.days().get(d).cleared().day().dayIndex()).isEqualTo(d);
    }
    Path a = dir.resolve("one");
    Path b = dir.resolve("three");
    new ResultsWriter("test").write(one, a);
    new ResultsWriter("test").write(three, b);
    List<Path> files = files(a);
    assertThat(files).isNotEmpty();
    assertThat(files(b)).isEqualTo(files);
    for (Path file : files) {
      assertThat(Files.readAllBytes(b.resolve(file)))
          .as(file.toString())
          .isEqualTo(Files.readAllBytes(a.resolve(file)));
    }
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }
}
