package org.equigrid.agents.coordinator;

import java.util.Map;
import java.util.Optional;
import org.equigrid.agents.protocol.Message;
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

  /**
   * Decentralised mode: clears and settles the bidders' net profiles, whose batteries the
   * households scheduled themselves (so the day carries no batteries).
   *
   * @param netProfiles the day with the bidders only, load and PV being their net profiles
   * @param storedKwhByHousehold by bidder id, the energy its own schedule stored in its battery
   *     over the day ({@code Σ_t ηc·ch − dis/ηd}; negative when it ends lower), so that a market
   *     that tracks states of charge can carry them to the next day
   */
  default DayOutcome settleNetProfiles(
      TradingDay netProfiles, Map<String, Double> storedKwhByHousehold) {
    return settle(netProfiles);
  }

  /**
   * Adaptive weights: the equity metrics of a settled day for the learner, or empty when this
   * market's weights are static (then the coordinator does not ask a learner).
   *
   * @param deadlineVirtualSeconds when the learner's reply is due
   */
  default Optional<Message.EquityMetrics> equityMetrics(int day, long deadlineVirtualSeconds) {
    return Optional.empty();
  }

  /**
   * Adaptive weights: clears and settles day {@code weights.day()} and the later ones with these
   * group weights.
   *
   * @throws IllegalArgumentException naming what is wrong with them (the weights stay as they were)
   */
  default void useWeights(Message.NextWeights weights) {
    throw new UnsupportedOperationException("this market has static weights");
  }
}
