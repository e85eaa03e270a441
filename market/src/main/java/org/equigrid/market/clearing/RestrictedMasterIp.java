package org.equigrid.market.clearing;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import java.util.ArrayList;
import java.util.List;
import org.equigrid.market.model.TradingDay;

/**
 * Price-and-branch's last step in {@link PriceDecomposition.Run}: the restricted master as an
 * integer program, solved by SCIP. Every member's schedule is a convex combination of its own
 * columns (each a schedule of its MILP, {@link HouseholdMilp}) that agree on the battery's and the
 * meter's direction in every interval: a binary per battery member and interval where its columns
 * go both ways, with {@code Σ_{columns that discharge at t} λ ≤ 1 − β[t]} and {@code Σ_{columns
 * that charge at t} λ ≤ β[t]} (likewise for drawing and giving). Such a combination satisfies the
 * member's rows with its binaries set (the set of schedules of one direction pattern is convex), so
 * the master's answer is feasible for the community MILP: the same coupling rows (pool balance,
 * peak, floor; no imbalance to the grid) and the same objective. It is an upper bound of the MILP
 * optimum, the Lagrangian bound of the integer columns a lower bound; their distance is the
 * certified gap. Columns are taken per member (not per block of the LP master), so members of one
 * block may combine columns of different rounds.
 *
 * <p>A member with deferrable appliances (docs/model.md F4–F5; its columns from its MILP carry
 * their starts) gets a start binary per appliance and start its columns use ({@link
 * ApplianceStarts#wholeRuns}): its schedule then combines only columns that start every appliance
 * alike, so it runs each appliance once, whole, and stays feasible for the community MILP.
 *
 * <p>The coupling rows are not {@link DayFormulation}'s {@code pool}, {@code peak} and {@code
 * floor}: those are written over a household's flow variables, these over the columns' weights
 * {@code λ} (each column's flows as coefficients) and the resplit variables, as in the LP master.
 * The members' columns come from {@link ColumnPool#memberColumns}; the dives between IPs are {@link
 * PriceAndBranch}'s.
 */
final class RestrictedMasterIp {

  /** Node limit of the restricted master IP. */
  static final long IP_NODES = 2_000;

  /**
   * Cap on the restricted master IP's backstop (seconds, times {@link ScipRun#SCIP_LIMIT_FACTOR});
   * its node limit is what stops it.
   */
  static final double IP_SECONDS = 60;

  /**
   * One solve: SCIP's status, the members' schedules {@code flows[flow][k][t]} (null unless SCIP
   * found a solution; the pool balanced exactly, {@link #balance}), the number of distinct columns
   * and of binaries.
   */
  record Solved(
      MPSolver.ResultStatus status,
      double[][][] flows,
      int[][] starts,
      int columns,
      int binaries) {}

  private final ClearingRequest request;
  private final TradingDay day;
  private final SolverOptions options;
  private final double tolerance;
  private final int memberCount;
  private final int intervals;
  private final double dt;
  private final double[] priceImp;
  private final double[] priceExp;
  private final double[] pool;
  private final double[] weight;
  private final boolean[] hasDirections;
  private final boolean[] inPool;
  private final int[] appliances;

  /**
   * The master IP of {@code data}'s coalition, with the run's {@code tolerance} (SCIP's gap is a
   * quarter of it).
   */
  RestrictedMasterIp(DecompositionData data, SolverOptions options, double tolerance) {
    this.request = data.request();
    this.day = data.day();
    this.options = options;
    this.tolerance = tolerance;
    this.memberCount = data.memberCount();
    this.intervals = data.intervals();
    this.dt = data.dt();
    this.priceImp = data.priceImp();
    this.priceExp = data.priceExp();
    this.pool = data.pool();
    this.weight = data.weight();
    this.hasDirections = data.hasDirections();
    this.inPool = data.inPool();
    this.appliances = data.appliances();
  }

