package org.equigrid.market.clearing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.equigrid.market.model.Appliance;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.ElectricVehicle;
import org.equigrid.market.model.FlexibleDemand;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.ParticipantKind;
import org.equigrid.market.model.ReservationPrices;
import org.equigrid.market.model.Tariff;
import org.equigrid.market.model.TradingDay;

/** Builds trading days for tests: hand-made ones and seeded random communities. */
public final class TestDays {

  static final String[] GROUPS = {"LOW", "MIDDLE", "HIGH"};

  private TestDays() {}

  static Household consumer(String id) {
    return new Household(id, ParticipantKind.CONSUMER, "LOW", 30, 0, null, null);
  }

  static Household prosumer(String id, Battery battery) {
    return new Household(id, ParticipantKind.PROSUMER, "HIGH", 60, 4, battery, null);
  }

  static Household withReservation(Household h, double buyMax, double sellMin) {
    return new Household(
        h.id(),
        h.kind(),
        h.group(),
        h.dailyIncomeEur(),
        h.pvKwp(),
        h.battery(),
        new ReservationPrices(buyMax, sellMin));
  }

  /** A flat tariff over {@code intervals}. */
  public static Tariff flat(
      int intervals,
      double importPrice,
      double exportPrice,
      double peakCharge,
      double importLimitKw) {
    double[] imp = new double[intervals];
    double[] exp = new double[intervals];
    Arrays.fill(imp, importPrice);
    Arrays.fill(exp, exportPrice);
    return new Tariff(imp, exp, peakCharge, importLimitKw, 10.0);
  }

  /** A day of hourly intervals; initial state of charge from each battery. */
  public static TradingDay day(
      List<Household> households, double[][] load, double[][] pv, Tariff tariff) {
    double[] soc = new double[households.size()];
    for (int i = 0; i < soc.length; i++) {
      Battery b = households.get(i).battery();
      soc[i] = b == null ? 0 : b.initialSocKwh();
    }
    return new TradingDay(0, 180, 1.0, households, load, pv, soc, tariff);
  }

  /**
   * A random community of {@code n} households over {@code intervals} hours: about half with PV
   * (2–6 kWp), a third with a battery (5–13.5 kWh, 2.5–5 kW, round trip 0.85–0.95), random groups,
   * a time-of-use tariff with a peak charge.
   */
  public static TradingDay random(long seed, int n, int intervals) {
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    List<Household> households = new ArrayList<>(n);
    double[][] load = new double[n][intervals];
    double[][] pv = new double[n][intervals];
    double[] soc = new double[n];
    double clearness = 0.4 + 0.6 * rng.nextDouble();
    for (int i = 0; i < n; i++) {
      boolean hasPv = rng.nextDouble() < 0.5;
      boolean hasBattery = hasPv && rng.nextDouble() < 2.0 / 3.0;
      double kwp = hasPv ? 2 + 4 * rng.nextDouble() : 0;
      Battery battery = null;
      if (hasBattery) {
        battery =
            Battery.ofRoundTrip(
                5 + 8.5 * rng.nextDouble(),
                2.5 + 2.5 * rng.nextDouble(),
                0.85 + 0.1 * rng.nextDouble());
        soc[i] =
            battery.socMinKwh() + rng.nextDouble() * (battery.socMaxKwh() - battery.socMinKwh());
      }
      String group = GROUPS[rng.nextInt(GROUPS.length)];
      households.add(
          new Household(
              String.format("h%03d", i),
              hasPv ? ParticipantKind.PROSUMER : ParticipantKind.CONSUMER,
              group,
              20 + 80 * rng.nextDouble(),
              kwp,
              battery,
              null));
      double scale = 0.5 + rng.nextDouble();
      for (int t = 0; t < intervals; t++) {
        double hour = (t + 0.5) * 24.0 / intervals;
        double shape = 0.25 + 0.6 * bump(hour, 8, 1.5) + 1.0 * bump(hour, 19, 2.0);
        load[i][t] = scale * shape * (0.8 + 0.4 * rng.nextDouble()) * 24.0 / intervals;
        double sun = Math.max(0, Math.sin(Math.PI * (hour - 6) / 13.0));
        pv[i][t] =
            kwp * 0.8 * clearness * sun * (0.85 + 0.15 * rng.nextDouble()) * 24.0 / intervals;
      }
    }
    double[] imp = new double[intervals];
    double[] exp = new double[intervals];
    for (int t = 0; t < intervals; t++) {
      double hour = (t + 0.5) * 24.0 / intervals;
      imp[t] = hour >= 17 && hour < 21 ? 0.38 : hour >= 7 && hour < 17 ? 0.27 : 0.19;
      exp[t] = 0.06;
    }
    Tariff tariff = new Tariff(imp, exp, 0.4 * rng.nextDouble(), 12.0, 8.0);
    return new TradingDay(0, 172, 24.0 / intervals, households, load, pv, soc, tariff);
  }

