package org.equigrid.market.clearing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.TradingDay;

/**
 * Exact aggregation of a clearing request: the members without a battery, without a floor row and
 * of the same weight are merged into one block (summed load and PV, connection limits scaled by the
 * summed connection scales), the request is solved on the blocks, and the block schedules are split
 * back into schedules of the members.
 *
 * <p><b>Who is pooled.</b> A member is poolable when it has no battery, a finite weight {@code w >
 * 0}, no row {@code z <= u_i} (it is not protected, or the request has no floor), and no connection
 * limit can bind it: {@code L[i,t] <= s_i·Kimp·Δt} and {@code G[i,t] <= s_i·Kexp·Δt} in every
 * interval ({@code s_i} its connection scale; its origin rows then give {@code imp <= L} and {@code
 * exp <= G}, the condition of {@link IncrementalCoalitionLp#canPool}). The poolable members of one
 * weight form one block if they are at least two; every other member stays alone. A block takes the
 * place of its first member, so the pooled request keeps the members' order.
 *
 * <p><b>Why it is exact</b> (one meter, one direction, DESIGN.md section 2b). A member without a
 * battery draws exactly its need {@code d_i = L_i − min(L_i, G_i)} or gives exactly its surplus
 * {@code u_i = G_i − min(L_i, G_i)} (one of them is 0). The block's rows are {@code imp + buy <= Σ
 * d_i} and {@code exp + sell + cur <= Σ u_i} with the summed balance ({@link
 * ClearingRequest#ownUseKwhByMember} carries {@code Σ min(L_i, G_i)}); it has no binary, since it
 * stands for several meters. The sum of the members' feasible schedules is a feasible block
 * schedule with the same objective (same weight, everything linear; the block's limits are the sums
 * of the members'). Conversely every block schedule splits into member schedules of one direction
 * each with the same block totals ({@link ProRataSplit}: draws pro rata to need, gifts pro rata to
 * surplus, the rest of the need bought from the block's surplus members inside the pool), pool
 * trades inside the block cancelling in the objective (same weight) and in the pool balance. So the
 * LP optima are equal, and the MILP's too (no member of a block has a binary). Each member's {@code
 * imp <= d_i <= L_i} and {@code exp <= u_i <= G_i} stay within its connection limits by the
 * condition above, and its origin rows hold ({@code imp + buy = d_i <= L_i}, {@code sell <= u_i <=
 * G_i}). {@link ResultAssembly#finish} recomputes each member's energy cost. No battery: {@code ch,
 * dis, soc} are 0.
 *
 * <p><b>Battery blocks</b> (only with {@link #of(ClearingRequest, boolean) of(request, true)}). A
 * member with a battery is poolable when it is unprotected as above, of finite weight {@code w >
 * 0}, and no connection limit can bind it even at full battery power: {@code L[i,t] + P·Δt <=
 * s_i·Kimp·Δt} and {@code G[i,t] + P·Δt <= s_i·Kexp·Δt} in every interval. (This is stricter than
 * {@code L − G + P·Δt <= Kimp·Δt}: its origin rows give {@code imp <= L + ch} and, with its
 * balance, {@code exp <= G + dis}, whatever the schedule; the weaker condition would cover imports
 * only where members use their own PV first in full, which an LP schedule need not do. On the s5
 * scenario, Kimp 17 kW, Kexp 10 kW, P 5 kW, both pool the same households.) Members of one weight
 * with identical battery parameters (capacity, power, both efficiencies, socMin, socMax) and the
 * same initial state of charge of the day (exact equality) form one block if they are at least two:
 * summed load and PV, one battery scaled by the count {@code k} (capacity, power, socMin, socMax
 * and initial state of charge times {@code k}, efficiencies unchanged, {@link PooledDay}), summed
 * connection scale.
 *
 * <p><i>Split.</i> Every member gets {@code 1/k} of the block's {@code ch, dis, soc}: its own
 * battery's bounds, power limits, dynamics and end-of-day row hold (all are the block's divided by
 * {@code k}), so identical batteries stay identical from day to day; it charges and discharges at
 * once only where the block does. Then the block's flows are split pro rata ({@link ProRataSplit})
 * with each member's load {@code L_i + ch_i} and PV {@code G_i + dis_i} (need and surplus after its
 * own use), curtailment at most its PV; a split that cannot place the block's curtailment so fails,
 * and the request is solved without battery blocks. Each member then has one direction, balances,
 * keeps its origin rows and stays within {@code imp <= L_i + P·Δt}, {@code exp <= G_i + P·Δt} (its
 * connection limits by the condition above).
 *
 * <p><i>The LP bound.</i> Without direction rows the block's LP equals the members' (the symmetric
 * average of the members' battery schedules, with the block's flows split back, is feasible and
 * exactly as good; the relaxed {@code β} rows average too, their big-M values being equal). The
 * block's one {@code δ} stands for several meters whose big-M values differ, so it is left out of
 * the relaxation ({@link ClearingRequest#isBatteryBlock}): the pooled LP bound is the unpooled
 * relaxation without the pooled members' {@code δ} rows, a valid bound no tighter than the unpooled
 * one (tested). <i>The MILP is restricted:</i> the block cannot charge one member's battery while
 * discharging another's, so the pooled MILP may be above the unpooled one. {@link
 * org.equigrid.market.clearing.engine.BatteryPoolingEngine} therefore pools batteries only where
 * the unpooled MILP would skip SCIP anyway, and measures the answer's gap against the LP bound,
 * never against SCIP's bound of the pooled MILP.
 */
