package org.equigrid.market.clearing;

import org.equigrid.market.model.TradingDay;

/** Computes the pool price {@code p[t]} of a day under a {@link PricingRule}. */
public final class PoolPricing {

  private PoolPricing() {}

  /** Pool price per interval; always within {@code [πexp[t], πimp[t]]}. */
  public static double[] prices(PricingRule rule, TradingDay day) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
