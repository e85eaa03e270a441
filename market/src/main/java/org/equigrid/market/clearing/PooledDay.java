package org.equigrid.market.clearing;

import java.util.ArrayList;
import java.util.List;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.ParticipantKind;
import org.equigrid.market.model.TradingDay;

/**
 * A trading day whose households are blocks of another day's households: a block of one keeps its
 * household as it is; a block of several becomes one household with the summed load and PV (the
 * group of its first member, the summed income and peak power) and, if its members have identical
 * batteries and initial states of charge, one battery scaled by the member count {@code k}
 * (capacity, power, state-of-charge bounds and initial state of charge times {@code k},
 * efficiencies unchanged). Its connection limits are the clearing request's business ({@link
 * ClearingRequest#connectionScaleByMember()}). Used by {@link IncrementalCoalitionLp} and {@link
 * HouseholdPooling}.
 */
final class PooledDay {

  private PooledDay() {}

  /**
   * The day of the blocks, in the order given.
   *
   * @param blocks per block the indices into {@code day.households()} of its members; a block of
   *     several must hold households without a battery only, or households whose batteries (all
   *     parameters but the initial state of charge) and initial states of charge on {@code day} are
   *     identical
   */
  static TradingDay of(TradingDay day, List<int[]> blocks) {
    int intervals = day.intervals();
    int count = blocks.size();
    List<Household> households = new ArrayList<>(count);
    double[][] load = new double[count][];
    double[][] pv = new double[count][];
    double[] soc = new double[count];
    for (int b = 0; b < count; b++) {
      int[] block = blocks.get(b);
      if (block.length == 0) {
        throw new IllegalArgumentException("block " + b + " has no household");
      }
      if (block.length == 1) {
        int i = block[0];
        households.add(day.households().get(i));
        load[b] = day.loadKwh()[i];
        pv[b] = day.pvKwh()[i];
        soc[b] = day.initialSocKwh()[i];
        continue;
      }
      double[] loadSum = new double[intervals];
      double[] pvSum = new double[intervals];
      double kwp = 0;
      double income = 0;
      Household first = day.households().get(block[0]);
      for (int i : block) {
        Household household = day.households().get(i);
        if (!sameBattery(first.battery(), household.battery())
            || (household.hasBattery()
                && day.initialSocKwh()[i] != day.initialSocKwh()[block[0]])) {
          throw new IllegalArgumentException(
              "household "
                  + household.id()
                  + " has another battery or initial state of charge than "
                  + first.id()
                  + " and cannot be pooled with it");
        }
        kwp += household.pvKwp();
        income += household.dailyIncomeEur();
        for (int t = 0; t < intervals; t++) {
          loadSum[t] += day.loadKwh()[i][t];
          pvSum[t] += day.pvKwh()[i][t];
        }
      }
      Battery battery = null;
      if (first.hasBattery()) {
        Battery one = first.battery();
        double k = block.length;
        battery =
            new Battery(
                k * one.capacityKwh(),
                k * one.powerKw(),
                one.chargeEfficiency(),
                one.dischargeEfficiency(),
                k * one.socMinKwh(),
                k * one.socMaxKwh(),
                k * one.initialSocKwh());
        soc[b] = k * day.initialSocKwh()[block[0]];
      }
      ParticipantKind kind =
          kwp > 0 || battery != null ? ParticipantKind.PROSUMER : ParticipantKind.CONSUMER;
      households.add(
          new Household(
              "pooled-" + first.id() + "-x" + block.length,
              kind,
              first.group(),
              income,
              kwp,
              battery,
              null));
      load[b] = loadSum;
      pv[b] = pvSum;
    }
    return day.withHouseholds(households, load, pv, soc);
  }

  /**
   * Whether two batteries (either may be null) are both absent or equal in every parameter but the
   * initial state of charge of the first day (the day's own initial state of charge is compared
   * separately).
   */
  static boolean sameBattery(Battery a, Battery b) {
    if (a == null || b == null) {
      return a == b;
    }
    return a.capacityKwh() == b.capacityKwh()
        && a.powerKw() == b.powerKw()
        && a.chargeEfficiency() == b.chargeEfficiency()
        && a.dischargeEfficiency() == b.dischargeEfficiency()
        && a.socMinKwh() == b.socMinKwh()
        && a.socMaxKwh() == b.socMaxKwh();
  }
}
