package org.equigrid.experiments.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.equigrid.config.Scenario;
import org.equigrid.config.ScenarioReader;
import org.equigrid.experiments.run.ProgressListener;
import org.equigrid.experiments.run.RunResult;
import org.equigrid.experiments.run.ScenarioRunner;
import org.equigrid.market.settlement.SettlementOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results written day by day are, byte for byte, those written from the whole run at the end, for
 * any number of day threads; a run that fails keeps its complete days and is not complete.
 */
class ResultsStreamTest {

  private static final Path SCENARIOS = Path.of("../config/scenarios").toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  void quickstartTwoDays_streamedOneOrTwoThreads_sameBytesAsWholeRun() throws Exception {
    assertStreamedEqualsWhole(scenario("quickstart", 2));
  }

  @Test
  void s4OneDay_streamedOneOrTwoThreads_sameBytesAsWholeRun() throws Exception {
    assertStreamedEqualsWhole(scenario("s4-p2p-cost", 1));
  }

  @Test
  void failureOnThirdDay_keepsTwoCompleteDays_folderNotComplete() throws Exception {
    Scenario scenario = scenario("quickstart", 3);
    Path whole = dir.resolve("whole");
    new ResultsWriter("test").write(runner(ProgressListener.silent(), 1).run(scenario), whole);
    Path failed = dir.resolve("failed");
    Files.createDirectories(failed);
    Files.copy(whole.resolve(Manifest.FILE_NAME), failed.resolve(Manifest.FILE_NAME)); // stale
    ProgressListener failOnThird =
        (finished, total, day, seconds) -> {
          if (finished == 2) {
            throw new IllegalStateException("stop after day index 1");
          }
        };
    try (ResultsStream stream = ResultsStream.open(new ResultsWriter("test"), scenario, failed)) {
      assertThatThrownBy(() -> runner(failOnThird, 1).run(scenario, stream::accept))
          .hasMessageContaining("stop after day index 1");
      assertThat(stream.days()).isEqualTo(2);
    }
    assertThat(Manifest.verified(failed, ResultsWriter.RESULT_FILES)).isFalse();
    assertThat(failed.resolve(Manifest.FILE_NAME)).doesNotExist();
    assertThat(failed.resolve(ResultsWriter.SUMMARY_JSON)).doesNotExist();
    for (String name :
        List.of(
            ResultsWriter.HOUSEHOLDS_CSV,
            ResultsWriter.INTERVALS_CSV,
            ResultsWriter.GROUPS_CSV,
            ResultsWriter.EXPLANATIONS_CSV)) {
      List<String> all = Files.readAllLines(whole.resolve(name));
      List<String> kept = Files.readAllLines(failed.resolve(name));
      long twoDays =
          all.stream()
              .skip(1)
              .filter(line -> line.startsWith("0,") || line.startsWith("1,"))
              .count();
      assertThat(kept).as(name).hasSize(1 + (int) twoDays);
      assertThat(kept).as(name).isEqualTo(all.subList(0, kept.size()));
      assertThat(Files.readString(failed.resolve(name))).as(name).endsWith("\n");
    }
    List<String> households = Files.readAllLines(failed.resolve(ResultsWriter.HOUSEHOLDS_CSV));
    assertThat(households.get(households.size() - 1)).startsWith("1,");
  }

  private void assertStreamedEqualsWhole(Scenario scenario) throws IOException {
    Path whole = dir.resolve("whole");
    RunResult result = runner(ProgressListener.silent(), 1).run(scenario);
    new ResultsWriter("test").write(result, whole);
    List<Path> files = files(whole);
    assertThat(files)
        .extracting(Path::toString)
        .contains(ResultsWriter.HOUSEHOLDS_CSV, ResultsWriter.SUMMARY_JSON, Manifest.FILE_NAME);
    for (int threads : new int[] {1, 2}) {
      Path streamed = dir.resolve("streamed-" + threads);
      try (ResultsStream stream =
          ResultsStream.open(new ResultsWriter("test"), scenario, streamed)) {
        int days = runner(ProgressListener.silent(), threads).run(scenario, stream::accept);
        assertThat(days).isEqualTo(scenario.days());
        stream.finish();
      }
      assertThat(files(streamed)).as("threads %d", threads).isEqualTo(files);
      for (Path file : files) {
        assertThat(Files.readAllBytes(streamed.resolve(file)))
            .as("%s, threads %d", file, threads)
            .isEqualTo(Files.readAllBytes(whole.resolve(file)));
      }
      assertThat(Manifest.verified(streamed, ResultsWriter.RESULT_FILES)).isTrue();
    }
  }

  private static ScenarioRunner runner(ProgressListener progress, int threads) {
    return new ScenarioRunner(progress, SettlementOptions.defaults().withThreads(1))
        .withThreads(threads);
  }

  private static Scenario scenario(String name, int days) throws Exception {
    return ScenarioReader.read(
        SCENARIOS.resolve(name + ".yaml"), Map.of("horizon.days", Integer.toString(days)));
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }
}
