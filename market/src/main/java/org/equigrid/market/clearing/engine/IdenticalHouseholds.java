package org.equigrid.market.clearing.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.equigrid.market.clearing.ClearingModel;
import org.equigrid.market.clearing.ClearingRequest;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.TradingDay;

/**
 * The tie-break's rule among identical households (docs/model.md, "Ties"): members of a request
 * with the same data (everything of {@link Household} but the id, the same load, PV and initial
 * state of charge, and the same weight, protection, standalone cost, connection scale and own-use
 * row in the request) are interchangeable: any permutation of their schedules is feasible and has
 * the same objective and the same rule objective, so the tie-break's optimum does not say which of
 * them takes which schedule. The rule: among identical households, the one first in id order
 * ({@link String#compareTo}) takes the schedule with the least rule cost {@code Σ_t C[t]·(1 + t/T)}
 * (their volumes {@code V} are equal), the next one the next, and so on; equal rule costs (to 1e-9
 * EUR) are ordered by the per-interval costs, then by the imports, exports, pool purchases and
 * sales, charges and discharges, interval by interval (each to 1e-9 kWh). A permutation of the
 * schedules, so exact: no solve, no tolerance on the objective.
 */
final class IdenticalHouseholds {

  /** Resolution of the comparisons (EUR or kWh): values closer than this compare as equal. */
  static final double RESOLUTION = 1e-9;

  private IdenticalHouseholds() {}

  /**
   * {@code values} with the schedules of every group of identical members reassigned by the rule of
   * the class comment (the same object where no two members are identical).
   */
  static ClearingModel.RawSolution ordered(
      ClearingRequest request, ClearingModel.RawSolution values) {
    int memberCount = request.members().length;
    boolean[] grouped = new boolean[memberCount];
    int[] source = new int[memberCount];
    for (int k = 0; k < memberCount; k++) {
      source[k] = k;
    }
    boolean moved = false;
    for (int k = 0; k < memberCount; k++) {
      if (grouped[k]) {
        continue;
      }
      List<Integer> group = new ArrayList<>();
      group.add(k);
      for (int other = k + 1; other < memberCount; other++) {
        if (!grouped[other] && identical(request, k, other)) {
          group.add(other);
          grouped[other] = true;
        }
      }
      if (group.size() < 2) {
        continue;
      }
      List<Integer> byId = new ArrayList<>(group);
      byId.sort(Comparator.comparing(m -> idOf(request, m)));
      List<Integer> bySchedule = new ArrayList<>(group);
      bySchedule.sort((a, b) -> compareSchedules(request, values, a, b));
      for (int rank = 0; rank < group.size(); rank++) {
        source[byId.get(rank)] = bySchedule.get(rank);
        moved |= byId.get(rank).intValue() != bySchedule.get(rank).intValue();
      }
    }
    if (!moved) {
      return values;
    }
    return new ClearingModel.RawSolution(
        rows(values.imp(), source),
        rows(values.exp(), source),
        rows(values.buy(), source),
        rows(values.sell(), source),
        rows(values.cur(), source),
        rows(values.ch(), source),
        rows(values.dis(), source),
        rows(values.soc(), source));
  }

  /** Whether members {@code a} and {@code b} have the same data (class comment). */
  static boolean identical(ClearingRequest request, int a, int b) {
    TradingDay day = request.day();
    int i = request.members()[a];
    int j = request.members()[b];
    Household x = day.households().get(i);
    Household y = day.households().get(j);
    return x.kind() == y.kind()
        && x.group().equals(y.group())
        && Double.compare(x.dailyIncomeEur(), y.dailyIncomeEur()) == 0
        && Double.compare(x.pvKwp(), y.pvKwp()) == 0
        && Objects.equals(x.battery(), y.battery())
        && Objects.equals(x.reservation(), y.reservation())
        && Arrays.equals(day.loadKwh()[i], day.loadKwh()[j])
        && Arrays.equals(day.pvKwh()[i], day.pvKwh()[j])
        && Double.compare(day.initialSocKwh()[i], day.initialSocKwh()[j]) == 0
        && Double.compare(request.weightByMember()[a], request.weightByMember()[b]) == 0
        && request.protectedMember()[a] == request.protectedMember()[b]
        && (request.standaloneCostEur() == null
            || Double.compare(request.standaloneCostEur()[a], request.standaloneCostEur()[b]) == 0)
        && (request.connectionScaleByMember() == null
            || Double.compare(
                    request.connectionScaleByMember()[a], request.connectionScaleByMember()[b])
                == 0)
        && (request.ownUseKwhByMember() == null
            || Arrays.equals(request.ownUseKwhByMember()[a], request.ownUseKwhByMember()[b]));
  }

  private static String idOf(ClearingRequest request, int member) {
    return request.day().households().get(request.members()[member]).id();
  }

  /** The rule's order of two members' schedules (class comment). */
  private static int compareSchedules(
      ClearingRequest request, ClearingModel.RawSolution values, int a, int b) {
    double[] costA = intervalCosts(request, values, a);
    double[] costB = intervalCosts(request, values, b);
    int order = Long.compare(quantised(ruleCost(costA)), quantised(ruleCost(costB)));
    if (order != 0) {
      return order;
    }
    order = compareQuantised(costA, costB);
    double[][][] flows = {
      values.imp(), values.exp(), values.buy(), values.sell(), values.ch(), values.dis()
    };
    for (int f = 0; f < flows.length && order == 0; f++) {
      order = compareQuantised(flows[f][a], flows[f][b]);
    }
    return order;
  }

  /** {@code Σ_t C[t]·(1 + t/T)}: the rule's cost of one member, without the common {@code 1/V}. */
  private static double ruleCost(double[] costs) {
    double sum = 0;
    for (int t = 0; t < costs.length; t++) {
      sum += costs[t] * (1 + (double) t / costs.length);
    }
    return sum;
  }

  /** The member's cost per interval {@code C[t]} (EUR), priced as in the rule. */
  private static double[] intervalCosts(
      ClearingRequest request, ClearingModel.RawSolution values, int k) {
    TradingDay day = request.day();
    double[] priceImp = day.tariff().importPriceEurPerKwh();
    double[] priceExp = day.tariff().exportPriceEurPerKwh();
    double[] pool = request.poolPriceEurPerKwh();
    double[] costs = new double[day.intervals()];
    for (int t = 0; t < costs.length; t++) {
      costs[t] =
          priceImp[t] * values.imp()[k][t]
              - priceExp[t] * values.exp()[k][t]
              + pool[t] * (values.buy()[k][t] - values.sell()[k][t]);
    }
    return costs;
  }

  private static int compareQuantised(double[] a, double[] b) {
    for (int t = 0; t < a.length; t++) {
      int order = Long.compare(quantised(a[t]), quantised(b[t]));
      if (order != 0) {
        return order;
      }
    }
    return 0;
  }

  private static long quantised(double value) {
    return Math.round(value / RESOLUTION);
  }

  private static double[][] rows(double[][] values, int[] source) {
    double[][] result = new double[values.length][];
    for (int k = 0; k < values.length; k++) {
      result[k] = values[source[k]];
    }
    return result;
  }
}
