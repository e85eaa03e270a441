package org.equigrid.market.clearing;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.TradingDay;

/**
 * Price-based decomposition of the community clearing (DESIGN.md section 2, "Solving"):
 * Dantzig–Wolfe column generation. The master LP chooses, for every household, a convex
 * combination of schedules ("columns") it has proposed, subject to the coupling rows: pool balance
 * per interval, peak per interval and the Rawlsian floor. Its duals are prices: {@code π[t]} on
 * pool energy, {@code ψ[t]} on imports at the peak, {@code μ_i} on a protected household's cost.
 * Each household then answers with its cheapest schedule at those prices ({@link HouseholdBlock},
 * in parallel); a schedule whose reduced cost is negative joins the master. This is the
 * coordinator and the bidders of the decentralised negotiation (section 7).
 *
 * <p>Stopping: the master objective is an upper bound, the master objective plus every household's
 * (non-positive) least reduced cost a lower bound (Lagrangian); the loop stops when they are within
 * {@link #TOLERANCE} relative, so the answer equals the monolithic LP optimum within that tolerance.
 *
 * <p>Binaries: where the combined schedule charges and discharges, or imports and exports, at
 * once, the pair's direction is fixed by its net flow (as in the monolithic rounding pass):
 * columns that go the other way leave the master, the household's block forbids that direction,
 * and column generation continues. When no pair breaks, the schedule is feasible for the MILP; its
 * gap is measured against the LP bound of the first phase.
 */
final class PriceDecomposition {

  private static final Logger LOG = LogManager.getLogger();

  /** Relative distance between the master (upper) and the Lagrangian (lower) bound at the end. */
  static final double TOLERANCE = 1e-9;

  /** Column generation rounds per phase before giving up. */
  static final int MAX_ROUNDS = 400;

  /** Rounding phases (fix directions, continue column generation). */
  static final int MAX_ROUNDING_PASSES = 10;

  private static final double NANOS = 1e9;

  private final SolverOptions options;

  PriceDecomposition(SolverOptions options) {
    this.options = options;
  }

  /** What the decomposition found; {@code raw} is null if it failed (then {@code reason} says why). */
  record Outcome(
      ClearingModel.RawSolution raw,
      SolveStatus status,
      double lpBound,
      double gap,
      double buildSeconds,
      double solveSeconds,
      boolean rounded,
      int fixedPairs,
      int rounds,
      int columns,
      String reason) {}

  Outcome solve(ClearingRequest request) {
    long buildStart = System.nanoTime();
    try (Master master = new Master(request)) {
      double buildSeconds = (System.nanoTime() - buildStart) / NANOS;
      long solveStart = System.nanoTime();
      String failure = master.start();
      if (failure != null) {
        return failedOutcome(failure, buildSeconds, solveStart, master);
      }
      failure = master.generate();
      if (failure != null) {
        return failedOutcome(failure, buildSeconds, solveStart, master);
      }
      double lpBound = master.lowerBound;
      double lpObjective = master.objective;
      ClearingModel.RawSolution raw = master.combined();
      boolean rounded = false;
      if (options.milpWhenBinariesBreak()) {
        for (int pass = 1; pass <= MAX_ROUNDING_PASSES; pass++) {
          int fixed = master.fixBrokenDirections(raw);
          if (fixed == 0) {
            break;
          }
          if (fixed < 0) {
            return failedOutcome("a household has no schedule with the fixed directions", buildSeconds,
                solveStart, master);
          }
          rounded = true;
          failure = master.generate();
          if (failure != null) {
            return failedOutcome("after fixing directions: " + failure, buildSeconds, solveStart, master);
          }
          raw = master.combined();
          LOG.trace("rounding pass {}: {} directions fixed, objective {}", pass, fixed, master.objective);
          if (pass == MAX_ROUNDING_PASSES && master.countBroken(raw) > 0) {
            return failedOutcome("pairs still break after " + pass + " rounding passes", buildSeconds,
                solveStart, master);
          }
        }
      }
      double solveSeconds = (System.nanoTime() - solveStart) / NANOS;
      double gap = Math.abs(master.objective - lpBound) / Math.max(Math.abs(master.objective), 1e-9);
      SolveStatus status =
          !rounded || gap <= options.relativeGapLimit() ? SolveStatus.OPTIMAL : SolveStatus.FEASIBLE;
      String reason = status == SolveStatus.FEASIBLE
          ? "decomposition with rounded directions; gap against the LP bound (LP optimum " + lpObjective + ")"
          : "";
      LOG.debug(
          "decomposition of {} households: {} rounds, {} columns, LP {} (bound {}), final {}, {} fixed pairs",
          request.members().length, master.rounds, master.columnCount, lpObjective, lpBound,
          master.objective, master.fixedPairs);
      return new Outcome(raw, status, lpBound, status == SolveStatus.OPTIMAL && !rounded ? 0 : gap,
          buildSeconds, solveSeconds, rounded, master.fixedPairs, master.rounds, master.columnCount, reason);
    }
  }

