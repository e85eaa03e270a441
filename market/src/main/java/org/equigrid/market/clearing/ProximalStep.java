package org.equigrid.market.clearing;

import static org.equigrid.market.clearing.HouseholdBlock.BUY;
import static org.equigrid.market.clearing.HouseholdBlock.EXP;
import static org.equigrid.market.clearing.HouseholdBlock.FLOWS;
import static org.equigrid.market.clearing.HouseholdBlock.IMP;
import static org.equigrid.market.clearing.HouseholdBlock.SELL;
import static org.equigrid.market.clearing.HouseholdBlock.SOC;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;

/**
 * The household's exact step of exchange ADMM ({@link HouseholdBlock#solveProximal}): the block's
 * LP plus {@code ρ/2·Σ_t [(buy − sell − poolTarget)² + (imp − importTarget)²]}, the separable
 * quadratic terms replaced by their epigraphs and tangent cuts (Kelley's outer approximation),
 * refined until every envelope is within {@link HouseholdBlock#PROXIMAL_TOLERANCE_EUR} of its
 * parabola. A protected household under the Rawlsian floor adds its copy of the floor, its row and
 * its own proximal term ({@link ProximalFloor}), refined the same way.
 */
final class ProximalStep {

  /** Cut rounds before the step gives up. */
  static final int MAX_CUT_ROUNDS = 5_000;

  /** Where the first tangents touch each parabola, kWh from its target. */
  private static final double[] TANGENT_OFFSETS_KWH = {
    -100, -10, -3, -1, -0.3, -0.1, -0.03, -0.01, -0.001, 0.001, 0.01, 0.03, 0.1, 0.3, 1, 3, 10, 100
  };

  private ProximalStep() {}

  /** The step of {@code block} at its current bounds; null if the block is infeasible. */
  static HouseholdBlock.Column solve(
      HouseholdBlock block,
      double[] costImp,
      double[] costExp,
      double[] costBuy,
      double[] costSell,
      double[] poolTargetKwh,
      double[] importTargetKwh,
      double rhoEurPerKwh2,
      ProximalFloor floor) {
    int intervals = block.intervals();
    MPSolver qp = MPSolver.createSolver("GLOP");
    if (qp == null) {
      throw new IllegalStateException("OR-Tools has no GLOP solver in this build");
    }
    try {
      qp.setSolverSpecificParametersAsString("use_preprocessing: false");
      MPVariable[][] v = block.relaxedModel(qp).flows();
      double inf = MPSolver.infinity();
      MPObjective objective = qp.objective();
      MPVariable[] pool = new MPVariable[intervals];
      MPVariable[] poolEpigraph = new MPVariable[intervals];
      MPVariable[] importEpigraph = new MPVariable[intervals];
      for (int t = 0; t < intervals; t++) {
        setCost(objective, v, IMP, t, costImp[t]);
        setCost(objective, v, EXP, t, costExp[t]);
        setCost(objective, v, BUY, t, costBuy[t]);
        setCost(objective, v, SELL, t, costSell[t]);
        pool[t] = qp.makeNumVar(-inf, inf, "");
        MPConstraint net = qp.makeConstraint(0, 0, "");
        net.setCoefficient(pool[t], 1);
        add(net, v, BUY, t, -1);
        add(net, v, SELL, t, 1);
        poolEpigraph[t] = qp.makeNumVar(0, inf, "");
        objective.setCoefficient(poolEpigraph[t], 1);
        if (v[IMP][t] != null) {
          importEpigraph[t] = qp.makeNumVar(0, inf, "");
          objective.setCoefficient(importEpigraph[t], 1);
        }
        for (double offset : TANGENT_OFFSETS_KWH) {
          tangent(
              qp,
              poolEpigraph[t],
              pool[t],
              poolTargetKwh[t],
              poolTargetKwh[t] + offset,
              rhoEurPerKwh2);
          if (importEpigraph[t] != null) {
            tangent(
                qp,
                importEpigraph[t],
                v[IMP][t],
                importTargetKwh[t],
                importTargetKwh[t] + offset,
                rhoEurPerKwh2);
          }
        }
      }
      MPVariable floorCopy = null;
      MPVariable floorEpigraph = null;
      if (floor != null) {
        floorCopy = qp.makeNumVar(-inf, inf, "");
        floorEpigraph = qp.makeNumVar(0, inf, "");
        objective.setCoefficient(floorEpigraph, 1);
        floorRow(qp, v, floorCopy, floor);
        for (double offset : TANGENT_OFFSETS_KWH) {
          tangent(
              qp,
              floorEpigraph,
              floorCopy,
              floor.targetKwh(),
              floor.targetKwh() + offset,
              rhoEurPerKwh2);
        }
      }
      objective.setMinimization();
      double[] lastCut = new double[2 * intervals + 1];
      java.util.Arrays.fill(lastCut, Double.NaN);
      for (int cutRound = 0; cutRound < MAX_CUT_ROUNDS; cutRound++) {
        if (qp.solve() != MPSolver.ResultStatus.OPTIMAL) {
          return null;
        }
        // Every value is read before any cut is added (a changed model has no solution to read).
        double[] poolAt = new double[intervals];
        double[] poolUp = new double[intervals];
        double[] importAt = new double[intervals];
        double[] importUp = new double[intervals];
        for (int t = 0; t < intervals; t++) {
          poolAt[t] = pool[t].solutionValue();
          poolUp[t] = poolEpigraph[t].solutionValue();
          if (importEpigraph[t] != null) {
            importAt[t] = v[IMP][t].solutionValue();
            importUp[t] = importEpigraph[t].solutionValue();
          }
        }
        double[][] values = new double[FLOWS][intervals];
        for (int f = 0; f < FLOWS; f++) {
          for (int t = 0; t < intervals; t++) {
            if (v[f][t] != null) {
              double x = v[f][t].solutionValue();
              values[f][t] = f == SOC ? x : x < ResultAssembly.CLIP_KWH ? 0 : x;
            }
          }
        }
        int added =
            floorCopy == null
                ? 0
                : refine(
                    qp,
                    floorEpigraph,
                    floorCopy,
                    floorCopy.solutionValue(),
                    floorEpigraph.solutionValue(),
                    floor.targetKwh(),
                    rhoEurPerKwh2,
                    lastCut,
                    2 * intervals);
        for (int t = 0; t < intervals; t++) {
          added +=
              refine(
                  qp,
                  poolEpigraph[t],
                  pool[t],
                  poolAt[t],
                  poolUp[t],
                  poolTargetKwh[t],
                  rhoEurPerKwh2,
                  lastCut,
                  t);
          if (importEpigraph[t] != null) {
            added +=
                refine(
                    qp,
                    importEpigraph[t],
                    v[IMP][t],
                    importAt[t],
                    importUp[t],
                    importTargetKwh[t],
                    rhoEurPerKwh2,
                    lastCut,
                    intervals + t);
          }
        }
        if (added == 0) {
          return new HouseholdBlock.Column(values);
        }
      }
      throw new IllegalStateException(
          "the proximal step did not reach "
              + HouseholdBlock.PROXIMAL_TOLERANCE_EUR
              + " EUR within "
              + MAX_CUT_ROUNDS
              + " cut rounds");
    } finally {
      qp.delete();
    }
  }

