package org.equigrid.market.clearing;

import java.util.List;
import org.equigrid.market.model.TradingDay;

/**
 * Splits the schedules of a pooled request back into its members' ({@link HouseholdPooling}, the
 * split rules and why they are exact): a single member keeps its block's schedule; a block without
 * battery is split pro rata to need and surplus after each member's own use; a battery block gives
 * every member {@code 1/k} of its battery flows, then splits its grid and pool flows pro rata
 * ({@link ProRataSplit}).
 */
final class PooledSplit {

  private PooledSplit() {}

  /**
   * The original members' values (in the original member order) from the schedules of a solution of
   * the pooled request, one per block of {@code blocks}; buy and sell are not yet netted (see
   * {@link HouseholdPooling}). Null when a block's flows cannot be split (only a battery block can
   * fail).
   */
  static ClearingModel.RawSolution split(
      ClearingRequest original, List<int[]> blocks, List<HouseholdSchedule> blockSchedules) {
    TradingDay day = original.day();
    int intervals = day.intervals();
    int memberCount = original.members().length;
    double[][] imp = new double[memberCount][intervals];
    double[][] exp = new double[memberCount][intervals];
    double[][] buy = new double[memberCount][intervals];
    double[][] sell = new double[memberCount][intervals];
    double[][] cur = new double[memberCount][intervals];
    double[][] ch = new double[memberCount][intervals];
    double[][] dis = new double[memberCount][intervals];
    double[][] soc = new double[memberCount][intervals];
    for (int b = 0; b < blocks.size(); b++) {
      int[] block = blocks.get(b);
      HouseholdSchedule s = blockSchedules.get(b);
      if (block.length == 1) {
        int k = block[0];
        imp[k] = s.importKwh().clone();
        exp[k] = s.exportKwh().clone();
        buy[k] = s.buyKwh().clone();
        sell[k] = s.sellKwh().clone();
        cur[k] = s.curtailKwh().clone();
        ch[k] = s.chargeKwh().clone();
        dis[k] = s.dischargeKwh().clone();
        soc[k] = s.socKwh().clone();
        continue;
      }
      if (!original.day().households().get(original.members()[block[0]]).hasBattery()) {
        for (int t = 0; t < intervals; t++) {
          if (!splitInterval(original, block, t, s, imp, exp, buy, sell, cur)) {
            return null;
          }
        }
        continue;
      }
      if (!splitBatteryBlock(original, block, s, imp, exp, buy, sell, cur, ch, dis, soc)) {
        return null;
      }
    }
    return new ClearingModel.RawSolution(imp, exp, buy, sell, cur, ch, dis, soc);
  }

  /** One block's interval without battery: need and surplus after each member's own use. */
  private static boolean splitInterval(
      ClearingRequest original,
      int[] block,
      int t,
      HouseholdSchedule s,
      double[][] imp,
      double[][] exp,
      double[][] buy,
      double[][] sell,
      double[][] cur) {
    double[] need = new double[block.length];
    double[] surplus = new double[block.length];
    for (int m = 0; m < block.length; m++) {
      need[m] = original.needKwh(block[m], t);
      surplus[m] = original.surplusKwh(block[m], t);
    }
    return splitFlows(
        block,
        t,
        need,
        surplus,
        surplus,
        s.importKwh()[t],
        s.exportKwh()[t],
        s.buyKwh()[t],
        s.sellKwh()[t],
        s.curtailKwh()[t],
        imp,
        exp,
        buy,
        sell,
        cur);
  }

  /**
   * A battery block (rule of {@link HouseholdPooling}): every member takes {@code 1/k} of the
   * block's charge, discharge and state of charge; then the block's flows are split pro rata with
   * each member's load {@code L + ch} and PV {@code G + dis} (curtailment at most its PV). False
   * when the block's curtailment cannot be split so (then no member schedule is made).
   */
  private static boolean splitBatteryBlock(
      ClearingRequest original,
      int[] block,
      HouseholdSchedule s,
      double[][] imp,
      double[][] exp,
      double[][] buy,
      double[][] sell,
      double[][] cur,
      double[][] ch,
      double[][] dis,
      double[][] soc) {
    TradingDay day = original.day();
    int intervals = day.intervals();
    double k = block.length;
    for (int m = 0; m < block.length; m++) {
      int member = block[m];
      for (int t = 0; t < intervals; t++) {
        ch[member][t] = s.chargeKwh()[t] / k;
        dis[member][t] = s.dischargeKwh()[t] / k;
        soc[member][t] = s.socKwh()[t] / k;
      }
    }
    double[] need = new double[block.length];
    double[] surplus = new double[block.length];
    double[] curtailCap = new double[block.length];
    for (int t = 0; t < intervals; t++) {
      for (int m = 0; m < block.length; m++) {
        int member = block[m];
        int i = original.members()[member];
        double load = day.loadKwh()[i][t] + ch[member][t];
        double pv = day.pvKwh()[i][t] + dis[member][t];
        double own = Math.min(load, pv);
        need[m] = load - own;
        surplus[m] = pv - own;
        curtailCap[m] = day.pvKwh()[i][t];
      }
      if (!splitFlows(
          block,
          t,
          need,
          surplus,
          curtailCap,
          s.importKwh()[t],
          s.exportKwh()[t],
          s.buyKwh()[t],
          s.sellKwh()[t],
          s.curtailKwh()[t],
          imp,
          exp,
          buy,
          sell,
          cur)) {
        return false;
      }
    }
    return true;
  }

  /** Splits one interval's block flows among the members ({@link ProRataSplit}). */
  private static boolean splitFlows(
      int[] block,
      int t,
      double[] need,
      double[] surplus,
      double[] curtailCap,
      double importKwh,
      double exportKwh,
      double buyKwh,
      double sellKwh,
      double curtailKwh,
      double[][] imp,
      double[][] exp,
      double[][] buy,
      double[][] sell,
      double[][] cur) {
    int n = block.length;
    double[] memberImp = new double[n];
    double[] memberBuy = new double[n];
    double[] memberExp = new double[n];
    double[] memberSell = new double[n];
    double[] memberCur = new double[n];
    if (!ProRataSplit.split(
        need,
        surplus,
        curtailCap,
        importKwh,
        buyKwh,
        exportKwh,
        sellKwh,
        curtailKwh,
        memberImp,
        memberBuy,
        memberExp,
        memberSell,
        memberCur)) {
      return false;
    }
    for (int m = 0; m < n; m++) {
      int k = block[m];
      imp[k][t] = memberImp[m];
      buy[k][t] = memberBuy[m];
      exp[k][t] = memberExp[m];
      sell[k][t] = memberSell[m];
      cur[k][t] = memberCur[m];
    }
    return true;
  }
}