  /**
   * Builds and solves the IP over the members' columns {@code own}; null if OR-Tools has no SCIP.
   */
  Solved solve(List<List<HouseholdBlock.Column>> own) {
    MPSolver ip = MPSolver.createSolver("SCIP");
    if (ip == null) {
      return null;
    }
    try {
      double inf = MPSolver.infinity();
      MPObjective ipObjective = ip.objective();
      ipObjective.setMinimization();
      MPConstraint[] poolRow = new MPConstraint[intervals];
      MPConstraint[] peakRow = new MPConstraint[intervals];
      for (int t = 0; t < intervals; t++) {
        if (inPool[t]) {
          poolRow[t] = ip.makeConstraint(0, 0, "");
        }
      }
      double peakCharge = day.tariff().peakChargeEurPerKw();
      if (peakCharge > 0) {
        MPVariable peak = ip.makeNumVar(0, inf, "");
        ipObjective.setCoefficient(peak, peakCharge);
        for (int t = 0; t < intervals; t++) {
          peakRow[t] = ip.makeConstraint(0, inf, "");
          peakRow[t].setCoefficient(peak, 1);
        }
      }
      MPConstraint[] floorRow = new MPConstraint[memberCount];
      if (ClearingModel.hasFloor(request)) {
        MPVariable floor = ip.makeNumVar(-MasterLp.FLOOR_BOUND, MasterLp.FLOOR_BOUND, "");
        ipObjective.setCoefficient(floor, -request.rawlsianStrengthEur());
        for (int k = 0; k < memberCount; k++) {
          double standalone = request.standaloneCostEur()[k];
          if (request.protectedMember()[k] && Double.isFinite(standalone)) {
            floorRow[k] = ip.makeConstraint(-inf, standalone, "");
            floorRow[k].setCoefficient(floor, Math.max(Math.abs(standalone), options.epsilonEur()));
          }
        }
      }
      List<List<MPVariable>> shares = new ArrayList<>(memberCount);
      MPVariable[][][] toGrid = new MPVariable[memberCount][][];
      int binaries = 0;
      for (int k = 0; k < memberCount; k++) {
        List<HouseholdBlock.Column> list = own.get(k);
        List<MPVariable> lambda = new ArrayList<>(list.size());
        MPConstraint convex = ip.makeConstraint(1, 1, "");
        for (HouseholdBlock.Column column : list) {
          MPVariable x = ip.makeNumVar(0, 1, "");
          lambda.add(x);
          convex.setCoefficient(x, 1);
          double[][] v = column.values();
          double cost = column.cost(priceImp, priceExp, pool);
          ipObjective.setCoefficient(x, weight[k] * cost);
          if (floorRow[k] != null) {
            floorRow[k].setCoefficient(x, cost);
          }
          for (int t = 0; t < intervals; t++) {
            double net = v[HouseholdBlock.SELL][t] - v[HouseholdBlock.BUY][t];
            if (poolRow[t] != null && net != 0) {
              poolRow[t].setCoefficient(x, net);
            }
            if (peakRow[t] != null && v[HouseholdBlock.IMP][t] != 0) {
              peakRow[t].setCoefficient(x, -v[HouseholdBlock.IMP][t] / dt);
            }
          }
        }
        shares.add(lambda);
        toGrid[k] = new MPVariable[2][intervals];
        for (int t = 0; t < intervals; t++) {
          resplit(ip, k, t, list, lambda, poolRow[t], peakRow[t], floorRow[k], toGrid[k]);
        }
        binaries += ApplianceStarts.wholeRuns(ip, appliances[k], list, lambda);
        if (!hasDirections[k]) {
          continue; // directions fixed by the data
        }
        for (int t = 0; t < intervals; t++) {
          binaries += direction(ip, list, lambda, t, HouseholdBlock.CH, HouseholdBlock.DIS);
          binaries += direction(ip, list, lambda, t, -1, -1);
        }
      }
      // Deterministic limits (gap, nodes); the time limit is a wall-clock backstop far beyond
      // any normal solve, as in ScipRun.solve. A CPU-clock limit here counted the whole process
      // (SCIP's clocktype 1: the JIT, the GC, an agent run's other threads), so it stopped the IP
      // at different nodes from run to run and the negotiation's next rounds differed.
      MPSolver.ResultStatus status =
          ScipRun.canonical(
              ip,
              ScipRun.SCIP_LIMIT_FACTOR * Math.min(options.timeLimitSeconds(), IP_SECONDS),
              "limits/nodes = " + IP_NODES + "\n" + ScipRun.SCIP_SETTINGS,
              Math.max(tolerance / 4, 1e-9));
      int columns = own.stream().mapToInt(List::size).sum();
      if (status != MPSolver.ResultStatus.OPTIMAL && status != MPSolver.ResultStatus.FEASIBLE) {
        return new Solved(status, null, null, columns, binaries);
      }
      double[][][] flows = new double[HouseholdBlock.FLOWS][memberCount][intervals];
      int[][] starts = new int[memberCount][];
      for (int k = 0; k < memberCount; k++) {
        for (int j = 0; j < own.get(k).size(); j++) {
          double share = shares.get(k).get(j).solutionValue();
          if (share <= ResultAssembly.CLIP_KWH) {
            continue;
          }
          // every column the member combines starts its appliances alike (the rows of starts())
          starts[k] = own.get(k).get(j).starts();
          double[][] v = own.get(k).get(j).values();
          for (int f = 0; f < HouseholdBlock.FLOWS; f++) {
            for (int t = 0; t < intervals; t++) {
              flows[f][k][t] += share * v[f][t];
            }
          }
        }
        for (int t = 0; t < intervals; t++) {
          if (toGrid[k][0][t] != null) {
            double moved =
                Math.min(flows[HouseholdBlock.BUY][k][t], toGrid[k][0][t].solutionValue());
            flows[HouseholdBlock.BUY][k][t] -= moved;
            flows[HouseholdBlock.IMP][k][t] += moved;
          }
          if (toGrid[k][1][t] != null) {
            double moved =
                Math.min(flows[HouseholdBlock.SELL][k][t], toGrid[k][1][t].solutionValue());
            flows[HouseholdBlock.SELL][k][t] -= moved;
            flows[HouseholdBlock.EXP][k][t] += moved;
          }
        }
      }
      balance(flows);
      return new Solved(status, flows, starts, columns, binaries);
    } finally {
      ip.delete();
    }
  }

