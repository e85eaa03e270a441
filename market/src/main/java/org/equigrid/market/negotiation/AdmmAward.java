package org.equigrid.market.negotiation;

import java.util.Collection;
import org.equigrid.market.clearing.BinaryPairs;
import org.equigrid.market.model.Tariff;

/**
 * What {@link ExchangeAdmm} awards and logs each round: the households' schedules (the last
 * answers, or their mean over the last rounds) restored to a balanced pool, and the objective of
 * such feasible schedules. Pure functions of their arguments.
 */
final class AdmmAward {

  private AdmmAward() {}

  /**
   * Schedules made feasible: per interval, the larger side of the pool is scaled down to the
   * smaller one; the purchases cut become imports, the sales cut exports.
   */
  static Answer.Schedule[] restore(Answer.Schedule[] from, boolean[] dropped, int intervals) {
    int members = from.length;
    Answer.Schedule[] out = new Answer.Schedule[members];
    double[] buyScale = new double[intervals];
    double[] sellScale = new double[intervals];
    for (int t = 0; t < intervals; t++) {
      double buys = 0;
      double sells = 0;
      for (int k = 0; k < members; k++) {
        if (!dropped[k]) {
          buys += from[k].buyKwh()[t];
          sells += from[k].sellKwh()[t];
        }
      }
      buyScale[t] = buys > sells ? sells / buys : 1;
      sellScale[t] = sells > buys ? buys / sells : 1;
    }
    for (int k = 0; k < members; k++) {
      if (dropped[k]) {
        continue;
      }
      Answer.Schedule s = from[k];
      double[] imp = s.importKwh().clone();
      double[] exp = s.exportKwh().clone();
      double[] buy = s.buyKwh().clone();
      double[] sell = s.sellKwh().clone();
      for (int t = 0; t < intervals; t++) {
        imp[t] += buy[t] * (1 - buyScale[t]);
        buy[t] *= buyScale[t];
        exp[t] += sell[t] * (1 - sellScale[t]);
        sell[t] *= sellScale[t];
      }
      out[k] =
          new Answer.Schedule(
              imp,
              exp,
              buy,
              sell,
              s.curtailKwh(),
              s.chargeKwh(),
              s.dischargeKwh(),
              s.socKwh(),
              s.flexKwh(),
              null);
    }
    return out;
  }

  /**
   * Per member still in ({@code dropped} false), the mean of its answers over the rounds of {@code
   * window} (a member that joined the window late cannot: every member still in has answered every
   * round).
   */
  static Answer.Schedule[] mean(
      Collection<Answer.Schedule[]> window, boolean[] dropped, int intervals) {
    int members = dropped.length;
    Answer.Schedule[] out = new Answer.Schedule[members];
    int rounds = window.size();
    for (int k = 0; k < members; k++) {
      if (dropped[k]) {
        continue;
      }
      double[][] sum = new double[9][intervals];
      boolean flexible = false;
      for (Answer.Schedule[] r : window) {
        Answer.Schedule a = r[k];
        flexible |= a.flexKwh() != null;
        double[][] fields = {
          a.importKwh(),
          a.exportKwh(),
          a.buyKwh(),
          a.sellKwh(),
          a.curtailKwh(),
          a.chargeKwh(),
          a.dischargeKwh(),
          a.socKwh(),
          a.flexOrZeroKwh()
        };
        for (int f = 0; f < 9; f++) {
          for (int t = 0; t < intervals; t++) {
            sum[f][t] += fields[f][t] / rounds;
          }
        }
      }
      out[k] =
          new Answer.Schedule(
              sum[0],
              sum[1],
              sum[2],
              sum[3],
              sum[4],
              sum[5],
              sum[6],
              sum[7],
              flexible ? sum[8] : null,
              null);
    }
    return out;
  }

  /** {@code Σ_i w_i·C_i + πpk·peak} of feasible schedules. */
  /**
   * The household's energy cost in interval {@code t} (DESIGN.md section 2, row 6): {@code πimp·imp
   * − πexp·exp + p·(buy − sell)}, unweighted.
   */
  static double energyCostEur(Answer.Schedule s, Tariff tariff, double[] poolPrice, int t) {
    return tariff.importPriceEurPerKwh()[t] * s.importKwh()[t]
        - tariff.exportPriceEurPerKwh()[t] * s.exportKwh()[t]
        + poolPrice[t] * (s.buyKwh()[t] - s.sellKwh()[t]);
  }

  static double objective(
      Answer.Schedule[] schedules,
      double[] weight,
      double[] poolPrice,
      Tariff tariff,
      double intervalHours) {
    int members = schedules.length;
    int intervals = tariff.intervals();
    double cost = 0;
    double[] imports = new double[intervals];
    for (int k = 0; k < members; k++) {
      Answer.Schedule s = schedules[k];
      if (s == null) {
        continue;
      }
      for (int t = 0; t < intervals; t++) {
        cost += weight[k] * energyCostEur(s, tariff, poolPrice, t);
        imports[t] += s.importKwh()[t];
      }
    }
    double peak = 0;
    for (double kwh : imports) {
      peak = Math.max(peak, kwh / intervalHours);
    }
    return cost + tariff.peakChargeEurPerKw() * peak;
  }

  /**
   * The (member, interval) pairs of {@code schedules} that draw and give at once, or charge and
   * discharge at once, above {@link BinaryPairs#BREAK_KWH} kWh: the directions ADMM's relaxed steps
   * (and the mean of answers of different directions) allow and the MILP's one-meter and battery
   * binaries forbid (DESIGN.md section 2b). Returns {@code {count, largest}}, the largest being the
   * smaller side of the worst pair in kWh (0 when none).
   */
  static double[] relaxedDirections(Answer[] schedules) {
    int count = 0;
    double largest = 0;
    for (Answer answer : schedules) {
      if (!(answer instanceof Answer.Schedule s)) {
        continue;
      }
      for (int t = 0; t < s.importKwh().length; t++) {
        double meter =
            BinaryPairs.meterOverlapKwh(
                s.importKwh()[t],
                s.exportKwh()[t],
                s.buyKwh()[t],
                s.sellKwh()[t],
                s.curtailKwh()[t]);
        double both = Math.max(meter, Math.min(s.chargeKwh()[t], s.dischargeKwh()[t]));
        if (both > BinaryPairs.BREAK_KWH) {
          count++;
          largest = Math.max(largest, both);
        }
      }
    }
    return new double[] {count, largest};
  }
}
