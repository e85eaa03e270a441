package org.equigrid.market.clearing;

import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.equigrid.market.clearing.ClearingModel.RawSolution;

/**
 * {@link ClearingModel#breaksAtEqualWeights}: whether a solution breaks a binary beyond mending.
 */
final class EqualWeightBreaks {

  private EqualWeightBreaks() {}

  static boolean breaks(ClearingModel model, IntPredicate present) {
    int[] members = IntStream.range(0, model.memberCount).filter(present).toArray();
    int n = members.length;
    RawSolution values = model.values();
    double[][] impV = values.imp();
    double[][] expV = values.exp();
    double[][] buyV = values.buy();
    double[][] sellV = values.sell();
    double[][] curV = values.cur();
    double[] need = new double[n];
    double[] surplus = new double[n];
    boolean[] battery = new boolean[n];
    double[] importCap = new double[n];
    double[] exportCap = new double[n];
    for (int t = 0; t < model.intervals; t++) {
      for (int m = 0; m < n; m++) {
        int k = members[m];
        battery[m] = model.ch[k][t] != null || model.request().hasDirections(k);
        importCap[m] = model.imp[k][t] == null ? 0 : model.imp[k][t].ub();
        exportCap[m] = model.exp[k][t] == null ? 0 : model.exp[k][t].ub();
        if (battery[m]) {
          if (Math.min(values.ch()[k][t], values.dis()[k][t]) > BinaryPairs.BREAK_KWH) {
            return true;
          }
          double evKwh = values.ev() == null ? 0 : values.ev()[k][t];
          double net =
              (model.balanceRow[k][t] == null ? 0 : model.balanceRow[k][t].ub())
                  + values.ch()[k][t]
                  - values.dis()[k][t]
                  + curV[k][t]
                  + evKwh;
          need[m] = Math.max(0, net);
          surplus[m] = Math.max(0, -net);
        } else {
          need[m] = model.needRow[k][t] == null ? 0 : model.needRow[k][t].ub();
          surplus[m] = model.surplusRow[k][t] == null ? 0 : model.surplusRow[k][t].ub();
        }
      }
      ProRataSplit.splitClass(
          members, t, need, surplus, battery, importCap, exportCap, impV, expV, buyV, sellV, curV);
      for (int m = 0; m < n; m++) {
        int k = members[m];
        if (battery[m]
            && BinaryPairs.breaksDirection(
                impV[k][t], expV[k][t], buyV[k][t], sellV[k][t], curV[k][t])) {
          return true;
        }
      }
    }
    return false;
  }
}
