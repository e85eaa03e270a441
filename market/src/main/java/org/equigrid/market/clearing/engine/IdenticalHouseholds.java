package org.equigrid.market.clearing.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.equigrid.market.clearing.BinaryPairs;
import org.equigrid.market.clearing.ClearingModel;
import org.equigrid.market.clearing.ClearingRequest;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.TradingDay;

/**
 * The tie-break's rule among identical households (docs/model.md, "Ties"): members of a request
 * with the same data (everything of {@link Household} but the id, flexible demand included, the
 * same load, PV and initial state of charge, and the same weight, protection, standalone cost,
 * connection scale and own-use row in the request) are interchangeable: any permutation of their
 * schedules is feasible and has the same objective and the same rule objective, so the tie-break's
 * optimum does not say which of them takes which schedule, nor how a continuous amount of cost is
 * split between them. The rule, equal treatment of equals:
 *
 * <ol>
 *   <li><b>Equal shares.</b> Every member of a group takes the group's mean schedule (each flow,
 *       charge, state of charge and EV charge the mean of the members', interval by interval). The
 *       mean of feasible schedules of members with the same constraints is feasible for each of
 *       them, and the group's sums per interval are unchanged, so the pool balance, the peak, the
 *       objective and the rule objective are too (a Rawlsian floor row holds: the mean relative
 *       saving is at least the smallest); only a binary pair can break, where one member charges
 *       (or draws) and another discharges (or gives) in the same interval. Where the mean breaks no
 *       pair (always for members without a battery or flexible load, and always where the LP
 *       stands), it is the split: identical households pay the same, and their common schedule is
 *       the group's total over the optimal face divided by its size, as unique as any household's.
 *   <li><b>Order by id</b>, where the mean would break a pair: the one first in id order ({@link
 *       String#compareTo}) takes the schedule with the least rule cost {@code Σ_t C[t]·(1 + t/T)}
 *       (their volumes {@code V} are equal), the next one the next, and so on; equal rule costs (to
 *       1e-9 EUR) are ordered by the per-interval costs, then by the imports, exports, pool
 *       purchases and sales, charges and discharges, interval by interval (each to 1e-9 kWh). The
 *       split between them may then depend on the solver's vertex by a continuous amount, and the
 *       reason names the group ({@link Split#note()}).
 * </ol>
 *
 * <p>Both are exact: no solve, no tolerance on the objective.
 */
final class IdenticalHouseholds {

  /** Resolution of the comparisons (EUR or kWh): values closer than this compare as equal. */
  static final double RESOLUTION = 1e-9;

  private IdenticalHouseholds() {}

  /**
   * The split of the class comment.
   *
   * @param values per member of the request
   * @param ordered the groups of identical members that were ordered by id (their mean breaks a
   *     pair), each sorted by id; empty where every group has equal shares (or there is none)
   * @param ids the ids of each group of {@code ordered}, joined by ", "
   */
  record Split(ClearingModel.RawSolution values, List<List<Integer>> ordered, List<String> ids) {

    /** Which groups were ordered by id and why, for the reason ("" where none was). */
    String note() {
      return ids.isEmpty()
          ? ""
          : "identical households "
              + String.join("; ", ids)
              + " ordered by id: their mean schedule breaks a binary pair, so the split"
              + " between them may depend on the vertex";
    }

    /** The reason's note where the second pass ({@link TieBreakTwins}) chose their split. */
    String byIdNote() {
      return "identical households "
          + String.join("; ", ids)
          + ": their mean schedule breaks a binary pair; the first in id order takes the least"
          + " rule cost over the rule's optimal face (second pass)";
    }
  }

