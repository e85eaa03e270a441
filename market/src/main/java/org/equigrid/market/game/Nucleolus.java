package org.equigrid.market.game;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.market.ortools.Glop;
import org.equigrid.market.ortools.OrToolsNatives;

/**
 * Least core, nucleolus and pre-nucleolus of small games by the sequence of LPs of Maschler, Peleg
 * and Shapley, solved with OR-Tools GLOP; every LP has one row per coalition, so {@code n} is at
 * most {@link #MAX_PLAYERS} (twelve players solve in well under a second).
 *
 * <p>Stage {@code k} minimises the largest excess {@code ε} of the coalitions not yet fixed, with
 * the fixed ones held at their excess. A tight coalition is fixed at the stage only if its excess
 * cannot be decreased anywhere on the optimal face: for each tight candidate an LP maximises {@code
 * x(S)} with {@code ε} held at its optimum (degenerate LPs make dual values alone unreliable). A
 * solution of such an LP also releases every other candidate it leaves slack. Coalitions whose
 * indicator lies in the span of the fixed ones (and {@code N}) are determined and leave the free
 * set. The sequence ends when the fixed coalitions span {@code R^n}: the allocation is then unique.
 */
public final class Nucleolus {

  /** The largest game these LPs accept. */
  public static final int MAX_PLAYERS = 16;

  private static final Logger LOG = LogManager.getLogger();

  static {
    OrToolsNatives.load();
  }

  private Nucleolus() {}

  /**
   * The nucleolus: lexicographic minimiser of the sorted excesses over the imputations {@code x_i
   * >= v({i})}, {@code x(N) = v(N)}.
   *
   * @throws IllegalArgumentException when {@code Σ_i v({i}) > v(N)} (no imputation exists)
   */
  public static double[] nucleolus(CoalitionGame game) {
    return new Sequence(game, true).run(false).allocation();
  }

  /** The pre-nucleolus: as the nucleolus, over all efficient allocations. */
  public static double[] prenucleolus(CoalitionGame game) {
    return new Sequence(game, false).run(false).allocation();
  }

  /**
   * The least core (first stage of the pre-nucleolus LPs); needs at least two players. Above {@link
   * #MAX_PLAYERS} players by row generation ({@link LeastCoreRows}), up to {@link
   * TabularGame#MAX_PLAYERS}.
   */
  public static LeastCore leastCore(CoalitionGame game) {
    if (game.players() > MAX_PLAYERS) {
      return LeastCoreRows.solve(game);
    }
    return new Sequence(game, false).run(true);
  }

  /** One run of the LP sequence. */
  private static final class Sequence {
    private final int n;
    private final int full;
    private final double[] v;
    private final boolean imputations;
    private final double tolerance;
    private final boolean[] free;
    private final List<Integer> fixed = new ArrayList<>();
    private final List<Double> fixedExcess = new ArrayList<>();
    private final List<double[]> basis = new ArrayList<>(); // orthonormal, spans N and fixed

    Sequence(CoalitionGame game, boolean imputations) {
      n = game.players();
      if (n < 1 || n > MAX_PLAYERS) {
        throw new IllegalArgumentException(
            "The nucleolus LPs have a row per coalition; n ("
                + n
                + ") must be in [1, "
                + MAX_PLAYERS
                + "].");
      }
      full = (1 << n) - 1;
      v = TabularGame.tabulate(game).table();
      this.imputations = imputations;
      double scale = 1;
      for (double value : v) {
        scale = Math.max(scale, Math.abs(value));
      }
      tolerance = 1e-7 * scale;
      if (imputations) {
        double singles = 0;
        for (int i = 0; i < n; i++) {
          singles += v[1 << i];
        }
        if (singles > v[full] + tolerance) {
          throw new IllegalArgumentException(
              "The game has no imputation: Σ v({i}) = "
                  + singles
                  + " > v(N) = "
                  + v[full]
                  + ".\nMaybe use the pre-nucleolus.");
        }
      }
      free = new boolean[full + 1];
      for (int mask = 1; mask < full; mask++) {
        free[mask] = true;
      }
      addToBasis(full);
    }

    LeastCore run(boolean firstStageOnly) {
      if (n == 1) {
        if (firstStageOnly) {
          throw new IllegalArgumentException(
              "The least core needs at least two players (a one-player game has no coalition"
                  + " besides N).");
        }
        return new LeastCore(Double.NaN, new double[] {v[full]});
      }
      double[] allocation = null;
      double firstEpsilon = Double.NaN;
      int stage = 0;
      while (basis.size() < n) {
        stage++;
        MPSolver solver = Glop.create();
        try {
          double infinity = MPSolver.infinity();
          MPVariable[] x = new MPVariable[n];
          for (int i = 0; i < n; i++) {
            x[i] = solver.makeNumVar(imputations ? v[1 << i] : -infinity, infinity, "x" + i);
          }
          MPVariable epsilon = solver.makeNumVar(-infinity, infinity, "epsilon");
          row(solver, x, full, v[full], v[full]);
          for (int k = 0; k < fixed.size(); k++) {
            int mask = fixed.get(k);
            double target = v[mask] - fixedExcess.get(k);
            row(solver, x, mask, target, target);
          }
          for (int mask = 1; mask < full; mask++) {
            if (free[mask]) {
              row(solver, x, mask, v[mask], infinity).setCoefficient(epsilon, 1);
            }
          }
          MPObjective objective = solver.objective();
          objective.setCoefficient(epsilon, 1);
          objective.setMinimization();
          solveOptimal(solver, "stage " + stage);
          double stageEpsilon = epsilon.solutionValue();
          allocation = values(x);
          LOG.trace("nucleolus stage {}: epsilon {}", stage, stageEpsilon);
          if (firstStageOnly) {
            return new LeastCore(stageEpsilon, allocation);
          }
          if (stage == 1) {
            firstEpsilon = stageEpsilon;
          }
          fixTightCoalitions(solver, x, epsilon, stageEpsilon, allocation, stage);
        } finally {
          solver.delete();
        }
      }
      return new LeastCore(firstEpsilon, allocation);
    }

