package org.equigrid.market.explain;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * Fits the global surrogate of DESIGN.md section 6: ordinary least squares of the shares on
 * household features (Commons Math). Features that are constant across households are dropped; with
 * fewer households than features plus two, the features with the smallest variance are dropped
 * until the fit is determined.
 */
public final class SurrogateModel {

  private SurrogateModel() {}

  /**
   * @param featureNames names of the columns of {@code features}
   * @param features {@code [household][feature]}
   * @param sharesEur {@code φ_i}
   */
  public static SurrogateFit fit(
      List<String> featureNames, double[][] features, double[] sharesEur) {
    int n = sharesEur.length;
    int k = featureNames.size();
    double[] means = new double[k];
    double[] variances = new double[k];
    for (int j = 0; j < k; j++) {
      for (double[] row : features) {
        means[j] += row[j] / n;
      }
      for (double[] row : features) {
        variances[j] += (row[j] - means[j]) * (row[j] - means[j]) / n;
      }
    }
    List<Integer> used = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      if (variances[j] > 1e-12) {
        used.add(j);
      }
    }
    used.sort((a, b) -> Double.compare(variances[b], variances[a]));
    while (!used.isEmpty() && n < used.size() + 2) {
      used.remove(used.size() - 1);
    }
    used.sort(Integer::compare);
    double[] coefficients = new double[k];
    double meanShare = 0;
    for (double share : sharesEur) {
      meanShare += share / n;
    }
    if (used.isEmpty()) {
      return new SurrogateFit(featureNames, meanShare, coefficients, means, Double.NaN);
    }
    double[][] x = new double[n][used.size()];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < used.size(); c++) {
        x[i][c] = features[i][used.get(c)];
      }
    }
    try {
      OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
      ols.newSampleData(sharesEur.clone(), x);
      double[] beta = ols.estimateRegressionParameters();
      for (int c = 0; c < used.size(); c++) {
        coefficients[used.get(c)] = beta[c + 1];
      }
      double totalSumSquares = ols.calculateTotalSumOfSquares();
      double rSquared = totalSumSquares > 1e-18 ? ols.calculateRSquared() : Double.NaN;
      return new SurrogateFit(featureNames, beta[0], coefficients, means, rSquared);
    } catch (IllegalArgumentException e) { // includes SingularMatrixException
      return new SurrogateFit(featureNames, meanShare, new double[k], means, Double.NaN);
    }
  }
}
