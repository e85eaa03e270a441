package org.equigrid.agents.coordinator;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.equigrid.agents.protocol.Message.Schedule;
import org.equigrid.market.model.Tariff;
import org.equigrid.market.model.TradingDay;

/**
 * A market without a pool: every household imports its net load and exports its net surplus; its
 * battery stays idle; bill = energy cost = standalone cost, share 0. A baseline and a test double.
 */
public final class GridOnlyMarket implements DayMarket {

  @Override
  public DayOutcome settle(TradingDay day) {
    Tariff tariff = day.tariff();
    int n = day.intervals();
    double[] mid = new double[n];
    for (int t = 0; t < n; t++) {
      mid[t] = (tariff.importPriceEurPerKwh()[t] + tariff.exportPriceEurPerKwh()[t]) / 2;
    }
    Map<String, HouseholdOutcome> outcomes = new LinkedHashMap<>();
    for (int i = 0; i < day.householdCount(); i++) {
      double[] imp = new double[n];
      double[] exp = new double[n];
      double[] soc = new double[n];
      double cost = 0;
      for (int t = 0; t < n; t++) {
        double net = day.loadKwh()[i][t] - day.pvKwh()[i][t];
        imp[t] = Math.max(net, 0);
        exp[t] = Math.max(-net, 0);
        soc[t] = day.initialSocKwh()[i];
        cost +=
            tariff.importPriceEurPerKwh()[t] * imp[t] - tariff.exportPriceEurPerKwh()[t] * exp[t];
      }
      String id = day.households().get(i).id();
      Schedule schedule =
          new Schedule(imp, exp, new double[n], new double[n], new double[n], new double[n], soc);
      outcomes.put(
          id,
          new HouseholdOutcome(
              id,
              schedule,
              cost,
              cost,
              0.0,
              cost,
              String.format(
                  Locale.ROOT,
                  "You traded with the grid only today: your bill is %.2f EUR.",
                  cost)));
    }
    return new DayOutcome(mid, outcomes);
  }
}
