package org.equigrid.agents.coordinator;

/** How a day is negotiated. */
public enum MarketMode {
  /** Households bid profiles and assets; the coordinator clears centrally. */
  CENTRAL,
  /** The coordinator announces pool prices; households schedule themselves and bid net profiles. */
  DECENTRALISED
}
