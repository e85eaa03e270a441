package org.equigrid.experiments.output;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.equigrid.market.negotiation.NegotiationLog;
import org.equigrid.market.negotiation.RoundRecord;

/**
 * {@value #FILE_NAME}: one row per round of one negotiated day ({@link NegotiationLog}), columns
 * {@link Column} in order (docs/results-schema.md defines each). Amounts with 6 fixed decimals; an
 * undefined or not applicable value is an empty cell; {@code poolPriceEurPerKwh} the round's prices
 * separated by spaces.
 */
public final class NegotiationCsv {

  /** The file, in the run's folder. */
  public static final String FILE_NAME = "negotiation.csv";

  /** The columns of {@value #FILE_NAME}. */
  public enum Column {
    day,
    households,
    mechanism,
    objective,
    round,
    primalResidualKwh,
    dualResidualEurPerKwh,
    objectiveEur,
    lowerBoundEur,
    certifiedGap,
    communityCostEur,
    centralOptimumEur,
    gapToCentral,
    messages,
    payloadBytes,
    poolPriceEurPerKwh
  }

  private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

  private NegotiationCsv() {}

  /** The header line, with its line end. */
  public static String header() {
    return Arrays.stream(Column.values()).map(Enum::name).collect(Collectors.joining(",")) + "\n";
  }

  /** The rows as CSV with the header. */
  public static String csv(List<NegotiationLog> rows) {
    return header() + rows(rows);
  }

  /**
   * The rows as CSV lines, without the header (a day's rows, appended by {@link
   * NegotiationStream}).
   */
  public static String rows(List<NegotiationLog> rows) {
    StringWriter out = new StringWriter();
    try (CSVPrinter printer = new CSVPrinter(out, CSV)) {
      for (NegotiationLog r : rows) {
        RoundRecord x = r.record();
        printer.printRecord(
            r.day(),
            r.households(),
            r.mechanism(),
            r.objective(),
            x.round(),
            num(x.primalResidualKwh()),
            num(x.dualResidualEurPerKwh()),
            num(x.objectiveEur()),
            num(x.lowerBoundEur()),
            num(x.certifiedGap()),
            num(x.communityCostEur()),
            num(r.centralOptimumEur()),
            num(r.gapToCentral()),
            x.messages(),
            x.payloadNumbers() * NegotiationLog.BYTES_PER_NUMBER,
            Arrays.stream(x.poolPriceEurPerKwh())
                .mapToObj(p -> Double.isFinite(p) ? Numbers.fixed6(p) : String.valueOf(p))
                .collect(Collectors.joining(" ")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Six decimals; an undefined or not applicable value is an empty cell (docs/results-schema.md,
   * conventions).
   */
  private static String num(double value) {
    return Numbers.fixed6(value);
  }
}
