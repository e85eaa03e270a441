package org.equigrid.market.negotiation;

import java.util.Arrays;
import org.equigrid.market.model.Tariff;

/**
 * The iterates of {@link ExchangeAdmm} and the steps that move them: the households' local copies
 * {@code z_i}, the scaled dual {@code u}, {@code z̄_imp}, the penalty {@code ρ} with its residual
 * balancing and, in the accelerated variant, the extrapolated copies {@code ẑ_i}, {@code û} with
 * their momentum. {@link ExchangeAdmm} runs the protocol around them (signals, answers, award, log,
 * stopping) and calls, each round, {@link #step} and, during the adaptive rounds, {@link #balance}.
 */
final class AdmmIterates {

  private static final double BALANCE = 10;
  private static final double SCALE = 2;

  private final AdmmSettings settings;
  private final Tariff tariff;
  private final double intervalHours;
  private final int members;
  private final int intervals;
  private final double[][] localPool; // z_i of the pool part, last round
  private final double[][] localImport;
  private final double[] uPool;
  private final double[] uImport;
  private final double[] zImport;
  // Accelerated variant: the extrapolated local copies and scaled dual the next x-step uses.
  private final double[][] hatPool;
  private final double[][] hatImport;
  private final double[] uHatPool;
  private final double[] uHatImport;
  private double alpha = 1;
  private double combinedLast = Double.POSITIVE_INFINITY;
  private int restarts;
  private double rho;

  AdmmIterates(AdmmSettings settings, Tariff tariff, double intervalHours, int members) {
    this.settings = settings;
    this.tariff = tariff;
    this.intervalHours = intervalHours;
    this.members = members;
    this.intervals = tariff.intervals();
    this.localPool = new double[members][intervals];
    this.localImport = new double[members][intervals];
    this.uPool = new double[intervals];
    this.uImport = new double[intervals];
    this.zImport = new double[intervals];
    int copies = settings.accelerated() ? members : 0;
    this.hatPool = new double[copies][intervals];
    this.hatImport = new double[copies][intervals];
    this.uHatPool = new double[intervals];
    this.uHatImport = new double[intervals];
    this.rho = settings.initialRho();
  }

  /** The penalty ρ (EUR per kWh²). */
  double rho() {
    return rho;
  }

  /** The accelerated variant's momentum restarts so far. */
  int restarts() {
    return restarts;
  }

  /** Starts from another day's end ({@link ExchangeAdmm#startFrom}, checked there). */
  void startFrom(AdmmWarmStart start) {
    double[][] copiesPool = start.localPoolKwh();
    double[][] copiesImport = start.localImportKwh();
    rho = start.rhoEurPerKwh2();
    double[] pool = start.poolDualEurPerKwh();
    double[] imp = start.importDualEurPerKwh();
    double[] mean = start.meanImportKwh();
    for (int t = 0; t < intervals; t++) {
      uPool[t] = pool[t] / rho;
      uImport[t] = imp[t] / rho;
      zImport[t] = mean[t];
      uHatPool[t] = uPool[t];
      uHatImport[t] = uImport[t];
    }
    for (int k = 0; k < members; k++) {
      localPool[k] = copiesPool[k];
      localImport[k] = copiesImport[k];
      if (settings.accelerated()) {
        hatPool[k] = copiesPool[k].clone();
        hatImport[k] = copiesImport[k].clone();
      }
    }
  }

  /** Where this negotiation stands (at its end: where it ended), for a next day's warm start. */
  AdmmWarmStart endState() {
    double[] pool = new double[intervals];
    double[] imp = new double[intervals];
    for (int t = 0; t < intervals; t++) {
      pool[t] = rho * uPool[t];
      imp[t] = rho * uImport[t];
    }
    return new AdmmWarmStart(rho, pool, imp, zImport, localPool, localImport);
  }

