package org.equigrid.market.clearing;

import java.util.ArrayList;
import java.util.List;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.ParticipantKind;
import org.equigrid.market.model.TradingDay;

/**
 * A trading day whose households are blocks of another day's households: a block of one keeps its
 * household as it is; a block of several becomes one household without a battery with the summed
 * load and PV (the group of its first member, the summed income and peak power). Its connection
 * limits are the clearing request's business ({@link ClearingRequest#connectionScaleByMember()}).
 * Used by {@link IncrementalCoalitionLp} and {@link HouseholdPooling}.
 */
final class PooledDay {

  private PooledDay() {}

  /**
   * The day of the blocks, in the order given.
   *
   * @param blocks per block the indices into {@code day.households()} of its members; a block of
   *     several must hold households without a battery only
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
      for (int i : block) {
        Household household = day.households().get(i);
        if (household.hasBattery()) {
          throw new IllegalArgumentException(
              "household " + household.id() + " has a battery and cannot be pooled with others");
        }
        kwp += household.pvKwp();
        income += household.dailyIncomeEur();
        for (int t = 0; t < intervals; t++) {
          loadSum[t] += day.loadKwh()[i][t];
          pvSum[t] += day.pvKwh()[i][t];
        }
      }
      Household first = day.households().get(block[0]);
      households.add(new Household("pooled-" + first.id() + "-x" + block.length,
          kwp > 0 ? ParticipantKind.PROSUMER : ParticipantKind.CONSUMER, first.group(), income, kwp,
          null, null));
      load[b] = loadSum;
      pv[b] = pvSum;
    }
    return new TradingDay(day.dayIndex(), day.dayOfYear(), day.intervalHours(), households, load, pv,
        soc, day.tariff());
  }
}
