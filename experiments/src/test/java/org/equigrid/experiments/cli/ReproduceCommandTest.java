package org.equigrid.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The reproduce table's shape on the reference scenarios shrunk to 6 households and 1 day. */
class ReproduceCommandTest {

  static final Path SCENARIOS = Path.of("../config/scenarios").toAbsolutePath().normalize();
  static final List<String> NAMES =
      List.of("s1-baseline", "s2-pv-alone", "s3-pv-battery-alone", "s4-p2p-cost", "s5-p2p-static-equity");

  @TempDir Path dir;

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = EquigridCommand.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void reproduce_sixHouseholdsOneDay_writesTheTableBesideThePaper() throws IOException {
    // A copy of S1-S5 only, so the test does not depend on whether S6 has arrived.
    Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
    for (String name : NAMES) {
      Files.copy(SCENARIOS.resolve(name + ".yaml"), scenarios.resolve(name + ".yaml"));
    }
    Path out = dir.resolve("out");
    assertThat(
            run("reproduce", "--days", "1", "--set", "community.generate.households=6",
                "--scenarios", scenarios.toString(), "--out", out.toString()))
        .isZero();

    List<CSVRecord> rows;
    List<String> header;
    try (CSVParser parser =
        CSVParser.builder()
            .setReader(Files.newBufferedReader(out.resolve("reproduce.csv")))
            .setFormat(CSVFormat.DEFAULT.builder().setHeader().get())
            .get()) {
      rows = parser.getRecords();
      header = parser.getHeaderNames();
    }
    assertThat(header)
        .containsExactly("metric", "unit", "s1-baseline", "s2-pv-alone", "s3-pv-battery-alone", "s4-p2p-cost",
            "s5-p2p-static-equity", "s6-adaptive-weights", "paper", "predecessor", "definition");
    assertThat(rows).extracting(r -> r.get("metric"))
        .containsExactly("meanPeakReductionVsBaseline", "meanPeakReductionVsStandalone", "meanPeakKw",
            "cooperativeGainEurPerDay", "cooperativeGainShare", "solarUtilisation", "selfSufficiency",
            "meanGiniEnergyBurdenBeforeSettlement", "meanGiniEnergyBurden", "meanGiniEnergyBurdenNetPayers",
            "meanLargestEnergyBurden", "meanShareEnergyBurdenAbove6Percent", "meanRawlsianMinimumAfterSettlement",
            "priceOfFairnessRatioOfSums");
    assertThat(rows).allSatisfy(r -> assertThat(r.get("s6-adaptive-weights")).isEqualTo("not yet available"));
    assertThat(rows.get(0).get("paper")).isEqualTo("up to 72.6 (baseline not stated)");
    assertThat(rows.get(0).get("predecessor")).isEqualTo("7.8 to 62.6");

    // Every number is the run's summary.json total, shown in percent where the unit says so.
    for (String name : NAMES) {
      JsonNode summary = new ObjectMapper().readTree(out.resolve(name).resolve("summary.json").toFile());
      JsonNode totals = summary.get("totals");
      assertThat(summary.get("days").asInt()).isEqualTo(1);
      assertThat(summary.get("households").asInt()).isEqualTo(6);
      assertThat(out.resolve(name).resolve("report.html")).exists();
      assertThat(Double.parseDouble(rows.get(0).get(name)))
          .isCloseTo(100 * totals.get("meanPeakReductionVsBaseline").asDouble(), within(1e-6));
      assertThat(Double.parseDouble(rows.get(3).get(name)))
          .isCloseTo(totals.get("cooperativeGainEurPerDay").asDouble(), within(1e-6));
      if (totals.get("meanGiniEnergyBurden").isNull()) { // undefined: an empty cell
        assertThat(rows.get(8).get(name)).isEmpty();
      } else {
        assertThat(Double.parseDouble(rows.get(8).get(name)))
            .isCloseTo(totals.get("meanGiniEnergyBurden").asDouble(), within(1e-6));
      }
    }
    // S1 has no DER and no pool: no peak reduction, no gain.
    assertThat(Double.parseDouble(rows.get(0).get("s1-baseline"))).isCloseTo(0, within(1e-9));
    assertThat(Double.parseDouble(rows.get(3).get("s1-baseline"))).isCloseTo(0, within(1e-9));
    // ... and so no price of fairness: undefined, an empty cell
    assertThat(rows.get(13).get("s1-baseline")).isEmpty();

    String md = Files.readString(out.resolve("reproduce.md"));
    assertThat(md)
        .contains("| metric | unit | S1 | S2 | S3 | S4 | S5 | S6 | paper | predecessor |")
        .contains("Synthetic community: 6 households, 1 day from day of year 182, seed 2024")
        .contains("## Definitions")
        .contains("S6 = `s6-adaptive-weights` (not yet available)")
        .contains("## Reading")
        .contains("S6 (adaptive weights learnt by the PPO agent) is not yet available");
    assertThat(md.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| metric"))).hasSize(14);
  }

  @Test
  void reproduce_realDataFolderWithoutData_exitsTwo() {
    assertThat(run("reproduce", "--real-data", dir.toString(), "--scenarios", SCENARIOS.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--real-data = " + dir + ": no CityLearn data there");
  }
}