  /**
   * The plain variant's shift {@code z̄ − ā − u}, the same for everyone: {@code {pool, import}}.
   */
  double[][] commonShift(double[][] mean) {
    double[] poolShift = new double[intervals];
    double[] importShift = new double[intervals];
    for (int t = 0; t < intervals; t++) {
      poolShift[t] = -mean[0][t] - uPool[t];
      importShift[t] = zImport[t] - mean[1][t] - uImport[t];
    }
    return new double[][] {poolShift, importShift};
  }

  /**
   * Each household's target is {@code ẑ_i − û} (accelerated; {@code z_i − u} over-relaxed); it adds
   * its own last answer to the shift, so the shift is {@code ẑ_i − û − a_i^k}, its own (the plain
   * variant's, {@code z̄ − ā − u}, is the same for everyone: there {@code z_i = a_i − ā + z̄}).
   */
  double[][] ownShift(int k, Answer.Schedule last) {
    double[][] targetPool = settings.accelerated() ? hatPool : localPool;
    double[][] targetImport = settings.accelerated() ? hatImport : localImport;
    double[] dualPool = settings.accelerated() ? uHatPool : uPool;
    double[] dualImport = settings.accelerated() ? uHatImport : uImport;
    double[] poolShift = new double[intervals];
    double[] importShift = new double[intervals];
    for (int t = 0; t < intervals; t++) {
      double pool = last == null ? 0 : last.buyKwh()[t] - last.sellKwh()[t];
      double imp = last == null ? 0 : last.importKwh()[t];
      poolShift[t] = targetPool[k][t] - dualPool[t] - pool;
      importShift[t] = targetImport[k][t] - dualImport[t] - imp;
    }
    return new double[][] {poolShift, importShift};
  }

  /**
   * One round's step from the answers' means ({@link #stepAccelerated} or {@link #stepPlain}).
   *
   * @return the primal and dual residuals
   */
  double[] step(double[][] mean, int n, Answer.Schedule[] last, boolean[] dropped) {
    return settings.accelerated()
        ? stepAccelerated(mean, n, last, dropped)
        : stepPlain(mean, n, last, dropped);
  }

  /**
   * Residual balancing (Boyd et al. 2011 section 3.4.1): {@code ρ} doubles when the primal residual
   * is more than ten times the dual, halves in the opposite case, and the scaled dual follows; in
   * the accelerated variant the next step is then a plain one from the current iterates.
   *
   * @return the factor {@code ρ} was multiplied by (1 when unchanged)
   */
  double balance(double primal, double dual) {
    double factor = primal > BALANCE * dual ? SCALE : dual > BALANCE * primal ? 1 / SCALE : 1;
    if (factor != 1) {
      rho *= factor;
      for (int t = 0; t < intervals; t++) {
        uPool[t] /= factor;
        uImport[t] /= factor;
      }
      if (settings.accelerated()) {
        // A new ρ: the next step is a plain one from the current iterates.
        for (int k = 0; k < members; k++) {
          hatPool[k] = localPool[k].clone();
          hatImport[k] = localImport[k].clone();
        }
        System.arraycopy(uPool, 0, uHatPool, 0, intervals);
        System.arraycopy(uImport, 0, uHatImport, 0, intervals);
        alpha = 1;
        combinedLast = Double.POSITIVE_INFINITY;
      }
    }
    return factor;
  }

  /**
   * The {@code z̄} update of both steps: the pool must balance; the imports pay the peak charge
   * ({@code prox} of the peak term at {@code ā_import + u}).
   */
  private double[] zUpdate(double[][] mean, double[] uImportNow) {
    double lambda = tariff.peakChargeEurPerKw() / (rho * intervalHours);
    double[] v = new double[intervals];
    for (int t = 0; t < intervals; t++) {
      v[t] = mean[1][t] + uImportNow[t];
    }
    return proxMaxPositive(v, lambda);
  }

