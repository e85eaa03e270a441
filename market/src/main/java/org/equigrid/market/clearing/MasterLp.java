package org.equigrid.market.clearing;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The master LP of {@link PriceDecomposition}: for every block of households a convex combination
 * ({@code λ}) of the columns they proposed, subject to the coupling rows (pool balance and peak per
 * interval, the Rawlsian floor per protected member) and, when the run is stabilised, the grid
 * taking the pool's imbalance at a price no household beats (the dual box). Its duals are the
 * prices the households are asked to answer ({@link Duals}). GLOP, warm: dual simplex without
 * presolve, so adding a column keeps the basis.
 *
 * <p>The coupling rows are not {@link DayFormulation}'s: they are written over the columns' weights
 * (each column's flows as coefficients), not over a household's flow variables.
 */
final class MasterLp implements AutoCloseable {

  private static final Logger LOG = LogManager.getLogger();

  /**
   * Bound on the Rawlsian floor {@code z} in the master (relative savings, so far beyond any real
   * value): GLOP returned ABNORMAL on weighted masters with a free {@code z}.
   */
  static final double FLOOR_BOUND = 1e4;

  /** Relative and absolute (EUR/kWh) margin of the grid's imbalance prices over any household's. */
  static final double BOX_MARGIN = 1e-6;

  /**
   * The coupling rows' duals: {@code pool[t]} ({@code π}, pool energy), {@code peak[t]} ({@code ψ},
   * imports at the peak), {@code floor[k]} ({@code μ}, a protected member's cost); 0 where a row is
   * absent.
   */
  record Duals(double[] pool, double[] peak, double[] floor) {}

  private final DecompositionData data;
  private final MPSolver solver;
  private final ColumnPool columns;
  private final int groupCount;
  private final MPConstraint[] convexity;
  private final MPConstraint[] poolRows;
  private final MPConstraint[] peakRows;
  private final MPConstraint[] floorRows;
  private final MPVariable[] surplusToGrid;
  private final MPVariable[] deficitFromGrid;
  private boolean warm = true;

  /**
   * Whether the master's solution belongs to the master as it is (no column or bound changed
   * since).
   */
  private boolean current;

  /**
   * The master of {@code data}'s coalition without columns; with {@code boxed} (and no floor) the
   * grid may take the pool's imbalance at a price no household beats.
   */
  MasterLp(DecompositionData data, SolverOptions options, boolean boxed) {
    this.data = data;
    ClearingRequest request = data.request();
    int memberCount = data.memberCount();
    int intervals = data.intervals();
    double dt = data.dt();
    double[] priceImp = data.priceImp();
    double[] priceExp = data.priceExp();
    double[] pool = data.pool();
    double[] weight = data.weight();
    solver = MPSolver.createSolver("GLOP");
    if (solver == null) {
      throw new IllegalStateException("OR-Tools has no GLOP solver in this build");
    }
    // Without presolve GLOP keeps its basis when columns are added; measured faster with the
    // dual simplex (100 households: 22 s against 32 s primal with presolve, 43 s CLP, loaded
    // machine).
    solver.setSolverSpecificParametersAsString("use_dual_simplex: true, use_preprocessing: false");
    double inf = MPSolver.infinity();
    MPObjective masterObjective = solver.objective();
    masterObjective.setMinimization();
    columns = new ColumnPool(data);
    groupCount = columns.groupCount();
    convexity = new MPConstraint[groupCount];
    for (int g = 0; g < groupCount; g++) {
      convexity[g] = solver.makeConstraint(1, 1, "");
    }
    poolRows = new MPConstraint[intervals];
    for (int t = 0; t < intervals; t++) {
      if (data.inPool()[t]) {
        poolRows[t] = solver.makeConstraint(0, 0, "");
      }
    }
    peakRows = new MPConstraint[intervals];
    double peakCharge = data.day().tariff().peakChargeEurPerKw();
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
    if (boxed && !ClearingModel.hasFloor(request)) {
      // The pool's imbalance may go to the grid at a price no household beats: the master's pool
      // duals then stay in [−surplusPenalty, deficitPenalty + ψ/Δt] from the first round. Both
      // must be 0 when a phase ends: the imbalance is then moved onto the households' schedules
      // (ImbalanceRestoration), or the grid closes for the rest of the phase.
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
        double surplusPenalty = surplus * (1 + BOX_MARGIN) + BOX_MARGIN;
        double deficitPenalty = deficit * (1 + BOX_MARGIN) + BOX_MARGIN;
        surplusToGrid[t] = solver.makeNumVar(0, inf, "");
        masterObjective.setCoefficient(surplusToGrid[t], surplusPenalty);
        poolRows[t].setCoefficient(surplusToGrid[t], -1);
        deficitFromGrid[t] = solver.makeNumVar(0, inf, "");
        masterObjective.setCoefficient(deficitFromGrid[t], deficitPenalty);
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
          floorRows[k].setCoefficient(floor, Math.max(Math.abs(standalone), options.epsilonEur()));
        }
      }
    }
  }

  /** The master's columns. */
  ColumnPool columns() {
    return columns;
  }

  /** Whether the last solution belongs to the master as it is. */
  boolean current() {
    return current;
  }

  /** Records that the master changed since its last solve. */
  void changed() {
    current = false;
  }

  boolean hasPoolRow(int t) {
    return poolRows[t] != null;
  }

  /** Whether the master has peak rows (a peak charge). */
  boolean hasPeakRows() {
    return peakRows.length > 0 && peakRows[0] != null;
  }

  boolean hasFloorRow(int k) {
    return floorRows[k] != null;
  }

  /**
   * Adds the block's column made of {@code schedules[k]} for each member {@code k} of block {@code
   * g}.
   */
  void addColumn(int g, HouseholdBlock.Column[] schedules) {
    int intervals = data.intervals();
    MPVariable lambda = solver.makeNumVar(0, MPSolver.infinity(), "");
    int[] groupMembers = columns.groupMembers(g);
    HouseholdBlock.Column[] column = new HouseholdBlock.Column[groupMembers.length];
    double objectiveCoefficient = 0;
    double[] poolCoefficient = new double[intervals];
    double[] peakCoefficient = new double[intervals];
    for (int m = 0; m < column.length; m++) {
      int k = groupMembers[m];
      column[m] = schedules[k];
      double[][] v = schedules[k].values();
      double cost = schedules[k].cost(data.priceImp(), data.priceExp(), data.pool());
      objectiveCoefficient += data.weight()[k] * cost;
      for (int t = 0; t < intervals; t++) {
        poolCoefficient[t] += v[HouseholdBlock.SELL][t] - v[HouseholdBlock.BUY][t];
        peakCoefficient[t] -= v[HouseholdBlock.IMP][t] / data.dt();
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
    columns.add(g, column, lambda);
    current = false;
  }

  /**
   * Solves the master warm (dual simplex, no presolve); if GLOP gives up that way (seen as ABNORMAL
   * on weighted days with the free floor variable), again with its default settings, which then
   * stay.
   */
  MPSolver.ResultStatus solve() {
    MPSolver.ResultStatus status = solver.solve();
    if (status != MPSolver.ResultStatus.OPTIMAL && warm) {
      LOG.trace("master LP {} with the warm settings; retrying with GLOP's defaults", status);
      warm = false;
      solver.setSolverSpecificParametersAsString("");
      status = solver.solve();
    }
    if (status == MPSolver.ResultStatus.ABNORMAL) {
      LOG.trace("master LP ABNORMAL; retrying from scratch");
      solver.reset();
      status = solver.solve();
    }
    if (status == MPSolver.ResultStatus.OPTIMAL) {
      current = true;
    }
    return status;
  }

  /** The objective of the last solve. */
  double objective() {
    return solver.objective().value();
  }

  /** The coupling rows' duals of the last solve. */
  Duals duals() {
    int intervals = data.intervals();
    double[] poolDual = new double[intervals];
    double[] peakDual = new double[intervals];
    double[] floorDual = new double[data.memberCount()];
    for (int t = 0; t < intervals; t++) {
      poolDual[t] = poolRows[t] == null ? 0 : poolRows[t].dualValue();
      peakDual[t] = peakRows[t] == null ? 0 : peakRows[t].dualValue();
    }
    for (int k = 0; k < floorDual.length; k++) {
      floorDual[k] = floorRows[k] == null ? 0 : floorRows[k].dualValue();
    }
    return new Duals(poolDual, peakDual, floorDual);
  }

  /** The convexity rows' duals {@code σ[g]} of the last solve. */
  double[] convexityDuals() {
    double[] convexityDual = new double[groupCount];
    for (int g = 0; g < groupCount; g++) {
      convexityDual[g] = convexity[g].dualValue();
    }
    return convexityDual;
  }

  /** Allows or forbids the master to send the pool's imbalance to the grid. */
  void setGridOpen(boolean open) {
    for (int t = 0; t < data.intervals(); t++) {
      if (surplusToGrid[t] != null) {
        surplusToGrid[t].setUb(open ? MPSolver.infinity() : 0);
        deficitFromGrid[t].setUb(open ? MPSolver.infinity() : 0);
      }
    }
    current = false;
  }

  /** Whether the master may send the pool's imbalance in interval {@code t} to the grid. */
  boolean hasGrid(int t) {
    return surplusToGrid[t] != null;
  }

  /** The pool surplus the master's solution sends to the grid in interval {@code t} (kWh). */
  double surplusToGridKwh(int t) {
    return surplusToGrid[t].solutionValue();
  }

  /** The pool deficit the master's solution draws from the grid in interval {@code t} (kWh). */
  double deficitFromGridKwh(int t) {
    return deficitFromGrid[t].solutionValue();
  }

  /** The pool imbalance the master's solution sends to the grid (kWh over the day). */
  double imbalanceKwh() {
    double sum = 0;
    for (int t = 0; t < data.intervals(); t++) {
      if (surplusToGrid[t] != null) {
        sum += surplusToGrid[t].solutionValue() + deficitFromGrid[t].solutionValue();
      }
    }
    return sum;
  }

  @Override
  public void close() {
    solver.delete();
  }
}
