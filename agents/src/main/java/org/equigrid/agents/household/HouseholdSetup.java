package org.equigrid.agents.household;

import java.util.List;
import java.util.Objects;
import org.equigrid.market.model.Household;

/**
 * Everything a household agent knows about itself: the household, its true profiles per day, its
 * deferrable appliances, how it bids and its connection limits.
 *
 * @param household the participant
 * @param loadKwhByDay {@code [day][interval]} base load (without the deferrable appliances)
 * @param pvKwhByDay {@code [day][interval]} PV output
 * @param appliances deferrable appliances, run once a day (at the earliest start unless scheduled)
 * @param strategy how it bids
 * @param importLimitKw connection import limit
 * @param exportLimitKw connection export limit
 */
public record HouseholdSetup(
    Household household,
    double[][] loadKwhByDay,
    double[][] pvKwhByDay,
    List<DeferrableAppliance> appliances,
    BiddingStrategy strategy,
    double importLimitKw,
    double exportLimitKw) {

  public HouseholdSetup {
    Objects.requireNonNull(household, "household");
    Objects.requireNonNull(strategy, "strategy");
    appliances = List.copyOf(appliances);
    if (loadKwhByDay.length == 0 || loadKwhByDay.length != pvKwhByDay.length) {
      throw new IllegalArgumentException(
          household.id()
              + " needs one load and one PV profile per day, got "
              + loadKwhByDay.length
              + " and "
              + pvKwhByDay.length);
    }
    loadKwhByDay = copy(loadKwhByDay);
    pvKwhByDay = copy(pvKwhByDay);
  }

  /** A truthful household without deferrable appliances. */
  public static HouseholdSetup truthful(
      Household household,
      double[][] loadKwhByDay,
      double[][] pvKwhByDay,
      double importLimitKw,
      double exportLimitKw) {
    return new HouseholdSetup(
        household,
        loadKwhByDay,
        pvKwhByDay,
        List.of(),
        BiddingStrategy.truthful(),
        importLimitKw,
        exportLimitKw);
  }

  public HouseholdSetup withStrategy(BiddingStrategy other) {
    return new HouseholdSetup(
        household, loadKwhByDay, pvKwhByDay, appliances, other, importLimitKw, exportLimitKw);
  }

  public HouseholdSetup withAppliances(List<DeferrableAppliance> other) {
    return new HouseholdSetup(
        household, loadKwhByDay, pvKwhByDay, other, strategy, importLimitKw, exportLimitKw);
  }

  public int days() {
    return loadKwhByDay.length;
  }

  private static double[][] copy(double[][] rows) {
    double[][] result = new double[rows.length][];
    for (int d = 0; d < rows.length; d++) {
      result[d] = rows[d].clone();
    }
    return result;
  }
}
