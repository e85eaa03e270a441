package org.equigrid.agents.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.equigrid.agents.protocol.Message.ApplianceSpec;
import org.equigrid.agents.protocol.Message.BatterySpec;
import org.equigrid.agents.protocol.Message.EvSpec;
import org.equigrid.agents.protocol.Message.JoinRequest;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.ParticipantKind;
import org.equigrid.market.model.Tariff;
import org.equigrid.market.model.TradingDay;
import org.equigrid.market.negotiation.Answer;
import org.equigrid.market.negotiation.LocalHousehold;
import org.equigrid.market.negotiation.Signal;
import org.junit.jupiter.api.Test;

/**
 * The coordinator's column of a household with nothing to schedule is the household's own: {@link
 * LocalHousehold} on the day the coordinator builds from the idle net load gives, bit for bit, what
 * it gives on the household's true load and PV (as {@code OwnDay.of} builds it).
 */
class FixedHouseholdsTest {

  private static final DayTerms TERMS =
      new DayTerms(
          100,
          1.0,
          new Tariff(new double[] {0.3, 0.3, 0.3}, new double[] {0.1, 0.1, 0.1}, 0, 100, 100));

  private static JoinRequest join(String id, double importKw, double exportKw) {
    return new JoinRequest(id, "PROSUMER", "LOW", 40, 4, null, null, List.of(), importKw, exportKw);
  }

  @Test
  void answer_handComputed_cheapestInflowAndMostValuableOutflow() {
    // Interval 0: needs 2 kWh, the pool (0.2) is cheaper than import (0.3): buys 2.
    // Interval 1: gives 1.5 kWh, selling (−0.15) earns more than exporting (−0.1): sells 1.5.
    // Interval 2: needs 1 kWh: buys 1.
    JoinRequest join = join("a", 10, 10);
    FixedHouseholds fixed =
        FixedHouseholds.of(
            List.of("a"), id -> join, Map.of("a", new double[] {2, -1.5, 1}), 0, TERMS);
    Signal open = handPrices(true);

    assertThat(fixed.answers("a", open)).isTrue();
    Answer.Schedule s = (Answer.Schedule) fixed.answer("a", open);
    assertThat(s.buyKwh()).containsExactly(2, 0, 1);
    assertThat(s.importKwh()).containsExactly(0, 0, 0);
    assertThat(s.sellKwh()).containsExactly(0, 1.5, 0);
    assertThat(s.exportKwh()).containsExactly(0, 0, 0);

    // Interval 2 needs 12 kWh, the pool is closed there and import is capped at 10 kWh: no
    // feasible schedule.
    FixedHouseholds capped =
        FixedHouseholds.of(
            List.of("a"), id -> join, Map.of("a", new double[] {2, -1.5, 12}), 0, TERMS);
    assertThat(capped.answer("a", handPrices(false))).isNull();
  }

  /** Import 0.3, export −0.1, pool purchase 0.2, pool sale −0.15 EUR/kWh in three intervals. */
  private static Signal handPrices(boolean poolOpenInTheLastInterval) {
    return new Signal.ColumnPrices(
        new double[] {0.3, 0.3, 0.3},
        new double[] {-0.1, -0.1, -0.1},
        new double[] {0.2, 0.2, 0.2},
        new double[] {-0.15, -0.15, -0.15},
        new boolean[] {true, true, poolOpenInTheLastInterval},
        new byte[3],
        new byte[3]);
  }

  @Test
  void of_batteryEvOrAppliance_notFixed_andIntegerCallsAsked() {
    BatterySpec battery = new BatterySpec(5.0, 2.5, 0.9, 0.8, 0.5, 5.0);
    Map<String, JoinRequest> joins =
        Map.of(
            "a", join("a", 10, 10),
            "b", new JoinRequest("b", "PROSUMER", "LOW", 40, 4, battery, null, List.of(), 10, 10),
            "c",
                new JoinRequest(
                    "c",
                    "CONSUMER",
                    "LOW",
                    40,
                    0,
                    null,
                    new EvSpec(10, 7, 18, 7),
                    List.of(),
                    10,
                    10),
            "d",
                new JoinRequest(
                    "d",
                    "CONSUMER",
                    "LOW",
                    40,
                    0,
                    null,
                    null,
                    List.of(new ApplianceSpec(1, 2, 8, 20)),
                    10,
                    10));
    double[] net = {1, 1, 1};
    FixedHouseholds fixed =
        FixedHouseholds.of(
            List.of("a", "b", "c", "d", "e"),
            joins::get,
            Map.of("a", net, "b", net, "c", net, "d", net),
            0,
            TERMS);

    Signal.ColumnPrices relaxed = prices(new SplittableRandom(1), 3, false);
    Signal.ColumnPrices integer = prices(new SplittableRandom(1), 3, true);
    assertThat(List.of("a", "b", "c", "d", "e").stream().filter(id -> fixed.answers(id, relaxed)))
        .containsExactly("a");
    assertThat(fixed.answers("a", relaxed)).isTrue();
    assertThat(fixed.answers("a", integer)).isFalse();
    assertThat(fixed.answers("b", relaxed)).isFalse();
    assertThat(fixed.answers("a", new Signal.PoolPrices(new double[3]))).isFalse();
  }

