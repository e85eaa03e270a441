package org.equigrid.experiments.serve;

import org.equigrid.agents.household.BiddingStrategy;
import org.equigrid.agents.household.Forecast;

/**
 * What a student bids for the household they play: the load they declare, as factors of the true
 * load over the day and over the evening peak, and whether they offer their battery to the pool. A
 * pure function of the truth, like every {@link BiddingStrategy}.
 *
 * @param loadFactor declared load over true load outside the evening, in [{@value #MIN_FACTOR},
 *     {@value #MAX_FACTOR}]
 * @param eveningLoadFactor the same from {@value #EVENING_FROM_HOUR} to {@value #EVENING_TO_HOUR} h
 * @param offerBattery false: bid as if there were no battery
 */
record StudentBid(double loadFactor, double eveningLoadFactor, boolean offerBattery)
    implements BiddingStrategy {

  static final double MIN_FACTOR = 0.5;
  static final double MAX_FACTOR = 2.0;
  static final double EVENING_FROM_HOUR = 17;
  static final double EVENING_TO_HOUR = 21;

  /** The message of a factor out of range. */
  static final String FACTOR_RANGE =
      "must be a number from " + MIN_FACTOR + " to " + MAX_FACTOR + " (1 = truthful)";

  StudentBid {
    if (!(loadFactor >= MIN_FACTOR && loadFactor <= MAX_FACTOR)) {
      throw ApiException.badRequest("loadFactor (" + loadFactor + ") " + FACTOR_RANGE);
    }
    if (!(eveningLoadFactor >= MIN_FACTOR && eveningLoadFactor <= MAX_FACTOR)) {
      throw ApiException.badRequest(
          "eveningLoadFactor (" + eveningLoadFactor + ") " + FACTOR_RANGE);
    }
  }

  static StudentBid truthfulBid() {
    return new StudentBid(1, 1, true);
  }

  @Override
  public String name() {
    return "student(load "
        + loadFactor
        + ", evening "
        + eveningLoadFactor
        + (offerBattery ? "" : ", no battery")
        + ")";
  }

  @Override
  public Forecast reveal(Forecast truth, int day, double intervalHours) {
    double[] load = truth.loadKwh().clone();
    for (int t = 0; t < load.length; t++) {
      double hour = t * intervalHours;
      load[t] *=
          hour >= EVENING_FROM_HOUR && hour < EVENING_TO_HOUR ? eveningLoadFactor : loadFactor;
    }
    return truth
        .withProfiles(load, truth.pvKwh())
        .withBattery(offerBattery ? truth.battery() : null);
  }
}
