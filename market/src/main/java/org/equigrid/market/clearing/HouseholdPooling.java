package org.equigrid.market.clearing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equigrid.market.model.TradingDay;

/**
 * Exact aggregation of a clearing request: the members without a battery, without a floor row and
 * of the same weight are merged into one block (summed load and PV, connection limits scaled by
 * the summed connection scales), the request is solved on the blocks, and the block schedules are
 * split back into schedules of the members.
 *
 * <p><b>Who is pooled.</b> A member is poolable when it has no battery, a finite weight {@code w >
 * 0}, no row {@code z <= u_i} (it is not protected, or the request has no floor), and no connection
 * limit can bind it: {@code L[i,t] <= s_i·Kimp·Δt} and {@code G[i,t] <= s_i·Kexp·Δt} in every
 * interval ({@code s_i} its connection scale; its origin rows then give {@code imp <= L} and {@code
 * exp <= G}, the condition of {@link IncrementalCoalitionLp#canPool}). The poolable members of one
 * weight form one block if they are at least two; every other member stays alone. A block takes
 * the place of its first member, so the pooled request keeps the members' order.
 *
 * <p><b>Why it is exact.</b> The sum of the members' feasible schedules is a feasible block schedule
 * with the same objective (same weight, everything linear; the block's limits are the sums of the
 * members'). Conversely every block schedule splits into feasible member schedules with the same
 * block totals of {@code imp, exp, buy, sell, cur} (the rule below), pool trades inside the block
 * cancelling in the objective (same weight) and in the pool balance (internal buys equal internal
 * sells). So the LP optima are equal. The MILP too: the block cannot import and export at once, but
 * it never needs to: where one member imports and another exports, trading the smaller amount
 * inside the block instead costs {@code w·(πexp − πimp) <= 0} per kWh and lowers the peak.
 *
 * <p><b>Splitting a block: own PV first</b> (per interval; block totals {@code I, E, B, S, C};
 * member {@code i} has load {@code L_i}, PV {@code G_i}, own use {@code s_i = min(L_i, G_i)}, net
 * load {@code d_i = L_i − s_i}, net PV {@code g_i = G_i − s_i}; sums {@code ΣL, ΣG, Σs, Σd, Σg}).
 * The block's PV that serves the block's load is {@code X = ΣL − I − B}, in {@code [0, min(ΣL,
 * ΣG)]} by the block's origin row and balance ({@code ΣG − E − S − C = X}).
 *
 * <ul>
 *   <li>If {@code X <= Σs}: every member uses {@code o_i = s_i·X/Σs} of its own PV, nothing is
 *       traded inside the block.
 *   <li>Otherwise every member uses {@code o_i = s_i} and {@code T = X − Σs} (at most {@code Σd} and
 *       {@code Σg}) is traded inside the block: member {@code i} buys {@code T·d_i/Σd} and sells
 *       {@code T·g_i/Σg}.
 * </ul>
 *
 * <p>What is left, load {@code l_i} and PV {@code q_i}, sums to {@code Σl = ΣL − X = I + B} and
 * {@code Σq = ΣG − X = E + S + C}; it is served pro rata: {@code imp_i = I·l_i/Σl}, {@code buy_i +=
 * B·l_i/Σl}, {@code exp_i = E·q_i/Σq}, {@code sell_i += S·q_i/Σq}, {@code cur_i = C·q_i/Σq} (0 when
 * the sum is 0). Each member then balances exactly ({@code G_i + imp_i + buy_i = L_i + exp_i +
 * sell_i + cur_i}), its origin rows hold ({@code imp_i + buy_i = L_i − o_i <= L_i} and {@code
 * sell_i <= G_i − o_i <= G_i}, since {@code B + I = Σl} and {@code S <= Σq}), the internal buys
 * equal the internal sells (pool balance), and the block totals are kept (same objective). A member
 * that buys inside the block has no PV left ({@code q_i = 0}) and one that sells inside has no load
 * left ({@code l_i = 0}); the block's own buy and sell are netted, so no member both buys and sells;
 * a block that does not import and export at once gives members that do not either. This is the
 * proportional split of the grid and pool flows after every member has first served its own load,
 * so a household with a surplus never imports while others of its block cover their load from the
 * grid. {@link CoalitionSolver#finish} recomputes each member's energy cost. No battery: {@code ch,
 * dis, soc} are 0.
 */