public final class HouseholdPooling {

  private final ClearingRequest original;
  private final ClearingRequest pooled;

  /** Per pooled member: the positions in {@code original.members()} it stands for. */
  private final List<int[]> blocks;

  private final int pooledMembers;
  private final int blockCount;
  private final int batteryMembers;
  private final int batteryBlocks;

  private HouseholdPooling(ClearingRequest original, List<int[]> blocks) {
    this.original = original;
    this.blocks = List.copyOf(blocks);
    int inBlocks = 0;
    int count = 0;
    int inBatteryBlocks = 0;
    int batteryCount = 0;
    for (int[] block : blocks) {
      if (block.length > 1) {
        if (hasBattery(block)) {
          inBatteryBlocks += block.length;
          batteryCount++;
        } else {
          inBlocks += block.length;
          count++;
        }
      }
    }
    this.pooledMembers = inBlocks;
    this.blockCount = count;
    this.batteryMembers = inBatteryBlocks;
    this.batteryBlocks = batteryCount;
    this.pooled = pooledRequest();
  }

  private boolean hasBattery(int[] block) {
    return original.day().households().get(original.members()[block[0]]).hasBattery();
  }

  /**
   * The pooling of the request without battery blocks, or null when no two members can be pooled.
   */
  public static HouseholdPooling of(ClearingRequest request) {
    return of(request, false);
  }

  /**
   * The pooling of the request, or null when no two members can be pooled or some member has
   * flexible demand (a block has one fixed profile; the request is then solved unpooled).
   *
   * @param batteries whether members with identical batteries are pooled too (a restriction of the
   *     MILP, see the class comment)
   */
  public static HouseholdPooling of(ClearingRequest request, boolean batteries) {
    if (request.hasFlexibleDemand()) {
      return null;
    }
    int memberCount = request.members().length;
    boolean floor = ClearingModel.hasFloor(request);
    TradingDay day = request.day();
    Map<PoolKey, List<Integer>> byKey = new LinkedHashMap<>();
    for (int k = 0; k < memberCount; k++) {
      int i = request.members()[k];
      Battery battery = day.households().get(i).battery();
      if ((battery == null || batteries) && poolable(request, k, floor)) {
        PoolKey key =
            battery == null
                ? new PoolKey(request.weightByMember()[k], 0, 0, 0, 0, 0, 0, 0, false)
                : new PoolKey(
                    request.weightByMember()[k],
                    battery.capacityKwh(),
                    battery.powerKw(),
                    battery.chargeEfficiency(),
                    battery.dischargeEfficiency(),
                    battery.socMinKwh(),
                    battery.socMaxKwh(),
                    day.initialSocKwh()[i],
                    true);
        byKey.computeIfAbsent(key, w -> new ArrayList<>()).add(k);
      }
    }
    int[] blockOf = new int[memberCount];
    Arrays.fill(blockOf, -1);
    List<int[]> multi = new ArrayList<>();
    for (List<Integer> group : byKey.values()) {
      if (group.size() > 1) {
        for (int k : group) {
          blockOf[k] = multi.size();
        }
        multi.add(group.stream().mapToInt(Integer::intValue).toArray());
      }
    }
    if (multi.isEmpty()) {
      return null;
    }
    List<int[]> blocks = new ArrayList<>();
    boolean[] placed = new boolean[multi.size()];
    for (int k = 0; k < memberCount; k++) {
      int b = blockOf[k];
      if (b < 0) {
        blocks.add(new int[] {k});
      } else if (!placed[b]) {
        placed[b] = true;
        blocks.add(multi.get(b));
      }
    }
    return new HouseholdPooling(request, blocks);
  }

  /**
   * A pooling class: the weight and, for battery members, the battery and initial state of charge.
   */
  private record PoolKey(
      double weight,
      double capacityKwh,
      double powerKw,
      double chargeEfficiency,
      double dischargeEfficiency,
      double socMinKwh,
      double socMaxKwh,
      double initialSocKwh,
      boolean battery) {}

  private static boolean poolable(ClearingRequest request, int k, boolean floor) {
    TradingDay day = request.day();
    int i = request.members()[k];
    double weight = request.weightByMember()[k];
    if (!(weight > 0) || !Double.isFinite(weight)) {
      return false;
    }
    if (floor && request.protectedMember()[k] && Double.isFinite(request.standaloneCostEur()[k])) {
      return false;
    }
    return limitsCannotBind(day, i, request.connectionScale(k));
  }

