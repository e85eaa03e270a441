package org.equigrid.market.negotiation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.equigrid.market.model.Tariff;

/**
 * Exchange (sharing) ADMM (Boyd et al. 2011, section 7.3; for P2P markets Sorin, Bobo and Pinson
 * 2019). Each household's coupling vector is {@code a_i = (buy − sell, imp)} per interval; the
 * community couples them through the pool balance {@code Σ_i (buy − sell) = 0} and the peak charge
 * {@code πpk·max_t Σ_i imp/Δt}. Each round, in scaled form with {@code N} households:
 *
 * <ol>
 *   <li>household {@code i} solves its own day exactly against {@code w_i·C_i + ρ/2·‖a_i − (a_i^k −
 *       ā^k + z̄^k − u^k)‖²} ({@link LocalHousehold}); the coordinator sends only the shift {@code
 *       z̄ − ā − u}, the same for everyone, and the household adds its own last answer;
 *   <li>{@code z̄_pool = 0}; {@code z̄_imp = prox} of {@code λ·max(0, max_t ·)} at {@code ā_imp +
 *       u_imp}, {@code λ = πpk/(ρ·Δt)} (Moreau: {@code v − λ·P(v/λ)}, {@code P} the projection on
 *       {@code {x ≥ 0, Σx ≤ 1}});
 *   <li>{@code u += ā − z̄}; the pool price is {@code p + ρ·u_pool}.
 * </ol>
 *
 * It stops when the primal residual {@code ‖Σ_i a_i − N·z̄‖₂} and the dual residual {@code
 * ρ·‖z^{k+1} − z^k‖₂} (over the households' local copies {@code z_i = a_i − ā + z̄}) are both
 * within their tolerances, or after the round limit. {@code ρ} adapts by residual balancing (Boyd
 * section 3.4.1) during the first rounds only, so that convergence is not disturbed later.
 *
 * <p>Optionally ({@link AdmmSettings#accelerated}, off by default: not better on every measured
 * day) the fast ADMM with restarts of Goldstein, O'Donoghue, Setzer and Baraniuk (2014, algorithm
 * 8): the households are sent extrapolated local copies {@code ẑ_i} and dual {@code û} (Nesterov
 * momentum), each its own shift {@code ẑ_i − û − a_i^k}; the momentum restarts from the previous
 * iterates whenever the combined residual does not fall by the factor {@link #RESTART}, and after
 * each change of ρ. Its dual residual is {@code ρ·‖z − ẑ‖₂}; the stopping test and the award are
 * the plain ones.
 *
 * <p>By default over-relaxed ({@link AdmmSettings#relaxation} α = 1.5, Boyd section 3.4.3: steps 2
 * and 3 use {@code α·a_i + (1 − α)·z_i} in place of {@code a_i}, so each household gets its own
 * shift {@code z_i − u − a_i}). By default too (session 11) the award is averaged over the last 20
 * rounds ({@link AdmmSettings#averagedRounds}) and whoever drives the days starts each from the
 * previous day's end ({@link AdmmSettings#warmStart}, {@link #startFrom}).
 *
 * <p>Guarantee: for the convex problem (binaries relaxed) ADMM converges to the central LP optimum;
 * a finite run is within its residuals. The last schedules are awarded after a restoration that
 * makes them feasible: where the pool does not balance, the excess purchases become imports and the
 * excess sales exports (pro rata). The Rawlsian floor is not a coupling row here (yet): ADMM
 * negotiates the weighted objective without it.
 *
 * <p>Longer than 400 lines: the plain and the accelerated iteration and the residual balancing of
 * {@code ρ} share one state (the households' last answers, the local copies, the scaled dual,
 * {@code ρ}) that changes every round; split, each part would reach into the other's fields. What
 * is pure lives apart: the settings ({@link AdmmSettings}), the warm start ({@link AdmmWarmStart}),
 * the award and its objective ({@link AdmmAward}) and the peak prox ({@link #proxMaxPositive}).
 */