  private static Outcome failedOutcome(String reason, double buildSeconds, long solveStart, Master master) {
    return new Outcome(null, SolveStatus.ERROR, Double.NaN, Double.NaN, buildSeconds,
        (System.nanoTime() - solveStart) / NANOS, false, master.fixedPairs, master.rounds,
        master.columnCount, reason);
  }

  /** The master LP with its columns and the households' blocks. */
  private final class Master implements AutoCloseable {

    private final ClearingRequest request;
    private final TradingDay day;
    private final int memberCount;
    private final int intervals;
    private final double dt;
    private final double[] priceImp;
    private final double[] priceExp;
    private final double[] pool;
    private final double[] weight;
    private final HouseholdBlock[] blocks;
    private final MPSolver solver;
    private final MPConstraint[] convexity;
    private final MPConstraint[] poolRows;
    private final MPConstraint[] peakRows;
    private final MPConstraint[] floorRows;
    private final List<List<HouseholdBlock.Column>> columns;
    private final List<List<MPVariable>> lambdas;
    private final byte[][] chargeDirection;
    private final byte[][] gridDirection;
    private double objective = Double.NaN;
    private double lowerBound = Double.NEGATIVE_INFINITY;
    private int rounds;
    private int columnCount;
    private int fixedPairs;

    Master(ClearingRequest request) {
      this.request = request;
      this.day = request.day();
      int[] members = request.members();
      this.memberCount = members.length;
      this.intervals = day.intervals();
      this.dt = day.intervalHours();
      this.priceImp = day.tariff().importPriceEurPerKwh();
      this.priceExp = day.tariff().exportPriceEurPerKwh();
      this.pool = request.poolPriceEurPerKwh();
      this.weight = request.weightByMember();
      boolean[] anyCanSell = new boolean[intervals];
      boolean[] anyCanBuy = new boolean[intervals];
      for (int i : members) {
        boolean battery = day.households().get(i).hasBattery();
        for (int t = 0; t < intervals; t++) {
          anyCanSell[t] |= battery || day.pvKwh()[i][t] > 0;
          anyCanBuy[t] |= battery || day.loadKwh()[i][t] > 0;
        }
      }
      boolean[] inPool = new boolean[intervals];
      for (int t = 0; t < intervals; t++) {
        inPool[t] = memberCount > 1 && anyCanSell[t] && anyCanBuy[t];
      }
      blocks = new HouseholdBlock[memberCount];
      for (int k = 0; k < memberCount; k++) {
        blocks[k] = new HouseholdBlock(day, members[k], inPool);
      }
      solver = MPSolver.createSolver("GLOP");
      if (solver == null) {
        throw new IllegalStateException("OR-Tools has no GLOP solver in this build");
      }
      double inf = MPSolver.infinity();
      MPObjective masterObjective = solver.objective();
      masterObjective.setMinimization();
      convexity = new MPConstraint[memberCount];
      for (int k = 0; k < memberCount; k++) {
        convexity[k] = solver.makeConstraint(1, 1, "");
      }
      poolRows = new MPConstraint[intervals];
      for (int t = 0; t < intervals; t++) {
        if (inPool[t]) {
          poolRows[t] = solver.makeConstraint(0, 0, "");
        }
      }
      peakRows = new MPConstraint[intervals];
      double peakCharge = day.tariff().peakChargeEurPerKw();
      if (peakCharge > 0) {
        MPVariable peak = solver.makeNumVar(0, inf, "");
        masterObjective.setCoefficient(peak, peakCharge);
        for (int t = 0; t < intervals; t++) {
          peakRows[t] = solver.makeConstraint(0, inf, "");
          peakRows[t].setCoefficient(peak, 1);
        }
      }
      floorRows = new MPConstraint[memberCount];
      if (ClearingModel.hasFloor(request)) {
        MPVariable floor = solver.makeNumVar(-inf, inf, "");
        masterObjective.setCoefficient(floor, -request.rawlsianStrengthEur());
        for (int k = 0; k < memberCount; k++) {
          double standalone = request.standaloneCostEur()[k];
          if (request.protectedMember()[k] && Double.isFinite(standalone)) {
            floorRows[k] = solver.makeConstraint(-inf, standalone, "");
            floorRows[k].setCoefficient(floor, Math.max(Math.abs(standalone), options.epsilonEur()));
          }
        }
      }
      columns = new ArrayList<>(memberCount);
      lambdas = new ArrayList<>(memberCount);
      for (int k = 0; k < memberCount; k++) {
        columns.add(new ArrayList<>());
        lambdas.add(new ArrayList<>());
      }
      chargeDirection = new byte[memberCount][intervals];
      gridDirection = new byte[memberCount][intervals];
    }

