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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code reproduce --real-data} on the 17 CityLearn homes, one day, S1 (loads only) and S3 (PV and
 * batteries, no pool; the trading scenarios settle 17 homes by sampling, too slow for an IT on a
 * shared machine). Skipped without the data.
 */
class ReproduceRealDataIT {

  @TempDir Path dir;

  static Path citylearn() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("data").resolve("citylearn-2022");
      if (Files.isRegularFile(candidate.resolve("assets.json"))) {
        return candidate;
      }
    }
    return null;
  }

  @Test
  void reproduce_realDataOneDay_runsTheSeventeenHomesWithTheirOwnLoads() throws IOException {
    Path data = citylearn();
    Assumptions.assumeTrue(
        data != null, "shared/data/citylearn-2022 not found above the working directory");
    Path out = dir.resolve("out");
    CommandLine cli = EquigridCommand.commandLine();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err, true));
    int code =
        cli.execute(
            "reproduce",
            "--real-data",
            data.getParent().toString(),
            "--days",
            "1",
            "--only",
            "S1,S3",
            "--scenarios",
            Path.of("../config/scenarios").toAbsolutePath().normalize().toString(),
            "--out",
            out.toString());
    assertThat(code).as(err.toString()).isZero();

    JsonNode s1 =
        new ObjectMapper().readTree(out.resolve("s1-baseline-citylearn/summary.json").toFile());
    assertThat(s1.get("households").asInt()).isEqualTo(17);
    // Day 0 is 1 July (day 182); after the header and one skipped row the files start on 1 August
    // (day 213) and hold whole days that wrap: 1 July is file day (182 - 213) mod daysInFile.
    double load = 0;
    for (int k = 1; k <= 17; k++) {
      List<String> rows = Files.readAllLines(data.resolve("building_" + k + ".csv"));
      int daysInFile = (rows.size() - 2) / 24;
      int fileDay = Math.floorMod(182 - 213, daysInFile);
      for (int h = 0; h < 24; h++) {
        load += Double.parseDouble(rows.get(2 + 24 * fileDay + h).split(",")[3]);
      }
    }
    assertThat(s1.get("dayResults").get(0).get("loadKwh").asDouble()).isCloseTo(load, within(1e-4));
    assertThat(s1.get("dayResults").get(0).get("pvKwh").asDouble()).isZero();

    JsonNode s3 =
        new ObjectMapper()
            .readTree(out.resolve("s3-pv-battery-alone-citylearn/summary.json").toFile());
    assertThat(s3.get("dayResults").get(0).get("loadKwh").asDouble()).isCloseTo(load, within(1e-4));
    assertThat(s3.get("dayResults").get(0).get("pvKwh").asDouble()).isPositive();
    assertThat(s3.get("totals").get("meanPeakReductionVsBaseline").asDouble()).isPositive();
    assertThat(out.resolve("scenarios/s3-pv-battery-alone-citylearn.yaml"))
        .content()
        .contains("building_{key}.csv")
        .contains("pricing.csv")
        .contains("capacityKwh");

    List<String> csv = Files.readAllLines(out.resolve("reproduce.csv"));
    assertThat(csv.get(0))
        .startsWith("metric,unit,s1-baseline,s3-pv-battery-alone,paper,predecessor,definition");
    assertThat(out.resolve("reproduce.md")).content().contains("The 17 CityLearn 2022 homes");
  }
}
