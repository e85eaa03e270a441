package org.equigrid.market.clearing;

import static org.equigrid.market.clearing.HouseholdBlock.BUY;
import static org.equigrid.market.clearing.HouseholdBlock.CUR;
import static org.equigrid.market.clearing.HouseholdBlock.EXP;
import static org.equigrid.market.clearing.HouseholdBlock.FLOWS;
import static org.equigrid.market.clearing.HouseholdBlock.IMP;
import static org.equigrid.market.clearing.HouseholdBlock.SELL;

/**
 * The pricing problem of a household without a battery ({@link HouseholdBlock}): no coupling across
 * intervals, so each interval is a small transport problem, solved exactly by merging the cheapest
 * inflows with the most valuable outflows.
 */
final class GreedyPricing {

  private GreedyPricing() {}

  /**
   * Per interval without a battery: inflow {@code x = imp + buy <= L} and outflow {@code y = exp +
   * sell + cur} with {@code x − y = L − G}, so {@code y} ranges over {@code [max(0, G − L), G]}.
   * Start at the smallest {@code y} (cheapest inflows for the net load) and raise {@code y} while
   * the cheapest further inflow plus the most valuable further outflow costs less than nothing. The
   * cost is convex piecewise linear in {@code y}, so this walk ends at the optimum.
   */
  static HouseholdBlock.Column solve(
      HouseholdBlock block,
      double[] load,
      double[] pv,
      double[] costImp,
      double[] costExp,
      double[] costBuy,
      double[] costSell) {
    int intervals = block.intervals();
    double[][] values = new double[FLOWS][intervals];
    int[] inFlows = new int[2];
    double[] inCost = new double[2];
    int[] outFlows = new int[3];
    double[] outCost = new double[3];
    double[] left = new double[FLOWS];
    for (int t = 0; t < intervals; t++) {
      int inCount = 0;
      for (int f : new int[] {IMP, BUY}) {
        if (block.has(f, t) && block.upper(f, t) > 0) {
          inFlows[inCount] = f;
          inCost[inCount] = f == IMP ? costImp[t] : costBuy[t];
          left[f] = block.upper(f, t);
          inCount++;
        }
      }
      int outCount = 0;
      for (int f : new int[] {EXP, SELL, CUR}) {
        if (block.has(f, t) && block.upper(f, t) > 0) {
          outFlows[outCount] = f;
          outCost[outCount] = f == EXP ? costExp[t] : f == SELL ? costSell[t] : 0;
          left[f] = block.upper(f, t);
          outCount++;
        }
      }
      sortByCost(inFlows, inCost, inCount);
      sortByCost(outFlows, outCost, outCount);
      double inflowLeft = Math.max(0, load[t] - pv[t]); // imp + buy <= need (section 2b)
      double netLoad = load[t] - pv[t];
      // The net load must come in, a surplus must go out.
      double mustIn = Math.max(0, netLoad);
      double mustOut = Math.max(0, -netLoad);
      for (int a = 0; a < inCount && mustIn > 0; a++) {
        double take = Math.min(mustIn, Math.min(left[inFlows[a]], inflowLeft));
        values[inFlows[a]][t] += take;
        left[inFlows[a]] -= take;
        inflowLeft -= take;
        mustIn -= take;
      }
      for (int b = 0; b < outCount && mustOut > 0; b++) {
        double take = Math.min(mustOut, left[outFlows[b]]);
        values[outFlows[b]][t] += take;
        left[outFlows[b]] -= take;
        mustOut -= take;
      }
      if (mustIn > 1e-12 || mustOut > 1e-12) {
        return null;
      }
      // Pass energy through (more in and more out) while that earns money.
      int a = 0;
      int b = 0;
      while (true) {
        while (a < inCount && left[inFlows[a]] <= 0) {
          a++;
        }
        while (b < outCount && left[outFlows[b]] <= 0) {
          b++;
        }
        if (a >= inCount || b >= outCount || inflowLeft <= 0 || inCost[a] + outCost[b] >= 0) {
          break;
        }
        double take = Math.min(inflowLeft, Math.min(left[inFlows[a]], left[outFlows[b]]));
        values[inFlows[a]][t] += take;
        values[outFlows[b]][t] += take;
        left[inFlows[a]] -= take;
        left[outFlows[b]] -= take;
        inflowLeft -= take;
      }
    }
    return new HouseholdBlock.Column(values);
  }

  private static void sortByCost(int[] flows, double[] cost, int count) {
    for (int a = 1; a < count; a++) {
      for (int b = a; b > 0 && cost[b] < cost[b - 1]; b--) {
        double c = cost[b];
        cost[b] = cost[b - 1];
        cost[b - 1] = c;
        int f = flows[b];
        flows[b] = flows[b - 1];
        flows[b - 1] = f;
      }
    }
  }
}
