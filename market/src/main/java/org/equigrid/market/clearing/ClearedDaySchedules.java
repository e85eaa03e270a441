package org.equigrid.market.clearing;

import java.util.Arrays;
import java.util.List;

/**
 * The bookkeeping of {@link ClearedDay}, kept out of its definitions: which households ran alone
 * (by the identity of their schedules) and the per-household arrays its peak-charge share reads.
 */
final class ClearedDaySchedules {

  private ClearedDaySchedules() {}

  /**
   * Per household, whether the dispatch holds its standalone schedule itself (as {@link
   * MarketClearing}'s standalone composites do).
   */
  static boolean[] aloneByIdentity(List<ClearingResult> standalone, ClearingResult dispatch) {
    boolean[] alone = new boolean[standalone.size()];
    List<HouseholdSchedule> schedules = dispatch.schedules();
    for (int i = 0; i < alone.length && schedules.size() == alone.length; i++) {
      List<HouseholdSchedule> own = standalone.get(i).schedules();
      alone[i] = !own.isEmpty() && schedules.get(i) == own.get(0);
    }
    return alone;
  }

  /**
   * {@link ClearedDay#peakChargeShareEur(double, double[][], boolean[], double[])} on the day's
   * dispatch imports and standalone peak charges; NaN for every household when the dispatch has no
   * schedules.
   */
  static double[] peakChargeShareEur(ClearedDay cleared) {
    int n = cleared.standalone().size();
    List<HouseholdSchedule> schedules = cleared.dispatch().schedules();
    if (schedules.size() != n) {
      double[] share = new double[n];
      Arrays.fill(share, Double.NaN);
      return share;
    }
    double[][] imports = new double[n][];
    double[] ownPeakCharge = new double[n];
    for (int i = 0; i < n; i++) {
      imports[i] = schedules.get(i).importKwh();
      ownPeakCharge[i] = cleared.standalone().get(i).peakChargeEur();
    }
    return ClearedDay.peakChargeShareEur(
        cleared.dispatch().peakChargeEur(), imports, cleared.aloneInDispatch(), ownPeakCharge);
  }
}
