package org.equigrid.experiments.output;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.equigrid.agents.platform.NegotiationGap;

/**
 * {@value #FILE_NAME}: one row a day of a decentralised agent run, its {@link NegotiationGap} to
 * the central optimum (columns in docs/results-schema.md). Amounts with 6 fixed decimals; an
 * undefined {@code certifiedGap} is an empty cell.
 */
public final class NegotiationDaysCsv {

  /** The file, in the run's folder. */
  public static final String FILE_NAME = "negotiation-days.csv";

  private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

  private NegotiationDaysCsv() {}

  /** The rows as CSV with a header line. */
  public static String csv(List<NegotiationGap> rows) {
    StringWriter out = new StringWriter();
    try (CSVPrinter printer = new CSVPrinter(out, CSV)) {
      printer.printRecord(
          "day",
          "mode",
          "rounds",
          "awardedRound",
          "converged",
          "communityCostEur",
          "centralOptimumEur",
          "optimumStatus",
          "gapEur",
          "loadCostEur",
          "gapShareOfLoadCost",
          "certifiedGap");
      for (NegotiationGap r : rows) {
        printer.printRecord(
            r.day(),
            r.mode(),
            r.rounds(),
            r.awardedRound(),
            r.converged(),
            fixed6(r.communityCostEur()),
            fixed6(r.centralOptimumEur()),
            r.optimumStatus(),
            fixed6(r.gapEur()),
            fixed6(r.loadCostEur()),
            fixed6(r.gapShareOfLoadCost()),
            Double.isFinite(r.certifiedGap()) ? fixed6(r.certifiedGap()) : "");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * 6 fixed decimals, {@code NaN} and {@code Infinity} as Java writes them (as before the move).
   */
  private static String fixed6(double value) {
    return String.format(Locale.ROOT, "%.6f", value);
  }
}
