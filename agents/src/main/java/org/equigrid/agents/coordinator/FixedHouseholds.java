package org.equigrid.agents.coordinator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.equigrid.agents.protocol.Message.JoinRequest;
import org.equigrid.market.model.FlexibleDemand;
import org.equigrid.market.model.Tariff;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.negotiation.Answer;
import org.equigrid.market.negotiation.LocalHousehold;
import org.equigrid.market.negotiation.Signal;

/**
 * The decomposition's households with nothing to schedule, priced by the coordinator (issue 15,
 * docs/negotiation.md "Households with nothing to schedule"). A household that joined without a
 * battery, an EV or an appliance has no choice across intervals: its cheapest column at any prices
 * of the relaxation is, interval by interval, its idle net load {@code L − G} sent in the preamble
 * split over the cheapest inflows or the most valuable outflows within its connection limits (the
 * greedy pricing of {@code HouseholdBlock}). So the coordinator answers its relaxation's column
 * calls itself, by the same code the household runs ({@link LocalHousehold}) on a day built from
 * what it sent: its idle net load as load where positive and PV where negative, its join's limits,
 * the day's tariff. The answer is the household's own, bit for bit (the greedy walk reads the net
 * load, the limits and the prices, and curtailment only up to the surplus; {@code
 * FixedHouseholdsTest}); the household gets no column-price message and sends no column. Integer
 * calls (price-and-branch, days with appliances) still go to the household: its MILP's vertex is
 * its own solver's. Pure: no message, no agent.
 */
final class FixedHouseholds implements AutoCloseable {

  private static final org.apache.logging.log4j.Logger LOG =
      org.apache.logging.log4j.LogManager.getLogger(FixedHouseholds.class);

  private final Map<String, LocalHousehold> byId = new HashMap<>();

  private FixedHouseholds() {}

  /**
   * The fixed households among {@code negotiators}: those whose join declares no battery, EV or
   * appliance and that sent an idle net load (and whose day the model accepts).
   */
  static FixedHouseholds of(
      List<String> negotiators,
      Function<String, JoinRequest> joinOf,
      Map<String, double[]> idleNetKwh,
      int day,
      DayTerms terms) {
    FixedHouseholds fixed = new FixedHouseholds();
    for (String id : negotiators) {
      JoinRequest join = joinOf.apply(id);
      double[] net = idleNetKwh.get(id);
      if (net != null && isFixed(join)) {
        try {
          fixed.byId.put(id, new LocalHousehold(ownDay(join, net, day, terms), 0));
        } catch (IllegalArgumentException e) {
          // A day the model refuses (it cannot, after the join's and the net load's checks at
          // receipt): the household is asked, as any other.
          LOG.warn("{} is asked for its columns: {}", id, e.getMessage());
        }
      }
    }
    return fixed;
  }

  /** Whether the join declares nothing to schedule: no battery, no EV, no appliance. */
  static boolean isFixed(JoinRequest join) {
    return join.battery() == null && !TradingDays.flex(join).any();
  }

  /**
   * The household's one-household day as the coordinator knows it: its idle net load as load where
   * positive and PV where negative, the day's tariff with the join's connection limits.
   */
  static TradingDay ownDay(JoinRequest join, double[] netKwh, int day, DayTerms terms) {
    Tariff dayTariff = terms.tariff();
    Tariff tariff =
        new Tariff(
            dayTariff.importPriceEurPerKwh(),
            dayTariff.exportPriceEurPerKwh(),
            dayTariff.peakChargeEurPerKw(),
            join.importLimitKw(),
            join.exportLimitKw());
    return new TradingDay(
        day,
        terms.dayOfYear(),
        terms.intervalHours(),
        List.of(TradingDays.household(join.householdId(), join, null, FlexibleDemand.NONE)),
        new double[][] {TradingDays.loadOf(netKwh)},
        new double[][] {TradingDays.pvOf(netKwh)},
        new double[] {0},
        tariff);
  }

  /** Whether the coordinator answers {@code signal} for {@code id}. */
  boolean answers(String id, Signal signal) {
    return byId.containsKey(id) && signal instanceof Signal.ColumnPrices c && !c.integer();
  }

  /**
   * {@code id}'s cheapest column at {@code signal} ({@link #answers} must hold), or null when it
   * has no feasible schedule (its net load beyond its connection limits).
   */
  Answer answer(String id, Signal signal) {
    return byId.get(id).answer(signal);
  }

  @Override
  public void close() {
    byId.values().forEach(LocalHousehold::close);
    byId.clear();
  }
}