  /**
   * {@code values} with every group of identical members split by the rule of the class comment:
   * the group's mean schedule where it breaks no binary pair (or {@code fixPairs} is false: the LP
   * stands), else the schedules ordered by id. The same object where no two members are identical.
   */
  static Split canonical(
      ClearingRequest request, ClearingModel.RawSolution values, boolean fixPairs) {
    List<List<Integer>> groups = groups(request);
    if (groups.isEmpty()) {
      return new Split(values, List.of(), List.of());
    }
    double[][][] flows = values.families();
    double[][][] result = new double[flows.length][][];
    for (int f = 0; f < flows.length; f++) {
      result[f] = flows[f] == null ? null : flows[f].clone();
    }
    List<List<Integer>> ordered = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (List<Integer> group : groups) {
      double[][] mean = new double[flows.length][];
      for (int f = 0; f < flows.length; f++) {
        mean[f] = flows[f] == null ? null : mean(flows[f], group);
      }
      if (!fixPairs || !request.hasDirections(group.get(0)) || !breaks(mean)) {
        for (int k : group) {
          for (int f = 0; f < flows.length; f++) {
            if (flows[f] != null) {
              result[f][k] = mean[f].clone();
            }
          }
        }
        continue;
      }
      int[] source = byId(request, values, group);
      for (int rank = 0; rank < source.length; rank++) {
        for (int f = 0; f < flows.length; f++) {
          if (flows[f] != null) {
            result[f][group.get(rank)] = flows[f][source[rank]];
          }
        }
      }
      List<Integer> sorted = sortedById(request, group);
      List<String> names = new ArrayList<>();
      for (int k : sorted) {
        names.add(idOf(request, k));
      }
      ordered.add(sorted);
      ids.add(String.join(", ", names));
    }
    return new Split(ClearingModel.RawSolution.ofFamilies(result), ordered, ids);
  }

  /** {@code group} sorted by id ({@link String#compareTo}). */
  static List<Integer> sortedById(ClearingRequest request, List<Integer> group) {
    List<Integer> byId = new ArrayList<>(group);
    byId.sort(Comparator.comparing(m -> idOf(request, m)));
    return byId;
  }

  /**
   * {@code values} with the schedules of every group of identical members reassigned by id (step 2
   * of the class comment), whether or not their mean would break a pair (the same object where no
   * two members are identical).
   */
  static ClearingModel.RawSolution ordered(
      ClearingRequest request, ClearingModel.RawSolution values) {
    List<List<Integer>> groups = groups(request);
    if (groups.isEmpty()) {
      return values;
    }
    double[][][] flows = values.families();
    double[][][] result = new double[flows.length][][];
    for (int f = 0; f < flows.length; f++) {
      result[f] = flows[f] == null ? null : flows[f].clone();
    }
    for (List<Integer> group : groups) {
      int[] source = byId(request, values, group);
      for (int rank = 0; rank < source.length; rank++) {
        for (int f = 0; f < flows.length; f++) {
          if (flows[f] != null) {
            result[f][group.get(rank)] = flows[f][source[rank]];
          }
        }
      }
    }
    return ClearingModel.RawSolution.ofFamilies(result);
  }

  /** The groups of two or more identical members, each in member order, by first member. */
  private static List<List<Integer>> groups(ClearingRequest request) {
    int memberCount = request.members().length;
    boolean[] grouped = new boolean[memberCount];
    List<List<Integer>> groups = new ArrayList<>();
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
      if (group.size() > 1) {
        groups.add(group);
      }
    }
    return groups;
  }

  /**
   * The member whose schedule each member of {@code group} takes by rank: the rank-th by id takes
   * the rank-th by the schedules' order.
   */
  private static int[] byId(
      ClearingRequest request, ClearingModel.RawSolution values, List<Integer> group) {
    List<Integer> byId = new ArrayList<>(group);
    byId.sort(Comparator.comparing(m -> idOf(request, m)));
    List<Integer> bySchedule = new ArrayList<>(group);
    bySchedule.sort((a, b) -> compareSchedules(request, values, a, b));
    int[] source = new int[group.size()];
    for (int rank = 0; rank < source.length; rank++) {
      source[group.indexOf(byId.get(rank))] = bySchedule.get(rank);
    }
    return source;
  }

  /** The mean of the rows {@code group} of {@code family}, interval by interval. */
  private static double[] mean(double[][] family, List<Integer> group) {
    double[] sum = new double[family[group.get(0)].length];
    for (int k : group) {
      for (int t = 0; t < sum.length; t++) {
        sum[t] += family[k][t];
      }
    }
    for (int t = 0; t < sum.length; t++) {
      sum[t] /= group.size();
    }
    return sum;
  }

  /**
   * Whether a schedule (rows of {@link ClearingModel.RawSolution#families}) charges and discharges,
   * or draws and gives.
   */
  private static boolean breaks(double[][] schedule) {
    for (int t = 0; t < schedule[0].length; t++) {
      if (Math.min(schedule[5][t], schedule[6][t]) > BinaryPairs.BREAK_KWH
          || BinaryPairs.breaksDirection(
              schedule[0][t], schedule[1][t], schedule[2][t], schedule[3][t], schedule[4][t])) {
        return true;
      }
    }
    return false;
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
        && Objects.equals(x.flex(), y.flex())
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
}
