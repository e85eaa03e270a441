package org.equigrid.market.negotiation;

import org.equigrid.market.clearing.PoolPricing;
import org.equigrid.market.model.Tariff;

/** What a community pays for its households' net profiles once they are pooled. */
public final class CommunityCost {

  private CommunityCost() {}

  /**
   * {@code Σ_t πimp·max(Σ net, 0) − πexp·max(−Σ net, 0) + πpk·max_t max(Σ net, 0)/Δt}: the pool
   * nets the households out, the grid takes the rest.
   *
   * @param netKwh {@code [household][t]} import minus export (positive draws)
   */
  public static double ofNetProfiles(double[][] netKwh, Tariff tariff, double intervalHours) {
    double cost = 0;
    double peakKwh = 0;
    for (int t = 0; t < tariff.intervals(); t++) {
      double net = 0;
      for (double[] row : netKwh) {
        net += row[t];
      }
      cost +=
          net > 0 ? tariff.importPriceEurPerKwh()[t] * net : tariff.exportPriceEurPerKwh()[t] * net;
      peakKwh = Math.max(peakKwh, net);
    }
    return cost + tariff.peakChargeEurPerKw() * peakKwh / intervalHours;
  }

  /**
   * The community's marginal cost of energy per interval from the households' net profiles: where
   * the community imports ({@code Σ net > 0}) one more kWh costs the import price, where it exports
   * one kWh less earns the export price, and in the interval of the community's peak import one
   * more kWh also raises the peak charge by {@code πpk / Δt}. These are the prices of the central
   * cost-minimising optimum (the duals of the pool balance and the peak).
   */
  public static double[] marginalPrices(double[][] netKwh, Tariff tariff, double intervalHours) {
    int n = tariff.intervals();
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
      price[t] =
          community[t] > 0 ? tariff.importPriceEurPerKwh()[t] : tariff.exportPriceEurPerKwh()[t];
      if (peak > 0 && community[t] >= peak - 1e-9) {
        price[t] += tariff.peakChargeEurPerKw() / intervalHours;
      }
    }
    return price;
  }

  /**
   * Supply-demand-ratio prices of every interval from net positions {@code [household][t]} (load
   * minus generation in kWh, positive for demand), as the agents' price adjustment sees them: the
   * day rule of {@link PoolPricing} on pooled profiles.
   */
  public static double[] supplyDemandRatioPrices(
      double[][] netKwh, double[] importPrice, double[] exportPrice) {
    double[] price = new double[importPrice.length];
    for (int t = 0; t < price.length; t++) {
      double supply = 0;
      double demand = 0;
      for (double[] row : netKwh) {
        supply += Math.max(-row[t], 0);
        demand += Math.max(row[t], 0);
      }
      price[t] = PoolPricing.supplyDemandRatioPrice(supply, demand, importPrice[t], exportPrice[t]);
    }
    return price;
  }
}
