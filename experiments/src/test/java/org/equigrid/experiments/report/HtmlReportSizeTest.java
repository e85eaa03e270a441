package org.equigrid.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page's size is bounded whatever the days and households: synthetic results folders (CSV files
 * written directly, no run) large enough to cross {@link HtmlReport#MAX_EXPLANATION_ROWS} and
 * {@link HtmlReport#MAX_ENERGY_DAYS}.
 */
class HtmlReportSizeTest {

  /** A sentence of about the length of a run's (400 characters). */
  private static final String SENTENCE = "x".repeat(380);

  @TempDir Path dir;

  @Test
  void longRun_showsTheLastDayOnly_andSaysHowManyOfHowMany() throws IOException {
    Path run = folder("long", 60, 100);
    String page = Files.readString(HtmlReport.write(run));

    assertThat(page)
        .contains(
            "Shown: 100 of 6000 rows of <a href=\"explanations.csv\">explanations.csv</a>:"
                + " every household's explanation on the last day (day 59).");
    String table = section(page, "<table id=\"explanations\">", "</table>");
    assertThat(count(table, "<tr>")).isEqualTo(1 + 100); // the header and day 59's rows
    assertThat(count(table, "<tr><td>59</td>")).isEqualTo(100);
    assertThat(table).contains("<td>h0001</td>", "<td>h0100</td>");
  }

  @Test
  void pageSize_doesNotGrowWithDays_andStaysUnderTheBound() throws IOException {
    long month = Files.size(HtmlReport.write(folder("month", 40, 100)));
    long quarter = Files.size(HtmlReport.write(folder("quarter", 120, 100)));
    long explanationsCsv = Files.size(dir.resolve("quarter").resolve("explanations.csv"));

    // 80 more days add 80 day points to the energy chart (< 10 kB), no table rows
    assertThat(quarter - month).isBetween(0L, 10_000L);
    // bound: the inlined chart library, at most MAX_EXPLANATION_ROWS rows of ~0.5 kB, the charts
    assertThat(quarter - echartsBytes()).isLessThan(1_200_000L);
    assertThat(explanationsCsv).isGreaterThan(5_000_000L); // the whole table would not fit
  }

  @Test
  void manyHouseholdsOnTheLastDay_showsTheFirstOnesUpToTheCap() throws IOException {
    Path run = folder("wide", 1, 2_500);
    String page = Files.readString(HtmlReport.write(run));

    assertThat(page)
        .contains(
            "Shown: 2000 of 2500 rows of <a href=\"explanations.csv\">explanations.csv</a>:"
                + " every household's explanation on the last day (day 0), the first 2000"
                + " households of it in file order.");
    String table = section(page, "<table id=\"explanations\">", "</table>");
    assertThat(count(table, "<tr>")).isEqualTo(1 + HtmlReport.MAX_EXPLANATION_ROWS);
    assertThat(table).contains("<td>h2000</td>").doesNotContain("<td>h2001</td>");
  }

  @Test
  void smallRun_showsEveryRow_intervalByInterval() throws IOException {
    Path run = folder("week", 7, 30);
    String page = Files.readString(HtmlReport.write(run));

    assertThat(page)
        .contains(
            "All 210 rows of <a href=\"explanations.csv\">explanations.csv</a> are shown (one per"
                + " household and day).");
    assertThat(count(section(page, "<table id=\"explanations\">", "</table>"), "<tr>"))
        .isEqualTo(1 + 210);
    String charts = section(page, "const charts = ", ";\n");
    assertThat(charts).contains("\"d6 23:00\"", "kWh per interval").doesNotContain("kWh per day");
  }

  @Test
  void longRun_energyChart_oneDayTotalPerDay() throws IOException {
    Path run = folder("totals", 32, 2);
    String charts = section(Files.readString(HtmlReport.write(run)), "const charts = ", ";\n");

    assertThat(charts)
        .contains("kWh per day", "\"day 0\"", "\"day 31\"")
        .doesNotContain("\"d0 00:00\"");
    // load: 1.5 kWh in each of 24 hourly intervals = 36 kWh a day; PV undefined every interval
    Matcher load =
        Pattern.compile("\"name\":\"load\"[^\\]]*\"data\":\\[([^\\]]*)\\]").matcher(charts);
    assertThat(load.find()).isTrue();
    assertThat(load.group(1).split(",")).hasSize(32).containsOnly("36.0");
  }

  /** A results folder of {@code days} × {@code households}, hourly, without summary.json. */
  private Path folder(String name, int days, int households) throws IOException {
    Path run = dir.resolve(name);
    Files.createDirectories(run);
    try (Writer out = Files.newBufferedWriter(run.resolve("explanations.csv"))) {
      out.write("day,household,group,standaloneCostEur,shareEur,billEur,explanation\n");
      for (int d = 0; d < days; d++) {
        for (int h = 1; h <= households; h++) {
          out.write(
              d
                  + ","
                  + household(h)
                  + ",LOW,1.5,0.25,1.25,\""
                  + household(h)
                  + ": "
                  + SENTENCE
                  + "\"\n");
        }
      }
    }
    try (Writer out = Files.newBufferedWriter(run.resolve("households.csv"))) {
      out.write("day,household,group,standaloneCostEur,energyCostEur,shareEur,billEur\n");
      for (int d = 0; d < days; d++) {
        for (int h = 1; h <= households; h++) {
          out.write(d + "," + household(h) + ",LOW,1.5,1.25,0.25,1.25\n");
        }
      }
    }
    try (Writer out = Files.newBufferedWriter(run.resolve("intervals.csv"))) {
      out.write("day,interval,hour,loadKwh,pvKwh,importKwh,exportKwh\n");
      for (int d = 0; d < days; d++) {
        for (int i = 0; i < 24; i++) {
          out.write(d + "," + i + "," + i + ",1.5,,1,0\n");
        }
      }
    }
    return run;
  }

  private static String household(int h) {
    return String.format(java.util.Locale.ROOT, "h%04d", h);
  }

  private static long echartsBytes() throws IOException {
    try (InputStream in =
        HtmlReport.class.getResourceAsStream(
            "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js")) {
      assertThat(in).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).length();
    }
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
      n++;
    }
    return n;
  }

  private static String section(String html, String from, String to) {
    int start = html.indexOf(from);
    assertThat(start).as("'%s' in the report", from).isNotNegative();
    int end = html.indexOf(to, start + from.length());
    assertThat(end).as("'%s' after '%s'", to, from).isPositive();
    return html.substring(start, end);
  }
}
