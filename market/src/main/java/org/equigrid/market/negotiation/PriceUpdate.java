package org.equigrid.market.negotiation;

/** What {@link Tatonnement} moves the announced pool prices toward between rounds. */
public enum PriceUpdate {
  /**
   * Toward the community's marginal cost per interval ({@link CommunityCost#marginalPrices}). The
   * default: measured closest to the central optimum.
   */
  MARGINAL,
  /**
   * Toward the supply-demand-ratio price of the pooled net profiles ({@link
   * org.equigrid.market.clearing.PoolPricing#supplyDemandRatioPrices}).
   */
  SUPPLY_DEMAND_RATIO
}