    private void fixTightCoalitions(
        MPSolver solver,
        MPVariable[] x,
        MPVariable epsilon,
        double stageEpsilon,
        double[] optimum,
        int stage) {
      epsilon.setBounds(stageEpsilon, stageEpsilon);
      boolean[] candidate = new boolean[full + 1];
      int candidates = 0;
      for (int mask = 1; mask < full; mask++) {
        if (free[mask] && slack(optimum, mask, stageEpsilon) <= tolerance) {
          candidate[mask] = true;
          candidates++;
        }
      }
      int fixedBefore = fixed.size();
      MPObjective objective = solver.objective();
      objective.setCoefficient(epsilon, 0);
      objective.setMaximization();
      for (int mask = 1; mask < full && candidates > 0; mask++) {
        if (!candidate[mask]) {
          continue;
        }
        candidate[mask] = false;
        candidates--;
        if (inSpan(mask)) {
          continue; // determined by the coalitions fixed so far
        }
        for (int i = 0; i < n; i++) {
          objective.setCoefficient(x[i], (mask >> i & 1));
        }
        solveOptimal(solver, "stage " + stage + " check of coalition " + mask);
        double[] point = values(x);
        if (slack(point, mask, stageEpsilon) <= tolerance) {
          fixed.add(mask);
          fixedExcess.add(stageEpsilon);
          addToBasis(mask);
          free[mask] = false;
        } else {
          for (int other = mask + 1; other < full; other++) {
            if (candidate[other] && slack(point, other, stageEpsilon) > tolerance) {
              candidate[other] = false;
              candidates--;
            }
          }
        }
      }
      if (fixed.size() == fixedBefore) {
        throw new IllegalStateException(
            "Nucleolus stage "
                + stage
                + " fixed no coalition (epsilon "
                + stageEpsilon
                + "); the LPs are numerically unreliable for this game.");
      }
      for (int mask = 1; mask < full; mask++) {
        if (free[mask] && inSpan(mask)) {
          free[mask] = false;
        }
      }
    }

    /** {@code x(S) − (v(S) − ε)}: how far {@code S}'s excess lies below {@code ε}. */
    private double slack(double[] allocation, int mask, double stageEpsilon) {
      double sum = 0;
      for (int rest = mask; rest != 0; rest &= rest - 1) {
        sum += allocation[Integer.numberOfTrailingZeros(rest)];
      }
      return sum - (v[mask] - stageEpsilon);
    }

    private MPConstraint row(MPSolver solver, MPVariable[] x, int mask, double lb, double ub) {
      MPConstraint constraint = solver.makeConstraint(lb, ub);
      for (int rest = mask; rest != 0; rest &= rest - 1) {
        constraint.setCoefficient(x[Integer.numberOfTrailingZeros(rest)], 1);
      }
      return constraint;
    }

    private static void solveOptimal(MPSolver solver, String what) {
      MPSolver.ResultStatus status = solver.solve();
      if (status != MPSolver.ResultStatus.OPTIMAL) {
        throw new IllegalStateException("GLOP returned " + status + " at nucleolus " + what + ".");
      }
    }

    private static double[] values(MPVariable[] x) {
      double[] values = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        values[i] = x[i].solutionValue();
      }
      return values;
    }

    private boolean inSpan(int mask) {
      return residual(mask) == null;
    }

    private void addToBasis(int mask) {
      double[] r = residual(mask);
      if (r != null) {
        basis.add(r);
      }
    }

    /** The normalised part of the indicator of {@code mask} orthogonal to the basis, or null. */
    private double[] residual(int mask) {
      double[] r = new double[n];
      for (int i = 0; i < n; i++) {
        r[i] = mask >> i & 1;
      }
      for (int pass = 0; pass < 2; pass++) { // re-orthogonalise once for stability
        for (double[] b : basis) {
          double dot = 0;
          for (int i = 0; i < n; i++) {
            dot += r[i] * b[i];
          }
          for (int i = 0; i < n; i++) {
            r[i] -= dot * b[i];
          }
        }
      }
      double norm = 0;
      for (double ri : r) {
        norm += ri * ri;
      }
      norm = Math.sqrt(norm);
      if (norm < 1e-9) {
        return null;
      }
      for (int i = 0; i < n; i++) {
        r[i] /= norm;
      }
      return r;
    }
  }
}
