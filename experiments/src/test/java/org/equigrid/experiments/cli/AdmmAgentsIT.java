package org.equigrid.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ADMM's scenario keys ({@code market.admm.*}) reach the agents' coordinator: a decentralised run
 * over the agents with the warm start across days and the averaged award writes the same {@code
 * negotiation.csv} rows, to the printed precision, as {@code bench negotiation} in process on the
 * same days (households without batteries, so that a day's start does not depend on the day before
 * beyond ADMM's own memory), messages and bytes apart (the agents count their own messages). The
 * mechanism column names the variant.
 */
class AdmmAgentsIT {

  @TempDir Path dir;

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    picocli.CommandLine cli = EquigridCommand.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  /** The quickstart without batteries, 6 households, ADMM with every opt-in key. */
  private Path scenario() throws IOException {
    String text = Files.readString(SweepCommandTest.QUICKSTART);
    text =
        text.replace("households: 10", "households: 6")
            .replace("batteryShare: 0.3", "batteryShare: 0.0")
            .replace(
                "  pricing: mid-market\n",
                "  pricing: mid-market\n"
                    + "  negotiation: admm\n"
                    + "  admm: {warmStart: true, averagedRounds: 3, maxRounds: 8, relaxation: 1.4}\n");
    assertThat(text).contains("warmStart: true").contains("batteryShare: 0.0");
    Path file = dir.resolve("admm-quickstart.yaml");
    Files.writeString(file, text);
    return file;
  }

  /** The rows without the messages and payloadBytes columns (the agents count their own). */
  private static List<String> comparable(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    List<String> header = Arrays.asList(lines.get(0).split(","));
    int messages = header.indexOf("messages");
    int bytes = header.indexOf("payloadBytes");
    List<String> rows = new ArrayList<>();
    for (String line : lines) {
      List<String> cells = new ArrayList<>(Arrays.asList(line.split(",", -1)));
      cells.remove(bytes);
      cells.remove(messages);
      rows.add(String.join(",", cells));
    }
    return rows;
  }

  @Test
  void agents_warmStartAndAveragedAward_sameRowsAsTheBenchInProcess() throws IOException {
    Path file = scenario();
    Path agents = dir.resolve("agents");
    Path bench = dir.resolve("bench");

    assertThat(
            run(
                "run",
                file.toString(),
                "--agents",
                "--mode",
                "decentralised",
                "--threads",
                "2",
                "--out",
                agents.toString()))
        .as(err.toString())
        .isZero();
    assertThat(
            run(
                "bench",
                "negotiation",
                "--scenario",
                file.toString(),
                "--mechanisms",
                "admm",
                "--sizes",
                "6",
                "--day",
                "0",
                "--days",
                "2",
                "--out",
                bench.toString()))
        .as(err.toString())
        .isZero();

    List<String> fromAgents = comparable(agents.resolve("negotiation.csv"));
    List<String> inProcess = comparable(bench.resolve("negotiation.csv"));
    assertThat(fromAgents).hasSize(1 + 2 * 8);
    assertThat(fromAgents.get(1)).startsWith("0,6,admm[relaxation=1.4;averagedRounds=3],cost,0,");
    assertThat(fromAgents).containsExactlyElementsOf(inProcess);

    // The check can fail: each day cold, day 0 is the same and day 1 is not.
    Path cold = dir.resolve("cold");
    assertThat(
            run(
                "bench",
                "negotiation",
                "--scenario",
                file.toString(),
                "--mechanisms",
                "admm",
                "--sizes",
                "6",
                "--days",
                "2",
                "--admm-warm-start",
                "false",
                "--out",
                cold.toString()))
        .as(err.toString())
        .isZero();
    List<String> coldRows = comparable(cold.resolve("negotiation.csv"));
    assertThat(afterMechanism(coldRows.subList(1, 9)))
        .isEqualTo(afterMechanism(fromAgents.subList(1, 9)));
    assertThat(afterMechanism(coldRows.subList(9, 17)))
        .isNotEqualTo(afterMechanism(fromAgents.subList(9, 17)));
  }

  /** The cells after the mechanism column (the third). */
  private static List<String> afterMechanism(List<String> rows) {
    return rows.stream().map(r -> r.split(",", 4)[3]).toList();
  }
}
