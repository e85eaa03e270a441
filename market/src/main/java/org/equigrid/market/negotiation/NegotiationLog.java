package org.equigrid.market.negotiation;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The rows of {@code negotiation.csv}: one per round of one negotiated day, with the central
 * optimum of the same objective beside it. Columns are {@link Column}, in order;
 * docs/results-schema.md defines each.
 *
 * @param day the day index
 * @param households households negotiating at the start
 * @param mechanism the mechanism's name ({@link NegotiationName#key})
 * @param objective {@code cost} (cost-minimising) or {@code weighted} (the scenario's weights; with
 *     its Rawlsian floor where the mechanism carries it)
 * @param record the round
 * @param centralOptimumEur the central optimum of the same objective (NaN when unknown)
 */
public record NegotiationLog(
    int day,
    int households,
    String mechanism,
    String objective,
    RoundRecord record,
    double centralOptimumEur) {

  /** The file the rows go to. */
  public static final String FILE_NAME = "negotiation.csv";

  /** The columns of {@code negotiation.csv}. */
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

  /** Bytes a number takes in {@code payloadBytes} (a double, not the wire encoding). */
  public static final int BYTES_PER_NUMBER = 8;

  /**
   * {@code (objectiveEur − centralOptimumEur) / max(|centralOptimumEur|, 1 EUR)}; NaN when either
   * is unknown.
   */
  public double gapToCentral() {
    return (record.objectiveEur() - centralOptimumEur) / Math.max(Math.abs(centralOptimumEur), 1.0);
  }

  /** The header line. */
  public static String header() {
    return java.util.Arrays.stream(Column.values()).map(Enum::name).collect(Collectors.joining(","))
        + "\n";
  }

  /** The rows as CSV with the header. */
  public static String csv(List<NegotiationLog> rows) {
    StringBuilder out = new StringBuilder(header());
    for (NegotiationLog r : rows) {
      RoundRecord x = r.record();
      String prices =
          java.util.Arrays.stream(x.poolPriceEurPerKwh())
              .mapToObj(p -> String.format(Locale.ROOT, "%.6f", p))
              .collect(Collectors.joining(" "));
      out.append(
          String.format(
              Locale.ROOT,
              "%d,%d,%s,%s,%d,%s,%s,%s,%s,%s,%s,%s,%s,%d,%d,%s%n",
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
              x.payloadNumbers() * BYTES_PER_NUMBER,
              prices));
    }
    return out.toString();
  }

  /**
   * Six decimals; an undefined or not applicable value is an empty cell (docs/results-schema.md,
   * conventions).
   */
  private static String num(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%.6f", value) : "";
  }
}
