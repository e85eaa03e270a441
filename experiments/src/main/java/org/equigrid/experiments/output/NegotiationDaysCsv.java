package org.equigrid.experiments.output;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
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

  /** The header line, with its line end. */
  public static String header() {
    return "day,mode,rounds,awardedRound,converged,communityCostEur,centralOptimumEur,"
        + "optimumStatus,gapEur,loadCostEur,gapShareOfLoadCost,certifiedGap\n";
  }

  /** The rows as CSV with a header line. */
  public static String csv(List<NegotiationGap> rows) {
    return header() + rows(rows);
  }

  /**
   * The rows as CSV lines, without the header (a day's row, appended by {@link NegotiationStream}).
   */
  public static String rows(List<NegotiationGap> rows) {
    StringWriter out = new StringWriter();
    try (CSVPrinter printer = new CSVPrinter(out, CSV)) {
      for (NegotiationGap r : rows) {
        printer.printRecord(
            r.day(),
            r.mode(),
            r.rounds(),
            r.awardedRound(),
            r.converged(),
            Numbers.fixed6(r.communityCostEur()),
            Numbers.fixed6(r.centralOptimumEur()),
            r.optimumStatus(),
            Numbers.fixed6(r.gapEur()),
            Numbers.fixed6(r.loadCostEur()),
            Numbers.fixed6(r.gapShareOfLoadCost()),
            Numbers.fixed6(r.certifiedGap()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