public final class ExchangeAdmm implements Mechanism {

  /**
   * The accelerated variant restarts unless the combined residual falls below this times the last.
   */
  public static final double RESTART = 0.999;

  private static final double BALANCE = 10;
  private static final double SCALE = 2;

  private final AdmmSettings settings;
  private final Tariff tariff;
  private final double intervalHours;
  private final double[] weight;
  private final double[] poolPrice;
  private final int members;
  private final int intervals;
  private final boolean[] dropped;
  private final Answer.Schedule[] last;
  private final double[][] localPool; // z_i of the pool part, last round
  private final double[][] localImport;
  private final double[] uPool;
  private final double[] uImport;
  private final double[] zImport;
  private final List<RoundRecord> log = new ArrayList<>();
  // The answers of the last averagedRounds rounds, oldest first (member order; null: dropped).
  private final java.util.ArrayDeque<Answer.Schedule[]> window = new java.util.ArrayDeque<>();
  // Accelerated variant: the extrapolated local copies and scaled dual the next x-step uses.
  private final double[][] hatPool;
  private final double[][] hatImport;
  private final double[] uHatPool;
  private final double[] uHatImport;
  private double alpha = 1;
  private double combinedLast = Double.POSITIVE_INFINITY;
  private int restarts;
  private double rho;
  private int round;
  private boolean finished;
  private boolean warmStarted;
  private boolean converged;
  private Answer[] award;