  @Test
  void answer_randomDaysAndPrices_bitForBitTheHouseholdsOwn() {
    SplittableRandom random = new SplittableRandom(20261207);
    int compared = 0;
    int infeasible = 0;
    for (int trial = 0; trial < 2_000; trial++) {
      int n = 1 + random.nextInt(24);
      double[] load = new double[n];
      double[] pv = new double[n];
      for (int t = 0; t < n; t++) {
        load[t] = random.nextInt(5) == 0 ? 0 : random.nextDouble() * 4;
        pv[t] = random.nextInt(3) == 0 ? 0 : random.nextDouble() * 5;
        if (random.nextInt(10) == 0) {
          pv[t] = load[t]; // no net load at all
        }
      }
      double importKw = random.nextInt(4) == 0 ? 1.5 : 10;
      double exportKw = random.nextInt(4) == 0 ? 0.5 : 10;
      JoinRequest join = join("h", importKw, exportKw);
      double[] net = new double[n];
      for (int t = 0; t < n; t++) {
        net[t] = load[t] - pv[t]; // as OwnDay.idleNetKwh
      }
      DayTerms terms =
          new DayTerms(100, 1.0, new Tariff(filled(n, 0.3), filled(n, 0.1), 0, 100, 100));
      try (LocalHousehold own = new LocalHousehold(trueDay(load, pv, importKw, exportKw), 0);
          FixedHouseholds fixed =
              FixedHouseholds.of(List.of("h"), id -> join, Map.of("h", net), 0, terms)) {
        for (int call = 0; call < 5; call++) {
          Signal.ColumnPrices signal = prices(random, n, false);
          Answer mine = own.answer(signal);
          Answer coordinators = fixed.answer("h", signal);
          if (mine == null) {
            assertThat(coordinators).isNull();
            infeasible++;
            continue;
          }
          Answer.Schedule a = (Answer.Schedule) mine;
          Answer.Schedule b = (Answer.Schedule) coordinators;
          assertThat(b.importKwh()).isEqualTo(a.importKwh());
          assertThat(b.exportKwh()).isEqualTo(a.exportKwh());
          assertThat(b.buyKwh()).isEqualTo(a.buyKwh());
          assertThat(b.sellKwh()).isEqualTo(a.sellKwh());
          assertThat(b.curtailKwh()).isEqualTo(a.curtailKwh());
          assertThat(b.chargeKwh()).isEqualTo(a.chargeKwh());
          assertThat(b.dischargeKwh()).isEqualTo(a.dischargeKwh());
          assertThat(b.socKwh()).isEqualTo(a.socKwh());
          assertThat(b.flexKwh()).isEqualTo(a.flexKwh());
          compared++;
        }
      }
    }
    // Both kinds of outcome were exercised.
    assertThat(compared).isGreaterThan(5_000);
    assertThat(infeasible).isGreaterThan(50);
  }

  /** The household's own day as {@code OwnDay.of} builds it: its true load and PV, no battery. */
  private static TradingDay trueDay(double[] load, double[] pv, double importKw, double exportKw) {
    int n = load.length;
    return new TradingDay(
        0,
        100,
        1.0,
        List.of(new Household("h", ParticipantKind.PROSUMER, "LOW", 40, 4, null, null)),
        new double[][] {load},
        new double[][] {pv},
        new double[] {0},
        new Tariff(filled(n, 0.3), filled(n, 0.1), 0, importKw, exportKw));
  }

  /**
   * Random column prices: costs of either sign, ties between import and pool, export and sale, and
   * with curtailment (0) drawn on purpose, the pool closed and the meter's direction fixed at
   * random.
   */
  private static Signal.ColumnPrices prices(SplittableRandom random, int n, boolean integer) {
    double[] imp = new double[n];
    double[] exp = new double[n];
    double[] buy = new double[n];
    double[] sell = new double[n];
    boolean[] open = new boolean[n];
    byte[] grid = new byte[n];
    for (int t = 0; t < n; t++) {
      imp[t] = random.nextDouble() * 0.6 - 0.1;
      buy[t] = random.nextInt(4) == 0 ? imp[t] : random.nextDouble() * 0.6 - 0.1;
      exp[t] = random.nextInt(5) == 0 ? 0 : -random.nextDouble() * 0.3 + 0.05;
      sell[t] = random.nextInt(4) == 0 ? exp[t] : -random.nextDouble() * 0.3 + 0.05;
      open[t] = random.nextInt(4) != 0;
      grid[t] = (byte) (random.nextInt(6) == 0 ? random.nextInt(3) - 1 : 0);
    }
    return new Signal.ColumnPrices(imp, exp, buy, sell, open, new byte[n], grid, integer, null);
  }

  private static double[] filled(int n, double value) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, value);
    return a;
  }
}
