package org.equigrid.market.model;

/**
 * The prices a household submits to a double auction.
 *
 * @param buyMaxEurPerKwh the most it pays per kWh bought from the pool
 * @param sellMinEurPerKwh the least it accepts per kWh sold to the pool
 */
public record ReservationPrices(double buyMaxEurPerKwh, double sellMinEurPerKwh) {
  public ReservationPrices {
    ModelValidation.reservation(buyMaxEurPerKwh, sellMinEurPerKwh);
  }
}
