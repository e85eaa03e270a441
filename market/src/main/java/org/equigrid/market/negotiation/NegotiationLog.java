package org.equigrid.market.negotiation;

/**
 * A row of {@code negotiation.csv}: one round of one negotiated day, with the central optimum of
 * the same objective beside it (experiments' {@code NegotiationCsv} writes the file;
 * docs/results-schema.md defines each column).
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

  /** Bytes a number takes in {@code payloadBytes} (a double, not the wire encoding). */
  public static final int BYTES_PER_NUMBER = 8;

  /**
   * {@code (objectiveEur − centralOptimumEur) / max(|centralOptimumEur|, 1 EUR)}; NaN when either
   * is unknown.
   */
  public double gapToCentral() {
    return (record.objectiveEur() - centralOptimumEur) / Math.max(Math.abs(centralOptimumEur), 1.0);
  }
}