    /** First columns: every household without pool trades (so the pool balances from the start). */
    String start() {
      HouseholdBlock.Column[] initial = new HouseholdBlock.Column[memberCount];
      parallel(k -> {
        HouseholdBlock block = blocks[k];
        double[] buyUpper = new double[intervals];
        double[] sellUpper = new double[intervals];
        for (int t = 0; t < intervals; t++) {
          buyUpper[t] = block.upper(HouseholdBlock.BUY, t);
          sellUpper[t] = block.upper(HouseholdBlock.SELL, t);
          block.setUpper(HouseholdBlock.BUY, t, 0);
          block.setUpper(HouseholdBlock.SELL, t, 0);
        }
        double[] costImp = new double[intervals];
        double[] costExp = new double[intervals];
        for (int t = 0; t < intervals; t++) {
          costImp[t] = weight[k] * priceImp[t] + day.tariff().peakChargeEurPerKw() / dt / intervals;
          costExp[t] = -weight[k] * priceExp[t];
        }
        initial[k] = block.solve(costImp, costExp, new double[intervals], new double[intervals]);
        for (int t = 0; t < intervals; t++) {
          block.setUpper(HouseholdBlock.BUY, t, buyUpper[t]);
          block.setUpper(HouseholdBlock.SELL, t, sellUpper[t]);
        }
      });
      for (int k = 0; k < memberCount; k++) {
        if (initial[k] == null) {
          return "household " + day.households().get(request.members()[k]).id()
              + " has no schedule without trading";
        }
        addColumn(k, initial[k]);
      }
      return null;
    }

    /** Column generation until the bounds meet; null on success, else the reason. */
    String generate() {
      lowerBound = Double.NEGATIVE_INFINITY;
      for (int round = 0; round < MAX_ROUNDS; round++) {
        rounds++;
        MPSolver.ResultStatus status = solver.solve();
        if (status != MPSolver.ResultStatus.OPTIMAL) {
          return "the master LP returned " + status;
        }
        objective = solver.objective().value();
        double[] poolDual = new double[intervals];
        double[] peakDual = new double[intervals];
        for (int t = 0; t < intervals; t++) {
          poolDual[t] = poolRows[t] == null ? 0 : poolRows[t].dualValue();
          peakDual[t] = peakRows[t] == null ? 0 : peakRows[t].dualValue();
        }
        HouseholdBlock.Column[] proposed = new HouseholdBlock.Column[memberCount];
        double[] reducedCost = new double[memberCount];
        parallel(k -> {
          // Reduced cost of a column x of household k:
          // (w_k − μ_k)·C(x) − Σ_t π_t·(sell − buy)_t + Σ_t ψ_t·imp_t/Δt − σ_k.
          double scale = weight[k] - (floorRows[k] == null ? 0 : floorRows[k].dualValue());
          double[] costImp = new double[intervals];
          double[] costExp = new double[intervals];
          double[] costBuy = new double[intervals];
          double[] costSell = new double[intervals];
          for (int t = 0; t < intervals; t++) {
            costImp[t] = scale * priceImp[t] + peakDual[t] / dt;
            costExp[t] = -scale * priceExp[t];
            costBuy[t] = scale * pool[t] + poolDual[t];
            costSell[t] = -scale * pool[t] - poolDual[t];
          }
          HouseholdBlock.Column column = blocks[k].solve(costImp, costExp, costBuy, costSell);
          proposed[k] = column;
          if (column != null) {
            double value = 0;
            double[][] v = column.values();
            for (int t = 0; t < intervals; t++) {
              value += costImp[t] * v[HouseholdBlock.IMP][t] + costExp[t] * v[HouseholdBlock.EXP][t]
                  + costBuy[t] * v[HouseholdBlock.BUY][t] + costSell[t] * v[HouseholdBlock.SELL][t];
            }
            reducedCost[k] = value - convexity[k].dualValue();
          }
        });
        double sumNegative = 0;
        int added = 0;
        double threshold = -1e-9 * Math.max(1, Math.abs(objective)) / memberCount;
        for (int k = 0; k < memberCount; k++) {
          if (proposed[k] == null) {
            return "the pricing problem of household "
                + day.households().get(request.members()[k]).id() + " is infeasible";
          }
          if (reducedCost[k] < 0) {
            sumNegative += reducedCost[k];
          }
          if (reducedCost[k] < threshold) {
            addColumn(k, proposed[k]);
            added++;
          }
        }
        lowerBound = Math.max(lowerBound, objective + sumNegative);
        double gap = (objective - lowerBound) / Math.max(1, Math.abs(objective));
        LOG.trace("round {}: master {}, lower bound {}, gap {}, {} columns added", rounds, objective,
            lowerBound, gap, added);
        if (added == 0 || gap <= TOLERANCE) {
          if (added > 0) {
            MPSolver.ResultStatus again = solver.solve();
            if (again != MPSolver.ResultStatus.OPTIMAL) {
              return "the master LP returned " + again;
            }
            objective = solver.objective().value();
          }
          return null;
        }
      }
      return "no convergence within " + MAX_ROUNDS + " rounds (gap "
          + (objective - lowerBound) / Math.max(1, Math.abs(objective)) + ")";
    }

