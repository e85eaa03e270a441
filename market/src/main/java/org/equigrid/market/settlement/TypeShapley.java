package org.equigrid.market.settlement;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.random.RandomGenerator;

/**
 * The (weighted) Shapley share per member of each type of a {@link TypeGame}. Members of a type are
 * symmetric and share one weight {@code λ_k}, so one number per type suffices.
 *
 * <p><b>Exact</b> (when {@code Π_k (c_k + 1)} is small): the game is a function of count vectors,
 * and so are its Harsanyi dividends, {@code Δ(t) = Σ_{s ≤ t} Π_m C(t_m, s_m) (−1)^{t_m − s_m} v(s)}
 * (computed one dimension at a time). A member of type {@code k} lies in {@code C(c_k − 1, t_k − 1)
 * Π_{m≠k} C(c_m, t_m)} coalitions of counts {@code t}, each giving it {@code λ_k / Σ_m t_m λ_m} of
 * the dividend.
 *
 * <p><b>Sampled</b> (otherwise): in the weighted random order drawn as an exponential race, a
 * member {@code i} of type {@code k} with uniform {@code q} is preceded by each other household
 * {@code j} independently with probability {@code q^{λ_j / λ_k}}. So {@code φ_k = ∫_0^1 E[v(P +
 * e_k) − v(P)] dq}, {@code P_m ~ Binomial(c_m − [m = k], q^{λ_m/λ_k})}: the random-order estimator
 * conditioned on the position of {@code i}. The integral is estimated by one draw in each of {@code
 * strata} equal strata of {@code q}; the standard error by collapsing neighbouring strata in pairs
 * ({@code Var ≈ Σ_pairs (d_a − d_b)² / M²}, conservative).
 */
final class TypeShapley {

  /** Largest {@code Π (c_k + 1)} solved exactly. */
  static final long EXACT_MAX_CELLS = 4096;

  /** Largest count of a type in the exact method (binomial weights stay accurate). */
  static final int EXACT_MAX_COUNT = 40;

  private TypeShapley() {}

  /** Shares per member of each type, with their standard errors (0 when exact). */
  record Estimate(double[] share, double[] standardError, boolean exact) {}

  static boolean exactFeasible(int[] counts) {
    long cells = 1;
    for (int c : counts) {
      if (c > EXACT_MAX_COUNT) {
        return false;
      }
      cells *= c + 1;
      if (cells > EXACT_MAX_CELLS) {
        return false;
      }
    }
    return true;
  }

  static Estimate exact(TypeGame game, double[] lambda, ExecutorService pool) {
    int[] c = game.full();
    int k = c.length;
    int[] stride = new int[k];
    int cells = 1;
    for (int m = 0; m < k; m++) {
      stride[m] = cells;
      cells *= c[m] + 1;
    }
    List<int[]> vectors = new ArrayList<>(cells);
    for (int index = 0; index < cells; index++) {
      vectors.add(vector(index, c));
    }
    game.prefetch(vectors, pool);
    double[] dividend = new double[cells];
    for (int index = 0; index < cells; index++) {
      dividend[index] = game.value(vectors.get(index));
    }
    int max = 0;
    for (int count : c) {
      max = Math.max(max, count);
    }
    double[][] binomial = binomials(max);
    double[] line = new double[max + 1];
    for (int m = 0; m < k; m++) {
      for (int index = 0; index < cells; index++) {
        if ((index / stride[m]) % (c[m] + 1) != 0) {
          continue; // start lines at t_m = 0
        }
        for (int t = 0; t <= c[m]; t++) {
          line[t] = dividend[index + t * stride[m]];
        }
        for (int t = 0; t <= c[m]; t++) {
          double sum = 0;
          for (int s = 0; s <= t; s++) {
            sum += binomial[t][s] * ((t - s) % 2 == 0 ? 1 : -1) * line[s];
          }
          dividend[index + t * stride[m]] = sum;
        }
      }
    }
    double[] share = new double[k];
    for (int index = 0; index < cells; index++) {
      int[] t = vectors.get(index);
      double weight = 0;
      double coalitions = 1;
      for (int m = 0; m < k; m++) {
        weight += t[m] * lambda[m];
        coalitions *= binomial[c[m]][t[m]];
      }
      if (weight == 0) {
        continue;
      }
      for (int type = 0; type < k; type++) {
        if (t[type] == 0) {
          continue;
        }
        double containing =
            coalitions / binomial[c[type]][t[type]] * binomial[c[type] - 1][t[type] - 1];
        share[type] += containing * lambda[type] / weight * dividend[index];
      }
    }
    return new Estimate(share, new double[k], true);
  }

  static Estimate sampled(
      TypeGame game, double[] lambda, int strata, RandomGenerator rng, ExecutorService pool) {
    int[] c = game.full();
    int k = c.length;
    int[][][] before = new int[k][strata][];
    List<int[]> all = new ArrayList<>();
    for (int type = 0; type < k; type++) {
      for (int j = 0; j < strata; j++) {
        double q = (j + rng.nextDouble()) / strata;
        int[] p = new int[k];
        for (int m = 0; m < k; m++) {
          int others = c[m] - (m == type ? 1 : 0);
          double precede = Math.pow(q, lambda[m] / lambda[type]);
          for (int r = 0; r < others; r++) {
            if (rng.nextDouble() < precede) {
              p[m]++;
            }
          }
        }
        before[type][j] = p;
        int[] with = p.clone();
        with[type]++;
        all.add(p);
        all.add(with);
      }
    }
    game.prefetch(all, pool);
    double[] share = new double[k];
    double[] standardError = new double[k];
    for (int type = 0; type < k; type++) {
      double[] d = new double[strata];
      for (int j = 0; j < strata; j++) {
        int[] with = before[type][j].clone();
        with[type]++;
        d[j] = game.value(with) - game.value(before[type][j]);
        share[type] += d[j] / strata;
      }
      double variance = 0;
      for (int j = 0; j + 1 < strata; j += 2) {
        variance += (d[j] - d[j + 1]) * (d[j] - d[j + 1]);
      }
      standardError[type] = Math.sqrt(variance) / strata;
    }
    return new Estimate(share, standardError, false);
  }

  private static int[] vector(int index, int[] c) {
    int[] t = new int[c.length];
    for (int m = 0; m < c.length; m++) {
      t[m] = index % (c[m] + 1);
      index /= c[m] + 1;
    }
    return t;
  }

  private static double[][] binomials(int max) {
    double[][] b = new double[max + 1][];
    for (int n = 0; n <= max; n++) {
      b[n] = new double[n + 1];
      b[n][0] = 1;
      b[n][n] = 1;
      for (int r = 1; r < n; r++) {
        b[n][r] = b[n - 1][r - 1] + b[n - 1][r];
      }
    }
    return b;
  }
}