  /**
   * {@code day} with an EV (6 kWh by departure, 3.7 kW) for every other household (indices 0, 2,
   * ...): plugged in overnight from 18 h to 7 h (no PV while plugged in), or with {@code daytime}
   * from 8 h to 18 h (its PV surplus and the EV meet: one-meter binaries without a battery).
   */
  public static TradingDay withEvs(TradingDay day, boolean daytime) {
    List<Household> households = new ArrayList<>(day.households());
    for (int i = 0; i < households.size(); i += 2) {
      ElectricVehicle ev =
          daytime ? new ElectricVehicle(6, 3.7, 8, 18) : new ElectricVehicle(6, 3.7, 18, 7);
      households.set(i, households.get(i).withFlex(new FlexibleDemand(ev)));
    }
    return day.withHouseholds(households, day.loadKwh(), day.pvKwh(), day.initialSocKwh());
  }

  /**
   * {@code day} with a dishwasher (1.2 kW for 2 h, between 8 h and 22 h) for every other household
   * (indices 1, 3, ...) and, with {@code evs}, the daytime EVs of {@link #withEvs} as well.
   */
  public static TradingDay withAppliances(TradingDay day, boolean evs) {
    TradingDay base = evs ? withEvs(day, true) : day;
    List<Household> households = new ArrayList<>(base.households());
    for (int i = 1; i < households.size(); i += 2) {
      Appliance dishwasher = new Appliance("dishwasher", 1.2, 2, 8, 22);
      households.set(
          i,
          households
              .get(i)
              .withFlex(new FlexibleDemand(households.get(i).flex().ev(), List.of(dishwasher))));
    }
    return base.withHouseholds(households, base.loadKwh(), base.pvKwh(), base.initialSocKwh());
  }

  private static double bump(double hour, double centre, double width) {
    double d = (hour - centre) / width;
    return Math.exp(-0.5 * d * d);
  }

  static int[] everyone(TradingDay day) {
    int[] members = new int[day.householdCount()];
    for (int i = 0; i < members.length; i++) {
      members[i] = i;
    }
    return members;
  }

  /** The mid-market pool price {@code (πimp + πexp)/2} of each interval of {@code day}. */
  public static double[] midMarketPrices(TradingDay day) {
    double[] price = new double[day.intervals()];
    for (int t = 0; t < price.length; t++) {
      price[t] =
          (day.tariff().importPriceEurPerKwh()[t] + day.tariff().exportPriceEurPerKwh()[t]) / 2;
    }
    return price;
  }

  /** A random order of {@code 0 .. n−1} (Fisher–Yates). */
  public static int[] shuffled(int n, RandomGenerator rng) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }

  /** The weights 1.4 LOW, 1.0 MIDDLE, 0.6 HIGH of {@code day}'s households. */
  public static double[] groupWeights(TradingDay day) {
    double[] weights = new double[day.householdCount()];
    for (int i = 0; i < weights.length; i++) {
      String group = day.households().get(i).group();
      weights[i] = group.equals("LOW") ? 1.4 : group.equals("MIDDLE") ? 1.0 : 0.6;
    }
    return weights;
  }

  /**
   * The weighted request of every household of {@code day}: {@link #groupWeights}, no floor,
   * mid-market prices.
   */
  public static ClearingRequest weightedByGroup(TradingDay day) {
    int n = day.householdCount();
    return new ClearingRequest(
        day, everyone(day), groupWeights(day), 0, new boolean[n], null, midMarketPrices(day));
  }

  /**
   * The cost-minimising request of every household of {@code day} and the weighted one (weights 1.4
   * LOW, 1.0 MIDDLE, 0.6 HIGH; Rawlsian strength 0.5 EUR on LOW), at the prices of the {@code c}-th
   * pricing rule; standalone costs from {@code solver}.
   */
  public static List<ClearingRequest> costAndWeightedRequests(
      TradingDay day, int c, CoalitionSolver solver) {
    int n = day.householdCount();
    double[] prices =
        PoolPricing.prices(PricingRule.values()[c % PricingRule.values().length], day);
    int[] members = everyone(day);
    double[] weights = groupWeights(day);
    boolean[] protectedMember = new boolean[n];
    double[] standalone = new double[n];
    for (int i = 0; i < n; i++) {
      protectedMember[i] = day.households().get(i).group().equals("LOW");
      standalone[i] =
          solver.solve(ClearingRequest.costMinimising(day, new int[] {i}, prices)).totalCostEur();
    }
    return List.of(
        ClearingRequest.costMinimising(day, members, prices),
        new ClearingRequest(day, members, weights, 0.5, protectedMember, standalone, prices));
  }
}
