package org.equigrid.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.equigrid.agents.protocol.TraceWriter;
import org.equigrid.experiments.output.ResultsWriter;
import org.equigrid.experiments.output.StrategyReport;
import org.equigrid.experiments.sweep.SweepTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A sweep over the bidding strategy end to end: a truthful run in-process and a strategic one
 * through the agents, in parallel; the strategic run equals {@code run --agents --strategy}; the
 * deviators' gain is in sweep.csv; resuming skips both, and a changed strategy reruns only its run.
 */
class SweepStrategyIT {

  @TempDir Path dir;

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = EquigridCommand.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private int sweep(Path file, Path out) {
    String parallel = Integer.toString(Math.min(2, Runtime.getRuntime().availableProcessors()));
    return run("sweep", file.toString(), "--out", out.toString(), "--parallel", parallel);
  }

  @Test
  void sweep_truthfulAndInflate_agentRunEqualsRunAgentsAndGainIsInSweepCsv_resumable()
      throws IOException {
    Path file = dir.resolve("strategies.yaml");
    Files.writeString(
        file,
        """
        base: %s
        days: 1
        set: {community.generate.households: 4, strategy.households: [h001, h003]}
        grid: {strategy: [truthful, inflate-peak]}
        """
            .formatted(SweepCommandTest.QUICKSTART));
    Path out = dir.resolve("out");

    assertThat(sweep(file, out)).as(err.toString()).isZero();

    List<String> csv = Files.readAllLines(out.resolve("sweep.csv"));
    assertThat(csv).hasSize(3);
    assertThat(csv.get(0))
        .startsWith("runId,strategy,seed,days,households,")
        .endsWith("," + String.join(",", SweepTable.DEVIATION_COLUMNS));
    assertThat(csv.get(1)).startsWith("run-001-seed7,truthful,7,1,4,").endsWith(",truthful,0,,0,0");
    assertThat(csv.get(2))
        .startsWith("run-002-seed7,inflate-peak,7,1,4,")
        .contains(",inflate-peak,2,h001 h003,");
    Path truthful = out.resolve("run-001-seed7");
    Path inflate = out.resolve("run-002-seed7");
    assertThat(truthful.resolve(StrategyReport.STRATEGIES_CSV)).doesNotExist();
    assertThat(truthful.resolve(TraceWriter.FILE_NAME)).as("in-process").doesNotExist();
    assertThat(inflate.resolve(TraceWriter.FILE_NAME)).as("through the agents").exists();

    // The strategic run is `run --agents` with the same strategies.
    Path reference = dir.resolve("reference");
    assertThat(
            run(
                "run",
                SweepCommandTest.QUICKSTART.toString(),
                "--set",
                "community.generate.households=4",
                "--days",
                "1",
                "--agents",
                "--strategy",
                "h001=inflate-peak",
                "--strategy",
                "h003=inflate-peak",
                "--out",
                reference.toString()))
        .as(err.toString())
        .isZero();
    for (String name :
        List.of(
            StrategyReport.STRATEGIES_CSV,
            ResultsWriter.HOUSEHOLDS_CSV,
            ResultsWriter.INTERVALS_CSV)) {
      assertThat(Files.readString(inflate.resolve(name)))
          .as(name)
          .isEqualTo(Files.readString(reference.resolve(name)));
    }

    // deviatorsGainEur is the deviators' sum of strategies.csv, othersGainEur the truthful ones'.
    double deviators = 0;
    double others = 0;
    List<String> strategies = Files.readAllLines(inflate.resolve(StrategyReport.STRATEGIES_CSV));
    assertThat(strategies).hasSize(5);
    for (String line : strategies.subList(1, strategies.size())) {
      String[] cells = line.split(",");
      if (cells[0].equals("h001") || cells[0].equals("h003")) {
        assertThat(cells[1]).isEqualTo("inflate-peak");
        deviators += Double.parseDouble(cells[4]);
      } else {
        assertThat(cells[1]).isEqualTo("truthful");
        others += Double.parseDouble(cells[4]);
      }
    }
    String[] row = csv.get(2).split(",");
    assertThat(Double.parseDouble(row[row.length - 2])).isCloseTo(deviators, within(2e-6));
    assertThat(Double.parseDouble(row[row.length - 1])).isCloseTo(others, within(2e-6));
    assertThat(deviators).as("inflating the evening peak changes the deviators' bills").isNotZero();

    // Resume: both complete, nothing reruns.
    FileTime truthfulBefore =
        Files.getLastModifiedTime(truthful.resolve(ResultsWriter.SUMMARY_JSON));
    FileTime inflateBefore = Files.getLastModifiedTime(inflate.resolve(ResultsWriter.SUMMARY_JSON));
    assertThat(sweep(file, out)).isZero();
    assertThat(Files.getLastModifiedTime(truthful.resolve(ResultsWriter.SUMMARY_JSON)))
        .isEqualTo(truthfulBefore);
    assertThat(Files.getLastModifiedTime(inflate.resolve(ResultsWriter.SUMMARY_JSON)))
        .isEqualTo(inflateBefore);
    assertThat(Files.readAllLines(out.resolve("sweep.csv"))).isEqualTo(csv);

    // Another strategy for the second run: the same scenario, but the run is not complete any more.
    Files.writeString(
        file,
        Files.readString(file)
            .replace("[truthful, inflate-peak]", "[truthful, withhold-flexibility]"));
    assertThat(sweep(file, out)).isZero();
    assertThat(Files.getLastModifiedTime(truthful.resolve(ResultsWriter.SUMMARY_JSON)))
        .isEqualTo(truthfulBefore);
    assertThat(inflate.resolve(StrategyReport.STRATEGIES_CSV))
        .content()
        .contains("h001,withhold-flexibility,");
    assertThat(Files.readAllLines(out.resolve("sweep.csv")).get(2))
        .contains(",withhold-flexibility,2,h001 h003,");
  }

  @Test
  void sweep_misspelledStrategy_exitsTwoNamingFileFieldValueAndTheWayOut() throws IOException {
    Path file = dir.resolve("typo.yaml");
    Files.writeString(
        file,
        """
        base: %s
        set: {strategy.households: 1}
        runs: [{strategy: withold-flexibility}]
        """
            .formatted(SweepCommandTest.QUICKSTART));
    assertThat(run("sweep", file.toString(), "--out", dir.resolve("out").toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains(
            file
                + ": runs[0].strategy = withold-flexibility: unknown bidding strategy;"
                + " allowed: truthful, withhold-flexibility, inflate-peak, noisy-forecast. Maybe you meant withhold-flexibility?");
    assertThat(dir.resolve("out")).doesNotExist();
  }
}
