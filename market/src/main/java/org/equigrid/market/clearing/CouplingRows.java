package org.equigrid.market.clearing;

import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPVariable;
import java.util.List;
import org.equigrid.market.model.TradingDay;

/**
 * The coupling rows of a {@link ClearingModel}, after its per-member blocks ({@link MemberBlocks})
 * and in the order the model creates them (the order fixes the solver's answer on ties): each
 * member's flexible demand over the day, the pool balance per interval, the peak and the Rawlsian
 * floor {@code z}, the rows themselves written by {@link DayFormulation}.
 */
final class CouplingRows {

  private CouplingRows() {}

  /**
   * Each member's flexible demand (EV energy, appliance runs); the appliance start binaries go to
   * {@code starts}.
   */
  static void flexibleDemand(ClearingModel m, DayFormulation rows, List<MPVariable> starts) {
    TradingDay day = m.day;
    double dt = day.intervalHours();
    int[] members = m.members;
    for (int k = 0; k < m.memberCount; k++) {
      // appliance starts: integer in a MILP (SCIP), in [0, 1] in the relaxation (GLOP)
      rows.flexibleDemand(
          members[k],
          m.ev[k],
          day.households().get(members[k]).flex(),
          dt,
          m.solver().isMip(),
          starts);
    }
  }

  /**
   * The pool balance in every interval where somebody could be on each side (none when {@code
   * relaxed} is {@link ConstraintFamily#POOL_BALANCE}).
   */
  static void pool(
      ClearingModel m,
      DayFormulation rows,
      ConstraintFamily relaxed,
      boolean[] anyCanSell,
      boolean[] anyCanBuy) {
    if (relaxed != ConstraintFamily.POOL_BALANCE) {
      for (int t = 0; t < m.intervals; t++) {
        if (anyCanSell[t] && anyCanBuy[t]) {
          rows.pool(t, column(m, m.sell, t), column(m, m.buy, t));
        }
      }
    }
  }

  /** The peak variable with its objective coefficient and rows; null without a peak charge. */
  static MPVariable peak(ClearingModel m, DayFormulation rows, MPObjective objective) {
    TradingDay day = m.day;
    double inf = Double.POSITIVE_INFINITY;
    double dt = day.intervalHours();
    double peakCharge = day.tariff().peakChargeEurPerKw();
    if (peakCharge > 0) {
      MPVariable peak = rows.variable(0, inf, "peak", -1, -1);
      objective.setCoefficient(peak, peakCharge);
      for (int t = 0; t < m.intervals; t++) {
        rows.peak(t, peak, dt, column(m, m.imp, t));
      }
      return peak;
    } else {
      return null;
    }
  }

  /**
   * The Rawlsian floor {@code z} with its objective coefficient {@code −ρ} and a row per protected
   * member with finite C0; null where it is not in the model ({@link #hasFloor}).
   */
  static MPVariable floor(
      ClearingModel m,
      DayFormulation rows,
      MPObjective objective,
      ClearingRequest request,
      double epsilonEur) {
    TradingDay day = m.day;
    double inf = Double.POSITIVE_INFINITY;
    double[] priceImp = day.tariff().importPriceEurPerKwh();
    double[] priceExp = day.tariff().exportPriceEurPerKwh();
    double[] pool = request.poolPriceEurPerKwh();
    int[] members = m.members;
    if (hasFloor(request)) {
      MPVariable floor = rows.variable(-inf, inf, "z", -1, -1);
      objective.setCoefficient(floor, -request.rawlsianStrengthEur());
      for (int k = 0; k < m.memberCount; k++) {
        double standalone = request.standaloneCostEur()[k];
        if (request.protectedMember()[k] && Double.isFinite(standalone)) {
          rows.floor(
              members[k],
              floor,
              standalone,
              epsilonEur,
              priceImp,
              priceExp,
              pool,
              m.imp[k],
              m.exp[k],
              m.buy[k],
              m.sell[k]);
        }
      }
      return floor;
    } else {
      return null;
    }
  }

  /** {@link ClearingModel#hasFloor}. */
  static boolean hasFloor(ClearingRequest request) {
    if (!(request.rawlsianStrengthEur() > 0)) {
      return false;
    }
    for (int k = 0; k < request.members().length; k++) {
      if (request.protectedMember()[k] && Double.isFinite(request.standaloneCostEur()[k])) {
        return true;
      }
    }
    return false;
  }

  /** {@code family[k][t]} over the members {@code k}. */
  private static MPVariable[] column(ClearingModel m, MPVariable[][] family, int t) {
    MPVariable[] result = new MPVariable[m.memberCount];
    for (int k = 0; k < m.memberCount; k++) {
      result[k] = family[k][t];
    }
    return result;
  }
}
