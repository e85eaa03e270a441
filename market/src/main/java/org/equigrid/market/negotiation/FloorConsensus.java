package org.equigrid.market.negotiation;

import org.equigrid.market.clearing.ProximalFloor;
import org.equigrid.market.model.Tariff;

/**
 * The Rawlsian floor as a coupling row of {@link ExchangeAdmm} (docs/negotiation.md, "The Rawlsian
 * floor in ADMM"). The central objective's {@code −ρ_R·z} with {@code z ≤ u_i} for every protected
 * household {@code i} is split as consensus ADMM (Boyd et al. 2011, section 7.1): each protected
 * household keeps its own copy {@code f_i ≤ u_i(x_i)} of the floor, the coordinator the common
 * {@code ζ}, coupled by {@code f_i = ζ} with the scaled duals {@code v_i}.
 *
 * <p>The consensus terms are weighted by {@code s_i² = (max(|C0_i|, ε)/π̄)²}, {@code π̄} the day's
 * mean import price, so that {@code s_i·f_i} is a saving in kWh and the same {@code ρ} (EUR per
 * kWh²) and the same residual norms serve the exchange and the floor. Each round:
 *
 * <ol>
 *   <li>household {@code i} solves its step with the extra term {@code ρ/2·s_i²·(f_i − φ_i)²},
 *       {@code φ_i = ζ − v_i} (sent to it), and {@code f_i ≤ u_i(x_i)} ({@link ProximalFloor}); its
 *       copy is then {@code f_i = min(φ_i, u_i(x_i))}, which the coordinator reads off the schedule
 *       it answers (no other number is sent);
 *   <li>{@code ζ = argmax ρ_R·ζ − ρ/2·Σ_i s_i²·(f̂_i + v_i − ζ)² = (Σ_i s_i²·(f̂_i + v_i) + ρ_R/ρ)
 *       / Σ_i s_i²}, with {@code f̂_i = α·f_i + (1 − α)·ζ^k} over-relaxed as the exchange is;
 *   <li>{@code v_i += f̂_i − ζ}.
 * </ol>
 *
 * The primal residual adds {@code Σ_i s_i²·(f_i − ζ)²} (kWh²), the dual {@code ρ²·Σ_i s_i²·(ζ −
 * ζ^k)²}. The floor starts at {@code ζ = 0}, {@code v = 0} every day (it is not warm-started). A
 * household dropped from the negotiation leaves the floor.
 */
final class FloorConsensus {

  private final AdmmFloor floor;
  private final Tariff tariff;
  private final double[] poolPrice;
  private final double[] scale; // s_i, kWh per unit of relative saving; 0 off the floor
  private final double[] dual; // v_i
  private double zeta;

  FloorConsensus(AdmmFloor floor, Tariff tariff, double[] poolPriceEurPerKwh) {
    this.floor = floor;
    this.tariff = tariff;
    this.poolPrice = poolPriceEurPerKwh.clone();
    int members = floor.protectedMember().length;
    this.scale = new double[members];
    this.dual = new double[members];
    double price = scalePrice(tariff);
    for (int k = 0; k < members; k++) {
      scale[k] = floor.covers(k) ? floor.denominatorEur(k) / price : 0;
    }
  }

  /** {@code π̄}: the day's mean import price, which turns a floor in EUR into kWh (public). */
  static double scalePrice(Tariff tariff) {
    double sum = 0;
    for (double p : tariff.importPriceEurPerKwh()) {
      sum += p;
    }
    double mean = sum / tariff.intervals();
    return mean > 0 ? mean : 1;
  }

  /**
   * A protected household's copy of the floor in its step, from its own standalone cost: {@code y =
   * s·f} with the target {@code s·φ} ({@link ProximalFloor}).
   */
  static ProximalFloor proximal(
      double targetSaving,
      double standaloneCostEur,
      double epsilonEur,
      Tariff tariff,
      double[] poolPriceEurPerKwh) {
    double price = scalePrice(tariff);
    double s = Math.max(Math.abs(standaloneCostEur), epsilonEur) / price;
    return new ProximalFloor(
        s * targetSaving,
        standaloneCostEur,
        price,
        tariff.importPriceEurPerKwh().clone(),
        tariff.exportPriceEurPerKwh().clone(),
        poolPriceEurPerKwh.clone());
  }

  /** The floor's strength {@code ρ_R} (EUR per unit of relative saving). */
  double strengthEur() {
    return floor.strengthEur();
  }

  /** The community's floor {@code ζ} (a relative saving). */
  double zeta() {
    return zeta;
  }

  /** Member {@code k}'s target {@code φ_k = ζ − v_k}, or null when it is not under the floor. */
  Double target(int k) {
    return floor.covers(k) ? zeta - dual[k] : null;
  }

  /**
   * Member {@code k}'s relative saving {@code u_k = (C0_k − C_k)/max(|C0_k|, ε)} under {@code s}.
   */
  double saving(int k, Answer.Schedule s) {
    double cost = 0;
    for (int t = 0; t < tariff.intervals(); t++) {
      cost += AdmmAward.energyCostEur(s, tariff, poolPrice, t);
    }
    return (floor.standaloneCostEur()[k] - cost) / floor.denominatorEur(k);
  }

  /**
   * One round's floor step from the answers {@code last} (members with {@code dropped} true or no
   * answer are off the floor).
   *
   * @return {@code {Σ s_i²·(f_i − ζ)², Σ s_i²·(ζ − ζ^k)²}}, both kWh²; zeros when nobody is under
   *     the floor
   */
  double[] step(Answer.Schedule[] last, boolean[] dropped, double relaxation, double rho) {
    int members = scale.length;
    double[] copy = new double[members];
    double weights = 0;
    double weighted = 0;
    for (int k = 0; k < members; k++) {
      if (scale[k] > 0 && !dropped[k] && last[k] != null) {
        copy[k] = Math.min(zeta - dual[k], saving(k, last[k]));
        double hat = relaxation * copy[k] + (1 - relaxation) * zeta;
        double w = scale[k] * scale[k];
        weights += w;
        weighted += w * (hat + dual[k]);
      }
    }
    if (weights == 0) {
      return new double[2];
    }
    double next = (weighted + floor.strengthEur() / rho) / weights;
    double primal = 0;
    for (int k = 0; k < members; k++) {
      if (scale[k] > 0 && !dropped[k] && last[k] != null) {
        double hat = relaxation * copy[k] + (1 - relaxation) * zeta;
        double gap = scale[k] * (copy[k] - next);
        primal += gap * gap;
        dual[k] += hat - next;
      }
    }
    double move = next - zeta;
    zeta = next;
    return new double[] {primal, weights * move * move};
  }

  /** {@code ρ} was multiplied by {@code factor}: the scaled duals follow. */
  void rescale(double factor) {
    for (int k = 0; k < dual.length; k++) {
      dual[k] /= factor;
    }
  }

  /** How many members are under the floor and still in. */
  int count(boolean[] dropped) {
    int count = 0;
    for (int k = 0; k < scale.length; k++) {
      count += scale[k] > 0 && !dropped[k] ? 1 : 0;
    }
    return count;
  }

  /**
   * The floor of {@code schedules}: the smallest relative saving of the members under it (null
   * entries off); NaN when none is left.
   */
  double floorOf(Answer.Schedule[] schedules) {
    double min = Double.NaN;
    for (int k = 0; k < scale.length; k++) {
      if (scale[k] > 0 && schedules[k] != null) {
        double u = saving(k, schedules[k]);
        min = Double.isNaN(min) ? u : Math.min(min, u);
      }
    }
    return min;
  }
}