  /**
   * Whether no connection limit (times {@code scale}) can bind household {@code i}, even with its
   * battery at full power: {@code L + P·Δt <= Kimp·Δt} and {@code G + P·Δt <= Kexp·Δt} in every
   * interval ({@code P} 0 without a battery; its origin rows give {@code imp <= L + ch} and {@code
   * exp <= G + dis}).
   */
  static boolean limitsCannotBind(TradingDay day, int i, double scale) {
    Battery battery = day.households().get(i).battery();
    double powerKwh = battery == null ? 0 : battery.powerKw() * day.intervalHours();
    double importKwh = day.tariff().importLimitKw() * day.intervalHours() * scale;
    double exportKwh = day.tariff().exportLimitKw() * day.intervalHours() * scale;
    for (int t = 0; t < day.intervals(); t++) {
      if (day.loadKwh()[i][t] + powerKwh > importKwh || day.pvKwh()[i][t] + powerKwh > exportKwh) {
        return false;
      }
    }
    return true;
  }

  private ClearingRequest pooledRequest() {
    int count = blocks.size();
    int[] members = new int[count];
    double[] weights = new double[count];
    boolean[] protectedMember = new boolean[count];
    double[] standalone = original.standaloneCostEur() == null ? null : new double[count];
    double[] scale = new double[count];
    double[][] ownUse = new double[count][];
    List<int[]> households = new ArrayList<>(count);
    for (int b = 0; b < count; b++) {
      int[] block = blocks.get(b);
      int first = block[0];
      members[b] = b;
      weights[b] = original.weightByMember()[first];
      int[] indices = new int[block.length];
      for (int m = 0; m < block.length; m++) {
        indices[m] = original.members()[block[m]];
        scale[b] += original.connectionScale(block[m]);
      }
      households.add(indices);
      if (block.length > 1 && hasBattery(block)) {
        ownUse[b] = new double[original.day().intervals()]; // marks a battery block
      } else if (block.length > 1) {
        ownUse[b] = new double[original.day().intervals()];
        for (int m : block) {
          for (int t = 0; t < ownUse[b].length; t++) {
            ownUse[b][t] += original.ownUseKwh(m, t);
          }
        }
      }
      if (block.length == 1) {
        protectedMember[b] = original.protectedMember()[first];
        if (standalone != null) {
          standalone[b] = original.standaloneCostEur()[first];
        }
      } else if (standalone != null) {
        standalone[b] = Double.NaN; // unprotected in effect: no floor row
      }
    }
    return new ClearingRequest(
        PooledDay.of(original.day(), households),
        members,
        weights,
        original.rawlsianStrengthEur(),
        protectedMember,
        standalone,
        original.poolPriceEurPerKwh(),
        scale,
        ownUse);
  }

  /** The request on the blocks (its day holds one household per block). */
  public ClearingRequest pooled() {
    return pooled;
  }

  /** How many members without a battery are in blocks of two or more. */
  int pooledMembers() {
    return pooledMembers;
  }

  /** How many blocks of two or more members without a battery. */
  int blockCount() {
    return blockCount;
  }

  /** How many members with a battery are in blocks of two or more. */
  int batteryMembers() {
    return batteryMembers;
  }

  /** How many blocks of two or more members with identical batteries. */
  public int batteryBlocks() {
    return batteryBlocks;
  }

  /** The positions in the original request of the block that holds member position {@code k}. */
  int[] blockOf(int k) {
    for (int[] block : blocks) {
      for (int m : block) {
        if (m == k) {
          return block.clone();
        }
      }
    }
    throw new IllegalArgumentException(
        "member position "
            + k
            + " is not in the request (0.."
            + (original.members().length - 1)
            + ")");
  }

  /** The note the solver report carries. */
  public String note() {
    StringBuilder note =
        new StringBuilder(
            batteryBlocks > 0
                ? "approximation (solver.poolIdenticalBatteries): pooled "
                : "pooled ");
    if (blockCount > 0) {
      note.append(pooledMembers)
          .append(" households without battery into ")
          .append(blockCount)
          .append(blockCount == 1 ? " block" : " blocks");
    }
    if (batteryBlocks > 0) {
      note.append(blockCount > 0 ? " and " : "")
          .append(batteryMembers)
          .append(" battery households into ")
          .append(batteryBlocks)
          .append(batteryBlocks == 1 ? " block" : " blocks")
          .append(
              " of identical batteries (symmetric schedules: the MILP is restricted, the gap is"
                  + " against the LP bound)");
    }
    return note.append(" (")
        .append(pooled.members().length)
        .append(" of ")
        .append(original.members().length)
        .append(" members solved)")
        .toString();
  }

  /**
   * The original members' values (in the original member order) from the schedules of a solution of
   * {@link #pooled()}; buy and sell are not yet netted (see the class comment). Null when a block's
   * flows cannot be split (only a battery block can fail, see the class comment; {@link
   * PooledSplit}).
   */
  public ClearingModel.RawSolution split(List<HouseholdSchedule> blockSchedules) {
    return PooledSplit.split(original, blocks, blockSchedules);
  }
}
