package org.equigrid.market.explain;

import java.util.List;

/**
 * A linear surrogate of the shares: {@code φ_i ≈ β_0 + Σ_k β_k x_ik}, fitted by least squares. A
 * feature that does not vary across households is left out (its coefficient is 0).
 *
 * @param featureNames the features, in column order
 * @param intercept {@code β_0}
 * @param coefficients {@code β_k}, EUR per unit of feature k
 * @param featureMeans {@code mean_k}
 * @param rSquared coefficient of determination of the fit (NaN when it could not be fitted)
 */
public record SurrogateFit(
    List<String> featureNames,
    double intercept,
    double[] coefficients,
    double[] featureMeans,
    double rSquared) {

  public SurrogateFit {
    featureNames = List.copyOf(featureNames);
    coefficients = coefficients.clone();
    featureMeans = featureMeans.clone();
  }

  /** Attribution of feature k to a household: {@code β_k · (x_ik − mean_k)}, in EUR. */
  public double[] attributionsEur(double[] features) {
    double[] result = new double[coefficients.length];
    for (int k = 0; k < coefficients.length; k++) {
      result[k] = coefficients[k] * (features[k] - featureMeans[k]);
    }
    return result;
  }
}
