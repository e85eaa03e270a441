package org.equigrid.agents.coordinator;

/** How the decentralised coordinator moves the announced pool prices between rounds. */
public enum PriceUpdate {
  /**
   * Toward the community's marginal cost per interval ({@link MarginalPrices}): the import price
   * where the pooled net profiles import, the export price where they export, plus the peak charge
   * in the peak interval. The default: measured closest to the central optimum.
   */
  MARGINAL,
  /** Toward the supply-demand-ratio price of the pooled net profiles ({@link org.equigrid.market.clearing.PoolPricing#supplyDemandRatioPrices}). */
  SUPPLY_DEMAND_RATIO
}
