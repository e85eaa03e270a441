package org.equigrid.market.clearing;

import org.equigrid.market.model.EquitySettings;
import org.equigrid.market.model.TradingDay;

/** Clears a whole community day: standalone optima, the cost-minimising and the equity dispatch. */
public final class MarketClearing {

  private final CoalitionSolver solver;

  public MarketClearing(CoalitionSolver solver) {
    this.solver = solver;
  }

  public ClearedDay clear(TradingDay day, EquitySettings equity, PricingRule pricingRule) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  public CoalitionSolver solver() {
    return solver;
  }
}
