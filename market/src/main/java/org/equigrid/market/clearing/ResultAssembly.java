package org.equigrid.market.clearing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.market.model.TradingDay;

/**
 * How every engine ends: a raw schedule (per member of the request) becomes a {@link
 * ClearingResult}. Ties within a weight class are re-split ({@link #splitTies}), purchases and
 * sales of one interval netted, values below {@value #CLIP_KWH} kWh clipped, and the costs, the
 * peak, the Rawlsian floor and the objective recomputed from the values (an engine's own objective
 * is never reported). A failed solve becomes a result without schedules ({@link #failed}).
 */
public final class ResultAssembly {

  private static final Logger LOG = LogManager.getLogger();

  /** Values below this magnitude are reported as 0. */
  static final double CLIP_KWH = 1e-9;

  private static final double NANOS = 1e9;

  private ResultAssembly() {}

  /**
   * Nets buy/sell, clips tiny values, recomputes costs and the peak from the values; the report's
   * objective is recomputed too (the one given is ignored). The ties of each weight class are
   * re-split first ({@link #splitTies}).
   */
  public static ClearingResult finish(
      ClearingRequest request,
      ClearingModel.RawSolution raw,
      SolverReport report,
      long start,
      double epsilonEur) {
    return assemble(request, splitTies(request, raw), report, start, epsilonEur);
  }

  /** A result without schedules: the solve failed, {@code report} says how. */
  public static ClearingResult failed(ClearingRequest request, SolverReport report, long start) {
    LOG.debug(
        "coalition of {} on day {}: {} ({}) in {} s",
        request.members().length,
        request.day().dayIndex(),
        report.status(),
        report.reason(),
        seconds(start));
    return new ClearingResult(
        report,
        request.poolPriceEurPerKwh(),
        List.of(),
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN);
  }