final class HouseholdPooling {

  private final ClearingRequest original;
  private final ClearingRequest pooled;
  /** Per pooled member: the positions in {@code original.members()} it stands for. */
  private final List<int[]> blocks;
  private final int pooledMembers;
  private final int blockCount;

  private HouseholdPooling(ClearingRequest original, List<int[]> blocks) {
    this.original = original;
    this.blocks = List.copyOf(blocks);
    int inBlocks = 0;
    int count = 0;
    for (int[] block : blocks) {
      if (block.length > 1) {
        inBlocks += block.length;
        count++;
      }
    }
    this.pooledMembers = inBlocks;
    this.blockCount = count;
    this.pooled = pooledRequest();
  }

  /** The pooling of the request, or null when no two members can be pooled. */
  static HouseholdPooling of(ClearingRequest request) {
    int memberCount = request.members().length;
    boolean floor = ClearingModel.hasFloor(request);
    Map<Double, List<Integer>> byWeight = new LinkedHashMap<>();
    for (int k = 0; k < memberCount; k++) {
      if (poolable(request, k, floor)) {
        byWeight.computeIfAbsent(request.weightByMember()[k], w -> new ArrayList<>()).add(k);
      }
    }
    int[] blockOf = new int[memberCount];
    Arrays.fill(blockOf, -1);
    List<int[]> multi = new ArrayList<>();
    for (List<Integer> group : byWeight.values()) {
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

  private static boolean poolable(ClearingRequest request, int k, boolean floor) {
    TradingDay day = request.day();
    int i = request.members()[k];
    double weight = request.weightByMember()[k];
    if (day.households().get(i).hasBattery() || !(weight > 0) || !Double.isFinite(weight)) {
      return false;
    }
    if (floor && request.protectedMember()[k] && Double.isFinite(request.standaloneCostEur()[k])) {
      return false;
    }
    double importKwh = day.tariff().importLimitKw() * day.intervalHours() * request.connectionScale(k);
    double exportKwh = day.tariff().exportLimitKw() * day.intervalHours() * request.connectionScale(k);
    for (int t = 0; t < day.intervals(); t++) {
      if (day.loadKwh()[i][t] > importKwh || day.pvKwh()[i][t] > exportKwh) {
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
      if (block.length == 1) {
        protectedMember[b] = original.protectedMember()[first];
        if (standalone != null) {
          standalone[b] = original.standaloneCostEur()[first];
        }
      } else if (standalone != null) {
        standalone[b] = Double.NaN; // unprotected in effect: no floor row
      }
    }
    return new ClearingRequest(PooledDay.of(original.day(), households), members, weights,
        original.rawlsianStrengthEur(), protectedMember, standalone, original.poolPriceEurPerKwh(), scale);
  }

  /** The request on the blocks (its day holds one household per block). */
  ClearingRequest pooled() {
    return pooled;
  }

  /** How many members are in blocks of two or more. */
  int pooledMembers() {
    return pooledMembers;
  }

  /** How many blocks of two or more. */
  int blockCount() {
    return blockCount;
  }

  /** The note the solver report carries. */
  String note() {
    return "pooled " + pooledMembers + " households without battery into " + blockCount
        + (blockCount == 1 ? " block" : " blocks") + " (" + pooled.members().length + " of "
        + original.members().length + " members solved)";
  }

  /**
   * The original members' values (in the original member order) from the schedules of a solution
   * of {@link #pooled()}; buy and sell are not yet netted (see the class comment).
   */
  ClearingModel.RawSolution split(List<HouseholdSchedule> blockSchedules) {
    TradingDay day = original.day();
    int intervals = day.intervals();
    int memberCount = original.members().length;
    double[][] imp = new double[memberCount][intervals];
    double[][] exp = new double[memberCount][intervals];
    double[][] buy = new double[memberCount][intervals];
    double[][] sell = new double[memberCount][intervals];
    double[][] cur = new double[memberCount][intervals];
    double[][] ch = new double[memberCount][intervals];
    double[][] dis = new double[memberCount][intervals];
    double[][] soc = new double[memberCount][intervals];
    for (int b = 0; b < blocks.size(); b++) {
      int[] block = blocks.get(b);
      HouseholdSchedule s = blockSchedules.get(b);
      if (block.length == 1) {
        int k = block[0];
        imp[k] = s.importKwh().clone();
        exp[k] = s.exportKwh().clone();
        buy[k] = s.buyKwh().clone();
        sell[k] = s.sellKwh().clone();
        cur[k] = s.curtailKwh().clone();
        ch[k] = s.chargeKwh().clone();
        dis[k] = s.dischargeKwh().clone();
        soc[k] = s.socKwh().clone();
        continue;
      }
      for (int t = 0; t < intervals; t++) {
        splitInterval(block, t, s, imp, exp, buy, sell, cur);
      }
    }
    return new ClearingModel.RawSolution(imp, exp, buy, sell, cur, ch, dis, soc);
  }

  /** One block's interval, by the rule of the class comment (own PV first). */
  private void splitInterval(int[] block, int t, HouseholdSchedule s, double[][] imp, double[][] exp,
      double[][] buy, double[][] sell, double[][] cur) {
    TradingDay day = original.day();
    double loadSum = 0;
    double pvSum = 0;
    double ownSum = 0;
    for (int k : block) {
      int i = original.members()[k];
      loadSum += day.loadKwh()[i][t];
      pvSum += day.pvKwh()[i][t];
      ownSum += Math.min(day.loadKwh()[i][t], day.pvKwh()[i][t]);
    }
    double fromGridAndPool = s.importKwh()[t] + s.buyKwh()[t];
    // X: the block's PV that serves the block's load.
    double local = Math.max(0, Math.min(Math.min(loadSum, pvSum), loadSum - fromGridAndPool));
    double ownFraction = ownSum > 0 ? Math.min(1, local / ownSum) : 0;
    double traded = Math.max(0, local - ownSum);
    double netLoadSum = loadSum - ownSum;
    double netPvSum = pvSum - ownSum;
    double[] restLoad = new double[block.length];
    double[] restPv = new double[block.length];
    double restLoadSum = 0;
    double restPvSum = 0;
    for (int m = 0; m < block.length; m++) {
      int k = block[m];
      int i = original.members()[k];
      double load = day.loadKwh()[i][t];
      double pv = day.pvKwh()[i][t];
      double own = ownFraction * Math.min(load, pv);
      double netLoad = load - Math.min(load, pv);
      double netPv = pv - Math.min(load, pv);
      double bought = netLoadSum > 0 ? traded * netLoad / netLoadSum : 0;
      double sold = netPvSum > 0 ? traded * netPv / netPvSum : 0;
      buy[k][t] = bought;
      sell[k][t] = sold;
      restLoad[m] = Math.max(0, load - own - bought);
      restPv[m] = Math.max(0, pv - own - sold);
      restLoadSum += restLoad[m];
      restPvSum += restPv[m];
    }
    for (int m = 0; m < block.length; m++) {
      int k = block[m];
      double loadShare = restLoadSum > 0 ? restLoad[m] / restLoadSum : 0;
      double pvShare = restPvSum > 0 ? restPv[m] / restPvSum : 0;
      imp[k][t] = s.importKwh()[t] * loadShare;
      buy[k][t] += s.buyKwh()[t] * loadShare;
      exp[k][t] = s.exportKwh()[t] * pvShare;
      sell[k][t] += s.sellKwh()[t] * pvShare;
      cur[k][t] = s.curtailKwh()[t] * pvShare;
    }
  }
}
