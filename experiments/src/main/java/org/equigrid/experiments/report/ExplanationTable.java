package org.equigrid.experiments.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The explanation table of {@code report.html}, streamed row by row from {@code explanations.csv}:
 * every row of a short run, else the households of the last day, under a sentence saying how many
 * of how many rows are shown.
 */
final class ExplanationTable {

  private ExplanationTable() {}

  private static final List<String> COLUMNS =
      List.of(
          "day",
          "household",
          "group",
          "standaloneCostEur",
          "shareEur",
          "billEur",
          "shareWithoutBatteryEur",
          "shareWithoutPvEur",
          "shareWithNeutralWeightEur",
          "explanation");

  private static final Map<String, String> HEADINGS =
      Map.of(
          "standaloneCostEur", "cost alone C0 (EUR)",
          "shareEur", "share of the gain φ (EUR)",
          "billEur", "bill B = C0 − φ (EUR)",
          "shareWithoutBatteryEur", "share without its battery (EUR)",
          "shareWithoutPvEur", "share without its PV (EUR)",
          "shareWithNeutralWeightEur", "share with weight 1 (EUR)");

  /**
   * Which rows of {@code explanations.csv} the page shows: all of them when there are at most
   * {@link HtmlReport#MAX_EXPLANATION_ROWS}, else those of {@code lastDay}, the first {@link
   * #HtmlReport.MAX_EXPLANATION_ROWS} of them.
   *
   * @param total the rows of the file
   * @param lastDay the largest day of the file (null: no day column)
   * @param lastDayRows the rows of that day
   */
  record Selection(long total, String lastDay, long lastDayRows) {
    boolean all() {
      return total <= HtmlReport.MAX_EXPLANATION_ROWS;
    }

    long shown() {
      return all()
          ? total
          : Math.min(lastDay == null ? total : lastDayRows, HtmlReport.MAX_EXPLANATION_ROWS);
    }

    /** The sentence above the table: how many rows are shown of how many, and where the rest is. */
    String sentence() {
      String link = "<a href=\"explanations.csv\">explanations.csv</a>";
      if (all()) {
        return "All " + total + " rows of " + link + " are shown (one per household and day).";
      }
      String which =
          lastDay == null
              ? "the first " + shown() + " rows"
              : "every household's explanation on the last day (day "
                  + HtmlReport.escape(lastDay)
                  + ")"
                  + (lastDayRows > HtmlReport.MAX_EXPLANATION_ROWS
                      ? ", the first "
                          + HtmlReport.MAX_EXPLANATION_ROWS
                          + " households of it in file order"
                      : "");
      return "Shown: "
          + shown()
          + " of "
          + total
          + " rows of "
          + link
          + ": "
          + which
          + ". The page shows at most "
          + HtmlReport.MAX_EXPLANATION_ROWS
          + " rows so that it opens in a browser; every row, one per household and day, is in "
          + link
          + " next to this page.";
    }
  }

  /** Counts the rows of {@code explanations.csv} and those of its last day (one pass). */
  static Selection selection(Path file) {
    long[] counts = new long[2]; // total, rows of the largest day so far
    String[] lastDay = {null};
    ResultsTable.scan(
        file,
        row -> {
          counts[0]++;
          String day = row.get("day");
          if (day == null || day.isEmpty()) {
            return;
          }
          int compared = lastDay[0] == null ? 1 : compareDays(day, lastDay[0]);
          if (compared > 0) {
            lastDay[0] = day;
            counts[1] = 1;
          } else if (compared == 0) {
            counts[1]++;
          }
        });
    return new Selection(counts[0], lastDay[0], counts[1]);
  }

  private static int compareDays(String a, String b) {
    try {
      return Long.compare(Long.parseLong(a), Long.parseLong(b));
    } catch (NumberFormatException e) {
      return a.compareTo(b);
    }
  }

  /**
   * The explanation table, streamed row by row from {@code explanations.csv} to {@code out}: the
   * rows {@link #selection} picks, under a sentence saying how many of how many.
   */
  static void write(Writer out, Path file) throws IOException {
    Selection selection = selection(file);
    List<String> header = ResultsTable.header(file);
    List<String> columns = COLUMNS.stream().filter(header::contains).toList();
    StringBuilder head =
        new StringBuilder("<h2>Explanations</h2>\n<p id=\"explanations-shown\">")
            .append(selection.sentence())
            .append("</p>\n<div class=\"scroll\">\n<table id=\"explanations\">\n<tr>");
    for (String column : columns) {
      head.append("<th title=\"")
          .append(HtmlReport.escape(column))
          .append("\">")
          .append(HtmlReport.escape(HEADINGS.getOrDefault(column, column)))
          .append("</th>");
    }
    out.write(head.append("</tr>\n").toString());
    StringBuilder line = new StringBuilder();
    long[] written = {0};
    try {
      ResultsTable.scan(
          file,
          row -> {
            if (written[0] >= selection.shown()
                || !(selection.all()
                    || selection.lastDay() == null
                    || selection.lastDay().equals(row.get("day")))) {
              return;
            }
            written[0]++;
            line.setLength(0);
            line.append("<tr>");
            for (String column : columns) {
              line.append("<td>").append(HtmlReport.escape(row.get(column))).append("</td>");
            }
            line.append("</tr>\n");
            try {
              out.write(line.toString());
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    out.write("</table>\n</div>\n");
  }
}