  /**
   * Moves what is left of the pool's imbalance in {@code flows} (SCIP's tolerances, about 1e-9 kWh)
   * onto the grid, pro rata to the sales (a surplus) or the purchases (a deficit), so the pool
   * balances exactly; sides and sums stay as they are.
   */
  static void balance(double[][][] flows) {
    int memberCount = flows[HouseholdBlock.SELL].length;
    int intervals = memberCount == 0 ? 0 : flows[HouseholdBlock.SELL][0].length;
    for (int t = 0; t < intervals; t++) {
      double sells = 0;
      double buys = 0;
      for (int k = 0; k < memberCount; k++) {
        sells += flows[HouseholdBlock.SELL][k][t];
        buys += flows[HouseholdBlock.BUY][k][t];
      }
      boolean surplus = sells > buys;
      int from = surplus ? HouseholdBlock.SELL : HouseholdBlock.BUY;
      int to = surplus ? HouseholdBlock.EXP : HouseholdBlock.IMP;
      double total = surplus ? sells : buys;
      double excess = Math.abs(sells - buys);
      if (excess == 0 || total <= 0) {
        continue;
      }
      for (int k = 0; k < memberCount; k++) {
        double moved = flows[from][k][t] * excess / total;
        flows[from][k][t] -= moved;
        flows[to][k][t] += moved;
      }
    }
  }

