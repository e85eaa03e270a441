package org.equigrid.agents.household;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.equigrid.agents.protocol.Message.BatterySpec;
import org.equigrid.market.model.Appliance;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.ElectricVehicle;
import org.equigrid.market.model.FlexibleDemand;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.ParticipantKind;
import org.equigrid.market.model.Tariff;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.negotiation.Answer;
import org.equigrid.market.negotiation.LocalHousehold;
import org.equigrid.market.negotiation.Signal;
import org.junit.jupiter.api.Test;

/**
 * {@link HouseholdScheduler} against the household's exact MILP at the same prices ({@code
 * LocalHousehold} answering {@code integer} column prices: SCIP on {@code HouseholdBlock}'s rows of
 * DESIGN.md §2 and docs/model.md F1–F6, import, export and pool all at the announced price, the
 * pool closed).
 *
 * <p>Tolerance: every quantity of these days is on the scheduler's 0.1 kWh grid (loads, PV, the
 * battery's bounds, start and per-interval limits {@code P·Δt·ηc} and {@code P·Δt/ηd} in stored
 * energy, the EV's energy and {@code P·Δt}). The battery's and the EV's rows then form an interval
 * matrix (each variable in a consecutive run of state-of-charge rows, or in the EV's one sum), so
 * the exact optimum is on the grid and an appliance's start is a whole interval in both models: the
 * only difference left is that the scheduler minimises costs rounded to 1e-5 EUR per unit, which
 * can cost at most 1e-5 EUR for each unit that can move, {@code Σ_t (maxIn + maxOut + evCap)} plus
 * the appliances' run lengths. Never below the MILP beyond 1e-9: the scheduler's schedule is one of
 * the MILP's.
 */
class SchedulerAgainstMilpTest {

  private static final int INTERVALS = 6;

  @Test
  void schedule_randomSmallDays_withinTheCostRoundingOfTheExactMilp() {
    HouseholdScheduler scheduler = HouseholdScheduler.standard();
    for (long seed = 1; seed <= 12; seed++) {
      RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
      double[] price = new double[INTERVALS];
      double[] load = new double[INTERVALS];
      double[] pv = new double[INTERVALS];
      for (int t = 0; t < INTERVALS; t++) {
        price[t] = 0.05 + 0.01 * rng.nextInt(40);
        load[t] = 0.1 * rng.nextInt(15);
        pv[t] = rng.nextBoolean() ? 0.1 * rng.nextInt(20) : 0;
      }
      // ηd = 1 and P·ηc on the grid: 2 kW · 0.9 = 1.8 kWh stored per hour at most.
      Battery battery =
          seed % 3 == 0 ? null : new Battery(4.0, 2.0, 0.9, 1.0, 0.4, 4.0, 0.1 * rng.nextInt(41));
      if (battery != null && battery.initialSocKwh() < 0.4) {
        battery = new Battery(4.0, 2.0, 0.9, 1.0, 0.4, 4.0, 0.4);
      }
      int arrival = rng.nextInt(INTERVALS);
      int departure = Math.floorMod(arrival + 2 + rng.nextInt(3), INTERVALS);
      ElectricVehicle ev =
          seed % 4 == 1
              ? null
              : new ElectricVehicle(
                  0.1 * (5 + rng.nextInt(20)), 1.5, arrival, departure == arrival ? 0 : departure);
      List<Appliance> appliances = new ArrayList<>();
      if (seed % 2 == 0 || battery == null && ev == null) {
        int earliest = rng.nextInt(3);
        appliances.add(
            new Appliance("dishwasher", 1.2, 2, earliest, earliest + 3 + rng.nextInt(2)));
      }
      FlexibleDemand flex = new FlexibleDemand(ev, appliances);

      FlexSchedule choco =
          scheduler.schedule(
              new PricedDay(
                  load,
                  pv,
                  BatterySpec.of(battery),
                  battery == null ? 0 : battery.initialSocKwh(),
                  flex,
                  List.of(),
                  price,
                  1.0));
      double milp = milpCost(load, pv, battery, flex, price);

      double units = appliances.size() * 2;
      for (int t = 0; t < INTERVALS; t++) {
        units += battery == null ? 0 : 18 + 20;
        units += ev != null && ev.plugged(t, 1.0) ? 15 : 0;
      }
      assertThat(choco.note()).as("seed %d", seed).isEqualTo("optimal");
      assertThat(choco.costEur())
          .as("seed %d: Choco against the MILP %.6f", seed, milp)
          .isBetween(milp - 1e-9, milp + 1e-5 * units);
      assertThat(java.util.Arrays.stream(choco.flexKwh()).sum())
          .as("seed %d: the flexible energy", seed)
          .isCloseTo(flex.energyKwh(), within(1e-9));
    }
  }

  /** The household's exact optimum of {@code Σ_t p[t]·net[t]}: its MILP at prices {@code p}. */
  private static double milpCost(
      double[] load, double[] pv, Battery battery, FlexibleDemand flex, double[] price) {
    Household h =
        new Household("h1", ParticipantKind.PROSUMER, "MIDDLE", 50, 4, battery, null)
            .withFlex(flex);
    Tariff tariff = new Tariff(price.clone(), price.clone(), 0, 1000, 1000);
    TradingDay day =
        new TradingDay(
            0,
            172,
            1.0,
            List.of(h),
            new double[][] {load},
            new double[][] {pv},
            new double[] {battery == null ? 0 : battery.initialSocKwh()},
            tariff);
    double[] negative = new double[INTERVALS];
    for (int t = 0; t < INTERVALS; t++) {
      negative[t] = -price[t];
    }
    try (LocalHousehold own = new LocalHousehold(day, 0)) {
      Answer answer =
          own.answer(
              new Signal.ColumnPrices(
                  price.clone(),
                  negative,
                  price.clone(),
                  negative.clone(),
                  new boolean[INTERVALS],
                  new byte[INTERVALS],
                  new byte[INTERVALS],
                  true,
                  null));
      assertThat(answer).isInstanceOf(Answer.Schedule.class);
      double[] net = ((Answer.Schedule) answer).netKwh();
      double cost = 0;
      for (int t = 0; t < INTERVALS; t++) {
        cost += price[t] * net[t];
      }
      return cost;
    }
  }
}
