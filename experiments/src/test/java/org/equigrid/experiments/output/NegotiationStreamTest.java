package org.equigrid.experiments.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.equigrid.agents.coordinator.CoordinatorSettings;
import org.equigrid.agents.coordinator.MarketMode;
import org.equigrid.agents.platform.NegotiationGap;
import org.equigrid.agents.platform.PlatformOptions;
import org.equigrid.agents.platform.ScenarioRun;
import org.equigrid.config.Scenario;
import org.equigrid.config.ScenarioReader;
import org.equigrid.experiments.run.AgentRunner;
import org.equigrid.experiments.run.ProgressListener;
import org.equigrid.market.negotiation.NegotiationLog;
import org.equigrid.market.negotiation.RoundRecord;
import org.equigrid.market.settlement.SettlementOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code negotiation-days.csv} and {@code negotiation.csv} written day by day are byte for byte the
 * files written from the whole run at the end.
 */
class NegotiationStreamTest {

  private static final Path SCENARIOS = Path.of("../config/scenarios").toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  void stream_randomDays_sameBytesAsWholeFiles() throws Exception {
    Random random = new Random(7);
    List<NegotiationGap> gaps = new ArrayList<>();
    List<NegotiationLog> rounds = new ArrayList<>();
    try (NegotiationStream stream = NegotiationStream.open(dir)) {
      for (int day = 0; day < 4; day++) {
        List<NegotiationLog> dayRounds = new ArrayList<>();
        int count = day == 2 ? 0 : 1 + random.nextInt(5); // a day may have no rounds
        for (int k = 0; k < count; k++) {
          RoundRecord round =
              new RoundRecord(
                  k,
                  new double[] {random.nextDouble(), -random.nextDouble()},
                  random.nextDouble(),
                  k % 2 == 0 ? Double.NaN : random.nextDouble(),
                  10 + random.nextDouble(),
                  9 + random.nextDouble(),
                  10 + random.nextDouble(),
                  random.nextInt(100),
                  random.nextInt(1000));
          dayRounds.add(new NegotiationLog(day, 5, "admm", "cost, weighted", round, 10.0));
        }
        NegotiationGap gap =
            new NegotiationGap(
                day,
                "decentralised",
                count,
                Math.max(0, count - 1),
                day % 2 == 0,
                10 + random.nextDouble(),
                10.0,
                "OPTIMAL",
                50.0,
                day == 1 ? Double.NaN : 1e-3);
        stream.accept(gap, dayRounds);
        gaps.add(gap);
        rounds.addAll(dayRounds);
        // each day is on disk as soon as it is accepted
        assertThat(Files.readString(dir.resolve(NegotiationDaysCsv.FILE_NAME)))
            .isEqualTo(NegotiationDaysCsv.csv(gaps));
      }
    }
    assertThat(rounds).isNotEmpty();
    assertThat(Files.readString(dir.resolve(NegotiationCsv.FILE_NAME)))
        .isEqualTo(NegotiationCsv.csv(rounds));
    assertThat(Files.readString(dir.resolve(NegotiationDaysCsv.FILE_NAME)))
        .isEqualTo(NegotiationDaysCsv.csv(gaps));
  }

  /**
   * A decentralised agent run of two days: the files it streamed equal the ones written from the
   * rounds and gaps it kept; a run writing its results as they come keeps no rounds.
   */
  @Test
  void decentralisedAgentRun_streamedFilesEqualWholeFiles() throws Exception {
    Scenario scenario =
        ScenarioReader.read(
            SCENARIOS.resolve("quickstart.yaml"),
            Map.of("community.generate.households", "5", "horizon.days", "2"));
    ScenarioRun.Options options =
        new ScenarioRun.Options(
            CoordinatorSettings.defaults(MarketMode.DECENTRALISED).withReplyTimeoutMillis(60_000),
            PlatformOptions.loopback(),
            SettlementOptions.defaults(),
            Map.of(),
            java.util.Set.of(),
            0);
    Path kept = dir.resolve("kept");
    AgentRunner.Outcome outcome =
        new AgentRunner(options, ProgressListener.silent(), null, platform -> {})
            .run(scenario, kept);
    assertThat(outcome.gaps()).hasSize(2);
    assertThat(outcome.rounds()).isNotEmpty();
    assertThat(Files.readString(kept.resolve(NegotiationCsv.FILE_NAME)))
        .isEqualTo(NegotiationCsv.csv(outcome.rounds()));
    assertThat(Files.readString(kept.resolve(NegotiationDaysCsv.FILE_NAME)))
        .isEqualTo(NegotiationDaysCsv.csv(outcome.gaps()));

    Path streamed = dir.resolve("streamed");
    AgentRunner.Outcome written =
        new AgentRunner(options, ProgressListener.silent(), null, platform -> {})
            .runWritingResults(scenario, streamed, new ResultsWriter("test"));
    assertThat(written.rounds()).isEmpty();
    assertThat(written.gaps()).hasSize(2);
    int rounds = written.gaps().stream().mapToInt(NegotiationGap::rounds).sum();
    assertThat(Files.readAllLines(streamed.resolve(NegotiationCsv.FILE_NAME))).hasSize(1 + rounds);
    assertThat(Files.readString(streamed.resolve(NegotiationDaysCsv.FILE_NAME)))
        .isEqualTo(NegotiationDaysCsv.csv(written.gaps()));
    assertThat(Manifest.verified(streamed, ResultsWriter.RESULT_FILES)).isTrue();
  }
}
