package org.equigrid.market.settlement;

import java.util.BitSet;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.clearing.ClearingResult;
import org.equigrid.market.clearing.HouseholdSchedule;
import org.equigrid.market.game.LargeCoalitionGame;
import org.equigrid.market.game.MarginalGame;
import org.equigrid.market.model.Tariff;

/**
 * The control variate of the sampled settlement: the day's game with every household's net grid
 * flow frozen at its standalone optimum {@code x_i[t] = imp − exp} (battery dispatched as if alone),
 * and a coalition only pooling those flows. Its cost has a closed form,
 * {@code C'(S) = Σ_t (πimp·D⁺ − πexp·D⁻) + πpk·max_t D⁺/Δt} with {@code D = Σ_{i∈S} x_i},
 * and {@code v'(S) = Σ_{i∈S} C'({i}) − C'(S)}.
 *
 * <p>It follows the real game closely (pooling surpluses against deficits and flattening the peak
 * is most of a coalition's gain; jointly re-dispatched batteries are the rest), and the pooled flows
 * are a feasible dispatch of every coalition, so {@code C'(S) >= C*(S)}. Marginal contributions
 * along an order cost {@code O(n·T)} by keeping {@code D} as players join.
 */
final class PooledProfileGame implements MarginalGame, LargeCoalitionGame {

  private final double[][] netKwh;
  private final double[] importPriceEurPerKwh;
  private final double[] exportPriceEurPerKwh;
  private final double peakChargeEurPerKw;
  private final double intervalHours;
  private final double[] aloneEur;
  private final ThreadLocal<double[]> pooled;

  private PooledProfileGame(double[][] netKwh, Tariff tariff, double intervalHours) {
    this.netKwh = netKwh;
    this.importPriceEurPerKwh = tariff.importPriceEurPerKwh();
    this.exportPriceEurPerKwh = tariff.exportPriceEurPerKwh();
    this.peakChargeEurPerKw = tariff.peakChargeEurPerKw();
    this.intervalHours = intervalHours;
    this.aloneEur = new double[netKwh.length];
    for (int i = 0; i < netKwh.length; i++) {
      aloneEur[i] = cost(netKwh[i]);
    }
    int intervals = importPriceEurPerKwh.length;
    this.pooled = ThreadLocal.withInitial(() -> new double[intervals]);
  }

  /**
   * The pooled-profile game of a cleared day, or {@code null} when a standalone optimum has no
   * schedule (then there is nothing to freeze).
   */
  static PooledProfileGame of(ClearedDay cleared) {
    int n = cleared.day().householdCount();
    int intervals = cleared.day().intervals();
    double[][] net = new double[n][intervals];
    for (int i = 0; i < n; i++) {
      ClearingResult alone = cleared.standalone().get(i);
      if (alone.schedules().size() != 1) {
        return null;
      }
      HouseholdSchedule schedule = alone.schedules().get(0);
      for (int t = 0; t < intervals; t++) {
        net[i][t] = schedule.importKwh()[t] - schedule.exportKwh()[t];
      }
    }
    return new PooledProfileGame(net, cleared.day().tariff(), cleared.day().intervalHours());
  }

  /** For tests: the game of given net flows. */
  static PooledProfileGame of(double[][] netKwh, Tariff tariff, double intervalHours) {
    return new PooledProfileGame(netKwh, tariff, intervalHours);
  }

  @Override
  public int players() {
    return netKwh.length;
  }

  @Override
  public double value(BitSet coalition) {
    double[] sum = new double[importPriceEurPerKwh.length];
    double alone = 0;
    for (int i = coalition.nextSetBit(0); i >= 0; i = coalition.nextSetBit(i + 1)) {
      alone += aloneEur[i];
      for (int t = 0; t < sum.length; t++) {
        sum[t] += netKwh[i][t];
      }
    }
    return coalition.isEmpty() ? 0.0 : alone - cost(sum);
  }

  @Override
  public void marginals(int[] order, double[] marginal) {
    double[] sum = pooled.get();
    java.util.Arrays.fill(sum, 0);
    double previousCost = 0;
    for (int player : order) {
      double[] x = netKwh[player];
      for (int t = 0; t < sum.length; t++) {
        sum[t] += x[t];
      }
      double cost = cost(sum);
      // v'(P ∪ i) − v'(P) = C'({i}) − (C'(P ∪ i) − C'(P))
      marginal[player] = aloneEur[player] - (cost - previousCost);
      previousCost = cost;
    }
  }

  private double cost(double[] netKwh) {
    double energy = 0;
    double peakKwh = 0;
    for (int t = 0; t < netKwh.length; t++) {
      double d = netKwh[t];
      if (d > 0) {
        energy += importPriceEurPerKwh[t] * d;
        peakKwh = Math.max(peakKwh, d);
      } else {
        energy += exportPriceEurPerKwh[t] * d; // d < 0: export income
      }
    }
    return energy + peakChargeEurPerKw * peakKwh / intervalHours;
  }
}
