package org.equigrid.experiments.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.ParticipantKind;
import org.equigrid.market.model.Tariff;
import org.equigrid.market.model.TradingDay;

/**
 * A seeded random summer day of a community like the quickstart scenario: 40 % LOW, 40 % MIDDLE, 20
 * % HIGH income, PV (3–6 kWp) on half, an 8 kWh / 4 kW battery on 60 % of those, evening-peaked
 * loads, a time-of-use tariff with a peak charge; hourly intervals.
 */
final class RandomCommunity {

  private RandomCommunity() {}

  static TradingDay day(long seed, int n) {
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    int intervals = 24;
    List<Household> households = new ArrayList<>(n);
    double[][] load = new double[n][intervals];
    double[][] pv = new double[n][intervals];
    double[] soc = new double[n];
    for (int i = 0; i < n; i++) {
      double g = rng.nextDouble();
      String group = g < 0.4 ? "LOW" : g < 0.8 ? "MIDDLE" : "HIGH";
      boolean hasPv = rng.nextDouble() < 0.5;
      boolean hasBattery = hasPv && rng.nextDouble() < 0.6;
      double kwp = hasPv ? 3 + 3 * rng.nextDouble() : 0;
      Battery battery = hasBattery ? Battery.ofRoundTrip(8.0, 4.0, 0.9) : null;
      if (battery != null) {
        soc[i] = battery.initialSocKwh();
      }
      households.add(
          new Household(
              String.format("h%04d", i),
              hasPv ? ParticipantKind.PROSUMER : ParticipantKind.CONSUMER,
              group,
              group.equals("LOW") ? 40 : group.equals("MIDDLE") ? 80 : 160,
              kwp,
              battery,
              null));
      double scale = 0.6 + 0.8 * rng.nextDouble();
      for (int t = 0; t < intervals; t++) {
        double hour = t + 0.5;
        double shape = 0.25 + 0.6 * bump(hour, 8, 1.5) + 1.0 * bump(hour, 19, 2.0);
        load[i][t] = scale * shape * (0.8 + 0.4 * rng.nextDouble());
        double sun = Math.max(0, Math.sin(Math.PI * (hour - 5) / 15.0));
        pv[i][t] = kwp * 0.75 * sun * (0.85 + 0.15 * rng.nextDouble());
      }
    }
    double[] imp = new double[intervals];
    double[] exp = new double[intervals];
    for (int t = 0; t < intervals; t++) {
      imp[t] = t < 7 ? 0.22 : t < 17 ? 0.30 : t < 21 ? 0.42 : 0.30;
      exp[t] = 0.08;
    }
    Tariff tariff = new Tariff(imp, exp, 0.25, 12.0, 8.0);
    return new TradingDay(0, 172, 1.0, households, load, pv, soc, tariff);
  }

  private static double bump(double hour, double centre, double width) {
    double d = (hour - centre) / width;
    return Math.exp(-0.5 * d * d);
  }
}