  /**
   * The part of member {@code k}'s pool purchase in interval {@code t} it imports instead ({@code
   * into[0][t]}) and of its pool sale it exports instead ({@code into[1][t]}), each at most the
   * flow it replaces: the member's balance, origin and one-meter rows keep their sums and sides, so
   * the schedule stays feasible (within the connection limits, which get a row where a column comes
   * near them). The pool then balances whatever directions the master picks.
   */
  private void resplit(
      MPSolver ip,
      int k,
      int t,
      List<HouseholdBlock.Column> list,
      List<MPVariable> lambda,
      MPConstraint poolRow,
      MPConstraint peakRow,
      MPConstraint floorRow,
      MPVariable[][] into) {
    if (poolRow == null) {
      return;
    }
    double inf = MPSolver.infinity();
    double scale = request.connectionScale(k);
    double[] capKwh = {
      day.tariff().importLimitKw() * dt * scale, day.tariff().exportLimitKw() * dt * scale
    };
    int[] pooled = {HouseholdBlock.BUY, HouseholdBlock.SELL};
    int[] grid = {HouseholdBlock.IMP, HouseholdBlock.EXP};
    double[] extraCost = {priceImp[t] - pool[t], pool[t] - priceExp[t]};
    for (int side = 0; side < 2; side++) {
      double most = 0;
      double nearCap = 0;
      for (HouseholdBlock.Column column : list) {
        double[][] v = column.values();
        most = Math.max(most, v[pooled[side]][t]);
        nearCap = Math.max(nearCap, v[pooled[side]][t] + v[grid[side]][t]);
      }
      if (most <= HouseholdMilp.USED_KWH) {
        continue;
      }
      MPVariable moved = ip.makeNumVar(0, inf, "");
      into[side][t] = moved;
      MPConstraint atMost = ip.makeConstraint(-inf, 0, "");
      atMost.setCoefficient(moved, 1);
      MPConstraint cap = nearCap > capKwh[side] ? ip.makeConstraint(-inf, capKwh[side], "") : null;
      if (cap != null) {
        cap.setCoefficient(moved, 1);
      }
      for (int j = 0; j < list.size(); j++) {
        double[][] v = list.get(j).values();
        if (v[pooled[side]][t] != 0) {
          atMost.setCoefficient(lambda.get(j), -v[pooled[side]][t]);
        }
        if (cap != null && v[grid[side]][t] != 0) {
          cap.setCoefficient(lambda.get(j), v[grid[side]][t]);
        }
      }
      // A purchase moved to the grid lowers purchases (+1 on sell − buy), a sale lowers sales.
      poolRow.setCoefficient(moved, side == 0 ? 1 : -1);
      ip.objective().setCoefficient(moved, weight[k] * extraCost[side]);
      if (floorRow != null) {
        floorRow.setCoefficient(moved, extraCost[side]);
      }
      if (side == 0 && peakRow != null) {
        peakRow.setCoefficient(moved, -1 / dt);
      }
    }
  }

  /**
   * The direction binary of member columns {@code list} in interval {@code t} (flows {@code up}
   * against {@code down}; {@code up < 0}: the meter, draws against gives) if they go both ways;
   * returns 1 if it made one.
   */
  private static int direction(
      MPSolver ip,
      List<HouseholdBlock.Column> list,
      List<MPVariable> lambda,
      int t,
      int up,
      int down) {
    boolean anyUp = false;
    boolean anyDown = false;
    boolean[] goesUp = new boolean[list.size()];
    boolean[] goesDown = new boolean[list.size()];
    for (int j = 0; j < list.size(); j++) {
      double[][] v = list.get(j).values();
      double a = up >= 0 ? v[up][t] : v[HouseholdBlock.IMP][t] + v[HouseholdBlock.BUY][t];
      double b =
          up >= 0
              ? v[down][t]
              : v[HouseholdBlock.EXP][t] + v[HouseholdBlock.SELL][t] + v[HouseholdBlock.CUR][t];
      goesUp[j] = a > HouseholdMilp.USED_KWH;
      goesDown[j] = b > HouseholdMilp.USED_KWH;
      anyUp |= goesUp[j];
      anyDown |= goesDown[j];
    }
    if (!anyUp || !anyDown) {
      return 0;
    }
    MPVariable beta = ip.makeIntVar(0, 1, "");
    MPConstraint upRow = ip.makeConstraint(-MPSolver.infinity(), 0, "");
    upRow.setCoefficient(beta, -1);
    MPConstraint downRow = ip.makeConstraint(-MPSolver.infinity(), 1, "");
    downRow.setCoefficient(beta, 1);
    for (int j = 0; j < list.size(); j++) {
      if (goesUp[j]) {
        upRow.setCoefficient(lambda.get(j), 1);
      }
      if (goesDown[j]) {
        downRow.setCoefficient(lambda.get(j), 1);
      }
    }
    return 1;
  }
}
