package org.equigrid.market.clearing;

import com.google.ortools.linearsolver.MPSolver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.ortools.OrToolsNatives;

/**
 * The cost-minimising LP relaxation (weights 1, no floor, the coalition's own peak charge) of every
 * coalition of a day in one LP model (CLP, see {@link WarmModel}): the model holds all households,
 * a household outside the coalition has its variables fixed at 0 and its balance and battery rows
 * made free, and joining or leaving restores or removes those bounds in place. The LP solver runs
 * without presolve and with the dual simplex, so after a household joins it re-solves from the
 * previous basis; that is what makes the prefixes of a random order (each one household more than
 * the last) cheap.
 *
 * <p>The optimum equals that of {@link CoalitionSolver}'s own model of the coalition (which builds
 * only the coalition's variables; the extra ones here are held at 0, and the pool rows of intervals
 * where no member can sell or buy force the members' trades to 0 as the smaller model's bounds do).
 * Where the optimum breaks a binary pair that no pro-rata re-split of the pool mends (simultaneous
 * charge and discharge, or a battery household drawing and giving, above {@value
 * BinaryPairs#BREAK_KWH} kWh; {@link ClearingModel#breaksAtEqualWeights}) it is no schedule, and
 * {@link #solveCostEur()} says so: the caller then solves the coalition with {@link
 * CoalitionSolver}.
 *
 * <p><b>Households without a battery in one block.</b> In the cost-minimising problem pool trades
 * cancel in the total cost, and when no connection limit can bind a household without a battery
 * ({@code L[i,t] <= Kimp·Δt} and {@code G[i,t] <= Kexp·Δt} for all of them: its origin rows already
 * give {@code imp <= L} and {@code exp <= G}), the members without a battery can be pooled into one
 * block with their summed load and PV, its draws bounded by their summed need and its gifts by
 * their summed surplus (DESIGN.md section 2b): every schedule of the block splits into schedules of
 * the members, each of one direction, with the same grid flows and the same net pool position
 * ({@link ProRataSplit}), so the optimum is the same. The model then holds the households with a
 * battery and one block whose bounds follow the coalition's sums ({@link #canPool}); the equality
 * is tested against the per-coalition solve.
 *
 * <p>Not thread-safe: one instance per thread. {@link #reset()} empties the coalition and makes the
 * next solve start from scratch, so a sequence of joins gives the same values on any instance.
 */
public final class IncrementalCoalitionLp implements CoalitionLp {

  /** The relative savings' {@code ε}; irrelevant here (no floor), any valid value. */
  private static final double EPSILON_EUR = 0.01;

  private final TradingDay day;
  private final ClearingModel model;
  private final int households;
  private final int intervals;

  /** Model member of each household, or −1 for a household in the pooled block. */
  private final int[] blockOf;

  /** The pooled block's model member, or −1 without pooling. */
  private final int pooled;

  /** Each block's variables and balance and battery rows with their bounds as built. */
  private final MemberBounds[] bounds;

  /** Whether a household's own block is in the coalition. */
  private final boolean[] active;

  private final JoinOrder members;
  private final double[] pooledLoadKwh;
  private final double[] pooledPvKwh;
  private final double[] pooledNeedKwh;
  private final double[] pooledSurplusKwh;
  private final WarmModel warm;

  /**
   * Builds the model of all households of {@code day} with the empty coalition, the households
   * without a battery in one block when {@link #canPool} allows it.
   *
   * @param poolPriceEurPerKwh {@code p[t]} (cancels in the total cost; kept for the same model)
   */
  public IncrementalCoalitionLp(TradingDay day, double[] poolPriceEurPerKwh) {
    this(day, poolPriceEurPerKwh, canPool(day));
  }

  /**
   * With {@code pool} false every household is its own block (tests; and where pooling is inexact).
   */
  IncrementalCoalitionLp(TradingDay day, double[] poolPriceEurPerKwh, boolean pool) {
    OrToolsNatives.load();
    this.day = day;
    households = day.householdCount();
    intervals = day.intervals();
    blockOf = new int[households];
    TradingDay modelDay = day;
    int blocks = 0;
    int withoutBattery = 0;
    for (int i = 0; i < households; i++) {
      boolean alone = !pool || day.households().get(i).hasBattery();
      blockOf[i] = alone ? blocks++ : -1;
      withoutBattery += alone ? 0 : 1;
    }
    double[] scale = null;
    if (withoutBattery > 0) {
      pooled = blocks++;
      modelDay = pooledDay(day, blocks);
      scale = new double[blocks];
      Arrays.fill(scale, 1.0);
      scale[pooled] = withoutBattery;
    } else {
      pooled = -1;
    }
    pooledLoadKwh = new double[intervals];
    pooledPvKwh = new double[intervals];
    pooledNeedKwh = new double[intervals];
    pooledSurplusKwh = new double[intervals];
    int[] all = new int[blocks];
    for (int k = 0; k < blocks; k++) {
      all[k] = k;
    }
    double[][] ownUse = null;
    if (pooled >= 0) {
      // The block's own use over all its households: its need and surplus rows then exist wherever
      // some coalition needs them (updatePooled sets their bounds to the coalition's sums).
      ownUse = new double[blocks][];
      ownUse[pooled] = new double[intervals];
      for (int i = 0; i < households; i++) {
        if (blockOf[i] < 0) {
          for (int t = 0; t < intervals; t++) {
            ownUse[pooled][t] += Math.min(day.loadKwh()[i][t], day.pvKwh()[i][t]);
          }
        }
      }
    }
    double[] ones = new double[blocks];
    Arrays.fill(ones, 1.0);
    MPSolver solver = WarmModel.newSolver();
    model =
        new ClearingModel(
            new ClearingRequest(
                modelDay,
                all,
                ones,
                0.0,
                new boolean[blocks],
                null,
                poolPriceEurPerKwh,
                scale,
                ownUse),
            solver,
            null,
            null,
            null,
            false,
            EPSILON_EUR);
    bounds = new MemberBounds[blocks];
    for (int k = 0; k < blocks; k++) {
      bounds[k] = MemberBounds.of(model, k, model.balanceRow, model.dynamicsRow);
    }
    members = new JoinOrder(households);
    active = new boolean[blocks];
    for (int k = 0; k < blocks; k++) {
      if (k != pooled) {
        disable(k);
      }
    }
    if (pooled >= 0) {
      updatePooled();
    }
    warm = new WarmModel(model);
  }

