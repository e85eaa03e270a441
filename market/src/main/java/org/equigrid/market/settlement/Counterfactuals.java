package org.equigrid.market.settlement;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.equigrid.market.clearing.ClearedDay;
import org.equigrid.market.clearing.ClearingRequest;
import org.equigrid.market.clearing.ClearingResult;
import org.equigrid.market.clearing.CoalitionLp;
import org.equigrid.market.clearing.CoalitionSolver;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.settlement.DaySettlement.Counterfactual;

/**
 * The counterfactual shares of DESIGN.md section 6, from the settlement's random orders: the share
 * without an asset is {@code φ_i + E[v'(P ∪ i) − v(P ∪ i)]} over the predecessors {@code P} of
 * {@code i} in the logged orders (pool prices held fixed, the grand coalition at its
 * cost-minimising optimum in both games).
 */
final class Counterfactuals {

  private Counterfactuals() {}

  /**
   * The counterfactual shares without battery and without PV of the households {@code
   * settlement.explain} asks for (NaN for the others, and for every household under a rule whose
   * bills are not the Shapley value's), and the neutral-weight share of every household.
   */
  static List<Counterfactual> of(
      CoalitionSolver solver,
      SettlementSettings settings,
      ClearedDay cleared,
      CoalitionValues values,
      OrderLog log,
      double[] shares,
      double[] neutral,
      ExecutorService pool) {
    TradingDay day = cleared.day();
    int n = day.householdCount();
    List<Future<double[]>> battery = new ArrayList<>(n);
    List<Future<double[]>> pv = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Household household = day.households().get(i);
      int index = i;
      // only the Shapley rules' bills have counterfactual shares; only the households asked for
      boolean asked = settings.shapleyBills() && settings.explain().asked(i, n);
      battery.add(
          asked && household.hasBattery()
              ? pool.submit(() -> assetDelta(solver, cleared, values, log, index, Asset.BATTERY))
              : null);
      pv.add(
          asked && household.hasPv()
              ? pool.submit(() -> assetDelta(solver, cleared, values, log, index, Asset.PV))
              : null);
    }
    List<Counterfactual> result = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double[] b =
          battery.get(i) == null
              ? new double[] {Double.NaN, Double.NaN}
              : Settlement.get(battery.get(i));
      double[] p =
          pv.get(i) == null ? new double[] {Double.NaN, Double.NaN} : Settlement.get(pv.get(i));
      result.add(new Counterfactual(shares[i] + b[0], b[1], shares[i] + p[0], p[1], neutral[i]));
    }
    return result;
  }

  private enum Asset {
    BATTERY,
    PV
  }

  /**
   * Mean and standard error of {@code v'(P ∪ i) − v(P ∪ i)} over the logged orders. The coalitions
   * {@code P ∪ i} of the day without the asset are solved on one warm LP ({@link CoalitionLp}: the
   * members that differ from the previous coalition leave or join), in the log's order, so the
   * result does not depend on threads; where the LP gives no schedule, on {@link CoalitionSolver}.
   */
  private static double[] assetDelta(
      CoalitionSolver solver,
      ClearedDay cleared,
      CoalitionValues values,
      OrderLog log,
      int household,
      Asset asset) {
    TradingDay day = cleared.day();
    TradingDay modified =
        asset == Asset.BATTERY ? withoutBattery(day, household) : withoutPv(day, household);
    double[] prices = cleared.poolPriceEurPerKwh();
    ClearingResult alone =
        solver.solve(ClearingRequest.costMinimising(modified, new int[] {household}, prices));
    if (!alone.report().status().hasSolution()) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double standaloneDelta = alone.totalCostEur() - values.standaloneCostEur(household);
    int n = day.householdCount();
    List<Double> deltas = new ArrayList<>();
    try (CoalitionLp lp = CoalitionLp.open(modified, prices)) {
      BitSet members = new BitSet(n);
      for (BitSet predecessors : log.predecessors(household)) {
        if (predecessors.isEmpty()) {
          deltas.add(0.0); // v({i}) = v'({i}) = 0
          continue;
        }
        BitSet coalition = (BitSet) predecessors.clone();
        coalition.set(household);
        double originalCost;
        if (coalition.cardinality() == n) {
          originalCost = cleared.costMinimising().totalCostEur();
        } else {
          double sum = 0;
          for (int j = coalition.nextSetBit(0); j >= 0; j = coalition.nextSetBit(j + 1)) {
            sum += values.standaloneCostEur(j);
          }
          originalCost = sum - values.value(coalition);
        }
        for (int j = members.nextSetBit(0); j >= 0; j = members.nextSetBit(j + 1)) {
          if (!coalition.get(j)) {
            lp.leave(j);
          }
        }
        for (int j = coalition.nextSetBit(0); j >= 0; j = coalition.nextSetBit(j + 1)) {
          lp.join(j);
        }
        members = coalition;
        double modifiedCost = lp.solveCostEur();
        if (Double.isNaN(modifiedCost)) {
          ClearingResult result =
              solver.solve(
                  ClearingRequest.costMinimising(modified, coalition.stream().toArray(), prices));
          if (!result.report().status().hasSolution()) {
            continue;
          }
          modifiedCost = result.totalCostEur();
        }
        deltas.add(standaloneDelta - (modifiedCost - originalCost));
      }
    }
    if (deltas.isEmpty()) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double mean = deltas.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double variance = 0;
    for (double d : deltas) {
      variance += (d - mean) * (d - mean);
    }
    double se =
        deltas.size() > 1 ? Math.sqrt(variance / (deltas.size() - 1) / deltas.size()) : Double.NaN;
    return new double[] {mean, se};
  }

  static TradingDay withoutBattery(TradingDay day, int household) {
    List<Household> households = new ArrayList<>(day.households());
    Household h = households.get(household);
    households.set(
        household,
        new Household(
            h.id(),
            h.kind(),
            h.group(),
            h.dailyIncomeEur(),
            h.pvKwp(),
            null,
            h.reservation(),
            h.flex()));
    double[] soc = day.initialSocKwh().clone();
    soc[household] = 0;
    return day.withHouseholds(households, day.loadKwh(), day.pvKwh(), soc);
  }

  static TradingDay withoutPv(TradingDay day, int household) {
    List<Household> households = new ArrayList<>(day.households());
    Household h = households.get(household);
    households.set(
        household,
        new Household(
            h.id(),
            h.kind(),
            h.group(),
            h.dailyIncomeEur(),
            0.0,
            h.battery(),
            h.reservation(),
            h.flex()));
    double[][] pv = day.pvKwh().clone();
    pv[household] = new double[day.intervals()];
    return day.withHouseholds(households, day.loadKwh(), pv, day.initialSocKwh());
  }
}
