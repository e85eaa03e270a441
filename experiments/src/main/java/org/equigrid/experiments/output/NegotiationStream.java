package org.equigrid.experiments.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.equigrid.agents.platform.NegotiationGap;
import org.equigrid.market.negotiation.NegotiationLog;

/**
 * A decentralised agent run's {@code negotiation-days.csv} (a row a day) and {@code
 * negotiation.csv} (a row a price round) written day by day: each day's rows are appended and
 * flushed as the day is settled, so the rounds of a long run are not held until its end. The files
 * are byte for byte those {@link NegotiationDaysCsv#csv} and {@link NegotiationCsv#csv} write from
 * the whole run. A run that stops keeps the complete days written.
 */
public final class NegotiationStream implements AutoCloseable {

  private final Writer days;
  private final Writer rounds;

  private NegotiationStream(Path dir) throws IOException {
    Files.createDirectories(dir);
    days = open(dir.resolve(NegotiationDaysCsv.FILE_NAME), NegotiationDaysCsv.header());
    Writer r;
    try {
      r = open(dir.resolve(NegotiationCsv.FILE_NAME), NegotiationCsv.header());
    } catch (IOException e) {
      days.close();
      throw e;
    }
    rounds = r;
  }

  /** Creates (or truncates) both files in {@code dir} and writes their headers. */
  public static NegotiationStream open(Path dir) {
    try {
      return new NegotiationStream(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the negotiation files in " + dir, e);
    }
  }

  private static Writer open(Path file, String header) throws IOException {
    Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    out.write(header);
    out.flush();
    return out;
  }

  /** Appends one day: its row of {@code negotiation-days.csv} and its rounds. */
  public void accept(NegotiationGap day, List<NegotiationLog> dayRounds) {
    try {
      days.write(NegotiationDaysCsv.rows(List.of(day)));
      days.flush();
      rounds.write(NegotiationCsv.rows(dayRounds));
      rounds.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append day " + day.day() + " of the negotiation", e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      days.close();
    } finally {
      rounds.close();
    }
  }
}
