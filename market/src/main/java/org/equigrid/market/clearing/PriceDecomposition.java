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
 * Dantzig–Wolfe column generation. The master LP chooses, for every household, a convex combination
 * of schedules ("columns") it has proposed, subject to the coupling rows: pool balance per
 * interval, peak per interval and the Rawlsian floor. Its duals are prices: {@code π[t]} on pool
 * energy, {@code ψ[t]} on imports at the peak, {@code μ_i} on a protected household's cost. Each
 * household then answers with its cheapest schedule at those prices ({@link HouseholdBlock}, in
 * parallel); a schedule whose reduced cost is negative joins the master. This is the coordinator
 * and the bidders of the decentralised negotiation (section 7).
 *
 * <p>Stopping: the master objective is an upper bound, the master objective plus every household's
 * (non-positive) least reduced cost a lower bound (Lagrangian); the loop stops when they are within
 * {@link #TOLERANCE} relative, so the answer equals the monolithic LP optimum within that
 * tolerance. The negotiation's runs ({@link Run#Run(ClearingRequest, SolverOptions, double)}) stop
 * at their own certified gap and are stabilised (the grid takes the pool's imbalance at a price no
 * household beats, a first bound from the trading round, the smoothed duals projected on the box
 * those prices define; docs/negotiation.md).
 *
 * <p>Binaries: where the combined schedule charges and discharges, or imports and exports, at once,
 * the pair's direction is fixed by its net flow (as in the monolithic rounding pass): columns that
 * go the other way leave the master, the household's block forbids that direction, and column
 * generation continues. When no pair breaks, the schedule is feasible for the MILP; its gap is
 * measured against the LP bound of the first phase. Price-and-branch (opt-in, {@link
 * Run#integerColumns}) instead asks the households for their exact MILP ({@link HouseholdMilp}),
 * certifies the Dantzig–Wolfe bound, and ends with the restricted master as an integer program
 * ({@link RestrictedMasterIp}, SCIP) and diving passes (docs/negotiation.md, "Price-and-branch").
 */
public final class PriceDecomposition {

  private static final Logger LOG = LogManager.getLogger();

  /** Relative distance between the master (upper) and the Lagrangian (lower) bound at the end. */
  static final double TOLERANCE = 1e-9;

  /** Column generation rounds per phase before giving up. */
  static final int MAX_ROUNDS = 400;

  /**
   * Households are pooled into at most this many blocks of the master (one convexity row each): a
   * small master stays fast, and pricing stays exact because the households of a block are
   * independent given the prices.
   */
  static final int GROUPS = 50;

  /**
   * Bound on the Rawlsian floor {@code z} in the master (relative savings, so far beyond any real
   * value): GLOP returned ABNORMAL on weighted masters with a free {@code z}.
   */
  static final double FLOOR_BOUND = 1e4;

  /** Weight of the stability centre in the smoothed duals the households are priced at. */
  static final double SMOOTHING = 0.5;

  /** Relative and absolute (EUR/kWh) margin of the grid's imbalance prices over any household's. */
  static final double BOX_MARGIN = 1e-6;

  /** Imbalance (kWh, summed over the intervals) below which the pool counts as balanced. */
  static final double BALANCED_KWH = 1e-7;

  /** Diving passes of price-and-branch after the first restricted master IP. */
  static final int MAX_DIVES = 2;

  /** Rounding phases (fix directions, continue column generation). */
  static final int MAX_ROUNDING_PASSES = 60;

  private static final double NANOS = 1e9;

  private final SolverOptions options;

  /**
   * The certified gap between an upper and a lower bound of the same minimum: {@code (upper −
   * lower) / max(d, 1 EUR)}, {@code d} the smaller magnitude of the two when they have the same
   * sign, else 0. It bounds {@code (upper − optimum) / max(|optimum|, 1 EUR)}. Infinite when a
   * bound is missing (NaN or infinite).
   */
  public static double certifiedGap(double upper, double lower) {
    if (!Double.isFinite(upper) || !Double.isFinite(lower)) {
      return Double.POSITIVE_INFINITY;
    }
    double scale = lower > 0 == upper > 0 ? Math.min(Math.abs(lower), Math.abs(upper)) : 0;
    return Math.max(0, upper - lower) / Math.max(scale, 1);
  }

  public PriceDecomposition(SolverOptions options) {
    this.options = options;
  }

  /**
   * What the decomposition found; {@code raw} is null if it failed (then {@code reason} says why).
   */
  public record Outcome(
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

  /**
   * Runs the decomposition in process: the master's calls are answered by the households' blocks,
   * built here from the request's day and solved in parallel.
   */
  public Outcome solve(ClearingRequest request) {
    long buildStart = System.nanoTime();
    int n = request.members().length;
    HouseholdBlock[] blocks = new HouseholdBlock[n];
    try (Run run = new Run(request, options)) {
      for (int k = 0; k < n; k++) {
        blocks[k] = new HouseholdBlock(request.day(), request.members()[k]);
      }
      double buildSeconds = (System.nanoTime() - buildStart) / NANOS;
      long solveStart = System.nanoTime();
      while (!run.done()) {
        HouseholdBlock.PricingCall[] calls = run.calls();
        HouseholdBlock.Column[] columns = new HouseholdBlock.Column[n];
        long pricingStart = System.nanoTime();
        IntStream.range(0, n)
            .parallel()
            .forEach(
                k -> {
                  if (calls[k] != null) {
                    columns[k] = blocks[k].solve(calls[k]);
                  }
                });
        run.pricingNanos += System.nanoTime() - pricingStart;
        run.answer(columns);
      }
      return run.outcome(buildSeconds, (System.nanoTime() - solveStart) / NANOS);
    } finally {
      for (HouseholdBlock block : blocks) {
        if (block != null) {
          block.close();
        }
      }
    }
  }

  /**
   * The coordinator's side of the decomposition as a state machine: {@link #calls} says what each
   * household is asked (its pricing problem), {@link #answer} takes the households' columns, until
   * {@link #done}. The phases: a first column without trading, a column at the bare pool prices,
   * column generation until the bounds meet, then (with {@link
   * SolverOptions#milpWhenBinariesBreak}) rounding passes that fix the broken directions, ask the
   * affected households for a fresh column and generate columns again. Deterministic: the same
   * answers give the same calls.
   */
  public static final class Run implements AutoCloseable {

    private enum Phase {
      NO_TRADE,
      TRADING,
      GENERATE,
      FRESH,
      DONE
    }

    private final SolverOptions options;
    private final double tolerance;
    private final boolean integerColumns;
    private int ipBinaries;
    private double bestIpObjective = Double.POSITIVE_INFINITY;
    private double ipSeconds = Double.NaN;
    private String ipStatus = "";

    private final ClearingRequest request;
    private final TradingDay day;
    private final int memberCount;
    private final int intervals;
    private final double dt;
    private final double[] priceImp;
    private final double[] priceExp;
    private final double[] pool;
    private final double[] weight;
    private final boolean[] hasBattery;
    private final boolean[] inPool;
    private final MPSolver solver;
    private final int groupCount;
    private final int[] groupOf;
    private final int[][] groupMembers;
    private final MPConstraint[] convexity;
    private final MPConstraint[] poolRows;
    private final MPConstraint[] peakRows;
    private final MPConstraint[] floorRows;
    private final List<List<HouseholdBlock.Column[]>> columns;
    private final List<List<MPVariable>> lambdas;
    private final byte[][] chargeDirection;
    private final byte[][] gridDirection;
    private double objective = Double.NaN;
    private double lowerBound = Double.NEGATIVE_INFINITY;
    private int rounds;
    private int columnCount;
    private int fixedPairs;
    private long masterNanos;
    private boolean warmMaster = true;
    long pricingNanos;
    private Phase phase = Phase.NO_TRADE;
    private HouseholdBlock.PricingCall[] calls;
    private String failure;
    private double lpBound = Double.NaN;
    private double lpObjective = Double.NaN;
    private boolean rounded;
    private int pass;
    private int roundInPhase;
    private boolean smooth;
    private double alpha;
    private double[] centrePool;
    private double[] centrePeak;
    private double[] centreFloor;
    private double[] poolDual;
    private double[] peakDual;
    private double[] floorDual;
    private double[] convexityDual;
    private double[] sepPool;
    private double[] sepPeak;
    private double[] sepFloor;
    private boolean stabilised;
    private final boolean boxed;
    private final MPVariable[] surplusToGrid;
    private final MPVariable[] deficitFromGrid;
    private final double[] surplusPenalty;
    private final double[] deficitPenalty;
    private double initialBound = Double.NaN;
    private boolean[] touchedGroup;
    private ClearingModel.RawSolution raw;

    /**
     * Whether the master's solution belongs to the master as it is (no column or bound changed
     * since).
     */
    private boolean current;

    /**
     * The master of {@code request}'s coalition; it reads the day's households only for who has a
     * battery and which intervals the pool is open in (the data every column reveals anyway).
     */
    public Run(ClearingRequest request, SolverOptions options) {
      this(request, options, TOLERANCE, false, false);
    }

    /**
     * The master of {@code request}'s coalition that stops each phase when its certified gap {@code
     * (master − Lagrangian bound) / max(d, 1 EUR)} is at most {@code tolerance}, {@code d} being
     * the smaller of the two bounds' magnitudes when they have the same sign, else 0 (so the gap
     * bounds the master's distance to the LP optimum relative to {@code max(|optimum|, 1 EUR)}).
     * The in-process clearing uses {@link #TOLERANCE}.
     */
    public Run(ClearingRequest request, SolverOptions options, double tolerance) {
      this(request, options, tolerance, true, false);
    }

    /**
     * As {@link #Run(ClearingRequest, SolverOptions, double)}; with {@code priceAndBranch} and an
     * objective that is not plain cost minimisation (weights or the Rawlsian floor), and {@link
     * SolverOptions#milpWhenBinariesBreak} on, the households answer their exact MILP and the run
     * ends with the restricted master IP and its dives ({@link #integerColumns}).
     */
    public Run(
        ClearingRequest request, SolverOptions options, double tolerance, boolean priceAndBranch) {
      this(request, options, tolerance, true, priceAndBranch);
    }

    private Run(
        ClearingRequest request,
        SolverOptions options,
        double tolerance,
        boolean stabilise,
        boolean priceAndBranch) {
      if (!(tolerance >= 0)) {
        throw new IllegalArgumentException("tolerance (" + tolerance + ") must be >= 0");
      }
      this.tolerance = Math.max(tolerance, TOLERANCE);
      this.boxed = stabilise;
      this.options = options;
      this.request = request;
      this.day = request.day();
      int[] members = request.members();
      this.memberCount = members.length;
      this.integerColumns =
          priceAndBranch && options.milpWhenBinariesBreak() && !costMinimising(request);
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
          anyCanSell[t] |= battery || day.pvKwh()[i][t] > day.loadKwh()[i][t];
          anyCanBuy[t] |= battery || day.loadKwh()[i][t] > day.pvKwh()[i][t];
        }
      }
      inPool = new boolean[intervals];
      for (int t = 0; t < intervals; t++) {
        inPool[t] = memberCount > 1 && anyCanSell[t] && anyCanBuy[t];
      }
      hasBattery = new boolean[memberCount];
      for (int k = 0; k < memberCount; k++) {
        hasBattery[k] = day.households().get(members[k]).hasBattery();
      }
      solver = MPSolver.createSolver("GLOP");
      if (solver == null) {
        throw new IllegalStateException("OR-Tools has no GLOP solver in this build");
      }
      // Without presolve GLOP keeps its basis when columns are added; measured faster with the
      // dual simplex (100 households: 22 s against 32 s primal with presolve, 43 s CLP, loaded
      // machine).
      solver.setSolverSpecificParametersAsString(
          "use_dual_simplex: true, use_preprocessing: false");
      double inf = MPSolver.infinity();
      MPObjective masterObjective = solver.objective();
      masterObjective.setMinimization();
      // Households are grouped into blocks (member k in block k mod groupCount): the master has a
      // convexity row per block, and a column is one schedule for every household of its block.
      groupCount = Math.min(memberCount, GROUPS);
      groupOf = new int[memberCount];
      int[] sizes = new int[groupCount];
      for (int k = 0; k < memberCount; k++) {
        groupOf[k] = k % groupCount;
        sizes[groupOf[k]]++;
      }
      groupMembers = new int[groupCount][];
      for (int g = 0; g < groupCount; g++) {
        groupMembers[g] = new int[sizes[g]];
        sizes[g] = 0;
      }
      for (int k = 0; k < memberCount; k++) {
        groupMembers[groupOf[k]][sizes[groupOf[k]]++] = k;
      }
      convexity = new MPConstraint[groupCount];
      for (int g = 0; g < groupCount; g++) {
        convexity[g] = solver.makeConstraint(1, 1, "");
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
      surplusToGrid = new MPVariable[intervals];
      deficitFromGrid = new MPVariable[intervals];
      surplusPenalty = new double[intervals];
      deficitPenalty = new double[intervals];
      if (boxed && !ClearingModel.hasFloor(request)) {
        // The pool's imbalance may go to the grid at a price no household beats: the master's pool
        // duals then stay in [−surplusPenalty, deficitPenalty + ψ/Δt] from the first round. Both
        // must be 0 when a phase ends: the imbalance is then moved onto the households' schedules,
        // or the
        // grid closes for the rest of the phase.
        for (int t = 0; t < intervals; t++) {
          if (poolRows[t] == null) {
            continue;
          }
          double surplus = 0;
          double deficit = 0;
          for (int k = 0; k < memberCount; k++) {
            surplus = Math.max(surplus, weight[k] * (pool[t] - priceExp[t]));
            deficit = Math.max(deficit, weight[k] * (priceImp[t] - pool[t]));
          }
          surplusPenalty[t] = surplus * (1 + BOX_MARGIN) + BOX_MARGIN;
          deficitPenalty[t] = deficit * (1 + BOX_MARGIN) + BOX_MARGIN;
          surplusToGrid[t] = solver.makeNumVar(0, inf, "");
          masterObjective.setCoefficient(surplusToGrid[t], surplusPenalty[t]);
          poolRows[t].setCoefficient(surplusToGrid[t], -1);
          deficitFromGrid[t] = solver.makeNumVar(0, inf, "");
          masterObjective.setCoefficient(deficitFromGrid[t], deficitPenalty[t]);
          poolRows[t].setCoefficient(deficitFromGrid[t], 1);
          if (peakRows[t] != null) {
            peakRows[t].setCoefficient(deficitFromGrid[t], -1 / dt);
          }
        }
      }
      floorRows = new MPConstraint[memberCount];
      if (ClearingModel.hasFloor(request)) {
        MPVariable floor = solver.makeNumVar(-FLOOR_BOUND, FLOOR_BOUND, "");
        masterObjective.setCoefficient(floor, -request.rawlsianStrengthEur());
        for (int k = 0; k < memberCount; k++) {
          double standalone = request.standaloneCostEur()[k];
          if (request.protectedMember()[k] && Double.isFinite(standalone)) {
            floorRows[k] = solver.makeConstraint(-inf, standalone, "");
            floorRows[k].setCoefficient(
                floor, Math.max(Math.abs(standalone), options.epsilonEur()));
          }
        }
      }
      columns = new ArrayList<>(groupCount);
      lambdas = new ArrayList<>(groupCount);
      for (int g = 0; g < groupCount; g++) {
        columns.add(new ArrayList<>());
        lambdas.add(new ArrayList<>());
      }
      chargeDirection = new byte[memberCount][intervals];
      gridDirection = new byte[memberCount][intervals];
      calls = new HouseholdBlock.PricingCall[memberCount];
      double peakShare = day.tariff().peakChargeEurPerKw() / dt / intervals;
      for (int k = 0; k < memberCount; k++) {
        double[] costImp = new double[intervals];
        double[] costExp = new double[intervals];
        for (int t = 0; t < intervals; t++) {
          costImp[t] = weight[k] * priceImp[t] + peakShare;
          costExp[t] = -weight[k] * priceExp[t];
        }
        calls[k] = call(k, costImp, costExp, new double[intervals], new double[intervals], false);
      }
    }

    private HouseholdBlock.PricingCall call(
        int k,
        double[] costImp,
        double[] costExp,
        double[] costBuy,
        double[] costSell,
        boolean trade) {
      return new HouseholdBlock.PricingCall(
          costImp,
          costExp,
          costBuy,
          costSell,
          trade ? inPool.clone() : new boolean[intervals],
          chargeDirection[k].clone(),
          gridDirection[k].clone());
    }

    private static boolean costMinimising(ClearingRequest request) {
      if (ClearingModel.hasFloor(request)) {
        return false;
      }
      for (double w : request.weightByMember()) {
        if (w != 1) {
          return false;
        }
      }
      return true;
    }

    /**
     * Whether the households answer their exact MILP (price-and-branch, opt-in): runs of a weighted
     * objective or one with the Rawlsian floor, when {@link SolverOptions#milpWhenBinariesBreak} is
     * on. Cost minimisation and the in-process clearing keep the relaxed columns and the rounding
     * passes.
     */
    public boolean integerColumns() {
      return integerColumns;
    }

    /** Whether the run has ended (with a solution or a {@link #failure}). */
    public boolean done() {
      return phase == Phase.DONE;
    }

    /** Why the run failed, or null. */
    public String failure() {
      return failure;
    }

    /** What each member is asked now (member order); null for a member not asked this round. */
    public HouseholdBlock.PricingCall[] calls() {
      return calls.clone();
    }

    /**
     * The master objective (an upper bound of the phase's LP), NaN before the first master solve.
     */
    public double objective() {
      return objective;
    }

    /** The best Lagrangian bound of the current phase (a lower bound of the LP optimum). */
    public double lowerBound() {
      return lowerBound;
    }

    /**
     * The pool duals {@code π[t]} households were last priced at (zeros before the first master
     * solve).
     */
    public double[] poolDual() {
      return sepPool == null ? new double[intervals] : sepPool.clone();
    }

    /** Master solves so far. */
    public int masterRounds() {
      return rounds;
    }

    /**
     * The households' combined schedules, {@code [flow][member][t]} (flow indices of {@link
     * HouseholdBlock}): the master's current solution, the last phase's end after a rounding pass
     * began, or null when the master has no solution yet.
     */
    public double[][][] schedules() {
      ClearingModel.RawSolution r = phase != Phase.DONE && current ? combined() : raw;
      return r == null
          ? null
          : new double[][][] {
            r.imp(), r.exp(), r.buy(), r.sell(), r.cur(), r.ch(), r.dis(), r.soc()
          };
    }

    /**
     * The members' answers to {@link #calls} (null where not asked; null where asked means the
     * household has no schedule, which fails the run).
     */
    public void answer(HouseholdBlock.Column[] columns) {
      if (phase == Phase.DONE) {
        throw new IllegalStateException("the decomposition has ended");
      }
      for (int k = 0; k < memberCount; k++) {
        if (calls[k] != null && columns[k] == null) {
          fail(
              switch (phase) {
                case NO_TRADE -> "household " + id(k) + " has no schedule without trading";
                case TRADING -> "household " + id(k) + " has no schedule";
                case FRESH -> "a household has no schedule with the fixed directions";
                default -> "the pricing problem of household " + id(k) + " is infeasible";
              });
          return;
        }
      }
      switch (phase) {
        case NO_TRADE -> {
          for (int g = 0; g < groupCount; g++) {
            addColumn(g, columns);
          }
          // And every household's choice at the bare pool prices (no coupling price yet): columns
          // that trade, so the first master is not stuck at the no-trade corner.
          // The peak charge is spread evenly over the intervals (a feasible peak dual), so these
          // answers also give a first Lagrangian bound and stability centre.
          double[] zeroFloor = new double[memberCount];
          double[] zero = new double[intervals];
          double[] spread = boxed ? initialPeakDual() : zero;
          for (int k = 0; k < memberCount; k++) {
            calls[k] =
                call(
                    k,
                    costImp(k, zeroFloor, spread),
                    costExp(k, zeroFloor),
                    costBuy(k, zeroFloor, zero),
                    costSell(k, zeroFloor, zero),
                    true);
          }
          phase = Phase.TRADING;
        }
        case TRADING -> {
          for (int g = 0; g < groupCount; g++) {
            addColumn(g, columns);
          }
          if (boxed && !ClearingModel.hasFloor(request)) {
            // Without the floor row the point (π = 0, ψ = πpk/T, μ = 0) is dual feasible: its
            // Lagrangian is a lower bound, and the point the first smoothed round starts from.
            double[] zeroFloor = new double[memberCount];
            double[] zero = new double[intervals];
            double[] spread = initialPeakDual();
            double bound = 0;
            for (int k = 0; k < memberCount; k++) {
              bound += value(columns[k], k, zeroFloor, spread, zero);
            }
            initialBound = bound;
          }
          beginPhase();
        }
        case GENERATE -> priced(columns);
        case FRESH -> {
          for (int g = 0; g < groupCount; g++) {
            if (touchedGroup[g]) {
              addColumn(g, columns);
            }
          }
          beginPhase();
        }
        default -> throw new IllegalStateException("phase " + phase);
      }
    }

    private String id(int k) {
      return day.households().get(request.members()[k]).id();
    }

    private void fail(String reason) {
      failure = reason;
      phase = Phase.DONE;
      java.util.Arrays.fill(calls, null);
    }

    /** Column generation from scratch (new bounds) after the start or a rounding pass. */
    private void beginPhase() {
      smooth = true;
      roundInPhase = 0;
      if (boxed) {
        setGridOpen(true);
        if (pass > 0) {
          // Fixing directions restricts the households' rows, so the LP optimum can only rise: the
          // first phase's bound stays a lower bound, and its best dual point a good centre.
          prepareRound();
          return;
        }
      }
      lowerBound = Double.NEGATIVE_INFINITY;
      centrePool = null;
      centrePeak = null;
      centreFloor = null;
      if (pass == 0 && Double.isFinite(initialBound)) {
        lowerBound = initialBound;
        centrePool = new double[intervals];
        centrePeak = initialPeakDual();
        centreFloor = new double[memberCount];
      }
      smooth = true;
      roundInPhase = 0;
      prepareRound();
    }

    /**
     * Solves the master and prices every household at its duals. Duals are smoothed (Wentges):
     * households are priced at {@code α·centre + (1 − α)·master duals}, where the centre is the
     * dual point with the best Lagrangian bound so far; a round that adds no column prices at the
     * master duals alone, which is plain Dantzig–Wolfe and always progresses.
     */
    private void prepareRound() {
      if (roundInPhase >= MAX_ROUNDS) {
        fail(
            (pass > 0 ? "after fixing directions: " : "")
                + "no convergence within "
                + MAX_ROUNDS
                + " rounds (gap "
                + (objective - lowerBound) / Math.max(1, Math.abs(objective))
                + ")");
        return;
      }
      rounds++;
      long masterStart = System.nanoTime();
      MPSolver.ResultStatus status = solveMaster();
      masterNanos += System.nanoTime() - masterStart;
      if (status != MPSolver.ResultStatus.OPTIMAL) {
        fail((pass > 0 ? "after fixing directions: " : "") + "the master LP returned " + status);
        return;
      }
      objective = solver.objective().value();
      current = true;
      poolDual = new double[intervals];
      peakDual = new double[intervals];
      floorDual = new double[memberCount];
      convexityDual = new double[groupCount];
      for (int t = 0; t < intervals; t++) {
        poolDual[t] = poolRows[t] == null ? 0 : poolRows[t].dualValue();
        peakDual[t] = peakRows[t] == null ? 0 : peakRows[t].dualValue();
      }
      for (int k = 0; k < memberCount; k++) {
        floorDual[k] = floorRows[k] == null ? 0 : floorRows[k].dualValue();
      }
      for (int g = 0; g < groupCount; g++) {
        convexityDual[g] = convexity[g].dualValue();
      }
      alpha = smooth && centrePool != null ? SMOOTHING : 0;
      sepPool = mix(alpha, centrePool, poolDual);
      sepPeak = mix(alpha, centrePeak, peakDual);
      sepFloor = mix(alpha, centreFloor, floorDual);
      boolean projected = false;
      if (smooth && boxed) {
        double[] box = projectPoolDual(sepPool, sepFloor);
        projected = box != sepPool;
        sepPool = box;
      }
      stabilised = alpha > 0 || projected;
      for (int k = 0; k < memberCount; k++) {
        // Reduced cost of a column x of household k:
        // (w_k − μ_k)·C(x) − Σ_t π_t·(sell − buy)_t + Σ_t ψ_t·imp_t/Δt − σ_k.
        calls[k] =
            call(
                k,
                costImp(k, sepFloor, sepPeak),
                costExp(k, sepFloor),
                costBuy(k, sepFloor, sepPool),
                costSell(k, sepFloor, sepPool),
                true);
      }
      phase = Phase.GENERATE;
    }

    /**
     * The households' columns at the smoothed duals: the Lagrangian bound, new columns, the gap
     * test.
     */
    private void priced(HouseholdBlock.Column[] proposed) {
      double lagrangian = 0;
      double[] reducedCost = new double[memberCount];
      for (int k = 0; k < memberCount; k++) {
        double priced = value(proposed[k], k, sepFloor, sepPeak, sepPool);
        reducedCost[k] =
            !stabilised ? priced : value(proposed[k], k, floorDual, peakDual, poolDual);
        lagrangian += priced;
        if (floorRows[k] != null) {
          lagrangian += sepFloor[k] * request.standaloneCostEur()[k];
        }
      }
      if (lagrangian > lowerBound) {
        lowerBound = lagrangian;
        centrePool = sepPool;
        centrePeak = sepPeak;
        centreFloor = sepFloor;
      }
      int added = 0;
      double threshold = -1e-9 * Math.max(1, Math.abs(objective)) / groupCount;
      for (int g = 0; g < groupCount; g++) {
        double groupReducedCost = -convexityDual[g];
        for (int k : groupMembers[g]) {
          groupReducedCost += reducedCost[k];
        }
        if (groupReducedCost < threshold) {
          addColumn(g, proposed);
          added++;
        }
      }
      double gap = certifiedGap();
      LOG.trace(
          "round {}: master {}, lower bound {}, gap {}, alpha {}, {} columns added",
          rounds,
          objective,
          lowerBound,
          gap,
          alpha,
          added);
      boolean done = gap <= tolerance || added == 0 && !stabilised;
      if (done && added > 0) {
        MPSolver.ResultStatus again = solveMaster();
        if (again != MPSolver.ResultStatus.OPTIMAL) {
          fail((pass > 0 ? "after fixing directions: " : "") + "the master LP returned " + again);
          return;
        }
        objective = solver.objective().value();
        current = true;
      }
      if (done && imbalanceKwh() > BALANCED_KWH) {
        // The schedules with the imbalance moved onto the households are feasible: their
        // objective is an upper bound; if it is within the tolerance, the phase ends with them.
        ClearingModel.RawSolution restored = restore(combinedInMaster());
        double restoredObjective = restored == null ? Double.NaN : objectiveOf(restored);
        if (PriceDecomposition.certifiedGap(restoredObjective, lowerBound) <= tolerance) {
          objective = restoredObjective;
          phaseConverged();
          return;
        }
      }
      if (done && imbalanceKwh() > BALANCED_KWH) {
        // The master still sends part of the pool to the grid and the households' schedules
        // cannot take it (a connection limit) or would cost too much: its objective is no upper
        // bound yet. Close the grid for the rest of the phase (plain Dantzig–Wolfe, always feasible
        // with the no-trade
        // columns) and go on.
        setGridOpen(false);
        current = false;
        smooth = false;
        roundInPhase++;
        prepareRound();
        return;
      }
      if (done) {
        phaseConverged();
        return;
      }
      // A smoothed round without a column mis-priced: the next one prices at the master duals.
      smooth = added > 0;
      roundInPhase++;
      prepareRound();
    }

    /**
     * The bounds met: keep the LP bound of the first phase, then round the broken directions or
     * end.
     */
    private void phaseConverged() {
      if (pass == 0) {
        lpBound = lowerBound;
        lpObjective = objective;
      }
      if (integerColumns) {
        solveRestrictedMasterIp();
        return;
      }
      raw = ResultAssembly.splitTies(request, combined());
      if (!options.milpWhenBinariesBreak()) {
        end();
        return;
      }
      if (pass > 0) {
        LOG.trace("rounding pass {}: objective {}", pass, objective);
      }
      if (pass == MAX_ROUNDING_PASSES) {
        if (countBroken(raw) > 0) {
          fail("pairs still break after " + pass + " rounding passes");
        } else {
          end();
        }
        return;
      }
      int fixed = fixBrokenDirections(raw);
      if (fixed == 0) {
        end();
        return;
      }
      rounded = true;
      pass++;
      phase = Phase.FRESH;
    }

    private void end() {
      phase = Phase.DONE;
      java.util.Arrays.fill(calls, null);
    }

    /**
     * Price-and-branch's last step: the restricted master as an integer program ({@link
     * RestrictedMasterIp}) over every member's columns; its schedule is kept if it is the best so
     * far, then the run ends or dives.
     */
    private void solveRestrictedMasterIp() {
      long start = System.nanoTime();
      List<List<HouseholdBlock.Column>> own =
          RestrictedMasterIp.memberColumns(memberCount, groupMembers, columns, lambdas);
      RestrictedMasterIp.Solved solved =
          new RestrictedMasterIp(request, options, tolerance, hasBattery, inPool).solve(own);
      if (solved == null) {
        fail("OR-Tools has no SCIP solver in this build");
        return;
      }
      ipBinaries = solved.binaries();
      ipSeconds = (System.nanoTime() - start) / NANOS;
      ipStatus = solved.status().toString();
      if (solved.flows() == null) {
        fail("the restricted master IP returned " + solved.status());
        return;
      }
      double[][][] flows = solved.flows();
      double found = objectiveWithFloor(flows);
      LOG.debug(
          "restricted master IP (dive {}): {} columns, {} binaries, {} in {} s, objective {},"
              + " bound {}",
          pass,
          solved.columns(),
          ipBinaries,
          solved.status(),
          ipSeconds,
          found,
          lpBound);
      rounded = true;
      if (!(found >= bestIpObjective)) {
        bestIpObjective = found;
        raw = RestrictedMasterIp.raw(flows);
      }
      objective = bestIpObjective;
      if (PriceDecomposition.certifiedGap(objective, lpBound) <= tolerance || pass >= MAX_DIVES) {
        // The answer's bound is the first phase's (of the whole MILP), not a dive's own.
        lowerBound = lpBound;
        end();
      } else {
        dive(flows);
      }
    }

    /**
     * {@code Σ_k w_k·C_k + πpk·peak − ρ·z} of the schedules {@code flows}, {@code z} the smallest
     * relative saving of the protected members (the master's objective at its best floor).
     */
    private double objectiveWithFloor(double[][][] flows) {
      double value = objectiveOf(RestrictedMasterIp.raw(flows));
      if (ClearingModel.hasFloor(request)) {
        double floor = FLOOR_BOUND;
        for (int k = 0; k < memberCount; k++) {
          double standalone = request.standaloneCostEur()[k];
          if (request.protectedMember()[k] && Double.isFinite(standalone)) {
            double cost = 0;
            for (int t = 0; t < intervals; t++) {
              cost +=
                  priceImp[t] * flows[HouseholdBlock.IMP][k][t]
                      - priceExp[t] * flows[HouseholdBlock.EXP][k][t]
                      + pool[t]
                          * (flows[HouseholdBlock.BUY][k][t] - flows[HouseholdBlock.SELL][k][t]);
            }
            floor =
                Math.min(
                    floor,
                    (standalone - cost) / Math.max(Math.abs(standalone), options.epsilonEur()));
          }
        }
        value -= request.rawlsianStrengthEur() * floor;
      }
      return value;
    }

    /**
     * A diving step of price-and-branch: fixes each battery member's directions where the
     * restricted master IP's schedule {@code flows} uses them (idle intervals stay free), drops the
     * columns against them, adds that schedule as a column (the master then starts from it,
     * feasible) and generates columns again; the households' MILPs respect the fixes. The phase
     * ends with another restricted master IP over the columns that respect them.
     */
    private void dive(double[][][] flows) {
      RestrictedMasterIp.fixDirections(flows, hasBattery, chargeDirection, gridDirection);
      for (int g = 0; g < groupCount; g++) {
        List<HouseholdBlock.Column[]> own = columns.get(g);
        for (int j = 0; j < own.size(); j++) {
          for (int m = 0; m < groupMembers[g].length; m++) {
            if (violates(groupMembers[g][m], own.get(j)[m])) {
              lambdas.get(g).get(j).setUb(0);
              break;
            }
          }
        }
      }
      HouseholdBlock.Column[] schedules = RestrictedMasterIp.asColumns(flows);
      for (int g = 0; g < groupCount; g++) {
        addColumn(g, schedules);
      }
      current = false;
      pass++;
      beginPhase();
    }

    /** The result after {@link #done}. */
    Outcome outcome(double buildSeconds, double solveSeconds) {
      if (failure != null) {
        return new Outcome(
            null,
            SolveStatus.ERROR,
            Double.NaN,
            Double.NaN,
            buildSeconds,
            solveSeconds,
            false,
            fixedPairs,
            rounds,
            columnCount,
            failure);
      }
      double gap =
          integerColumns
              ? PriceDecomposition.certifiedGap(objective, lpBound)
              : Math.abs(objective - lpBound) / Math.max(Math.abs(objective), 1e-9);
      SolveStatus status =
          !rounded || gap <= options.relativeGapLimit()
              ? SolveStatus.OPTIMAL
              : SolveStatus.FEASIBLE;
      String reason =
          status == SolveStatus.FEASIBLE
              ? "decomposition with rounded directions; gap against the LP bound (LP optimum "
                  + lpObjective
                  + ")"
              : "";
      LOG.debug(
          "decomposition of {} households: {} rounds, {} columns, LP {} (bound {}), final {}, {} fixed pairs,"
              + " master {} s, pricing {} s",
          memberCount,
          rounds,
          columnCount,
          lpObjective,
          lpBound,
          objective,
          fixedPairs,
          masterNanos / NANOS,
          pricingNanos / NANOS);
      return new Outcome(
          raw,
          status,
          lpBound,
          status == SolveStatus.OPTIMAL && !rounded ? 0 : gap,
          buildSeconds,
          solveSeconds,
          rounded,
          fixedPairs,
          rounds,
          columnCount,
          reason);
    }

    /** Whether the answer is certified optimal for the LP (no rounding) or within the gap limit. */
    public boolean certified() {
      if (integerColumns) {
        return failure == null
            && phase == Phase.DONE
            && PriceDecomposition.certifiedGap(objective, lpBound) <= tolerance;
      }
      return failure == null
          && phase == Phase.DONE
          && (!rounded
              || Math.abs(objective - lpBound) / Math.max(Math.abs(objective), 1e-9)
                  <= options.relativeGapLimit());
    }

    /** The LP bound of the first phase (NaN before it ends). */
    public double lpBound() {
      return lpBound;
    }

    /**
     * Solves the master warm (dual simplex, no presolve); if GLOP gives up that way (seen as
     * ABNORMAL on weighted days with the free floor variable), again with its default settings,
     * which then stay.
     */
    private MPSolver.ResultStatus solveMaster() {
      MPSolver.ResultStatus status = solver.solve();
      if (status != MPSolver.ResultStatus.OPTIMAL && warmMaster) {
        LOG.trace("master LP {} with the warm settings; retrying with GLOP's defaults", status);
        warmMaster = false;
        solver.setSolverSpecificParametersAsString("");
        status = solver.solve();
      }
      if (status == MPSolver.ResultStatus.ABNORMAL) {
        LOG.trace("master LP ABNORMAL; retrying from scratch");
        solver.reset();
        status = solver.solve();
      }
      return status;
    }

    /**
     * The certified gap of the current phase: {@code (master − bound) / max(d, 1 EUR)}, {@code d}
     * the smaller magnitude of the two bounds when they have the same sign, else 0; infinite before
     * a bound.
     */
    public double certifiedGap() {
      return PriceDecomposition.certifiedGap(objective, lowerBound);
    }

    /**
     * {@code mix} with the pool imbalance the master sends to the grid moved onto the households,
     * pro rata: a surplus's share of each sale becomes an export, a deficit's share of each
     * purchase an import. Each such schedule satisfies its household's rows (the balance, the
     * one-meter and battery rows keep their sums) when the connection limits allow, and costs it at
     * most what the master charged for the imbalance. Null when a limit would be exceeded; {@code
     * mix} itself when nothing goes to the grid.
     */
    private ClearingModel.RawSolution restore(ClearingModel.RawSolution mix) {
      if (imbalanceKwh() <= 0) {
        return mix;
      }
      if (request.connectionScaleByMember() != null) {
        return null;
      }
      double exportCap = day.tariff().exportLimitKw() * dt;
      double importCap = day.tariff().importLimitKw() * dt;
      double[][] imp = copy(mix.imp());
      double[][] exp = copy(mix.exp());
      double[][] buy = copy(mix.buy());
      double[][] sell = copy(mix.sell());
      for (int t = 0; t < intervals; t++) {
        if (surplusToGrid[t] == null) {
          continue;
        }
        double surplus = surplusToGrid[t].solutionValue();
        double deficit = deficitFromGrid[t].solutionValue();
        double sells = 0;
        double buys = 0;
        for (int k = 0; k < memberCount; k++) {
          sells += sell[k][t];
          buys += buy[k][t];
        }
        for (int k = 0; k < memberCount; k++) {
          if (surplus > 0 && sells > 0) {
            double moved = sell[k][t] * Math.min(1, surplus / sells);
            sell[k][t] -= moved;
            exp[k][t] += moved;
            if (moved > 0 && exp[k][t] > exportCap + 1e-9) {
              return null;
            }
          }
          if (deficit > 0 && buys > 0) {
            double moved = buy[k][t] * Math.min(1, deficit / buys);
            buy[k][t] -= moved;
            imp[k][t] += moved;
            if (moved > 0 && imp[k][t] > importCap + 1e-9) {
              return null;
            }
          }
        }
      }
      return new ClearingModel.RawSolution(
          imp, exp, buy, sell, mix.cur(), mix.ch(), mix.dis(), mix.soc());
    }

    private static double[][] copy(double[][] rows) {
      double[][] out = new double[rows.length][];
      for (int k = 0; k < rows.length; k++) {
        out[k] = rows[k].clone();
      }
      return out;
    }

    /** {@code Σ_k w_k·C_k + πpk·max_t Σ_k imp/Δt} of feasible schedules (no floor). */
    private double objectiveOf(ClearingModel.RawSolution raw) {
      double value = 0;
      double peak = 0;
      for (int t = 0; t < intervals; t++) {
        double imports = 0;
        for (int k = 0; k < memberCount; k++) {
          value +=
              weight[k]
                  * (priceImp[t] * raw.imp()[k][t]
                      - priceExp[t] * raw.exp()[k][t]
                      + pool[t] * (raw.buy()[k][t] - raw.sell()[k][t]));
          imports += raw.imp()[k][t];
        }
        peak = Math.max(peak, imports / dt);
      }
      return value + day.tariff().peakChargeEurPerKw() * peak;
    }

    /** Allows or forbids the master to send the pool's imbalance to the grid. */
    private void setGridOpen(boolean open) {
      for (int t = 0; t < intervals; t++) {
        if (surplusToGrid[t] != null) {
          surplusToGrid[t].setUb(open ? MPSolver.infinity() : 0);
          deficitFromGrid[t].setUb(open ? MPSolver.infinity() : 0);
        }
      }
      current = false;
    }

    /** The pool imbalance the master's solution sends to the grid (kWh over the day). */
    private double imbalanceKwh() {
      double sum = 0;
      for (int t = 0; t < intervals; t++) {
        if (surplusToGrid[t] != null) {
          sum += surplusToGrid[t].solutionValue() + deficitFromGrid[t].solutionValue();
        }
      }
      return sum;
    }

    /** The peak dual with the peak charge spread evenly: {@code ψ[t] = πpk/T}. */
    private double[] initialPeakDual() {
      double[] spread = new double[intervals];
      if (peakRows.length > 0 && peakRows[0] != null) {
        java.util.Arrays.fill(spread, day.tariff().peakChargeEurPerKw() / intervals);
      }
      return spread;
    }

    /**
     * {@code poolDual} projected on the box the LP's pool duals lie in, or {@code poolDual} itself
     * when it is inside. Beyond {@code max_k s_k·(πimp − p) + πpk/Δt} every household would rather
     * sell to the pool than import (plus the whole peak charge), below {@code min_k s_k·(πexp − p)}
     * rather buy from it than not export ({@code s_k = w_k − μ_k}, the household's scale): the pool
     * could not balance. Households priced inside the box answer columns the master can combine; a
     * projected round that brings no column is followed by one at the master's duals.
     */
    private double[] projectPoolDual(double[] poolDual, double[] floorDual) {
      double[] result = poolDual;
      for (int t = 0; t < intervals; t++) {
        if (poolRows[t] == null) {
          continue;
        }
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < memberCount; k++) {
          double scale = weight[k] - floorDual[k];
          low = Math.min(low, scale * (priceExp[t] - pool[t]));
          high =
              Math.max(
                  high, scale * (priceImp[t] - pool[t]) + day.tariff().peakChargeEurPerKw() / dt);
        }
        double clamped = Math.min(high, Math.max(low, poolDual[t]));
        if (clamped != poolDual[t]) {
          if (result == poolDual) {
            result = poolDual.clone();
          }
          result[t] = clamped;
        }
      }
      return result;
    }

    private double[] mix(double alpha, double[] centre, double[] current) {
      if (alpha == 0 || centre == null) {
        return current;
      }
      double[] result = new double[current.length];
      for (int j = 0; j < current.length; j++) {
        result[j] = alpha * centre[j] + (1 - alpha) * current[j];
      }
      return result;
    }

    private double[] costImp(int k, double[] floorDual, double[] peakDual) {
      double scale = weight[k] - floorDual[k];
      double[] cost = new double[intervals];
      for (int t = 0; t < intervals; t++) {
        cost[t] = scale * priceImp[t] + peakDual[t] / dt;
      }
      return cost;
    }

    private double[] costExp(int k, double[] floorDual) {
      double scale = weight[k] - floorDual[k];
      double[] cost = new double[intervals];
      for (int t = 0; t < intervals; t++) {
        cost[t] = -scale * priceExp[t];
      }
      return cost;
    }

    private double[] costBuy(int k, double[] floorDual, double[] poolDual) {
      double scale = weight[k] - floorDual[k];
      double[] cost = new double[intervals];
      for (int t = 0; t < intervals; t++) {
        cost[t] = scale * pool[t] + poolDual[t];
      }
      return cost;
    }

    private double[] costSell(int k, double[] floorDual, double[] poolDual) {
      double scale = weight[k] - floorDual[k];
      double[] cost = new double[intervals];
      for (int t = 0; t < intervals; t++) {
        cost[t] = -scale * pool[t] - poolDual[t];
      }
      return cost;
    }

    /**
     * The column's priced cost {@code (w − μ)·C(x) − π·(sell − buy) + ψ·imp/Δt} at the given duals.
     */
    private double value(
        HouseholdBlock.Column column,
        int k,
        double[] floorDual,
        double[] peakDual,
        double[] poolDual) {
      double scale = weight[k] - floorDual[k];
      double[][] v = column.values();
      double value = 0;
      for (int t = 0; t < intervals; t++) {
        value +=
            (scale * priceImp[t] + peakDual[t] / dt) * v[HouseholdBlock.IMP][t]
                - scale * priceExp[t] * v[HouseholdBlock.EXP][t]
                + (scale * pool[t] + poolDual[t])
                    * (v[HouseholdBlock.BUY][t] - v[HouseholdBlock.SELL][t]);
      }
      return value;
    }

    /**
     * Adds the block's column made of {@code schedules[k]} for each member {@code k} of block
     * {@code g}.
     */
    private void addColumn(int g, HouseholdBlock.Column[] schedules) {
      MPVariable lambda = solver.makeNumVar(0, MPSolver.infinity(), "");
      HouseholdBlock.Column[] column = new HouseholdBlock.Column[groupMembers[g].length];
      double objectiveCoefficient = 0;
      double[] poolCoefficient = new double[intervals];
      double[] peakCoefficient = new double[intervals];
      for (int m = 0; m < column.length; m++) {
        int k = groupMembers[g][m];
        column[m] = schedules[k];
        double[][] v = schedules[k].values();
        double cost = schedules[k].cost(priceImp, priceExp, pool);
        objectiveCoefficient += weight[k] * cost;
        for (int t = 0; t < intervals; t++) {
          poolCoefficient[t] += v[HouseholdBlock.SELL][t] - v[HouseholdBlock.BUY][t];
          peakCoefficient[t] -= v[HouseholdBlock.IMP][t] / dt;
        }
        if (floorRows[k] != null) {
          floorRows[k].setCoefficient(lambda, cost);
        }
      }
      solver.objective().setCoefficient(lambda, objectiveCoefficient);
      convexity[g].setCoefficient(lambda, 1);
      for (int t = 0; t < intervals; t++) {
        if (poolRows[t] != null && poolCoefficient[t] != 0) {
          poolRows[t].setCoefficient(lambda, poolCoefficient[t]);
        }
        if (peakRows[t] != null && peakCoefficient[t] != 0) {
          peakRows[t].setCoefficient(lambda, peakCoefficient[t]);
        }
      }
      columns.get(g).add(column);
      lambdas.get(g).add(lambda);
      columnCount++;
      current = false;
    }

    /**
     * The households' schedules: each the master's convex combination of its columns, with the
     * imbalance the master sends to the grid moved onto the households ({@link #restore}) where the
     * connection limits allow.
     */
    ClearingModel.RawSolution combined() {
      ClearingModel.RawSolution mix = combinedInMaster();
      ClearingModel.RawSolution restored = restore(mix);
      return restored == null ? mix : restored;
    }

    /**
     * The master's convex combinations as they are (the pool may send an imbalance to the grid).
     */
    private ClearingModel.RawSolution combinedInMaster() {
      double[][][] flows = new double[HouseholdBlock.FLOWS][memberCount][intervals];
      for (int g = 0; g < groupCount; g++) {
        List<HouseholdBlock.Column[]> own = columns.get(g);
        List<MPVariable> weights = lambdas.get(g);
        for (int j = 0; j < own.size(); j++) {
          double share = weights.get(j).solutionValue();
          if (share <= 0) {
            continue;
          }
          for (int m = 0; m < groupMembers[g].length; m++) {
            int k = groupMembers[g][m];
            double[][] v = own.get(j)[m].values();
            for (int f = 0; f < HouseholdBlock.FLOWS; f++) {
              for (int t = 0; t < intervals; t++) {
                flows[f][k][t] += share * v[f][t];
              }
            }
          }
        }
      }
      return new ClearingModel.RawSolution(
          flows[HouseholdBlock.IMP],
          flows[HouseholdBlock.EXP],
          flows[HouseholdBlock.BUY],
          flows[HouseholdBlock.SELL],
          flows[HouseholdBlock.CUR],
          flows[HouseholdBlock.CH],
          flows[HouseholdBlock.DIS],
          flows[HouseholdBlock.SOC]);
    }

    int countBroken(ClearingModel.RawSolution raw) {
      int broken = 0;
      for (int k = 0; k < memberCount; k++) {
        if (!hasBattery[k]) {
          continue; // direction fixed by the data
        }
        for (int t = 0; t < intervals; t++) {
          if (Math.min(raw.ch()[k][t], raw.dis()[k][t]) > BinaryPairs.BREAK_KWH) {
            broken++;
          }
          if (BinaryPairs.breaksDirection(
              raw.imp()[k][t],
              raw.exp()[k][t],
              raw.buy()[k][t],
              raw.sell()[k][t],
              raw.cur()[k][t])) {
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
        Battery battery = day.households().get(request.members()[k]).battery();
        if (battery == null) {
          continue; // direction fixed by the data
        }
        for (int t = 0; t < intervals; t++) {
          double ch = raw.ch()[k][t];
          double dis = raw.dis()[k][t];
          if (chargeDirection[k][t] == 0 && Math.min(ch, dis) > BinaryPairs.BREAK_KWH) {
            boolean charging =
                battery.chargeEfficiency() * ch >= dis / battery.dischargeEfficiency();
            chargeDirection[k][t] = (byte) (charging ? 1 : -1);
            touched[k] = true;
            fixed++;
          }
          double imp = raw.imp()[k][t];
          double exp = raw.exp()[k][t];
          double buy = raw.buy()[k][t];
          double sell = raw.sell()[k][t];
          double cur = raw.cur()[k][t];
          if (gridDirection[k][t] == 0 && BinaryPairs.breaksDirection(imp, exp, buy, sell, cur)) {
            // A direction that admits an idle battery (draw where L >= G, give where G > L), so
            // that
            // the fresh column below always exists whatever the battery's direction.
            int i = request.members()[k];
            boolean drawing = day.loadKwh()[i][t] >= day.pvKwh()[i][t];
            gridDirection[k][t] = (byte) (drawing ? 1 : -1);
            touched[k] = true;
            fixed++;
          }
        }
      }
      fixedPairs += fixed;
      if (fixed == 0) {
        return 0;
      }
      current = false;
      touchedGroup = new boolean[groupCount];
      for (int k = 0; k < memberCount; k++) {
        touchedGroup[groupOf[k]] |= touched[k];
      }
      for (int g = 0; g < groupCount; g++) {
        // Drop columns against the fixed directions.
        List<HouseholdBlock.Column[]> own = columns.get(g);
        for (int j = 0; touchedGroup[g] && j < own.size(); j++) {
          for (int m = 0; m < groupMembers[g].length; m++) {
            if (violates(groupMembers[g][m], own.get(j)[m])) {
              lambdas.get(g).get(j).setUb(0);
              break;
            }
          }
        }
      }
      // A fresh column without trading (so the pool stays balanced with the others' columns) for
      // every household of a touched block, respecting the fixed directions.
      for (int k = 0; k < memberCount; k++) {
        if (!touchedGroup[groupOf[k]]) {
          calls[k] = null;
          continue;
        }
        double[] costImp = new double[intervals];
        double[] costExp = new double[intervals];
        for (int t = 0; t < intervals; t++) {
          costImp[t] = weight[k] * priceImp[t];
          costExp[t] = -weight[k] * priceExp[t];
        }
        calls[k] = call(k, costImp, costExp, new double[intervals], new double[intervals], false);
      }
      return fixed;
    }

    private boolean violates(int k, HouseholdBlock.Column column) {
      double[][] v = column.values();
      for (int t = 0; t < intervals; t++) {
        if (chargeDirection[k][t] > 0 && v[HouseholdBlock.DIS][t] > BinaryPairs.BREAK_KWH
            || chargeDirection[k][t] < 0 && v[HouseholdBlock.CH][t] > BinaryPairs.BREAK_KWH
            || gridDirection[k][t] > 0
                && v[HouseholdBlock.EXP][t] + v[HouseholdBlock.SELL][t] + v[HouseholdBlock.CUR][t]
                    > BinaryPairs.BREAK_KWH
            || gridDirection[k][t] < 0
                && v[HouseholdBlock.IMP][t] + v[HouseholdBlock.BUY][t] > BinaryPairs.BREAK_KWH) {
          return true;
        }
      }
      return false;
    }

    @Override
    public void close() {
      solver.delete();
    }
  }
}
