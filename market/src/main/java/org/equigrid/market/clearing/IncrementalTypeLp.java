package org.equigrid.market.clearing;

import com.google.ortools.linearsolver.MPSolver;
import java.util.Arrays;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.ortools.OrToolsNatives;

/**
 * The cost-minimising LP relaxation (weights 1, no floor, the coalition's own peak charge) of every
 * coalition of household types in one LP model (CLP, see {@link WarmModel}): a coalition is a count
 * per type, and type {@code k} at count {@code c} is its representative with load, PV, battery
 * (capacity, power, state of charge bounds, initial state of charge) and connection limits
 * multiplied by {@code c}, as in the settlement's aggregated day and {@link
 * ClearingRequest#connectionScaleByMember()}.
 *
 * <p>The model holds every representative at count 1. Every bound of a representative's block is
 * homogeneous of degree 1 in its count: variable bounds ({@code imp <= c·Kimp·Δt} or {@code <=
 * c·L}, {@code exp <= c·Kexp·Δt}, {@code sell <= c·G}, {@code cur <= c·G}, {@code ch, dis <=
 * c·P·Δt}, {@code c·SOCmin <= soc <= c·SOCmax}, the end-of-day bound {@code c·max(SOCmin, SOC0)})
 * and row bounds (balance {@code c·(L − G)}, dynamics {@code c·SOC0}, origin {@code c·L} and {@code
 * c·G}); the coefficients (efficiencies, prices, the pool and peak rows) do not depend on it. So a
 * count {@code c > 0} multiplies each recorded base bound by {@code c}, and count 0 fixes the
 * block's variables at 0 and frees its rows. Which variables exist depends on the count only
 * through {@code c > 0}; where the smaller per-coalition model has no pool trade in an interval
 * (nobody present could sell or buy) the pool row here forces the present types' trades to 0, and
 * the origin row {@code imp + buy <= c·L} then bounds {@code imp} as the smaller model does.
 *
 * <p>CLP runs without presolve and with the dual simplex, so a change of counts re-solves from the
 * previous basis. Where the optimum breaks a binary pair (above {@value BinaryPairs#BREAK_KWH} kWh)
 * or CLP finds no optimum, {@link #solveCostEur()} returns {@code NaN}: the caller then solves the
 * coalition with {@link CoalitionSolver}.
 *
 * <p>Not thread-safe: one instance per thread. {@link #reset()} sets every count to 0 and makes the
 * next solve start from scratch, so a sequence of count vectors gives the same values on any
 * instance.
 */
public final class IncrementalTypeLp implements AutoCloseable {

  /** The relative savings' {@code ε}; irrelevant here (no floor), any valid value. */
  private static final double EPSILON_EUR = 0.01;

  private final ClearingModel model;
  private final int types;
  private final int intervals;

  /** Each type's variables and own rows with the bounds of one household of the type. */
  private final MemberBounds[] bounds;

  private final int[] counts;
  private final WarmModel warm;

  /**
   * Builds the model with every count 0.
   *
   * @param representatives one household per type, each at count 1 (at least two)
   * @param poolPriceEurPerKwh {@code p[t]} (cancels in the total cost; kept for the same model)
   */
  public IncrementalTypeLp(TradingDay representatives, double[] poolPriceEurPerKwh) {
    OrToolsNatives.load();
    types = representatives.householdCount();
    if (types < 2) {
      throw new IllegalArgumentException(
          "a type LP needs at least 2 types, got " + types + "; coalitions of one type need no LP");
    }
    intervals = representatives.intervals();
    int[] all = new int[types];
    double[] scale = new double[types];
    for (int k = 0; k < types; k++) {
      all[k] = k;
      scale[k] = 1;
    }
    MPSolver solver = WarmModel.newSolver();
    model =
        new ClearingModel(
            ClearingRequest.costMinimising(representatives, all, poolPriceEurPerKwh, scale),
            solver,
            null,
            null,
            null,
            false,
            EPSILON_EUR);
    bounds = new MemberBounds[types];
    for (int k = 0; k < types; k++) {
      bounds[k] =
          MemberBounds.of(
              model,
              k,
              model.balanceRow,
              model.dynamicsRow,
              model.originBuyRow,
              model.originSellRow,
              model.needRow,
              model.surplusRow,
              model.chargeRow,
              model.dischargeRow,
              model.importSideRow,
              model.exportSideRow);
    }
    counts = new int[types];
    Arrays.fill(counts, -1);
    for (int k = 0; k < types; k++) {
      setCount(k, 0);
    }
    warm = new WarmModel(model);
  }

  /** The number of types. */
  public int types() {
    return types;
  }

  /** The current counts per type. */
  public int[] counts() {
    return counts.clone();
  }

  /** Sets every count to 0; the next solve starts from scratch (no basis kept). */
  public void reset() {
    for (int k = 0; k < types; k++) {
      setCount(k, 0);
    }
    model.solver().reset();
  }

  /** Sets the coalition: {@code counts[k] >= 0} members of type {@code k}. */
  public void setCounts(int[] counts) {
    if (counts.length != types) {
      throw new IllegalArgumentException(
          "counts has " + counts.length + " entries; the model has " + types + " types");
    }
    for (int k = 0; k < types; k++) {
      if (counts[k] < 0) {
        throw new IllegalArgumentException(
            "count " + counts[k] + " of type " + k + " must be >= 0");
      }
    }
    for (int k = 0; k < types; k++) {
      setCount(k, counts[k]);
    }
  }

  private void setCount(int type, int count) {
    if (counts[type] == count) {
      return;
    }
    counts[type] = count;
    if (count == 0) {
      bounds[type].disable();
    } else {
      bounds[type].enable(count);
    }
  }

  /**
   * The coalition's optimal cost {@code C*(c)} (grid cost plus peak charge, EUR), or {@code NaN}
   * when CLP finds no optimum or the optimum breaks a binary pair (see {@link #lastStatus()}).
   */
  public double solveCostEur() {
    return warm.solveCostEur(k -> counts[k] > 0);
  }

  /** CLP's status of the last solve (null before the first). */
  public SolveStatus lastStatus() {
    return warm.lastStatus();
  }

  @Override
  public void close() {
    warm.close();
  }
}
