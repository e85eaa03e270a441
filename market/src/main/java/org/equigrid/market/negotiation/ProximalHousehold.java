package org.equigrid.market.negotiation;

import org.equigrid.market.clearing.HouseholdBlock;
import org.equigrid.market.clearing.ProximalFloor;
import org.equigrid.market.model.TradingDay;

/**
 * The household's ADMM step: minimise {@code w·C(x) + ρ/2·Σ_t [(buy − sell − a_t)² + (imp − b_t)²]}
 * over its rows of DESIGN.md section 2, the battery and one-meter binaries relaxed to [0, 1] (a
 * household without a battery has its direction fixed by the sign of its net load, so its rows are
 * exact). A protected household under the Rawlsian floor adds its copy of the floor ({@link
 * ProximalFloor}, {@link FloorConsensus}). Solved exactly by {@link HouseholdBlock#solveProximal}
 * (tangent cuts on the separable quadratic, LPs in GLOP): the same rows as the decomposition's
 * pricing problem, written once. (ojalgo's active-set QP was tried first: 15–35 s per battery
 * household, against milliseconds.)
 */
final class ProximalHousehold {

  private final TradingDay day;
  private final int index;
  private final HouseholdBlock block;

  ProximalHousehold(TradingDay day, int index, HouseholdBlock block) {
    this.day = day;
    this.index = index;
    this.block = block;
  }

  /**
   * @param weight the household's objective weight
   * @param poolTargetKwh {@code a_t}, the target of its net pool purchase
   * @param importTargetKwh {@code b_t}, the target of its import
   * @param rho the penalty {@code ρ} (EUR per kWh²)
   * @param poolPriceEurPerKwh the pool price {@code p[t]} of its cost
   * @param floor its copy of the Rawlsian floor, or null when it is not under the floor
   * @return its schedule, or null if it has none
   */
  Answer.Schedule solve(
      double weight,
      double[] poolTargetKwh,
      double[] importTargetKwh,
      double rho,
      double[] poolPriceEurPerKwh,
      ProximalFloor floor) {
    int n = day.intervals();
    double[] costImp = new double[n];
    double[] costExp = new double[n];
    double[] costBuy = new double[n];
    double[] costSell = new double[n];
    for (int t = 0; t < n; t++) {
      costImp[t] = weight * day.tariff().importPriceEurPerKwh()[t];
      costExp[t] = -weight * day.tariff().exportPriceEurPerKwh()[t];
      costBuy[t] = weight * poolPriceEurPerKwh[t];
      costSell[t] = -weight * poolPriceEurPerKwh[t];
    }
    HouseholdBlock.Column column =
        block.solveProximal(
            costImp, costExp, costBuy, costSell, poolTargetKwh, importTargetKwh, rho, floor);
    return column == null
        ? null
        : LocalHousehold.schedule(column, day.households().get(index).hasFlex());
  }
}
