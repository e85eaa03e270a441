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
      List.of(
          "s1-baseline",
          "s2-pv-alone",
          "s3-pv-battery-alone",
          "s4-p2p-cost",
          "s5-p2p-static-equity");

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
            run(
                "reproduce",
                "--days",
                "1",
                "--set",
                "community.generate.households=6",
                "--scenarios",
                scenarios.toString(),
                "--out",
                out.toString()))
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
        .containsExactly(
            "metric",
            "unit",
            "s1-baseline",
            "s2-pv-alone",
            "s3-pv-battery-alone",
            "s4-p2p-cost",
            "s5-p2p-static-equity",
            "s6-adaptive-weights",
            "paper",
            "predecessor",
            "definition");
    assertThat(rows)
        .extracting(r -> r.get("metric"))
        .containsExactly(
            "meanPeakReductionVsBaseline",
            "meanPeakReductionVsStandalone",
            "meanPeakKw",
            "cooperativeGainEurPerDay",
            "cooperativeGainShare",
            "solarUtilisation",
            "selfSufficiency",
            "meanGiniEnergyBurdenBeforeSettlement",
            "meanGiniEnergyBurden",
            "meanGiniEnergyBurdenNetPayers",
            "meanLargestEnergyBurden",
            "meanShareEnergyBurdenAbove6Percent",
            "meanRawlsianMinimumAfterSettlement",
            "priceOfFairnessRatioOfSums");
    assertThat(rows)
        .allSatisfy(r -> assertThat(r.get("s6-adaptive-weights")).isEqualTo("not yet available"));
    assertThat(rows.get(0).get("paper")).isEqualTo("up to 72.6 (baseline not stated)");
    assertThat(rows.get(0).get("predecessor")).isEqualTo("7.8 to 62.6");

    // Every number is the run's summary.json total, shown in percent where the unit says so.
    for (String name : NAMES) {
      JsonNode summary =
          new ObjectMapper().readTree(out.resolve(name).resolve("summary.json").toFile());
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
    String main = md.substring(0, md.indexOf("## Settlement rules"));
    assertThat(main.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| metric")))
        .hasSize(14);

    // The settlement rules: one row per setting; a setting equal to the scenario reuses its run.
    List<CSVRecord> rules;
    try (CSVParser parser =
        CSVParser.builder()
            .setReader(Files.newBufferedReader(out.resolve("reproduce-rules.csv")))
            .setFormat(CSVFormat.DEFAULT.builder().setHeader().get())
            .get()) {
      rules = parser.getRecords();
    }
    assertThat(rules)
        .extracting(r -> r.get("folder"))
        .containsExactly(
            "s4-p2p-cost",
            "rules/S4-market",
            "rules/S4-rawlsian-relative-savings",
            "rules/S4-rawlsian-largest-burden",
            "rules/S4-floor2-rawlsian-largest-burden",
            "rules/S5-weighted-shapley",
            "rules/S5-shapley",
            "s5-p2p-static-equity",
            "rules/S5-rawlsian-relative-savings",
            "rules/S5-rawlsian-largest-burden");
    for (CSVRecord rule : rules) {
      JsonNode totals =
          new ObjectMapper()
              .readTree(out.resolve(rule.get("folder")).resolve("summary.json").toFile())
              .get("totals");
      assertThat(Double.parseDouble(rule.get("meanLargestEnergyBurden")))
          .isCloseTo(totals.get("meanLargestEnergyBurden").asDouble(), within(1e-6));
      // cut against the reference, from the file's own numbers
      assertThat(Double.parseDouble(rule.get("largestEnergyBurdenCut")))
          .isCloseTo(
              1
                  - Double.parseDouble(rule.get("meanLargestEnergyBurden"))
                      / Double.parseDouble(rules.get(0).get("meanLargestEnergyBurden")),
              within(1e-5));
    }
    // S5 marks LOW least advantaged, so its own total is the LOW mean the table reads from
    // households.csv
    JsonNode s5 =
        new ObjectMapper()
            .readTree(out.resolve("s5-p2p-static-equity/summary.json").toFile())
            .get("totals");
    assertThat(Double.parseDouble(rules.get(7).get("meanLeastAdvantagedEnergyBurden")))
        .isCloseTo(s5.get("meanLeastAdvantagedEnergyBurden").asDouble(), within(1e-6));
    // ... and the reference and the target's settings pooled over the four blocks of the year
    List<String> year = Files.readAllLines(out.resolve("reproduce-rules-year.csv"));
    assertThat(year).hasSize(4);
    assertThat(year.get(1))
        .contains(
            "s4-p2p-cost rules/S4-weighted-shapley-day273 rules/S4-weighted-shapley-day364 "
                + "rules/S4-weighted-shapley-day090");
    assertThat(year.get(3))
        .contains(
            "s5-p2p-static-equity rules/S5-market-day273"); // no S6 here: no adaptation runs to
    // reuse
    assertThat(md).contains("## The target over the year").contains("### Reading (the year)");
    assertThat(md)
        .contains("## Settlement rules against cost-only Shapley (S4)")
        .contains("### Reading (rules)")
        .contains("Cost-only Shapley (S4) leaves a largest burden of")
        .contains("S6 did not run");
  }

  @Test
  void reproduce_realDataFolderWithoutData_exitsTwo() {
    assertThat(run("reproduce", "--real-data", dir.toString(), "--scenarios", SCENARIOS.toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--real-data = " + dir + ": no CityLearn data there");
  }
}
