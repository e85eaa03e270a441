package org.equigrid.market.settlement;

import java.util.BitSet;
import org.equigrid.market.game.LargeCoalitionGame;
import org.equigrid.market.game.MarginalGame;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.Tariff;
import org.equigrid.market.model.TradingDay;

/**
 * A cheap game that models pooled storage, for the sampled settlement's control variate: a
 * coalition pools its members' raw net loads {@code D[t] = Σ (L − G)} and all their batteries as
 * one store (usable capacity {@code Σ (socMax − socMin)}, power {@code Σ P·Δt}, capacity-weighted
 * efficiencies, starting and ending empty above {@code socMin}), run by a forward greedy: charge
 * from surplus ({@code D < 0}), discharge into deficit ({@code D > 0}). Its cost is {@code c(D')}
 * of the resulting flows with {@code c} as in {@link PooledProfileGame} (import and export prices,
 * peak charge), and {@code v''(S) = Σ_{i∈S} c''({i}) − c''(S)}. Any such game keeps the estimate
 * unbiased; this one follows what the closed form of {@link PooledProfileGame} leaves out, a
 * battery's value for storing its neighbours' surplus. Marginals along an order cost {@code
 * O(n·T)}.
 */
final class PooledStorageGame implements MarginalGame, LargeCoalitionGame {

  private final double[][] netKwh;
  private final double[] usableKwh;
  private final double[] powerKwh;
  private final double[] chargeEfficiency;
  private final double[] dischargeEfficiency;
  private final double[] importPriceEurPerKwh;
  private final double[] exportPriceEurPerKwh;
  private final double peakChargeEurPerKw;
  private final double intervalHours;
  private final double[] aloneEur;

  private PooledStorageGame(TradingDay day) {
    int n = day.householdCount();
    int intervals = day.intervals();
    Tariff tariff = day.tariff();
    netKwh = new double[n][intervals];
    usableKwh = new double[n];
    powerKwh = new double[n];
    chargeEfficiency = new double[n];
    dischargeEfficiency = new double[n];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < intervals; t++) {
        netKwh[i][t] = day.loadKwh()[i][t] - day.pvKwh()[i][t];
      }
      Battery battery = day.households().get(i).battery();
      if (battery != null) {
        usableKwh[i] = battery.socMaxKwh() - battery.socMinKwh();
        powerKwh[i] = battery.powerKw() * day.intervalHours();
        chargeEfficiency[i] = battery.chargeEfficiency();
        dischargeEfficiency[i] = battery.dischargeEfficiency();
      }
    }
    importPriceEurPerKwh = tariff.importPriceEurPerKwh();
    exportPriceEurPerKwh = tariff.exportPriceEurPerKwh();
    peakChargeEurPerKw = tariff.peakChargeEurPerKw();
    intervalHours = day.intervalHours();
    aloneEur = new double[n];
    double[] work = new double[intervals];
    for (int i = 0; i < n; i++) {
      Store alone = new Store();
      alone.add(i);
      aloneEur[i] = alone.cost(work);
    }
  }

  /** The pooled-storage game of a day. */
  static PooledStorageGame of(TradingDay day) {
    return new PooledStorageGame(day);
  }

  @Override
  public int players() {
    return netKwh.length;
  }

  @Override
  public double value(BitSet coalition) {
    if (coalition.isEmpty()) {
      return 0;
    }
    Store store = new Store();
    double alone = 0;
    for (int i = coalition.nextSetBit(0); i >= 0; i = coalition.nextSetBit(i + 1)) {
      alone += aloneEur[i];
      store.add(i);
    }
    return alone - store.cost(new double[importPriceEurPerKwh.length]);
  }

  @Override
  public void marginals(int[] order, double[] marginal) {
    double[] buffer = new double[importPriceEurPerKwh.length];
    Store store = new Store();
    double previousCost = 0;
    for (int player : order) {
      store.add(player);
      double cost = store.cost(buffer);
      marginal[player] = aloneEur[player] - (cost - previousCost);
      previousCost = cost;
    }
  }

  /** The pooled net flows and battery of the players added so far. */
  private final class Store {
    private final double[] sums = new double[importPriceEurPerKwh.length];
    private double usable;
    private double power;
    private double charge;
    private double discharge;

    void add(int player) {
      usable += usableKwh[player];
      power += powerKwh[player];
      charge += usableKwh[player] * chargeEfficiency[player];
      discharge += usableKwh[player] * dischargeEfficiency[player];
      double[] x = netKwh[player];
      for (int t = 0; t < sums.length; t++) {
        sums[t] += x[t];
      }
    }

    /** The pool's cost after the greedy store ({@code work} is overwritten). */
    double cost(double[] work) {
      return PooledStorageGame.this.cost(sums, work, usable, power, charge, discharge);
    }
  }

  /**
   * The cost of net flows {@code net} (copied into {@code work}, may be the same array) after the
   * greedy store of {@code usable} kWh and {@code power} kWh per interval; {@code chargeWeighted}
   * and {@code dischargeWeighted} are {@code Σ usable·η}, so the efficiencies are weighted by
   * capacity.
   */
  private double cost(
      double[] net,
      double[] work,
      double usable,
      double power,
      double chargeWeighted,
      double dischargeWeighted) {
    int intervals = importPriceEurPerKwh.length;
    if (work != net) {
      System.arraycopy(net, 0, work, 0, intervals);
    }
    if (usable > 0) {
      double etaCharge = chargeWeighted / usable;
      double etaDischarge = dischargeWeighted / usable;
      double stored = 0;
      for (int t = 0; t < intervals; t++) {
        double d = work[t];
        if (d < 0) {
          double in = Math.min(Math.min(power, -d), (usable - stored) / etaCharge);
          stored += etaCharge * in;
          work[t] = d + in;
        } else if (d > 0 && stored > 0) {
          double out = Math.min(Math.min(power, d), stored * etaDischarge);
          stored -= out / etaDischarge;
          work[t] = d - out;
        }
      }
    }
    double energy = 0;
    double peakKwh = 0;
    for (int t = 0; t < intervals; t++) {
      double d = work[t];
      if (d > 0) {
        energy += importPriceEurPerKwh[t] * d;
        peakKwh = Math.max(peakKwh, d);
      } else {
        energy += exportPriceEurPerKwh[t] * d;
      }
    }
    return energy + peakChargeEurPerKw * peakKwh / intervalHours;
  }
}