  /** Seconds since {@code startNanos} ({@link System#nanoTime()}). */
  public static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / NANOS;
  }

  /** The schedules of a result as a raw solution (per member of the request). */
  public static ClearingModel.RawSolution rawOf(ClearingResult result) {
    int n = result.schedules().size();
    double[][][] values = new double[9][n][];
    for (int k = 0; k < n; k++) {
      HouseholdSchedule s = result.schedules().get(k);
      values[0][k] = s.importKwh();
      values[1][k] = s.exportKwh();
      values[2][k] = s.buyKwh();
      values[3][k] = s.sellKwh();
      values[4][k] = s.curtailKwh();
      values[5][k] = s.chargeKwh();
      values[6][k] = s.dischargeKwh();
      values[7][k] = s.socKwh();
      values[8][k] = s.flexKwh();
    }
    return new ClearingModel.RawSolution(
        values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7],
        values[8]);
  }

  /**
   * Nets buy/sell, clips tiny values, recomputes costs, the peak and the objective from the values.
   */
  public static ClearingResult assemble(
      ClearingRequest request,
      ClearingModel.RawSolution raw,
      SolverReport given,
      long start,
      double epsilonEur) {
    SolveStatus status = given.status();
    double lpBound = given.lpBoundEur();
    double gap = given.relativeGap();
    double buildSeconds = given.buildSeconds();
    double solveSeconds = given.solveSeconds();
    boolean milpUsed = given.milpUsed();
    int binaries = given.binaryCount();
    String reason = given.reason();
    TradingDay day = request.day();
    int intervals = day.intervals();
    double dt = day.intervalHours();
    double[] priceImp = day.tariff().importPriceEurPerKwh();
    double[] priceExp = day.tariff().exportPriceEurPerKwh();
    double[] pool = request.poolPriceEurPerKwh();
    int memberCount = request.members().length;
    List<HouseholdSchedule> schedules = new ArrayList<>(memberCount);
    double gridCost = 0;
    double weighted = 0;
    double[] importPerInterval = new double[intervals];
    double floor = Double.POSITIVE_INFINITY;
    // Once, not per member: without EVs it allocates a zero row per member.
    double[][] ev = raw.evOrZero();
    for (int k = 0; k < memberCount; k++) {
      double[] buy = raw.buy()[k].clone();
      double[] sell = raw.sell()[k].clone();
      for (int t = 0; t < intervals; t++) {
        double both = Math.min(buy[t], sell[t]);
        if (both > 0) {
          buy[t] -= both;
          sell[t] -= both;
        }
      }
      double[] imp = clip(raw.imp()[k]);
      double[] exp = clip(raw.exp()[k]);
      buy = clip(buy);
      sell = clip(sell);
      double cost = 0;
      for (int t = 0; t < intervals; t++) {
        cost += priceImp[t] * imp[t] - priceExp[t] * exp[t] + pool[t] * (buy[t] - sell[t]);
        importPerInterval[t] += imp[t];
      }
      schedules.add(
          new HouseholdSchedule(
              request.members()[k],
              imp,
              exp,
              buy,
              sell,
              clip(raw.ch()[k]),
              clip(raw.dis()[k]),
              clip(raw.soc()[k]),
              clip(raw.cur()[k]),
              cost,
              clip(ev[k])));
      gridCost += cost;
      weighted += request.weightByMember()[k] * cost;
      if (request.rawlsianStrengthEur() > 0
          && request.protectedMember()[k]
          && Double.isFinite(request.standaloneCostEur()[k])) {
        double standalone = request.standaloneCostEur()[k];
        floor = Math.min(floor, (standalone - cost) / Math.max(Math.abs(standalone), epsilonEur));
      }
    }
    double peakKw = 0;
    for (int t = 0; t < intervals; t++) {
      peakKw = Math.max(peakKw, importPerInterval[t] / dt);
    }
    double peakCharge = day.tariff().peakChargeEurPerKw() * peakKw;
    double rawlsianFloor = ClearingModel.hasFloor(request) ? floor : Double.NaN;
    double objective =
        weighted
            + peakCharge
            - (Double.isNaN(rawlsianFloor) ? 0 : request.rawlsianStrengthEur() * rawlsianFloor);
    SolverReport report =
        new SolverReport(
            status,
            objective,
            lpBound,
            gap,
            buildSeconds,
            solveSeconds,
            milpUsed,
            binaries,
            reason);
    LOG.debug(
        "coalition of {} on day {}: {} objective {} EUR, cost {} EUR, peak {} kW, milp {} ({} binaries),"
            + " build {} s, solve {} s, total {} s",
        memberCount,
        day.dayIndex(),
        status,
        objective,
        gridCost + peakCharge,
        peakKw,
        milpUsed,
        binaries,
        buildSeconds,
        solveSeconds,
        seconds(start));
    return new ClearingResult(
        report,
        request.poolPriceEurPerKwh(),
        List.copyOf(schedules),
        peakKw,
        gridCost,
        peakCharge,
        rawlsianFloor);
  }

  /**
   * The tie-break of DESIGN.md section 2b: households of one weight often have many optimal splits
   * of the same totals, so their costs would depend on the vertex the solver returns. Every class
   * of members of one weight and without a floor row (where {@code z <= u_i} binds, a member's own
   * cost matters) has its grid and pool flows re-split in every interval by {@link
   * ProRataSplit#splitClass}: the class's import and purchases go to its members with a need, pro
   * rata to the need, its export and sales to those with a surplus, pro rata to the surplus left
   * after curtailment (curtailment of members without a battery pro rata to their surplus; a
   * battery member keeps its charge, discharge and curtailment as solved, its need or surplus is
   * {@code L + ch − G − dis + cur}). The class's totals, hence the objective, pool balance and
   * peak, are unchanged, and so is every member's physical net position; the costs of members
   * without a battery then depend only on the class totals. Import and export shares are capped at
   * each member's connection limit, the excess shared again among the others (water-filling); where
   * the limits cannot take the class totals, or a battery member curtails while it draws, that
   * class and interval keep the solver's split (documented fallback; then the binary checks see the
   * solver's split). The split also repairs the relaxation's ties: a battery member that imports
   * while another member of its class sells gets a schedule of one direction.
   */
  public static ClearingModel.RawSolution splitTies(
      ClearingRequest request, ClearingModel.RawSolution raw) {
    TradingDay day = request.day();
    int memberCount = request.members().length;
    boolean floor = ClearingModel.hasFloor(request);
    Map<Double, List<Integer>> classes = new LinkedHashMap<>();
    for (int k = 0; k < memberCount; k++) {
      double weight = request.weightByMember()[k];
      boolean floorRow =
          floor && request.protectedMember()[k] && Double.isFinite(request.standaloneCostEur()[k]);
      if (!floorRow && Double.isFinite(weight)) {
        classes.computeIfAbsent(weight, w -> new ArrayList<>()).add(k);
      }
    }
    double[][] imp = copy(raw.imp());
    double[][] exp = copy(raw.exp());
    double[][] buy = copy(raw.buy());
    double[][] sell = copy(raw.sell());
    double[][] cur = copy(raw.cur());
    double dt = day.intervalHours();
    for (List<Integer> list : classes.values()) {
      int n = list.size();
      if (n < 2) {
        continue;
      }
      int[] members = list.stream().mapToInt(Integer::intValue).toArray();
      double[] need = new double[n];
      double[] surplus = new double[n];
      boolean[] battery = new boolean[n];
      double[] importCap = new double[n];
      double[] exportCap = new double[n];
      for (int m = 0; m < n; m++) {
        int k = members[m];
        // a member with flexible demand is split as a battery member: its net position is solved
        battery[m] = request.hasDirections(k);
        importCap[m] = day.tariff().importLimitKw() * dt * request.connectionScale(k);
        exportCap[m] = day.tariff().exportLimitKw() * dt * request.connectionScale(k);
      }
      for (int t = 0; t < day.intervals(); t++) {
        for (int m = 0; m < n; m++) {
          int k = members[m];
          if (battery[m]) {
            int i = request.members()[k];
            double net =
                day.loadKwh()[i][t]
                    + (raw.ev() == null ? 0 : raw.ev()[k][t])
                    + raw.ch()[k][t]
                    - day.pvKwh()[i][t]
                    - raw.dis()[k][t]
                    + raw.cur()[k][t];
            need[m] = Math.max(0, net);
            surplus[m] = Math.max(0, -net);
          } else {
            need[m] = request.needKwh(k, t);
            surplus[m] = request.surplusKwh(k, t);
          }
        }
        ProRataSplit.splitClass(
            members, t, need, surplus, battery, importCap, exportCap, imp, exp, buy, sell, cur);
      }
    }
    return new ClearingModel.RawSolution(
        imp, exp, buy, sell, cur, raw.ch(), raw.dis(), raw.soc(), raw.ev());
  }

  private static double[][] copy(double[][] values) {
    double[][] result = new double[values.length][];
    for (int k = 0; k < values.length; k++) {
      result[k] = values[k].clone();
    }
    return result;
  }

  private static double[] clip(double[] values) {
    double[] result = values.clone();
    for (int t = 0; t < result.length; t++) {
      if (Math.abs(result[t]) < CLIP_KWH) {
        result[t] = 0;
      }
    }
    return result;
  }
}