    private void addColumn(int k, HouseholdBlock.Column column) {
      double[][] v = column.values();
      MPVariable lambda = solver.makeNumVar(0, MPSolver.infinity(), "");
      double cost = column.cost(priceImp, priceExp, pool);
      solver.objective().setCoefficient(lambda, weight[k] * cost);
      convexity[k].setCoefficient(lambda, 1);
      for (int t = 0; t < intervals; t++) {
        double net = v[HouseholdBlock.SELL][t] - v[HouseholdBlock.BUY][t];
        if (poolRows[t] != null && net != 0) {
          poolRows[t].setCoefficient(lambda, net);
        }
        if (peakRows[t] != null && v[HouseholdBlock.IMP][t] != 0) {
          peakRows[t].setCoefficient(lambda, -v[HouseholdBlock.IMP][t] / dt);
        }
      }
      if (floorRows[k] != null) {
        floorRows[k].setCoefficient(lambda, cost);
      }
      columns.get(k).add(column);
      lambdas.get(k).add(lambda);
      columnCount++;
    }

    /** The households' schedules: each the master's convex combination of its columns. */
    ClearingModel.RawSolution combined() {
      double[][][] flows = new double[HouseholdBlock.FLOWS][memberCount][intervals];
      for (int k = 0; k < memberCount; k++) {
        List<HouseholdBlock.Column> own = columns.get(k);
        List<MPVariable> weights = lambdas.get(k);
        for (int j = 0; j < own.size(); j++) {
          double share = weights.get(j).solutionValue();
          if (share <= 0) {
            continue;
          }
          double[][] v = own.get(j).values();
          for (int f = 0; f < HouseholdBlock.FLOWS; f++) {
            for (int t = 0; t < intervals; t++) {
              flows[f][k][t] += share * v[f][t];
            }
          }
        }
      }
      return new ClearingModel.RawSolution(
          flows[HouseholdBlock.IMP], flows[HouseholdBlock.EXP], flows[HouseholdBlock.BUY],
          flows[HouseholdBlock.SELL], flows[HouseholdBlock.CUR], flows[HouseholdBlock.CH],
          flows[HouseholdBlock.DIS], flows[HouseholdBlock.SOC]);
    }

    int countBroken(ClearingModel.RawSolution raw) {
      int broken = 0;
      for (int k = 0; k < memberCount; k++) {
        for (int t = 0; t < intervals; t++) {
          if (Math.min(raw.ch()[k][t], raw.dis()[k][t]) > CoalitionSolver.BREAK_KWH) {
            broken++;
          }
          if (Math.min(raw.imp()[k][t], raw.exp()[k][t]) > CoalitionSolver.BREAK_KWH) {
            broken++;
          }
        }
      }
      return broken;
    }