  /**
   * Whether the households without a battery can be pooled into one block exactly: no connection
   * limit can bind any of them ({@code L <= Kimp·Δt}, {@code G <= Kexp·Δt} in every interval).
   */
  public static boolean canPool(TradingDay day) {
    for (int i = 0; i < day.householdCount(); i++) {
      if (!day.households().get(i).hasBattery() && !HouseholdPooling.limitsCannotBind(day, i, 1)) {
        return false;
      }
    }
    return true;
  }

  /** The model's day: the households with a battery, then one block of all the others. */
  private TradingDay pooledDay(TradingDay day, int blocks) {
    List<int[]> members = new ArrayList<>(blocks);
    int[] pooledMembers = new int[households];
    int pooledCount = 0;
    for (int i = 0; i < households; i++) {
      if (blockOf[i] >= 0) {
        members.add(new int[] {i});
      } else {
        pooledMembers[pooledCount++] = i;
      }
    }
    members.add(Arrays.copyOf(pooledMembers, pooledCount));
    return PooledDay.of(day, members);
  }

  @Override
  public int households() {
    return households;
  }

  @Override
  public void reset() {
    for (int i : members.toArray()) {
      leave(i);
    }
    model.solver().reset();
  }

  @Override
  public void join(int household) {
    if (!members.add(household)) {
      return;
    }
    int k = blockOf[household];
    if (k < 0) {
      updatePooled();
      return;
    }
    active[k] = true;
    bounds[k].enable(1);
  }

  @Override
  public void leave(int household) {
    if (!members.remove(household)) {
      return;
    }
    int k = blockOf[household];
    if (k < 0) {
      updatePooled();
    } else {
      disable(k);
    }
  }

  private void disable(int block) {
    active[block] = false;
    bounds[block].disable();
  }

  /**
   * Sets the pooled block's bounds to the sums over its members (in index order, so the bounds
   * depend on the coalition only): balance {@code L − G}, {@code imp + buy <= Σ need} and {@code
   * exp + sell + cur <= Σ surplus} (need and surplus after each household's own use, DESIGN.md
   * section 2b), {@code cur <= G}. With no member every bound is 0 and so is every flow of the
   * block.
   */
  private void updatePooled() {
    Arrays.fill(pooledLoadKwh, 0);
    Arrays.fill(pooledPvKwh, 0);
    Arrays.fill(pooledNeedKwh, 0);
    Arrays.fill(pooledSurplusKwh, 0);
    for (int i = 0; i < households; i++) {
      if (members.contains(i) && blockOf[i] < 0) {
        for (int t = 0; t < intervals; t++) {
          double load = day.loadKwh()[i][t];
          double pv = day.pvKwh()[i][t];
          pooledLoadKwh[t] += load;
          pooledPvKwh[t] += pv;
          pooledNeedKwh[t] += Math.max(0, load - pv);
          pooledSurplusKwh[t] += Math.max(0, pv - load);
        }
      }
    }
    int k = pooled;
    double inf = MPSolver.infinity();
    for (int t = 0; t < intervals; t++) {
      double load = pooledLoadKwh[t];
      double pv = pooledPvKwh[t];
      if (model.balanceRow[k][t] != null) {
        model.balanceRow[k][t].setBounds(load - pv, load - pv);
      }
      if (model.needRow[k][t] != null) {
        model.needRow[k][t].setBounds(-inf, pooledNeedKwh[t]);
      }
      if (model.surplusRow[k][t] != null) {
        model.surplusRow[k][t].setBounds(-inf, pooledSurplusKwh[t]);
      }
      if (model.cur[k][t] != null) {
        model.cur[k][t].setUb(pv);
      }
    }
  }

  @Override
  public int[] members() {
    return members.toArray();
  }

  @Override
  public double solveCostEur() {
    return warm.solveCostEur(k -> k == pooled || active[k]);
  }

  @Override
  public SolveStatus lastStatus() {
    return warm.lastStatus();
  }

  @Override
  public void close() {
    warm.close();
  }
}
