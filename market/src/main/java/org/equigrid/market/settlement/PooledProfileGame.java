package org.equigrid.market.settlement;

import java.util.BitSet;
import java.util.List;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.clearing.ClearingResult;
import org.equigrid.market.clearing.HouseholdSchedule;
import org.equigrid.market.game.LargeCoalitionGame;
import org.equigrid.market.game.MarginalGame;
import org.equigrid.market.model.Tariff;

/**
 * One of the sampled settlement's control variates (with {@link PooledStorageGame}, coefficients
 * fitted per household): the day's game with every household's net flow frozen twice — at its
 * standalone optimum ({@code x_i[t] = imp − exp}, battery dispatched as if alone) and at its
 * position in the community's cost-minimising dispatch ({@code y_i[t] = imp − exp + buy − sell}) —
 * a coalition pooling whichever of the two is cheaper. The cost has a closed form, {@code C'(S) =
 * min(c(Σ_{i∈S} x_i), c(Σ_{i∈S} y_i))} with {@code c(D) = Σ_t (πimp·D⁺ − πexp·D⁻) + πpk·max_t
 * D⁺/Δt}, and {@code v'(S) = Σ_{i∈S} C'({i}) − C'(S)}.
 *
 * <p>It follows the real game (pooling surpluses against deficits and flattening the peak is most
 * of a coalition's gain; the standalone flows fit small coalitions, the community's fit large ones,
 * where the batteries already serve the neighbours). The pooled standalone flows are a feasible
 * dispatch of every coalition. Marginal contributions along an order cost {@code O(n·T)} by keeping
 * both sums as players join. Any {@code v'} keeps the estimate unbiased; this one only has to move
 * with {@code v}.
 */
final class PooledProfileGame implements MarginalGame, LargeCoalitionGame {

  private final double[][] netKwh;
  private final double[][] communityNetKwh;
  private final double[] importPriceEurPerKwh;
  private final double[] exportPriceEurPerKwh;
  private final double peakChargeEurPerKw;
  private final double intervalHours;
  private final double[] aloneEur;

  private PooledProfileGame(
      double[][] netKwh, double[][] communityNetKwh, Tariff tariff, double intervalHours) {
    this.netKwh = netKwh;
    this.communityNetKwh = communityNetKwh;
    this.importPriceEurPerKwh = tariff.importPriceEurPerKwh();
    this.exportPriceEurPerKwh = tariff.exportPriceEurPerKwh();
    this.peakChargeEurPerKw = tariff.peakChargeEurPerKw();
    this.intervalHours = intervalHours;
    this.aloneEur = new double[netKwh.length];
    for (int i = 0; i < netKwh.length; i++) {
      aloneEur[i] = Math.min(cost(netKwh[i]), cost(communityNetKwh[i]));
    }
    int intervals = importPriceEurPerKwh.length;
  }

  /**
   * The pooled-profile game of a cleared day, or {@code null} when a standalone optimum has no
   * schedule (then there is nothing to freeze).
   */
  static PooledProfileGame of(ClearedDay cleared) {
    int n = cleared.day().householdCount();
    int intervals = cleared.day().intervals();
    List<HouseholdSchedule> community = cleared.costMinimising().schedules();
    if (community.size() != n) {
      return null;
    }
    double[][] net = new double[n][];
    double[][] communityNet = new double[n][];
    for (int i = 0; i < n; i++) {
      ClearingResult alone = cleared.standalone().get(i);
      if (alone.schedules().size() != 1) {
        return null;
      }
      net[i] = netOf(alone.schedules().get(0), intervals);
      communityNet[community.get(i).householdIndex()] = netOf(community.get(i), intervals);
    }
    return new PooledProfileGame(
        net, communityNet, cleared.day().tariff(), cleared.day().intervalHours());
  }

  /** For tests: the game of given net flows, alone and in the community dispatch. */
  static PooledProfileGame of(
      double[][] netKwh, double[][] communityNetKwh, Tariff tariff, double intervalHours) {
    return new PooledProfileGame(netKwh, communityNetKwh, tariff, intervalHours);
  }

  /** For tests: the game of given net flows, the same alone and in the community. */
  static PooledProfileGame of(double[][] netKwh, Tariff tariff, double intervalHours) {
    return new PooledProfileGame(netKwh, netKwh, tariff, intervalHours);
  }

  /** {@code imp − exp + buy − sell}: the household's net position on the pooled bus. */
  private static double[] netOf(HouseholdSchedule schedule, int intervals) {
    double[] net = new double[intervals];
    for (int t = 0; t < intervals; t++) {
      net[t] =
          schedule.importKwh()[t]
              - schedule.exportKwh()[t]
              + schedule.buyKwh()[t]
              - schedule.sellKwh()[t];
    }
    return net;
  }

  @Override
  public int players() {
    return netKwh.length;
  }

  @Override
  public double value(BitSet coalition) {
    int intervals = importPriceEurPerKwh.length;
    double[] alone = new double[intervals];
    double[] together = new double[intervals];
    double sumAlone = 0;
    for (int i = coalition.nextSetBit(0); i >= 0; i = coalition.nextSetBit(i + 1)) {
      sumAlone += aloneEur[i];
      for (int t = 0; t < intervals; t++) {
        alone[t] += netKwh[i][t];
        together[t] += communityNetKwh[i][t];
      }
    }
    return coalition.isEmpty() ? 0.0 : sumAlone - Math.min(cost(alone), cost(together));
  }

  @Override
  public void marginals(int[] order, double[] marginal) {
    int intervals = importPriceEurPerKwh.length;
    double[] sums = new double[2 * intervals];
    double previousCost = 0;
    for (int player : order) {
      double[] x = netKwh[player];
      double[] y = communityNetKwh[player];
      for (int t = 0; t < intervals; t++) {
        sums[t] += x[t];
        sums[intervals + t] += y[t];
      }
      double cost = Math.min(cost(sums, 0), cost(sums, intervals));
      // v'(P ∪ i) − v'(P) = C'({i}) − (C'(P ∪ i) − C'(P))
      marginal[player] = aloneEur[player] - (cost - previousCost);
      previousCost = cost;
    }
  }

  private double cost(double[] netKwh) {
    return cost(netKwh, 0);
  }

  /** {@code C'} of the pooled flows {@code netKwh[from .. from + T)}. */
  private double cost(double[] netKwh, int from) {
    double energy = 0;
    double peakKwh = 0;
    for (int t = 0; t < importPriceEurPerKwh.length; t++) {
      double d = netKwh[from + t];
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
