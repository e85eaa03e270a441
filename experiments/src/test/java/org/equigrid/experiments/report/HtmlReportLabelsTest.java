package org.equigrid.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.equigrid.experiments.cli.EquigridCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The run report reads like a report: a human label for every total, the explanations inside the
 * page.
 */
class HtmlReportLabelsTest {

  private static final Path S5 =
      Path.of("../config/scenarios/s5-p2p-static-equity.yaml").toAbsolutePath().normalize();

  @Test
  void report_everyTotalHasAHumanLabelAndTheTableScrollsInsideThePage(@TempDir Path dir)
      throws Exception {
    CommandLine cli = EquigridCommand.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    Path out = dir.resolve("run");
    assertThat(
            cli.execute(
                "run",
                S5.toString(),
                "--days",
                "1",
                "--set",
                "community.generate.households=4",
                "--out",
                out.toString()))
        .as(err.toString())
        .isZero();

    List<String> unlabelled = new ArrayList<>();
    new ObjectMapper()
        .readTree(out.resolve("summary.json").toFile())
        .get("totals")
        .fieldNames()
        .forEachRemaining(
            key -> {
              if (!key.endsWith("UndefinedReason") && HtmlReport.label(key).equals(key)) {
                unlabelled.add(key);
              }
            });
    assertThat(unlabelled).as("totals without a human label in HtmlReport.METRIC_LABELS").isEmpty();

    String html = Files.readString(out.resolve(HtmlReport.REPORT_HTML));
    assertThat(html)
        .contains("How to read this page")
        .contains("<dt title=\"meanPeakReductionVsBaseline\">Peak reduction vs the no-DER baseline")
        .contains("<div class=\"scroll\">\n<table id=\"explanations\">")
        .contains("bill B = C0 − φ (EUR)")
        .doesNotContain("<dt>meanGiniEnergyBurden</dt>");
  }
}
