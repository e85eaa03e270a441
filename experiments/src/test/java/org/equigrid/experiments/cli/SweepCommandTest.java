package org.equigrid.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A tiny sweep end to end: 2 runs x 1 day x quickstart with 4 households, then resumed. */
class SweepCommandTest {

  static final Path QUICKSTART =
      Path.of("../config/scenarios/quickstart.yaml").toAbsolutePath().normalize();

  @TempDir Path dir;

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = EquigridCommand.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void sweep_twoRuns_writesTidyCsvParetoAndResumesBySkipping() throws IOException {
    Path file = dir.resolve("tiny.yaml");
    Files.writeString(
        file,
        """
        base: %s
        days: 1
        set: {community.generate.households: 4}
        runs:
          - {equity.rawlsianStrengthEur: 0}
          - {equity.rawlsianStrengthEur: 5}
        pareto: [communityCostEur, meanGiniEnergyBurden]
        """
            .formatted(QUICKSTART));
    Path out = dir.resolve("out");

    assertThat(run("sweep", file.toString(), "--out", out.toString(), "--parallel", "1")).isZero();

    List<String> csv = Files.readAllLines(out.resolve("sweep.csv"));
    assertThat(csv).hasSize(3);
    assertThat(csv.get(0))
        .startsWith(
            "runId,equity.rawlsianStrengthEur,seed,days,households,standaloneCostEur,communityCostEur,")
        .contains(",priceOfFairnessRatioOfSums,")
        .endsWith(",meanLeastAdvantagedEnergyBurden,meanLeastAdvantagedBillEur,degradedDays");
    assertThat(csv.get(1)).startsWith("run-001-seed7,0,7,1,4,");
    assertThat(csv.get(2)).startsWith("run-002-seed7,5,7,1,4,");
    for (String run : List.of("run-001-seed7", "run-002-seed7")) {
      assertThat(out.resolve(run).resolve("summary.json")).exists();
      assertThat(out.resolve(run).resolve("report.html")).exists();
    }
    // The cost of the unweighted run is each row's communityCostEur; check the csv against
    // summary.json.
    String summary = Files.readString(out.resolve("run-001-seed7/summary.json"));
    String cost = csv.get(1).split(",")[6];
    assertThat(summary).contains("\"communityCostEur\" : " + cost);
    List<String> pareto = Files.readAllLines(out.resolve("pareto.csv"));
    assertThat(pareto.get(0)).startsWith("communityCostEur,meanGiniEnergyBurden,meanPeakKw,runId,");
    assertThat(pareto.size()).isBetween(2, 3);
    assertThat(out.resolve("report.html")).content().contains("Pareto front");

    // Resume: both runs are complete, so nothing runs again and the files stay as they were.
    FileTime before = Files.getLastModifiedTime(out.resolve("run-001-seed7/summary.json"));
    String sweepBefore = Files.readString(out.resolve("sweep.csv"));
    assertThat(run("sweep", file.toString(), "--out", out.toString(), "--parallel", "1")).isZero();
    assertThat(Files.getLastModifiedTime(out.resolve("run-001-seed7/summary.json")))
        .isEqualTo(before);
    assertThat(out.resolve("sweep.csv")).hasContent(sweepBefore.stripTrailing());

    // A changed sweep reruns only what changed: a third run is added, the first two are skipped.
    Files.writeString(
        file,
        Files.readString(file)
            .replace(
                "  - {equity.rawlsianStrengthEur: 5}\n",
                "  - {equity.rawlsianStrengthEur: 5}\n  - {equity.rawlsianStrengthEur: 2}\n"));
    assertThat(run("sweep", file.toString(), "--out", out.toString(), "--parallel", "1")).isZero();
    assertThat(Files.getLastModifiedTime(out.resolve("run-001-seed7/summary.json")))
        .isEqualTo(before);
    assertThat(Files.readAllLines(out.resolve("sweep.csv"))).hasSize(4);
  }

  /** Found by KillIT: a sweep killed after a run's manifest but before its report.html. */
  @Test
  void sweep_runWithoutItsReport_isRunAgain() throws IOException {
    Path file = dir.resolve("one.yaml");
    Files.writeString(
        file,
        """
        base: %s
        days: 1
        set: {community.generate.households: 3}
        grid: {equity.rawlsianStrengthEur: [0]}
        """
            .formatted(QUICKSTART));
    Path out = dir.resolve("out");
    assertThat(run("sweep", file.toString(), "--out", out.toString(), "--parallel", "1")).isZero();
    byte[] report = Files.readAllBytes(out.resolve("run-001-seed7/report.html"));
    Files.delete(out.resolve("run-001-seed7/report.html"));
    assertThat(run("sweep", file.toString(), "--out", out.toString(), "--parallel", "1")).isZero();
    assertThat(out.resolve("run-001-seed7/report.html")).hasBinaryContent(report);
  }

  @Test
  void sweep_incompleteSummary_isRunAgain() throws IOException {
    Path file = dir.resolve("one.yaml");
    Files.writeString(
        file,
        """
        base: %s
        days: 1
        set: {community.generate.households: 3}
        grid: {equity.rawlsianStrengthEur: [0]}
        """
            .formatted(QUICKSTART));
    Path out = dir.resolve("out");
    Files.createDirectories(out.resolve("run-001-seed7"));
    Files.writeString(out.resolve("run-001-seed7/summary.json"), "{\"totals\": {");
    assertThat(run("sweep", file.toString(), "--out", out.toString(), "--parallel", "1")).isZero();
    assertThat(out.resolve("run-001-seed7/summary.json")).content().contains("\"dayResults\"");
    assertThat(Files.readAllLines(out.resolve("sweep.csv"))).hasSize(2);
    assertThat(out.resolve("pareto.csv")).doesNotExist();
  }

  @Test
  void sweep_damagedResultsFileBesideAGoodSummary_isRunAgain() throws IOException {
    Path file = dir.resolve("one.yaml");
    Files.writeString(
        file,
        """
        base: %s
        days: 1
        set: {community.generate.households: 3}
        grid: {equity.rawlsianStrengthEur: [0]}
        """
            .formatted(QUICKSTART));
    Path out = dir.resolve("out");
    assertThat(run("sweep", file.toString(), "--out", out.toString(), "--parallel", "1")).isZero();
    Path households = out.resolve("run-001-seed7/households.csv");
    String whole = Files.readString(households);
    Files.writeString(
        households, whole.substring(0, whole.length() / 2)); // summary.json still parses
    assertThat(run("sweep", file.toString(), "--out", out.toString(), "--parallel", "1")).isZero();
    assertThat(households).hasContent(whole.stripTrailing());
  }

  @Test
  void sweep_badFile_exitsTwoWithEveryProblem() throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file, "base: %s\ndays: -1\ngrid: {equity.rawlsianStrengthEur: []}\n".formatted(QUICKSTART));
    assertThat(run("sweep", file.toString(), "--out", dir.resolve("out").toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains("bad.yaml: days = -1: must be a whole number >= 1")
        .contains("bad.yaml: grid.equity.rawlsianStrengthEur = []: must be a non-empty list");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void sweep_parallelBeyondTheCores_exitsTwo() throws IOException {
    Path file = dir.resolve("ok.yaml");
    Files.writeString(
        file, "base: %s\ngrid: {equity.rawlsianStrengthEur: [0]}\n".formatted(QUICKSTART));
    assertThat(run("sweep", file.toString(), "--parallel", "100000")).isEqualTo(2);
    assertThat(err.toString()).contains("--parallel = 100000: must be in [1, ");
  }
}