  /** {@code π̄·y + Σ_t (πimp·imp − πexp·exp + p·(buy − sell)) ≤ C0} ({@link ProximalFloor}). */
  private static void floorRow(
      MPSolver qp, MPVariable[][] v, MPVariable floorCopy, ProximalFloor floor) {
    MPConstraint row = qp.makeConstraint(-MPSolver.infinity(), floor.standaloneCostEur(), "");
    row.setCoefficient(floorCopy, floor.scalePriceEurPerKwh());
    for (int t = 0; t < v[IMP].length; t++) {
      add(row, v, IMP, t, floor.importPriceEurPerKwh()[t]);
      add(row, v, EXP, t, -floor.exportPriceEurPerKwh()[t]);
      add(row, v, BUY, t, floor.poolPriceEurPerKwh()[t]);
      add(row, v, SELL, t, -floor.poolPriceEurPerKwh()[t]);
    }
  }

  private static void add(
      MPConstraint row, MPVariable[][] variables, int flow, int t, double coefficient) {
    if (variables[flow][t] != null) {
      row.setCoefficient(variables[flow][t], coefficient);
    }
  }

  private static void setCost(
      MPObjective objective, MPVariable[][] v, int flow, int t, double cost) {
    if (v[flow][t] != null) {
      objective.setCoefficient(v[flow][t], cost);
    }
  }

  /** {@code e ≥ q(y0) + q'(y0)·(y − y0)} for {@code q(y) = ρ/2·(y − a)²}. */
  private static void tangent(
      MPSolver qp, MPVariable epigraph, MPVariable y, double a, double y0, double rho) {
    double slope = rho * (y0 - a);
    double value = rho / 2 * (y0 - a) * (y0 - a);
    MPConstraint cut = qp.makeConstraint(value - slope * y0, MPSolver.infinity(), "");
    cut.setCoefficient(epigraph, 1);
    cut.setCoefficient(y, -slope);
  }

  /**
   * Adds the tangent at the current point if the envelope is too far below the parabola there; a
   * point where a tangent already is (the LP's own tolerance keeps the envelope a hair below it)
   * counts as reached.
   */
  private static int refine(
      MPSolver qp,
      MPVariable epigraph,
      MPVariable y,
      double at,
      double up,
      double a,
      double rho,
      double[] lastCut,
      int term) {
    double below = rho / 2 * (at - a) * (at - a) - up;
    if (below <= HouseholdBlock.PROXIMAL_TOLERANCE_EUR
        || Math.abs(at - lastCut[term]) <= 1e-9 * Math.max(1, Math.abs(at))) {
      return 0;
    }
    tangent(qp, epigraph, y, a, at, rho);
    lastCut[term] = at;
    return 1;
  }
}
