package org.equigrid.market.clearing;

/**
 * The stabilisation of the decomposition's prices (docs/negotiation.md, "Stabilisation"). Wentges
 * smoothing: households are priced at {@code α·centre + (1 − α)·master duals}, the centre being the
 * dual point with the best Lagrangian bound so far. The dual box (only boxed runs, the
 * negotiation's): the smoothed pool duals are projected on the box the LP's pool duals lie in. A
 * round that brings no column at a stabilised point is followed by one at the master's duals alone,
 * which is plain Dantzig–Wolfe and always progresses.
 */
final class DualStabilisation {

  /** Weight of the stability centre in the smoothed duals the households are priced at. */
  static final double SMOOTHING = 0.5;

  /**
   * The duals the households are priced at, with the centre's weight {@code alpha} and whether they
   * differ from the master's own ({@code stabilised}: smoothed or projected).
   */
  record PricePoint(MasterLp.Duals duals, double alpha, boolean stabilised) {}

  private final DecompositionData data;
  private final MasterLp master;
  private final boolean boxed;
  private MasterLp.Duals centre;

  DualStabilisation(DecompositionData data, MasterLp master, boolean boxed) {
    this.data = data;
    this.master = master;
    this.boxed = boxed;
  }

  /** The peak dual with the peak charge spread evenly: {@code ψ[t] = πpk/T}. */
  double[] initialPeakDual() {
    int intervals = data.intervals();
    double[] spread = new double[intervals];
    if (master.hasPeakRows()) {
      java.util.Arrays.fill(spread, data.day().tariff().peakChargeEurPerKw() / intervals);
    }
    return spread;
  }

  /** Forgets the centre (a phase from scratch). */
  void clearCentre() {
    centre = null;
  }

  /** Moves the centre to {@code point} (the dual point of a better Lagrangian bound). */
  void moveCentre(MasterLp.Duals point) {
    centre = point;
  }

  /**
   * The point to price at, given the master's duals: smoothed towards the centre when {@code
   * smooth} and there is one, and (boxed runs) the pool duals projected on the box.
   */
  PricePoint point(MasterLp.Duals duals, boolean smooth) {
    double alpha = smooth && centre != null ? SMOOTHING : 0;
    double[] sepPool = mix(alpha, centre == null ? null : centre.pool(), duals.pool());
    double[] sepPeak = mix(alpha, centre == null ? null : centre.peak(), duals.peak());
    double[] sepFloor = mix(alpha, centre == null ? null : centre.floor(), duals.floor());
    boolean projected = false;
    if (smooth && boxed) {
      double[] box = projectPoolDual(sepPool, sepFloor);
      projected = box != sepPool;
      sepPool = box;
    }
    return new PricePoint(
        new MasterLp.Duals(sepPool, sepPeak, sepFloor), alpha, alpha > 0 || projected);
  }

  private static double[] mix(double alpha, double[] centre, double[] current) {
    if (alpha == 0 || centre == null) {
      return current;
    }
    double[] result = new double[current.length];
    for (int j = 0; j < current.length; j++) {
      result[j] = alpha * centre[j] + (1 - alpha) * current[j];
    }
    return result;
  }

  /**
   * {@code poolDual} projected on the box the LP's pool duals lie in, or {@code poolDual} itself
   * when it is inside. Beyond {@code max_k s_k·(πimp − p) + πpk/Δt} every household would rather
   * sell to the pool than import (plus the whole peak charge), below {@code min_k s_k·(πexp − p)}
   * rather buy from it than not export ({@code s_k = w_k − μ_k}, the household's scale): the pool
   * could not balance. Households priced inside the box answer columns the master can combine; a
   * projected round that brings no column is followed by one at the master's duals.
   */
  private double[] projectPoolDual(double[] poolDual, double[] floorDual) {
    double[] priceImp = data.priceImp();
    double[] priceExp = data.priceExp();
    double[] pool = data.pool();
    double[] weight = data.weight();
    double[] result = poolDual;
    for (int t = 0; t < data.intervals(); t++) {
      if (!master.hasPoolRow(t)) {
        continue;
      }
      double low = Double.POSITIVE_INFINITY;
      double high = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < data.memberCount(); k++) {
        double scale = weight[k] - floorDual[k];
        low = Math.min(low, scale * (priceExp[t] - pool[t]));
        high =
            Math.max(
                high,
                scale * (priceImp[t] - pool[t])
                    + data.day().tariff().peakChargeEurPerKw() / data.dt());
      }
      double clamped = Math.min(high, Math.max(low, poolDual[t]));
      if (clamped != poolDual[t]) {
        if (result == poolDual) {
          result = poolDual.clone();
        }
        result[t] = clamped;
      }
    }
    return result;
  }
}
