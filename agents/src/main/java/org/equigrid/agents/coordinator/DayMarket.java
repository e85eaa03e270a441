package org.equigrid.agents.coordinator;

import org.equigrid.market.model.TradingDay;

/**
 * The market behind the coordinator: clears and settles the day of the households that bid. The
 * real implementation wraps {@code MarketClearing} and the settlement; tests use a simple one.
 */
public interface DayMarket {

  /**
   * Clears and settles a day.
   *
   * @param dayOfBidders the day with the bidders only, as bid (sorted by id)
   * @return one outcome per household of the day
   */
  DayOutcome settle(TradingDay dayOfBidders);
}