    /**
     * Fixes the direction of every pair that breaks in {@code raw} by its net flow, drops columns
     * that go the other way and gives each affected household a fresh column that respects the
     * fixed directions (so every household keeps one). Returns how many pairs it fixed.
     */
    int fixBrokenDirections(ClearingModel.RawSolution raw) {
      int fixed = 0;
      boolean[] touched = new boolean[memberCount];
      for (int k = 0; k < memberCount; k++) {
        Battery battery = blocks[k].battery();
        for (int t = 0; t < intervals; t++) {
          double ch = raw.ch()[k][t];
          double dis = raw.dis()[k][t];
          if (chargeDirection[k][t] == 0 && Math.min(ch, dis) > CoalitionSolver.BREAK_KWH) {
            boolean charging = battery.chargeEfficiency() * ch >= dis / battery.dischargeEfficiency();
            chargeDirection[k][t] = (byte) (charging ? 1 : -1);
            blocks[k].setUpper(charging ? HouseholdBlock.DIS : HouseholdBlock.CH, t, 0);
            touched[k] = true;
            fixed++;
          }
          double imp = raw.imp()[k][t];
          double exp = raw.exp()[k][t];
          if (gridDirection[k][t] == 0 && Math.min(imp, exp) > CoalitionSolver.BREAK_KWH) {
            boolean importing = imp >= exp;
            gridDirection[k][t] = (byte) (importing ? 1 : -1);
            blocks[k].setUpper(importing ? HouseholdBlock.EXP : HouseholdBlock.IMP, t, 0);
            touched[k] = true;
            fixed++;
          }
        }
      }
      fixedPairs += fixed;
      if (fixed == 0) {
        return 0;
      }
      HouseholdBlock.Column[] fresh = new HouseholdBlock.Column[memberCount];
      for (int k = 0; k < memberCount; k++) {
        // Drop columns against the fixed directions.
        List<HouseholdBlock.Column> own = columns.get(k);
        for (int j = 0; touched[k] && j < own.size(); j++) {
          if (violates(k, own.get(j))) {
            lambdas.get(k).get(j).setUb(0);
          }
        }
      }
      parallel(k -> {
        if (!touched[k]) {
          return;
        }
        double[] costImp = new double[intervals];
        double[] costExp = new double[intervals];
        double[] costBuy = new double[intervals];
        double[] costSell = new double[intervals];
        for (int t = 0; t < intervals; t++) {
          costImp[t] = weight[k] * priceImp[t];
          costExp[t] = -weight[k] * priceExp[t];
          costBuy[t] = 0;
          costSell[t] = 0;
        }
        // No trading in the fresh column keeps the pool balanced with the others' columns.
        double[] buyUpper = new double[intervals];
        double[] sellUpper = new double[intervals];
        for (int t = 0; t < intervals; t++) {
          buyUpper[t] = blocks[k].upper(HouseholdBlock.BUY, t);
          sellUpper[t] = blocks[k].upper(HouseholdBlock.SELL, t);
          blocks[k].setUpper(HouseholdBlock.BUY, t, 0);
          blocks[k].setUpper(HouseholdBlock.SELL, t, 0);
        }
        fresh[k] = blocks[k].solve(costImp, costExp, costBuy, costSell);
        for (int t = 0; t < intervals; t++) {
          blocks[k].setUpper(HouseholdBlock.BUY, t, buyUpper[t]);
          blocks[k].setUpper(HouseholdBlock.SELL, t, sellUpper[t]);
        }
      });
      for (int k = 0; k < memberCount; k++) {
        if (touched[k]) {
          if (fresh[k] == null) {
            return -1;
          }
          addColumn(k, fresh[k]);
        }
      }
      return fixed;
    }

    private boolean violates(int k, HouseholdBlock.Column column) {
      double[][] v = column.values();
      for (int t = 0; t < intervals; t++) {
        if (chargeDirection[k][t] > 0 && v[HouseholdBlock.DIS][t] > CoalitionSolver.BREAK_KWH
            || chargeDirection[k][t] < 0 && v[HouseholdBlock.CH][t] > CoalitionSolver.BREAK_KWH
            || gridDirection[k][t] > 0 && v[HouseholdBlock.EXP][t] > CoalitionSolver.BREAK_KWH
            || gridDirection[k][t] < 0 && v[HouseholdBlock.IMP][t] > CoalitionSolver.BREAK_KWH) {
          return true;
        }
      }
      return false;
    }

    private void parallel(java.util.function.IntConsumer task) {
      IntStream.range(0, memberCount).parallel().forEach(task);
    }

    @Override
    public void close() {
      solver.delete();
      for (HouseholdBlock block : blocks) {
        if (block != null) {
          block.close();
        }
      }
    }
  }
}