  /**
   * @param weightByMember the households' objective weights {@code w[g(i)]}
   * @param poolPriceEurPerKwh the pool price {@code p[t]} of the households' costs
   */
  public ExchangeAdmm(
      AdmmSettings settings,
      Tariff tariff,
      double intervalHours,
      double[] weightByMember,
      double[] poolPriceEurPerKwh) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.tariff = tariff;
    this.intervalHours = intervalHours;
    this.weight = weightByMember.clone();
    this.poolPrice = poolPriceEurPerKwh.clone();
    this.members = weight.length;
    this.intervals = tariff.intervals();
    this.dropped = new boolean[members];
    this.last = new Answer.Schedule[members];
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
    this.finished = members == 0;
    this.award = new Answer[members];
  }

  @Override
  public NegotiationName name() {
    return NegotiationName.ADMM;
  }

  @Override
  public int round() {
    return round;
  }

  /**
   * Starts from where another day's negotiation ended ({@link #endState}) instead of {@code u = 0},
   * {@code z̄ = 0} and the initial {@code ρ}: the same intervals, before the first announcement.
   * The households' local copies {@code z_i} start at the end's, so each household is sent its own
   * shift {@code z_i − u − a_i} (as over-relaxed) from the first round on.
   */
  public ExchangeAdmm startFrom(AdmmWarmStart start) {
    if (round != 0
        || !log.isEmpty()
        || start.poolDualEurPerKwh().length != intervals
        || start.localPoolKwh().length != members) {
      throw new IllegalStateException(
          "a warm start needs a fresh ADMM (round "
              + round
              + ") over as many intervals ("
              + intervals
              + ") as the start ("
              + start.poolDualEurPerKwh().length
              + ") and members ("
              + members
              + ") as the start's ("
              + start.localPoolKwh().length
              + ")");
    }
    double[][] copiesPool = start.localPoolKwh();
    double[][] copiesImport = start.localImportKwh();
    for (int k = 0; k < members; k++) {
      if (copiesPool[k].length != intervals || copiesImport[k].length != intervals) {
        throw new IllegalStateException(
            "the warm start's local copies of member "
                + k
                + " are not over "
                + intervals
                + " intervals");
      }
    }
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
    warmStarted = true;
    return this;
  }

  /** Where this negotiation stands (at its end: where it ended), for a next day's warm start. */
  public AdmmWarmStart endState() {
    double[] pool = new double[intervals];
    double[] imp = new double[intervals];
    for (int t = 0; t < intervals; t++) {
      pool[t] = rho * uPool[t];
      imp[t] = rho * uImport[t];
    }
    return new AdmmWarmStart(rho, pool, imp, zImport, localPool, localImport);
  }

  /** The settings it runs with. */
  public AdmmSettings settings() {
    return settings;
  }

  /** The current penalty ρ (EUR per kWh²). */
  public double rho() {
    return rho;
  }

  @Override
  public Signal[] announce() {
    Signal[] signals = new Signal[members];
    if (finished) {
      return signals;
    }
    if (settings.accelerated() || settings.relaxation() != 1 || warmStarted) {
      return announceOwnShifts(signals);
    }
    double[][] mean = means();
    double[] poolShift = new double[intervals];
    double[] importShift = new double[intervals];
    for (int t = 0; t < intervals; t++) {
      poolShift[t] = -mean[0][t] - uPool[t];
      importShift[t] = zImport[t] - mean[1][t] - uImport[t];
    }
    for (int k = 0; k < members; k++) {
      if (!dropped[k]) {
        signals[k] =
            new Signal.ProximalPrices(
                poolShift.clone(), importShift.clone(), rho, weight[k], poolPrice.clone());
      }
    }
    return signals;
  }

  /**
   * Each household's target is {@code ẑ_i − û} (accelerated; {@code z_i − u} over-relaxed); it adds
   * its own last answer to the shift, so the shift is {@code ẑ_i − û − a_i^k}, its own (the plain
   * variant's, {@code z̄ − ā − u}, is the same for everyone: there {@code z_i = a_i − ā + z̄}).
   */
  private Signal[] announceOwnShifts(Signal[] signals) {
    double[][] targetPool = settings.accelerated() ? hatPool : localPool;
    double[][] targetImport = settings.accelerated() ? hatImport : localImport;
    double[] dualPool = settings.accelerated() ? uHatPool : uPool;
    double[] dualImport = settings.accelerated() ? uHatImport : uImport;
    for (int k = 0; k < members; k++) {
      if (dropped[k]) {
        continue;
      }
      double[] poolShift = new double[intervals];
      double[] importShift = new double[intervals];
      for (int t = 0; t < intervals; t++) {
        double pool = last[k] == null ? 0 : last[k].buyKwh()[t] - last[k].sellKwh()[t];
        double imp = last[k] == null ? 0 : last[k].importKwh()[t];
        poolShift[t] = targetPool[k][t] - dualPool[t] - pool;
        importShift[t] = targetImport[k][t] - dualImport[t] - imp;
      }
      signals[k] =
          new Signal.ProximalPrices(poolShift, importShift, rho, weight[k], poolPrice.clone());
    }
    return signals;
  }

  /** {@code ā} of the pool part ([0]) and of the imports ([1]) over the households still in. */
  private double[][] means() {
    double[][] mean = new double[2][intervals];
    int count = 0;
    for (int k = 0; k < members; k++) {
      if (dropped[k] || last[k] == null) {
        continue;
      }
      count++;
      for (int t = 0; t < intervals; t++) {
        mean[0][t] += last[k].buyKwh()[t] - last[k].sellKwh()[t];
        mean[1][t] += last[k].importKwh()[t];
      }
    }
    for (int t = 0; t < intervals && count > 0; t++) {
      mean[0][t] /= count;
      mean[1][t] /= count;
    }
    return mean;
  }

  private int active() {
    int count = 0;
    for (boolean d : dropped) {
      count += d ? 0 : 1;
    }
    return count;
  }

  @Override
  public void update(Answer[] answers) {
    for (int k = 0; k < members; k++) {
      if (!dropped[k]) {
        if (answers[k] == null) {
          dropped[k] = true;
          last[k] = null;
        } else {
          last[k] = (Answer.Schedule) answers[k];
        }
      }
    }
    int n = active();
    if (n == 0) {
      log.add(RoundRecord.undefined(round, poolPrices()));
      finished = true;
      award = new Answer[members];
      return;
    }
    double[][] mean = means();
    double[] residuals = settings.accelerated() ? stepAccelerated(mean, n) : step(mean, n);
    double primal = residuals[0];
    double dual = residuals[1];
    window.addLast(last.clone());
    if (window.size() > settings.averagedRounds()) {
      window.removeFirst();
    }
    double scale = Math.sqrt(2.0 * intervals * n);
    converged =
        round > 0
            && primal <= settings.primalToleranceKwh() * scale
            && dual <= settings.dualToleranceEurPerKwh() * scale;
    // Converged, the residuals certify the last answers: those are awarded, not the window's mean.
    Answer.Schedule[] restored =
        AdmmAward.restore(
            settings.averagedRounds() == 1 || converged
                ? last
                : AdmmAward.mean(window, dropped, intervals),
            dropped,
            intervals);
    double objective = AdmmAward.objective(restored, weight, poolPrice, tariff, intervalHours);
    double[][] nets = new double[n][];
    for (int k = 0, j = 0; k < members; k++) {
      if (!dropped[k]) {
        nets[j++] = last[k].netKwh();
      }
    }
    double community = CommunityCost.ofNetProfiles(nets, tariff, intervalHours);
    log.add(
        new RoundRecord(round, poolPrices(), primal, dual, objective, Double.NaN, community, 0, 0));
    award = restored;
    if (converged || round + 1 >= settings.maxRounds()) {
      finished = true;
      return;
    }
    if (round < settings.adaptiveRounds()) {
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
    }
    round++;
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
  private double[] step(double[][] mean, int n) {
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
   * ẑ‖²)}; if it fell by the factor {@link #RESTART}, momentum {@code (α_k − 1)/α_{k+1}} on {@code
   * z} and {@code u}, else a restart from the previous iterates.
   *
   * @return the primal and dual residuals
   */
  private double[] stepAccelerated(double[][] mean, int n) {
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
    boolean momentum = combined < RESTART * combinedLast;
    double beta = 0;
    if (momentum) {
      double alphaNext = (1 + Math.sqrt(1 + 4 * alpha * alpha)) / 2;
      beta = (alpha - 1) / alphaNext;
      alpha = alphaNext;
      combinedLast = combined;
    } else {
      alpha = 1;
      combinedLast /= RESTART;
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
  private double[] poolPrices() {
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

  @Override
  public boolean finished() {
    return finished;
  }

  @Override
  public List<RoundRecord> rounds() {
    return List.copyOf(log);
  }

  @Override
  public Outcome outcome() {
    if (!finished) {
      throw new IllegalStateException("ADMM has not finished (round " + round + ")");
    }
    RoundRecord end = log.isEmpty() ? null : log.get(log.size() - 1);
    String note =
        end == null
            ? "ADMM had nobody to negotiate with"
            : String.format(
                    Locale.ROOT,
                    "%s %s after %d round(s): primal residual %.3g kWh, dual residual %.3g EUR/kWh,"
                        + " rho %.3g EUR/kWh2",
                    settings.accelerated()
                        ? "accelerated ADMM (" + restarts + " restart(s))"
                        : settings.relaxation() != 1
                            ? String.format(
                                Locale.ROOT, "ADMM (over-relaxation %.3g)", settings.relaxation())
                            : "ADMM",
                    converged ? "converged" : "stopped at the round limit",
                    round + 1,
                    end.primalResidualKwh(),
                    end.dualResidualEurPerKwh(),
                    rho)
                + (settings.averagedRounds() > 1 && !converged
                    ? String.format(
                        Locale.ROOT,
                        ", awarding the mean of the last %d round(s)",
                        Math.min(settings.averagedRounds(), window.size()))
                    : "");
    return new Outcome(Arrays.asList(award), round, converged, note);
  }
}
