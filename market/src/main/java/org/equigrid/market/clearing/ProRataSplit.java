package org.equigrid.market.clearing;

/**
 * Splits one interval's flows of a group of households without conflict of direction among them
 * (DESIGN.md section 2b): the totals drawn ({@code I} imported, {@code B} bought) go to the
 * households with a need, pro rata to their need; the totals given ({@code E} exported, {@code S}
 * sold, {@code C} curtailed) to the households with a surplus, curtailment first pro rata to what
 * each may curtail, then exports and sales pro rata to the surplus left (with connection limits:
 * import and export pro rata but capped at each household's limit, the rest shared again among the
 * others). What the households with a need receive beyond {@code I + B} they buy from the
 * households with a surplus inside the group ({@code T = D − I − B = U − E − S − C}, {@code D} and
 * {@code U} the summed need and surplus).
 *
 * <p>Each household draws exactly its need or gives exactly its surplus, never both (one of the two
 * is 0 for each household: need and surplus are after own use), so it balances; the group's totals
 * of {@code imp, exp, cur} are kept and its net pool position {@code Σ buy − Σ sell = B − S}, so
 * for households of one weight the objective, the pool balance and the peak are unchanged. The
 * split depends on the totals and the data only, never on which optimal vertex a solver returned:
 * it is the tie-break of {@link ResultAssembly#finish} and the split of {@link HouseholdPooling}.
 */
final class ProRataSplit {

  /** Tolerance (kWh) of the feasibility checks on the totals. */
  static final double TOLERANCE_KWH = 1e-7;

  private ProRataSplit() {}

  /**
   * Writes the members' flows into the output arrays (index {@code m} of the inputs); returns false
   * (leaving the outputs in an unspecified state) when the totals cannot be split: {@code I > D},
   * {@code I + B > D}, {@code E + S + C > U} or {@code C} above what the members may curtail.
   *
   * @param needKwh per member: what it must draw ({@code L − own use}, at least 0)
   * @param surplusKwh per member: what it must give ({@code G − own use}, at least 0)
   * @param curtailCapKwh per member: how much it may curtail (at most its PV)
   */
  static boolean split(
      double[] needKwh,
      double[] surplusKwh,
      double[] curtailCapKwh,
      double importKwh,
      double buyKwh,
      double exportKwh,
      double sellKwh,
      double curtailKwh,
      double[] imp,
      double[] buy,
      double[] exp,
      double[] sell,
      double[] cur) {
    double[] none = new double[needKwh.length];
    java.util.Arrays.fill(none, Double.POSITIVE_INFINITY);
    return split(
        needKwh,
        surplusKwh,
        curtailCapKwh,
        none,
        none,
        importKwh,
        buyKwh,
        exportKwh,
        sellKwh,
        curtailKwh,
        imp,
        buy,
        exp,
        sell,
        cur);
  }

  /**
   * As {@link #split(double[], double[], double[], double, double, double, double, double,
   * double[], double[], double[], double[], double[])}, with the import and the export shared pro
   * rata but capped at each member's limit: a member whose share would exceed its limit gets the
   * limit and the rest is shared among the others the same way (water-filling; still a function of
   * the totals and the data only). False also when the limits cannot take the totals.
   */
  static boolean split(
      double[] needKwh,
      double[] surplusKwh,
      double[] curtailCapKwh,
      double[] importCapKwh,
      double[] exportCapKwh,
      double importKwh,
      double buyKwh,
      double exportKwh,
      double sellKwh,
      double curtailKwh,
      double[] imp,
      double[] buy,
      double[] exp,
      double[] sell,
      double[] cur) {
    int members = needKwh.length;
    double needSum = 0;
    double surplusSum = 0;
    double capSum = 0;
    for (int m = 0; m < members; m++) {
      needSum += needKwh[m];
      surplusSum += surplusKwh[m];
      capSum += Math.min(curtailCapKwh[m], surplusKwh[m]);
    }
    double tolerance = TOLERANCE_KWH * Math.max(1, needSum + surplusSum);
    if (importKwh + buyKwh > needSum + tolerance
        || exportKwh + sellKwh + curtailKwh > surplusSum + tolerance
        || curtailKwh > capSum + tolerance) {
      return false;
    }
    double imported = Math.min(importKwh, needSum);
    double curtailed = Math.min(curtailKwh, capSum);
    double restSum = surplusSum - curtailed;
    double exported = Math.min(exportKwh, restSum);
    double[] rest = new double[members];
    for (int m = 0; m < members; m++) {
      double cap = Math.min(curtailCapKwh[m], surplusKwh[m]);
      cur[m] = capSum > 0 ? curtailed * cap / capSum : 0;
      rest[m] = surplusKwh[m] - cur[m];
    }
    if (!cappedProRata(imported, needKwh, importCapKwh, imp, tolerance)
        || !cappedProRata(exported, rest, exportCapKwh, exp, tolerance)) {
      return false;
    }
    for (int m = 0; m < members; m++) {
      buy[m] = Math.max(0, needKwh[m] - imp[m]);
      sell[m] = Math.max(0, rest[m] - exp[m]);
    }
    return true;
  }