  /** The squared primal residual of both steps: pool imbalance and import consensus, times N. */
  private double primalSquared(double[][] mean, double[] zNext, int n) {
    double primal = 0;
    for (int t = 0; t < intervals; t++) {
      double rp = n * mean[0][t];
      double ri = n * (mean[1][t] - zNext[t]);
      primal += rp * rp + ri * ri;
    }
    return primal;
  }

  /**
   * The plain step: {@code z̄}, the residuals and {@code u} from the answers' means. Over-relaxed
   * ({@code α ≠ 1}), the {@code z̄}, {@code z_i} and {@code u} updates use {@code â_i = α·a_i + (1
   * − α)·z_i^k} in place of {@code a_i} (Boyd et al. 2011 section 3.4.3); the primal residual stays
   * that of the answers, {@code N·(ā − z̄)}. With {@code α = 1}, {@code â_i = a_i} exactly.
   *
   * @return the primal and dual residuals
   */
  private double[] stepPlain(double[][] mean, int n, Answer.Schedule[] last, boolean[] dropped) {
    double alphaRelax = settings.relaxation();
    double[][] hat = new double[members][];
    double[][] hatImp = new double[members][];
    double[][] hatMean = new double[2][intervals];
    for (int k = 0; k < members; k++) {
      if (dropped[k]) {
        continue;
      }
      hat[k] = new double[intervals];
      hatImp[k] = new double[intervals];
      for (int t = 0; t < intervals; t++) {
        hat[k][t] =
            alphaRelax * (last[k].buyKwh()[t] - last[k].sellKwh()[t])
                + (1 - alphaRelax) * localPool[k][t];
        hatImp[k][t] = alphaRelax * last[k].importKwh()[t] + (1 - alphaRelax) * localImport[k][t];
        hatMean[0][t] += hat[k][t];
        hatMean[1][t] += hatImp[k][t];
      }
    }
    for (int t = 0; t < intervals; t++) {
      hatMean[0][t] /= n;
      hatMean[1][t] /= n;
    }
    if (alphaRelax == 1) {
      // The plain step's own means (the same numbers, summed in the same order).
      hatMean = mean;
    }
    double[] zNext = zUpdate(hatMean, uImport);
    double primal = Math.sqrt(primalSquared(mean, zNext, n));
    double dual = 0;
    for (int k = 0; k < members; k++) {
      if (dropped[k]) {
        continue;
      }
      for (int t = 0; t < intervals; t++) {
        double pool = hat[k][t] - hatMean[0][t];
        double imp = hatImp[k][t] - hatMean[1][t] + zNext[t];
        double dp = pool - localPool[k][t];
        double di = imp - localImport[k][t];
        dual += dp * dp + di * di;
        localPool[k][t] = pool;
        localImport[k][t] = imp;
      }
    }
    dual = rho * Math.sqrt(dual);
    for (int t = 0; t < intervals; t++) {
      uPool[t] += hatMean[0][t];
      uImport[t] += hatMean[1][t] - zNext[t];
      zImport[t] = zNext[t];
    }
    return new double[] {primal, dual};
  }

