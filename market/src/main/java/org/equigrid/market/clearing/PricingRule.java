package org.equigrid.market.clearing;

/** How the pool price {@code p[t]} is set (DESIGN.md section 2, item 5). */
public enum PricingRule {
  /** {@code (πimp + πexp) / 2}. */
  MID_MARKET,
  /** Supply-demand-ratio pricing over the households' net positions before trading. */
  SUPPLY_DEMAND_RATIO,
  /**
   * Uniform price of a double auction over the submitted bids (net positions, reservation prices).
   */
  DOUBLE_AUCTION
}
