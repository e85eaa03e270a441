package org.equigrid.agents.platform;

import java.util.ArrayList;
import java.util.List;
import org.equigrid.agents.coordinator.DayTerms;
import org.equigrid.agents.household.HouseholdSetup;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.ParticipantKind;
import org.equigrid.market.model.Tariff;

/** A small synthetic community for platform tests: hand-made profiles, 24 hourly intervals. */
final class Community {

  static final double PEAK_IMPORT = 0.30;
  static final double OFF_PEAK_IMPORT = 0.20;
  static final double EXPORT = 0.05;

  private Community() {}

  static Tariff tariff() {
    double[] imp = new double[24];
    double[] exp = new double[24];
    for (int t = 0; t < 24; t++) {
      imp[t] = t >= 17 && t < 21 ? PEAK_IMPORT : OFF_PEAK_IMPORT;
      exp[t] = EXPORT;
    }
    return new Tariff(imp, exp, 0.0, 10.0, 10.0);
  }

  static DayTerms terms(int day) {
    return new DayTerms(100 + day, 1.0, tariff());
  }

  /** Constant 0.5 kWh per hour: its grid-only bill is hand-computable. */
  static double[] flatLoad() {
    double[] load = new double[24];
    java.util.Arrays.fill(load, 0.5);
    return load;
  }

  static double[] eveningLoad(double scale) {
    double[] load = new double[24];
    for (int t = 0; t < 24; t++) {
      load[t] = scale * (0.3 + (t >= 17 && t < 21 ? 0.9 : 0.0));
    }
    return load;
  }

  static double[] solar(double kwp) {
    double[] pv = new double[24];
    for (int t = 8; t < 17; t++) {
      pv[t] = kwp * 0.6 * Math.sin(Math.PI * (t - 7.5) / 9.0);
    }
    return pv;
  }

  static HouseholdSetup consumer(String id, double[] load, int days) {
    Household h = new Household(id, ParticipantKind.CONSUMER, "LOW", 40.0, 0.0, null, null);
    return HouseholdSetup.truthful(h, repeat(load, days), repeat(new double[24], days), 10.0, 10.0);
  }

  static HouseholdSetup prosumer(String id, double kwp, Battery battery, int days) {
    Household h = new Household(id, ParticipantKind.PROSUMER, "HIGH", 120.0, kwp, battery, null);
    return HouseholdSetup.truthful(
        h, repeat(eveningLoad(1.0), days), repeat(solar(kwp), days), 10.0, 10.0);
  }

  /** Five households: two consumers, three prosumers (one with a battery). */
  static List<HouseholdSetup> five(int days) {
    List<HouseholdSetup> list = new ArrayList<>();
    list.add(consumer("h1", flatLoad(), days));
    list.add(consumer("h2", eveningLoad(1.2), days));
    list.add(prosumer("h3", 3.0, null, days));
    list.add(prosumer("h4", 4.0, Battery.ofRoundTrip(5.0, 2.5, 0.9), days));
    list.add(prosumer("h5", 2.0, null, days));
    return list;
  }

  static double[][] repeat(double[] row, int days) {
    double[][] rows = new double[days][];
    for (int d = 0; d < days; d++) {
      rows[d] = row.clone();
    }
    return rows;
  }

  /** The grid-only bill of {@link #flatLoad()}: 0.5 kWh × (20 h × 0.20 + 4 h × 0.30) = 2.60 EUR. */
  static double flatLoadGridBill() {
    return 0.5 * (20 * OFF_PEAK_IMPORT + 4 * PEAK_IMPORT);
  }
}
