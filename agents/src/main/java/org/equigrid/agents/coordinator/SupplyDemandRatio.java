package org.equigrid.agents.coordinator;

/**
 * The supply-demand-ratio price rule: per interval, {@code SDR = supply / demand} over the net
 * profiles, and {@code p = πexp·πimp / ((πimp − πexp)·SDR + πexp)} for {@code SDR ≤ 1}, else
 * {@code πexp}. With no demand the price is {@code πexp}.
 */
final class SupplyDemandRatio {

  private SupplyDemandRatio() {}

  static double price(double supplyKwh, double demandKwh, double importPrice, double exportPrice) {
    if (demandKwh <= 0) {
      return exportPrice;
    }
    double sdr = supplyKwh / demandKwh;
    if (sdr > 1) {
      return exportPrice;
    }
    double denominator = (importPrice - exportPrice) * sdr + exportPrice;
    return denominator <= 0 ? importPrice : exportPrice * importPrice / denominator;
  }

  /** Prices of every interval from the households' net profiles {@code [household][t]}. */
  static double[] prices(double[][] netKwh, double[] importPrice, double[] exportPrice) {
    int n = importPrice.length;
    double[] price = new double[n];
    for (int t = 0; t < n; t++) {
      double supply = 0;
      double demand = 0;
      for (double[] row : netKwh) {
        supply += Math.max(-row[t], 0);
        demand += Math.max(row[t], 0);
      }
      price[t] = price(supply, demand, importPrice[t], exportPrice[t]);
    }
    return price;
  }
}
