package org.equigrid.experiments.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.equigrid.config.Scenario;
import org.equigrid.market.day.SettledDay;

/**
 * A run's results written day by day: each accepted day's rows of {@code households.csv}, {@code
 * intervals.csv}, {@code groups.csv} and {@code explanations.csv} are appended (and flushed) in day
 * order, so memory does not grow with the days; {@code summary.json} is written by {@link #finish}
 * from running totals, then the {@link Manifest}. The files are byte for byte those of {@link
 * ResultsWriter#write}. A run that stops before {@link #finish} leaves the complete days written
 * and no manifest (any old one is deleted first), so the folder is not a complete run.
 */
public final class ResultsStream implements AutoCloseable {

  private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

  private final ResultsWriter writer;
  private final Scenario scenario;
  private final Path dir;
  private final Writer households;
  private final Writer intervals;
  private final Writer groups;
  private final Writer explanations;
  private final SummaryTotals totals = new SummaryTotals();
  private boolean closed;

  private ResultsStream(ResultsWriter writer, Scenario scenario, Path dir) throws IOException {
    this.writer = writer;
    this.scenario = scenario;
    this.dir = dir;
    Files.createDirectories(dir);
    Files.deleteIfExists(dir.resolve(Manifest.FILE_NAME)); // not complete until finish()
    households = open(ResultsWriter.HOUSEHOLDS_CSV, ResultsWriter.householdsHeader());
    intervals = open(ResultsWriter.INTERVALS_CSV, ResultsWriter.intervalsHeader());
    groups = open(ResultsWriter.GROUPS_CSV, ResultsWriter.groupsHeader());
    explanations = open(ResultsWriter.EXPLANATIONS_CSV, ResultsWriter.explanationsHeader());
  }

  /** Deletes {@code dir}'s manifest and starts its CSV files with their headers. */
  public static ResultsStream open(ResultsWriter writer, Scenario scenario, Path dir) {
    try {
      return new ResultsStream(writer, scenario, dir);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot start the results in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Appends the next day (days must come in day order). */
  public void accept(SettledDay day) {
    if (closed) {
      throw new IllegalStateException("the results of " + dir + " are already closed");
    }
    append(households, printer -> ResultsWriter.householdRows(printer, day));
    append(intervals, printer -> ResultsWriter.intervalRows(printer, day));
    append(groups, printer -> ResultsWriter.groupRows(printer, day));
    append(explanations, printer -> ResultsWriter.explanationRows(printer, day));
    totals.add(day);
  }

  /** The days accepted so far. */
  public int days() {
    return totals.days();
  }

  /** Closes the CSV files, writes {@code summary.json} and then the manifest. */
  public void finish() {
    close();
    AtomicFiles.write(dir.resolve(ResultsWriter.SUMMARY_JSON), writer.summary(scenario, totals));
    ResultsWriter.writeManifest(dir);
  }

  /** Closes the CSV files (what was accepted stays written); no summary, no manifest. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    IOException failure = null;
    for (Writer w : List.of(households, intervals, groups, explanations)) {
      try {
        w.close();
      } catch (IOException e) {
        failure = e;
      }
    }
    if (failure != null) {
      throw new UncheckedIOException(
          "Cannot close the results in " + dir + ": " + failure.getMessage(), failure);
    }
  }

  @FunctionalInterface
  private interface Rows {
    void print(CSVPrinter printer) throws IOException;
  }

  private Writer open(String name, List<String> header) throws IOException {
    Writer out =
        new BufferedWriter(
            new java.io.OutputStreamWriter(
                Files.newOutputStream(dir.resolve(name)), StandardCharsets.UTF_8),
            1 << 16);
    append(out, printer -> printer.printRecord(header));
    return out;
  }

  private void append(Writer out, Rows rows) {
    StringWriter text = new StringWriter();
    try {
      try (CSVPrinter printer = new CSVPrinter(text, CSV)) {
        rows.print(printer);
      }
      out.write(text.toString());
      out.flush(); // a run that stops later keeps this day
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the results in " + dir + ": " + e.getMessage(), e);
    }
  }
}
