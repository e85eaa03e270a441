package org.equigrid.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.equigrid.config.Scenario;
import org.equigrid.config.ScenarioReader;
import org.equigrid.experiments.output.ResultsStream;
import org.equigrid.experiments.output.ResultsWriter;
import org.equigrid.market.day.SettledDay;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.Household;
import org.equigrid.market.settlement.DaySettlement;
import org.equigrid.market.settlement.SettlementOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Days in parallel give the files of the sequential run, byte for byte, also when their speculative
 * starts are wrong and they are run again.
 */
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

  /**
   * Every speculative day starts from a wrong state of charge (each battery at the middle of its
   * range, which no day of the run starts from), so every day is run again from the right state:
   * the streamed files are still those of the sequential run, byte for byte.
   */
  @Test
  void run_twoThreadsEverySpeculativeStartWrong_daysRunAgain_identicalStreamedFiles()
      throws Exception {
    Scenario scenario =
        ScenarioReader.read(
            S4.resolveSibling("quickstart.yaml"),
            Map.of("horizon.days", "3", "settlement.explain", "sample"));
    List<Household> households = scenario.households();
    UnaryOperator<double[]> middle =
        soc -> {
          double[] guess = soc.clone();
          for (int i = 0; i < guess.length; i++) {
            if (households.get(i).hasBattery()) {
              Battery battery = households.get(i).battery();
              guess[i] = 0.5 * (battery.socMinKwh() + battery.socMaxKwh());
            }
          }
          return guess;
        };
    SettlementOptions options = SettlementOptions.defaults().withThreads(1);
    RunResult one =
        new ScenarioRunner(ProgressListener.silent(), options).withThreads(1).run(scenario);
    // the guess is wrong for every day: a day started from it would be another day
    assertThat(households).anyMatch(Household::hasBattery);
    for (SettledDay day : one.days()) {
      double[] start = day.cleared().day().initialSocKwh();
      assertThat(middle.apply(start)).isNotEqualTo(start);
    }
    Path sequential = dir.resolve("sequential");
    new ResultsWriter("test").write(one, sequential);

    ScenarioRunner wrong =
        new ScenarioRunner(ProgressListener.silent(), options)
            .withThreads(2)
            .withSpeculatedStart(middle);
    Path streamed = dir.resolve("streamed");
    try (ResultsStream stream = ResultsStream.open(new ResultsWriter("test"), scenario, streamed)) {
      assertThat(wrong.run(scenario, stream::accept)).isEqualTo(3);
      stream.finish();
    }

    assertThat(wrong.rerunDays()).isGreaterThanOrEqualTo(3);
    List<Path> files = files(sequential);
    assertThat(files).isNotEmpty();
    assertThat(files(streamed)).isEqualTo(files);
    for (Path file : files) {
      assertThat(Files.readAllBytes(streamed.resolve(file)))
          .as(file.toString())
          .isEqualTo(Files.readAllBytes(sequential.resolve(file)));
    }
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }
}
