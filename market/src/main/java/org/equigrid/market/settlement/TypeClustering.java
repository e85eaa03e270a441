package org.equigrid.market.settlement;

import java.util.Arrays;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.TradingDay;

/**
 * The clustering behind {@link HouseholdTypes}: standardised features of each household's day
 * (daily load, its share in four six-hour blocks, daily PV, battery capacity, power and state of
 * charge) and a deterministic k-means on them (farthest-point initialisation from the point nearest
 * the mean, then {@value #ITERATIONS} Lloyd iterations, ties to the lower index).
 */
final class TypeClustering {

  static final int ITERATIONS = 25;

  private TypeClustering() {}

  static double[][] features(TradingDay day) {
    int n = day.householdCount();
    int intervals = day.intervals();
    double[][] result = new double[n][];
    for (int i = 0; i < n; i++) {
      double[] load = day.loadKwh()[i];
      double total = Arrays.stream(load).sum();
      double[] blocks = new double[4];
      for (int t = 0; t < intervals; t++) {
        blocks[Math.min(3, 4 * t / intervals)] += load[t];
      }
      Battery b = day.households().get(i).battery();
      double pv = Arrays.stream(day.pvKwh()[i]).sum();
      result[i] =
          new double[] {
            total,
            blocks[0] / Math.max(total, 1e-9),
            blocks[1] / Math.max(total, 1e-9),
            blocks[2] / Math.max(total, 1e-9),
            blocks[3] / Math.max(total, 1e-9),
            pv,
            b == null ? 0 : b.capacityKwh(),
            b == null ? 0 : b.powerKw(),
            day.initialSocKwh()[i],
          };
    }
    return result;
  }

  static double[][] standardised(double[][] x) {
    int n = x.length;
    if (n == 0) {
      return x;
    }
    int d = x[0].length;
    double[][] z = new double[n][d];
    for (int j = 0; j < d; j++) {
      double mean = 0;
      for (double[] row : x) {
        mean += row[j];
      }
      mean /= n;
      double var = 0;
      for (double[] row : x) {
        var += (row[j] - mean) * (row[j] - mean);
      }
      double sd = Math.sqrt(var / n);
      for (int i = 0; i < n; i++) {
        z[i][j] = sd > 1e-12 ? (x[i][j] - mean) / sd : 0;
      }
    }
    return z;
  }

  /** Deterministic k-means; clusters numbered by first member, empty ones dropped. */
  static int[] kMeans(double[][] points, int k) {
    int m = points.length;
    int d = m == 0 ? 0 : points[0].length;
    k = Math.min(k, m);
    double[][] centres = new double[k][];
    double[] mean = new double[d];
    for (double[] p : points) {
      for (int j = 0; j < d; j++) {
        mean[j] += p[j] / m;
      }
    }
    int first = 0;
    for (int p = 1; p < m; p++) {
      if (distance(points[p], mean) < distance(points[first], mean)) {
        first = p;
      }
    }
    centres[0] = points[first].clone();
    double[] nearest = new double[m];
    for (int p = 0; p < m; p++) {
      nearest[p] = distance(points[p], centres[0]);
    }
    for (int c = 1; c < k; c++) {
      int far = 0;
      for (int p = 1; p < m; p++) {
        if (nearest[p] > nearest[far]) {
          far = p;
        }
      }
      centres[c] = points[far].clone();
      for (int p = 0; p < m; p++) {
        nearest[p] = Math.min(nearest[p], distance(points[p], centres[c]));
      }
    }
    int[] assignment = new int[m];
    for (int iteration = 0; iteration < ITERATIONS; iteration++) {
      boolean changed = false;
      for (int p = 0; p < m; p++) {
        int best = 0;
        for (int c = 1; c < k; c++) {
          if (distance(points[p], centres[c]) < distance(points[p], centres[best])) {
            best = c;
          }
        }
        changed |= assignment[p] != best || iteration == 0;
        assignment[p] = best;
      }
      if (!changed) {
        break;
      }
      double[][] sums = new double[k][d];
      int[] sizes = new int[k];
      for (int p = 0; p < m; p++) {
        sizes[assignment[p]]++;
        for (int j = 0; j < d; j++) {
          sums[assignment[p]][j] += points[p][j];
        }
      }
      for (int c = 0; c < k; c++) {
        if (sizes[c] > 0) {
          for (int j = 0; j < d; j++) {
            centres[c][j] = sums[c][j] / sizes[c];
          }
        }
      }
    }
    int[] renumber = new int[k];
    Arrays.fill(renumber, -1);
    int used = 0;
    for (int p = 0; p < m; p++) {
      if (renumber[assignment[p]] < 0) {
        renumber[assignment[p]] = used++;
      }
      assignment[p] = renumber[assignment[p]];
    }
    return assignment;
  }

  private static double distance(double[] a, double[] b) {
    double sum = 0;
    for (int j = 0; j < a.length; j++) {
      sum += (a[j] - b[j]) * (a[j] - b[j]);
    }
    return sum;
  }
}