  /**
   * The accelerated step (Goldstein et al. 2014, algorithm 8, in scaled form): {@code z̄} and
   * {@code u = û + ā − z̄} from the extrapolated {@code û}; the dual residual is {@code ρ·‖z − ẑ‖₂}
   * (what certifies the households' steps), the combined residual {@code ρ·(N·‖u − û‖² + ‖z −
   * ẑ‖²)}; if it fell by the factor {@link ExchangeAdmm#RESTART}, momentum {@code (α_k −
   * 1)/α_{k+1}} on {@code z} and {@code u}, else a restart from the previous iterates.
   *
   * @return the primal and dual residuals
   */
  private double[] stepAccelerated(
      double[][] mean, int n, Answer.Schedule[] last, boolean[] dropped) {
    double[] zNext = zUpdate(mean, uHatImport);
    double primal = primalSquared(mean, zNext, n);
    double shift = 0;
    for (int k = 0; k < members; k++) {
      if (dropped[k]) {
        continue;
      }
      for (int t = 0; t < intervals; t++) {
        double sp = last[k].buyKwh()[t] - last[k].sellKwh()[t] - mean[0][t] - hatPool[k][t];
        double si = last[k].importKwh()[t] - mean[1][t] + zNext[t] - hatImport[k][t];
        shift += sp * sp + si * si;
      }
    }
    double combined = rho * (primal / n + shift);
    boolean momentum = combined < ExchangeAdmm.RESTART * combinedLast;
    double beta = 0;
    if (momentum) {
      double alphaNext = (1 + Math.sqrt(1 + 4 * alpha * alpha)) / 2;
      beta = (alpha - 1) / alphaNext;
      alpha = alphaNext;
      combinedLast = combined;
    } else {
      alpha = 1;
      combinedLast /= ExchangeAdmm.RESTART;
      restarts++;
    }
    for (int k = 0; k < members; k++) {
      if (dropped[k]) {
        continue;
      }
      for (int t = 0; t < intervals; t++) {
        double pool = last[k].buyKwh()[t] - last[k].sellKwh()[t] - mean[0][t];
        double imp = last[k].importKwh()[t] - mean[1][t] + zNext[t];
        hatPool[k][t] = momentum ? pool + beta * (pool - localPool[k][t]) : localPool[k][t];
        hatImport[k][t] = momentum ? imp + beta * (imp - localImport[k][t]) : localImport[k][t];
        localPool[k][t] = pool;
        localImport[k][t] = imp;
      }
    }
    for (int t = 0; t < intervals; t++) {
      double pool = uHatPool[t] + mean[0][t];
      double imp = uHatImport[t] + mean[1][t] - zNext[t];
      uHatPool[t] = momentum ? pool + beta * (pool - uPool[t]) : uPool[t];
      uHatImport[t] = momentum ? imp + beta * (imp - uImport[t]) : uImport[t];
      uPool[t] = pool;
      uImport[t] = imp;
      zImport[t] = zNext[t];
    }
    return new double[] {Math.sqrt(primal), rho * Math.sqrt(shift)};
  }

  /**
   * The pool price the households face: {@code p + ρ·u_pool} (the scaled dual of the pool balance).
   */
  double[] poolPrices(double[] poolPrice) {
    double[] price = new double[intervals];
    for (int t = 0; t < intervals; t++) {
      price[t] = poolPrice[t] + rho * uPool[t];
    }
    return price;
  }

  /**
   * {@code argmin_z λ·max(0, max_t z_t) + ½‖z − v‖²} = {@code v − λ·P(v/λ)}, {@code P} the
   * Euclidean projection on {@code {x ≥ 0, Σ x ≤ 1}}; {@code v} itself when {@code λ = 0}.
   */
  static double[] proxMaxPositive(double[] v, double lambda) {
    if (lambda <= 0) {
      return v.clone();
    }
    int n = v.length;
    double[] y = new double[n];
    double positive = 0;
    for (int t = 0; t < n; t++) {
      y[t] = v[t] / lambda;
      positive += Math.max(y[t], 0);
    }
    double[] p = new double[n];
    if (positive <= 1) {
      for (int t = 0; t < n; t++) {
        p[t] = Math.max(y[t], 0);
      }
    } else {
      // Projection on the simplex {x ≥ 0, Σ x = 1}: threshold θ with Σ max(y − θ, 0) = 1.
      double[] sorted = y.clone();
      Arrays.sort(sorted);
      double sum = 0;
      double theta = 0;
      for (int j = n - 1; j >= 0; j--) {
        sum += sorted[j];
        double candidate = (sum - 1) / (n - j);
        if (j == 0 || sorted[j - 1] <= candidate) {
          theta = candidate;
          break;
        }
      }
      for (int t = 0; t < n; t++) {
        p[t] = Math.max(y[t] - theta, 0);
      }
    }
    double[] z = new double[n];
    for (int t = 0; t < n; t++) {
      z[t] = v[t] - lambda * p[t];
    }
    return z;
  }
}