  /**
   * Shares {@code total} pro rata to {@code weight}, each share at most {@code min(weight, cap)}:
   * shares above their cap are set to it and the rest is shared again among the others. False if
   * the capped weights cannot take the total.
   */
  private static boolean cappedProRata(
      double total, double[] weight, double[] cap, double[] share, double tolerance) {
    int n = weight.length;
    boolean[] fixed = new boolean[n];
    java.util.Arrays.fill(share, 0);
    double remaining = total;
    for (int round = 0; round <= n; round++) {
      double weightSum = 0;
      for (int m = 0; m < n; m++) {
        weightSum += fixed[m] ? 0 : weight[m];
      }
      if (remaining <= 0) {
        return true;
      }
      if (weightSum <= 0) {
        return remaining <= tolerance;
      }
      boolean capped = false;
      for (int m = 0; m < n; m++) {
        if (!fixed[m] && remaining * weight[m] / weightSum > Math.min(weight[m], cap[m])) {
          fixed[m] = true;
          share[m] = Math.min(weight[m], cap[m]);
          capped = true;
        }
      }
      if (!capped) {
        for (int m = 0; m < n; m++) {
          if (!fixed[m]) {
            share[m] = remaining * weight[m] / weightSum;
          }
        }
        return true;
      }
      remaining = total;
      for (int m = 0; m < n; m++) {
        remaining -= fixed[m] ? share[m] : 0;
      }
    }
    return remaining <= tolerance;
  }

  /**
   * Re-splits one interval's flows of a class of members of one weight (the members' rows of the
   * flow arrays, in place) by {@link #split}, keeping the class totals; returns false, leaving the
   * arrays unchanged, where the class cannot be split so: a member that draws while it curtails its
   * own PV with a battery, totals above the summed need or surplus, or a share above a member's
   * connection limit. Only the class's net pool position {@code Σ (buy − sell)} is kept (trades
   * inside a class of one weight cancel in the objective and the pool balance).
   *
   * @param members the members' rows in the flow arrays
   * @param need per member: what it draws ({@code L − own use} without a battery; with a battery
   *     {@code max(0, L + ch − G − dis + cur)}, its charge, discharge and curtailment as solved)
   * @param surplus per member: what it gives, likewise
   * @param battery per member: whether its curtailment is kept as solved (a battery member's net
   *     position depends on it) rather than re-split
   * @param importCap per member: its import limit (kWh)
   * @param exportCap per member: its export limit (kWh)
   */
  static boolean splitClass(
      int[] members,
      int t,
      double[] need,
      double[] surplus,
      boolean[] battery,
      double[] importCap,
      double[] exportCap,
      double[][] imp,
      double[][] exp,
      double[][] buy,
      double[][] sell,
      double[][] cur) {
    int n = members.length;
    double importKwh = 0;
    double poolKwh = 0;
    double exportKwh = 0;
    double curtailKwh = 0;
    double[] curtailCap = new double[n];
    for (int m = 0; m < n; m++) {
      int k = members[m];
      importKwh += imp[k][t];
      exportKwh += exp[k][t];
      poolKwh += buy[k][t] - sell[k][t];
      if (battery[m]) {
        if (cur[k][t] > TOLERANCE_KWH && need[m] > TOLERANCE_KWH) {
          return false;
        }
      } else {
        curtailKwh += cur[k][t];
        curtailCap[m] = surplus[m];
      }
    }
    // Pool trades inside the class cancel (one weight): only its net pool position counts.
    double buyKwh = Math.max(0, poolKwh);
    double sellKwh = Math.max(0, -poolKwh);
    double[] memberImp = new double[n];
    double[] memberBuy = new double[n];
    double[] memberExp = new double[n];
    double[] memberSell = new double[n];
    double[] memberCur = new double[n];
    if (!split(
        need,
        surplus,
        curtailCap,
        importCap,
        exportCap,
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
      if (memberImp[m] > importCap[m] + TOLERANCE_KWH
          || memberExp[m] > exportCap[m] + TOLERANCE_KWH) {
        return false;
      }
    }
    for (int m = 0; m < n; m++) {
      int k = members[m];
      imp[k][t] = memberImp[m];
      buy[k][t] = memberBuy[m];
      exp[k][t] = memberExp[m];
      sell[k][t] = memberSell[m];
      if (!battery[m]) {
        cur[k][t] = memberCur[m];
      }
    }
    return true;
  }
}
