package org.equigrid.agents.coordinator;

/**
 * The community's marginal cost of energy per interval from the households' net profiles: where
 * the community imports ({@code Σ net > 0}) one more kWh costs the import price, where it exports
 * one kWh less earns the export price, and in the interval of the community's peak import one more
 * kWh also raises the peak charge by {@code πpk / Δt}. These are the prices of the central
 * cost-minimising optimum (the duals of the pool balance and the peak): households that schedule
 * against them move energy to where the community values it.
 */
final class MarginalPrices {

  private MarginalPrices() {}

  /**
   * @param netKwh {@code [household][t]} net profiles
   * @param peakChargeEurPerKw {@code πpk}, charged on the day's peak import
   */
  static double[] of(double[][] netKwh, double[] importPrice, double[] exportPrice, double peakChargeEurPerKw,
      double intervalHours) {
    int n = importPrice.length;
    double[] community = new double[n];
    for (double[] row : netKwh) {
      for (int t = 0; t < n; t++) {
        community[t] += row[t];
      }
    }
    double peak = 0;
    for (double kwh : community) {
      peak = Math.max(peak, kwh);
    }
    double[] price = new double[n];
    for (int t = 0; t < n; t++) {
      price[t] = community[t] > 0 ? importPrice[t] : exportPrice[t];
      if (peak > 0 && community[t] >= peak - 1e-9) {
        price[t] += peakChargeEurPerKw / intervalHours;
      }
    }
    return price;
  }
}
