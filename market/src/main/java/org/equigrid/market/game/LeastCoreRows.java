package org.equigrid.market.game;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import java.util.Arrays;
import org.equigrid.market.ortools.Glop;
import org.equigrid.market.ortools.OrToolsNatives;

/**
 * The least core by row generation, for games too large for one row per coalition: the LP {@code
 * min ε} s.t. {@code x(N) = v(N)}, {@code x(S) + ε >= v(S)} starts with the singletons and their
 * complements; each round enumerates all {@code 2^n − 2} coalitions (in {@code O(2^n)}, each sum
 * from the one without its lowest player) and adds the {@link #ROWS_PER_ROUND} most violated until
 * none is violated by more than the tolerance. The result is the same {@code ε} as the full LP (an
 * optimum of a relaxation that satisfies every row is optimal).
 */
final class LeastCoreRows {

  /** Rows added per round at most. */
  static final int ROWS_PER_ROUND = 64;

  /** Rounds before giving up (never reached in practice: each round adds a violated row). */
  static final int MAX_ROUNDS = 10_000;

  static {
    OrToolsNatives.load();
  }

  private LeastCoreRows() {}

  static LeastCore solve(CoalitionGame game) {
    int n = game.players();
    if (n < 2 || n > TabularGame.MAX_PLAYERS) {
      throw new IllegalArgumentException(
          "The least core by row generation needs n in [2, "
              + TabularGame.MAX_PLAYERS
              + "]; n = "
              + n
              + ".");
    }
    double[] v = TabularGame.tabulate(game).table();
    int full = (1 << n) - 1;
    double scale = 1;
    for (double value : v) {
      scale = Math.max(scale, Math.abs(value));
    }
    double tolerance = 1e-9 * scale;
    MPSolver solver = Glop.create();
    try {
      double infinity = MPSolver.infinity();
      MPVariable[] x = new MPVariable[n];
      for (int i = 0; i < n; i++) {
        x[i] = solver.makeNumVar(-infinity, infinity, "x" + i);
      }
      MPVariable epsilon = solver.makeNumVar(-infinity, infinity, "epsilon");
      row(solver, x, full, v[full], v[full]);
      boolean[] added = new boolean[full + 1];
      for (int i = 0; i < n; i++) {
        addRow(solver, x, epsilon, 1 << i, v, added);
        addRow(solver, x, epsilon, full & ~(1 << i), v, added);
      }
      MPObjective objective = solver.objective();
      objective.setCoefficient(epsilon, 1);
      objective.setMinimization();
      double[] sum = new double[full + 1];
      for (int round = 0; round < MAX_ROUNDS; round++) {
        MPSolver.ResultStatus status = solver.solve();
        if (status != MPSolver.ResultStatus.OPTIMAL) {
          throw new IllegalStateException(
              "GLOP returned " + status + " at least-core round " + round);
        }
        double[] allocation = new double[n];
        for (int i = 0; i < n; i++) {
          allocation[i] = x[i].solutionValue();
        }
        double eps = epsilon.solutionValue();
        int[] worst = mostViolated(allocation, v, eps, tolerance, sum, added);
        if (worst.length == 0) {
          return new LeastCore(eps, allocation);
        }
        for (int mask : worst) {
          addRow(solver, x, epsilon, mask, v, added);
        }
      }
      throw new IllegalStateException("least core: no convergence in " + MAX_ROUNDS + " rounds");
    } finally {
      solver.delete();
    }
  }

  /**
   * Up to {@link #ROWS_PER_ROUND} coalitions with {@code v(S) − x(S) > ε + tolerance}, worst first.
   */
  static int[] mostViolated(
      double[] x, double[] v, double epsilon, double tolerance, double[] sum, boolean[] added) {
    int full = v.length - 1;
    sum[0] = 0;
    int count = 0;
    int[] masks = new int[ROWS_PER_ROUND];
    double[] excess = new double[ROWS_PER_ROUND];
    for (int mask = 1; mask < full; mask++) {
      int low = Integer.numberOfTrailingZeros(mask);
      sum[mask] = sum[mask & (mask - 1)] + x[low];
      double e = v[mask] - sum[mask];
      if (e <= epsilon + tolerance || added[mask]) {
        continue;
      }
      if (count < ROWS_PER_ROUND) {
        masks[count] = mask;
        excess[count] = e;
        count++;
      } else {
        int min = 0;
        for (int k = 1; k < count; k++) {
          if (excess[k] < excess[min]) {
            min = k;
          }
        }
        if (e > excess[min]) {
          masks[min] = mask;
          excess[min] = e;
        }
      }
    }
    return Arrays.copyOf(masks, count);
  }

  private static void addRow(
      MPSolver solver, MPVariable[] x, MPVariable epsilon, int mask, double[] v, boolean[] added) {
    if (added[mask]) {
      return;
    }
    added[mask] = true;
    row(solver, x, mask, v[mask], MPSolver.infinity()).setCoefficient(epsilon, 1);
  }

  private static MPConstraint row(MPSolver solver, MPVariable[] x, int mask, double lb, double ub) {
    MPConstraint constraint = solver.makeConstraint(lb, ub);
    for (int i = 0; i < x.length; i++) {
      if ((mask >> i & 1) != 0) {
        constraint.setCoefficient(x[i], 1);
      }
    }
    return constraint;
  }
}
