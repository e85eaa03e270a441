package org.equigrid.market.negotiation;

import org.equigrid.market.clearing.PriceDecomposition;

/**
 * One round of a negotiation as the coordinator sees it. Undefined values are NaN.
 *
 * @param round 0-based
 * @param poolPriceEurPerKwh the pool price per interval announced this round (tâtonnement: the
 *     price; ADMM: {@code ρ·u}, the scaled dual of the pool balance; decomposition: the master's
 *     pool dual)
 * @param primalResidualKwh ADMM: {@code ‖Σ_i a_i − N·z̄‖₂}, the coupling rows' violation;
 *     tâtonnement: the pooled net profile {@code ‖Σ_i net_i‖₂}; NaN for decomposition
 * @param dualResidualEurPerKwh ADMM: {@code ρ·‖z^{k+1} − z^k‖₂} over the households' local copies
 *     (accelerated ADMM: {@code ρ·‖z^{k+1} − ẑ^k‖₂}, {@code ẑ} the extrapolated copies the round's
 *     households were sent); tâtonnement: the largest price change (EUR/kWh); NaN for decomposition
 * @param objectiveEur the mechanism's objective at its current point: the community cost of the
 *     pooled schedules (tâtonnement, ADMM) or the master LP objective (decomposition)
 * @param lowerBoundEur a proven lower bound on the central LP optimum (decomposition: the
 *     Lagrangian bound; NaN for the others)
 * @param communityCostEur what the community pays for the round's schedules once pooled: net
 *     imports at the import price, net exports at the export price, plus the peak charge
 * @param messages messages of the round (signals sent plus answers received)
 * @param payloadNumbers numbers carried by those messages (prices, flows)
 */
public record RoundRecord(
    int round,
    double[] poolPriceEurPerKwh,
    double primalResidualKwh,
    double dualResidualEurPerKwh,
    double objectiveEur,
    double lowerBoundEur,
    double communityCostEur,
    int messages,
    long payloadNumbers) {

  /**
   * {@code (objectiveEur − lowerBoundEur) / max(d, 1 EUR)}, {@code d} the smaller magnitude of the
   * two when they have the same sign, else 0: how far the round's objective is at most from the
   * optimum, relative (decomposition). NaN without a lower bound (tâtonnement, ADMM, the
   * decomposition's first rounds).
   */
  public double certifiedGap() {
    double gap = PriceDecomposition.certifiedGap(objectiveEur, lowerBoundEur);
    return Double.isFinite(gap) ? gap : Double.NaN;
  }

  /**
   * A round in which nothing could be measured (nobody answered, or a household dropped out and the
   * mechanism restarts): every value NaN, no messages counted yet.
   *
   * @param poolPriceEurPerKwh the prices announced in that round (copied)
   */
  public static RoundRecord undefined(int round, double[] poolPriceEurPerKwh) {
    return new RoundRecord(
        round,
        poolPriceEurPerKwh.clone(),
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        0,
        0);
  }

  /** The same round with its message counts. */
  public RoundRecord withMessages(int count, long numbers) {
    return new RoundRecord(
        round,
        poolPriceEurPerKwh,
        primalResidualKwh,
        dualResidualEurPerKwh,
        objectiveEur,
        lowerBoundEur,
        communityCostEur,
        count,
        numbers);
  }
}
