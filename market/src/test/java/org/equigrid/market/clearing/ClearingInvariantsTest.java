package org.equigrid.market.clearing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.equigrid.market.model.Battery;
import org.equigrid.market.model.TradingDay;
import org.junit.jupiter.api.Test;

/** Property checks of the cleared dispatch over seeded random communities. */
class ClearingInvariantsTest {

  private static final double TOL = 1e-6;
  private static final int COMMUNITIES = 50;

  /** Communities whose cost-minimising optimum is also compared with 5 random weightings. */
  static final int WEIGHTED_COMMUNITIES = 4;

  private final CoalitionSolver solver = new CoalitionSolver(SolverOptions.defaults());

  @Test
  void solve_randomCommunities_keepsPhysicsAccountingAndCostOptimality() {
    check(COMMUNITIES, WEIGHTED_COMMUNITIES);
  }

  /**
   * Clears {@code communities} random communities (2–8 households, 24 h) under the three pricing
   * rules and checks the invariants; the first {@code weightedCount} of them are also cleared under
   * 5 random weightings (these mostly need the MILP stage) that must not cost the community less.
   */
  void check(int communities, int weightedCount) {
    RandomGenerator rng = RandomGeneratorFactory.of("L64X128MixRandom").create(2024);
    PricingRule[] rules = PricingRule.values();
    for (int c = 0; c < communities; c++) {
      int n = 2 + rng.nextInt(7);
      TradingDay day = TestDays.random(1000 + c, n, 24);
      double[] prices = PoolPricing.prices(rules[c % rules.length], day);
      int[] members = TestDays.everyone(day);
      ClearingResult neutral = solver.solve(ClearingRequest.costMinimising(day, members, prices));
      assertThat(neutral.report().status()).as("community %d", c).isEqualTo(SolveStatus.OPTIMAL);
      assertInvariants(day, neutral, "community " + c);

      for (int v = 0; v < (c < weightedCount ? 5 : 0); v++) {
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
          weights[i] = 0.5 + 1.5 * rng.nextDouble();
        }
        ClearingResult weighted =
            solver.solve(
                new ClearingRequest(day, members, weights, 0, new boolean[n], null, prices));
        assertInvariants(day, weighted, "community " + c + " weighting " + v);
        assertThat(weighted.totalCostEur())
            .as("community %d weighting %d", c, v)
            .isGreaterThanOrEqualTo(neutral.totalCostEur() - TOL);
      }
    }
  }

  /**
   * Whether {@code flexKwh} is the appliances from {@code a} on, each run whole at one feasible
   * start, plus EV charging within its cap ({@code used}: what appliances before {@code a} take).
   * Enumerates the starts: small test days only.
   */
  static boolean decomposes(
      org.equigrid.market.model.FlexibleDemand flex,
      double[] flexKwh,
      double dt,
      int a,
      double[] used) {
    int intervals = flexKwh.length;
    if (a == flex.appliances().size()) {
      var ev = flex.ev();
      for (int t = 0; t < intervals; t++) {
        double cap = ev != null && ev.plugged(t, dt) ? ev.maxPowerKw() * dt : 0;
        double rest = flexKwh[t] - used[t];
        if (rest < -TOL || rest > cap + TOL) {
          return false;
        }
      }
      return true;
    }
    var appliance = flex.appliances().get(a);
    int d = appliance.durationIntervals(dt);
    for (int k = 0; k < intervals; k++) {
      if (!appliance.canStart(k, dt)) {
        continue;
      }
      double[] next = used.clone();
      for (int t = k; t < k + d; t++) {
        next[t] += appliance.powerKw() * dt;
      }
      if (decomposes(flex, flexKwh, dt, a + 1, next)) {
        return true;
      }
    }
    return false;
  }

  static void assertInvariants(TradingDay day, ClearingResult result, String what) {
    assertThat(result.report().status().hasSolution()).as(what).isTrue();
    assertScheduleInvariants(day, result, what);
  }

  /** The physical and accounting invariants of the schedules, whatever the status. */
  static void assertScheduleInvariants(TradingDay day, ClearingResult result, String what) {
    assertScheduleInvariants(day, result, what, true);
  }

  /**
   * @param communityPeakCharge whether the result pays one peak charge for the community's peak
   *     (false for the standalone assembly, where each household pays its own)
   */
  static void assertScheduleInvariants(
      TradingDay day, ClearingResult result, String what, boolean communityPeakCharge) {
    int intervals = day.intervals();
    double dt = day.intervalHours();
    double[] sold = new double[intervals];
    double[] bought = new double[intervals];
    double[] imported = new double[intervals];
    double sumCost = 0;
    for (HouseholdSchedule s : result.schedules()) {
      int i = s.householdIndex();
      double[] load = day.loadKwh()[i].clone();
      double[] pv = day.pvKwh()[i];
      Battery battery = day.households().get(i).battery();
      org.equigrid.market.model.FlexibleDemand flex = day.households().get(i).flex();
      double evTotal = 0;
      for (int t = 0; t < intervals; t++) {
        double cap = flex.capKwh(t, dt);
        assertThat(s.flexKwh()[t]).as(what + " flex " + i + " at " + t).isBetween(0.0, cap + TOL);
        evTotal += s.flexKwh()[t];
        load[t] += s.flexKwh()[t]; // the flexible load is load in the balance and origin rows
      }
      assertThat(evTotal)
          .as(what + " flexible energy of " + i)
          .isCloseTo(flex.energyKwh(), within(1e-6));
      assertThat(decomposes(flex, s.flexKwh(), dt, 0, new double[intervals]))
          .as(what + " flexible load of " + i + " is whole appliance runs plus EV charging")
          .isTrue();
      double cost = 0;
      double previousSoc = day.initialSocKwh()[i];
      for (int t = 0; t < intervals; t++) {
        String at = what + " household " + i + " interval " + t;
        double in = pv[t] + s.dischargeKwh()[t] + s.importKwh()[t] + s.buyKwh()[t];
        double out =
            load[t] + s.chargeKwh()[t] + s.exportKwh()[t] + s.sellKwh()[t] + s.curtailKwh()[t];
        assertThat(in).as("balance " + at).isCloseTo(out, within(TOL));
        assertThat(s.sellKwh()[t])
            .as("sell origin " + at)
            .isLessThanOrEqualTo(pv[t] + s.dischargeKwh()[t] + TOL);
        assertThat(s.importKwh()[t] + s.buyKwh()[t])
            .as("buy origin " + at)
            .isLessThanOrEqualTo(load[t] + s.chargeKwh()[t] + TOL);
        assertThat(Math.min(s.buyKwh()[t], s.sellKwh()[t])).as("netted " + at).isZero();
        assertThat(Math.min(s.chargeKwh()[t], s.dischargeKwh()[t]))
            .as("charge xor " + at)
            .isLessThanOrEqualTo(TOL);
        assertThat(Math.min(s.importKwh()[t], s.exportKwh()[t]))
            .as("grid xor " + at)
            .isLessThanOrEqualTo(TOL);
        assertThat(
                Math.min(
                    s.importKwh()[t] + s.buyKwh()[t],
                    s.exportKwh()[t] + s.sellKwh()[t] + s.curtailKwh()[t]))
            .as("one meter, one direction " + at)
            .isLessThanOrEqualTo(TOL);
        assertThat(s.importKwh()[t]).isLessThanOrEqualTo(day.tariff().importLimitKw() * dt + TOL);
        assertThat(s.exportKwh()[t]).isLessThanOrEqualTo(day.tariff().exportLimitKw() * dt + TOL);
        assertThat(s.curtailKwh()[t]).isBetween(0.0, pv[t] + TOL);
        if (battery != null) {
          assertThat(s.socKwh()[t])
              .as("soc " + at)
              .isBetween(battery.socMinKwh() - TOL, battery.socMaxKwh() + TOL);
          double expected =
              previousSoc
                  + battery.chargeEfficiency() * s.chargeKwh()[t]
                  - s.dischargeKwh()[t] / battery.dischargeEfficiency();
          assertThat(s.socKwh()[t]).as("soc dynamics " + at).isCloseTo(expected, within(TOL));
          assertThat(s.chargeKwh()[t]).isLessThanOrEqualTo(battery.powerKw() * dt + TOL);
          previousSoc = s.socKwh()[t];
        } else {
          assertThat(s.chargeKwh()[t] + s.dischargeKwh()[t] + s.socKwh()[t]).isZero();
        }
        cost +=
            day.tariff().importPriceEurPerKwh()[t] * s.importKwh()[t]
                - day.tariff().exportPriceEurPerKwh()[t] * s.exportKwh()[t]
                + result.poolPriceEurPerKwh()[t] * (s.buyKwh()[t] - s.sellKwh()[t]);
        sold[t] += s.sellKwh()[t];
        bought[t] += s.buyKwh()[t];
        imported[t] += s.importKwh()[t];
      }
      if (battery != null) {
        assertThat(s.socKwh()[intervals - 1])
            .as(what + " end soc " + i)
            .isGreaterThanOrEqualTo(day.initialSocKwh()[i] - TOL);
      }
      assertThat(s.energyCostEur()).as(what + " C_" + i).isCloseTo(cost, within(TOL));
      sumCost += s.energyCostEur();
    }
    double peak = 0;
    for (int t = 0; t < intervals; t++) {
      assertThat(sold[t]).as(what + " pool " + t).isCloseTo(bought[t], within(TOL));
      peak = Math.max(peak, imported[t] / dt);
    }
    assertThat(result.gridCostEur()).as(what + " sum C_i").isCloseTo(sumCost, within(TOL));
    assertThat(result.peakKw()).isCloseTo(peak, within(TOL));
    if (communityPeakCharge) {
      assertThat(result.peakChargeEur())
          .isCloseTo(peak * day.tariff().peakChargeEurPerKw(), within(TOL));
    }
  }
}
