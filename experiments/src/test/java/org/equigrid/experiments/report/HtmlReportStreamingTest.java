package org.equigrid.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.equigrid.config.Scenario;
import org.equigrid.config.ScenarioReader;
import org.equigrid.experiments.output.ResultsStream;
import org.equigrid.experiments.output.ResultsWriter;
import org.equigrid.experiments.run.ProgressListener;
import org.equigrid.experiments.run.ScenarioRunner;
import org.equigrid.market.settlement.SettlementOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report read row by row from a streamed run shows the same figures as the report built by
 * reading every CSV file whole ({@link HtmlReportBeforeStreaming}): the same totals, the same chart
 * data (every point of every series), the same explanation table.
 */
class HtmlReportStreamingTest {

  private static final Path SCENARIOS = Path.of("../config/scenarios").toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  void quickstartThreeDaysStreamed_reportRowByRow_sameFiguresAsWholeFiles() throws Exception {
    Scenario scenario =
        ScenarioReader.read(SCENARIOS.resolve("quickstart.yaml"), Map.of("horizon.days", "3"));
    Path streamed = dir.resolve("streamed");
    try (ResultsStream stream = ResultsStream.open(new ResultsWriter("test"), scenario, streamed)) {
      new ScenarioRunner(ProgressListener.silent(), SettlementOptions.defaults().withThreads(1))
          .withThreads(2)
          .run(scenario, stream::accept);
      stream.finish();
    }
    Path whole = dir.resolve("whole");
    Files.createDirectories(whole);
    try (Stream<Path> files = Files.list(streamed)) {
      for (Path file : files.toList()) {
        Files.copy(file, whole.resolve(file.getFileName()));
      }
    }

    String rowByRow = Files.readString(HtmlReport.write(streamed));
    String before = Files.readString(HtmlReportBeforeStreaming.write(whole));

    // not vacuous: every chart of a run is there, and the table has a row per household and day
    String charts = section(rowByRow, "const charts = ", ";\n");
    assertThat(charts)
        .contains(
            "\"id\":\"energy\"",
            "\"id\":\"peaks\"",
            "\"id\":\"equity\"",
            "\"id\":\"households\"",
            "\"id\":\"groups\"");
    String table = section(rowByRow, "<table id=\"explanations\">", "</table>");
    long explanationRows =
        Files.readAllLines(streamed.resolve(ResultsWriter.EXPLANATIONS_CSV)).size() - 1;
    assertThat(explanationRows).isEqualTo(3L * scenario.households().size());
    assertThat(table.split("<tr>", -1)).hasSize(1 + 1 + (int) explanationRows); // + the header
    // a small run shows every row, and the page says so (the only sentence the size cap added)
    assertThat(rowByRow)
        .contains(
            "<p id=\"explanations-shown\">All "
                + explanationRows
                + " rows of <a href=\"explanations.csv\">explanations.csv</a> are shown");

    assertThat(charts).isEqualTo(section(before, "const charts = ", ";\n"));
    assertThat(table).isEqualTo(section(before, "<table id=\"explanations\">", "</table>"));
    assertThat(section(rowByRow, "<h2>Totals</h2>", "</dl>"))
        .isEqualTo(section(before, "<h2>Totals</h2>", "</dl>"));
  }

  private static String section(String html, String from, String to) {
    int start = html.indexOf(from);
    assertThat(start).as("'%s' in the report", from).isNotNegative();
    int end = html.indexOf(to, start + from.length());
    assertThat(end).as("'%s' after '%s'", to, from).isPositive();
    return html.substring(start, end);
  }
}
