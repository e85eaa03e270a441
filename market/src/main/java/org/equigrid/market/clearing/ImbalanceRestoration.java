package org.equigrid.market.clearing;

/**
 * Moves the pool imbalance a boxed master sends to the grid onto the households' schedules, pro
 * rata: a surplus's share of each sale becomes an export, a deficit's share of each purchase an
 * import. Each such schedule satisfies its household's rows (the balance, the one-meter and battery
 * rows keep their sums) when the connection limits allow, and costs it at most what the master
 * charged for the imbalance, so its objective ({@link ScheduleObjective}) is an upper bound.
 */
final class ImbalanceRestoration {

  private ImbalanceRestoration() {}

  /**
   * {@code mix} with the imbalance of {@code master}'s solution moved onto the households; null
   * when a connection limit would be exceeded (or the members' limits are scaled); {@code mix}
   * itself when nothing goes to the grid.
   */
  static ClearingModel.RawSolution restore(
      DecompositionData data, MasterLp master, ClearingModel.RawSolution mix) {
    if (master.imbalanceKwh() <= 0) {
      return mix;
    }
    if (data.request().connectionScaleByMember() != null) {
      return null;
    }
    int memberCount = data.memberCount();
    double exportCap = data.day().tariff().exportLimitKw() * data.dt();
    double importCap = data.day().tariff().importLimitKw() * data.dt();
    double[][] imp = copy(mix.imp());
    double[][] exp = copy(mix.exp());
    double[][] buy = copy(mix.buy());
    double[][] sell = copy(mix.sell());
    for (int t = 0; t < data.intervals(); t++) {
      if (!master.hasGrid(t)) {
        continue;
      }
      double surplus = master.surplusToGridKwh(t);
      double deficit = master.deficitFromGridKwh(t);
      double sells = 0;
      double buys = 0;
      for (int k = 0; k < memberCount; k++) {
        sells += sell[k][t];
        buys += buy[k][t];
      }
      for (int k = 0; k < memberCount; k++) {
        if (surplus > 0 && sells > 0) {
          double moved = sell[k][t] * Math.min(1, surplus / sells);
          sell[k][t] -= moved;
          exp[k][t] += moved;
          if (moved > 0 && exp[k][t] > exportCap + 1e-9) {
            return null;
          }
        }
        if (deficit > 0 && buys > 0) {
          double moved = buy[k][t] * Math.min(1, deficit / buys);
          buy[k][t] -= moved;
          imp[k][t] += moved;
          if (moved > 0 && imp[k][t] > importCap + 1e-9) {
            return null;
          }
        }
      }
    }
    // The flexible load stays as the households scheduled it: only grid and pool flows move.
    return new ClearingModel.RawSolution(
        imp, exp, buy, sell, mix.cur(), mix.ch(), mix.dis(), mix.soc(), mix.ev());
  }

  private static double[][] copy(double[][] rows) {
    double[][] out = new double[rows.length][];
    for (int k = 0; k < rows.length; k++) {
      out[k] = rows[k].clone();
    }
    return out;
  }
}
