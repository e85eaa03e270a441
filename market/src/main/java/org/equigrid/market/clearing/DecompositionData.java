package org.equigrid.market.clearing;

import org.equigrid.market.model.TradingDay;

/**
 * What the decomposition's master reads of a coalition's day: the prices, the members' weights, who
 * has a battery or flexible demand and in which intervals the pool is open (somebody on each side).
 * That is the data every household's column reveals anyway (and its join declares); the households'
 * own rows stay in their blocks.
 *
 * @param request the coalition's clearing request
 * @param day the request's day
 * @param memberCount the coalition's members
 * @param intervals the day's intervals
 * @param dt interval length (hours)
 * @param priceImp import price per interval (EUR/kWh)
 * @param priceExp export price per interval (EUR/kWh)
 * @param pool pool price per interval (EUR/kWh)
 * @param weight objective weight per member
 * @param hasDirections per member: whether it has direction binaries of its own (a battery or
 *     flexible demand, {@link ClearingRequest#hasDirections})
 * @param inPool per interval: whether the pool is open
 * @param appliances per member: its deferrable appliances' count (integer starts)
 */
record DecompositionData(
    ClearingRequest request,
    TradingDay day,
    int memberCount,
    int intervals,
    double dt,
    double[] priceImp,
    double[] priceExp,
    double[] pool,
    double[] weight,
    boolean[] hasDirections,
    boolean[] inPool,
    int[] appliances) {

  /** The master's data of {@code request}'s coalition. */
  static DecompositionData of(ClearingRequest request) {
    TradingDay day = request.day();
    int[] members = request.members();
    int memberCount = members.length;
    int intervals = day.intervals();
    boolean[] anyCanSell = new boolean[intervals];
    boolean[] anyCanBuy = new boolean[intervals];
    for (int k = 0; k < memberCount; k++) {
      int i = members[k];
      boolean battery = day.households().get(i).hasBattery();
      for (int t = 0; t < intervals; t++) {
        anyCanSell[t] |= battery || day.pvKwh()[i][t] > day.loadKwh()[i][t];
        // an EV's room lets a household draw (as in the community model's pool sides)
        anyCanBuy[t] |=
            battery || day.loadKwh()[i][t] > day.pvKwh()[i][t] || request.flexCapKwh(k, t) > 0;
      }
    }
    boolean[] inPool = new boolean[intervals];
    for (int t = 0; t < intervals; t++) {
      inPool[t] = memberCount > 1 && anyCanSell[t] && anyCanBuy[t];
    }
    boolean[] hasDirections = new boolean[memberCount];
    int[] appliances = new int[memberCount];
    for (int k = 0; k < memberCount; k++) {
      appliances[k] = day.households().get(members[k]).flex().appliances().size();
      hasDirections[k] = request.hasDirections(k);
    }
    return new DecompositionData(
        request,
        day,
        memberCount,
        intervals,
        day.intervalHours(),
        day.tariff().importPriceEurPerKwh(),
        day.tariff().exportPriceEurPerKwh(),
        request.poolPriceEurPerKwh(),
        request.weightByMember(),
        hasDirections,
        inPool,
        appliances);
  }

  /** The id of member {@code k}'s household. */
  String id(int k) {
    return day.households().get(request.members()[k]).id();
  }

  /** Whether some member has deferrable appliances (integer starts). */
  boolean hasAppliances() {
    for (int count : appliances) {
      if (count > 0) {
        return true;
      }
    }
    return false;
  }

  /** Whether the objective is plain cost minimisation (every weight 1, no Rawlsian floor). */
  boolean costMinimising() {
    if (ClearingModel.hasFloor(request)) {
      return false;
    }
    for (double w : weight) {
      if (w != 1) {
        return false;
      }
    }
    return true;
  }
}
