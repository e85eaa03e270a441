package org.equigrid.market.clearing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.Tariff;
import org.equigrid.market.model.TradingDay;
import org.junit.jupiter.api.Test;

class PoolPricingTest {

  private static final double TOL = 1e-12;

  /** One interval: household 0 sells G − L = 2 kWh, household 1 buys L = 4 kWh (SDR = 0.5). */
  private static TradingDay sellerAndBuyer(double importPrice, double exportPrice) {
    return TestDays.day(
        List.of(TestDays.prosumer("seller", null), TestDays.consumer("buyer")),
        new double[][] {{1}, {4}},
        new double[][] {{3}, {0}},
        TestDays.flat(1, importPrice, exportPrice, 0, 10));
  }

  @Test
  void prices_midMarket_isMeanOfTariffs() {
    double[] p = PoolPricing.prices(PricingRule.MID_MARKET, sellerAndBuyer(0.30, 0.10));
    assertThat(p[0]).isCloseTo(0.20, within(TOL));
  }

  @Test
  void prices_supplyDemandRatioHalf_followsLiuFormula() {
    // 0.1·0.3 / (0.2·0.5 + 0.1) = 0.03 / 0.2 = 0.15
    double[] p = PoolPricing.prices(PricingRule.SUPPLY_DEMAND_RATIO, sellerAndBuyer(0.30, 0.10));
    assertThat(p[0]).isCloseTo(0.15, within(TOL));
  }

  @Test
  void prices_supplyDemandRatioAboveOne_isExportPrice() {
    TradingDay day =
        TestDays.day(
            List.of(TestDays.prosumer("seller", null), TestDays.consumer("buyer")),
            new double[][] {{1}, {1}},
            new double[][] {{5}, {0}},
            TestDays.flat(1, 0.30, 0.10, 0, 10));
    assertThat(PoolPricing.prices(PricingRule.SUPPLY_DEMAND_RATIO, day)[0])
        .isCloseTo(0.10, within(TOL));
  }

  @Test
  void prices_supplyDemandRatioNoDemand_isExportPrice() {
    TradingDay day =
        TestDays.day(
            List.of(TestDays.prosumer("seller", null)),
            new double[][] {{1}},
            new double[][] {{2}},
            TestDays.flat(1, 0.30, 0.10, 0, 10));
    assertThat(PoolPricing.prices(PricingRule.SUPPLY_DEMAND_RATIO, day)[0])
        .isCloseTo(0.10, within(TOL));
  }

  @Test
  void prices_supplyDemandRatioNoSupply_isImportPrice() {
    TradingDay day =
        TestDays.day(
            List.of(TestDays.consumer("a")),
            new double[][] {{1}},
            new double[][] {{0}},
            TestDays.flat(1, 0.30, 0.10, 0, 10));
    assertThat(PoolPricing.prices(PricingRule.SUPPLY_DEMAND_RATIO, day)[0])
        .isCloseTo(0.30, within(TOL));
  }

  @Test
  void prices_supplyDemandRatioZeroExportPrice_isLinear() {
    // 0.3 − 0.3·0.5 = 0.15
    double[] p = PoolPricing.prices(PricingRule.SUPPLY_DEMAND_RATIO, sellerAndBuyer(0.30, 0.0));
    assertThat(p[0]).isCloseTo(0.15, within(TOL));
  }

  @Test
  void supplyDemandRatioPrice_endpointsAndMidpoint_matchTheFormula() {
    // πimp = 0.30, πexp = 0.05
    assertThat(PoolPricing.supplyDemandRatioPrice(0, 4, 0.30, 0.05)).isCloseTo(0.30, within(TOL));
    assertThat(PoolPricing.supplyDemandRatioPrice(4, 4, 0.30, 0.05)).isCloseTo(0.05, within(TOL));
    // SDR 0.5: 0.05·0.30 / (0.25·0.5 + 0.05) = 0.015 / 0.175
    assertThat(PoolPricing.supplyDemandRatioPrice(2, 4, 0.30, 0.05))
        .isCloseTo(0.015 / 0.175, within(TOL));
    assertThat(PoolPricing.supplyDemandRatioPrice(6, 4, 0.30, 0.05)).isEqualTo(0.05);
    assertThat(PoolPricing.supplyDemandRatioPrice(3, 0, 0.30, 0.05)).isEqualTo(0.05);
  }

  @Test
  void supplyDemandRatioPrice_zeroOrNegativeExportPrice_isLinearAndClipped() {
    // The agents' copy gave 0 here (0·πimp / ...); the one rule gives the linear 0.3 − 0.3·0.5.
    assertThat(PoolPricing.supplyDemandRatioPrice(2, 4, 0.30, 0.0)).isCloseTo(0.15, within(TOL));
    // πexp = −0.05: 0.30 − 0.35·0.25 = 0.2125, inside [−0.05, 0.30]
    assertThat(PoolPricing.supplyDemandRatioPrice(1, 4, 0.30, -0.05))
        .isCloseTo(0.2125, within(TOL));
    assertThat(PoolPricing.supplyDemandRatioPrice(9, 4, 0.30, -0.05)).isCloseTo(-0.05, within(TOL));
  }

  @Test
  void supplyDemandRatioPrices_netProfiles_agreeWithTheDayRule() {
    double[][] load = {{3, 0}, {2, 3}, {0, 0}};
    double[][] pv = {{1, 1}, {0, 0}, {1, 0}};
    double[][] net = new double[3][2];
    for (int i = 0; i < 3; i++) {
      for (int t = 0; t < 2; t++) {
        net[i][t] = load[i][t] - pv[i][t];
      }
    }
    // t0: supply 1, demand 4 → SDR 0.25; t1: supply 1, demand 3 → SDR 1/3
    double[] p =
        org.equigrid.market.negotiation.CommunityCost.supplyDemandRatioPrices(
            net, new double[] {0.3, 0.3}, new double[] {0.05, 0.05});
    assertThat(p[0]).isCloseTo(0.015 / (0.25 * 0.25 + 0.05), within(TOL));
    assertThat(p[1]).isCloseTo(0.015 / (0.25 / 3 + 0.05), within(TOL));
    TradingDay day =
        TestDays.day(
            List.of(TestDays.consumer("a"), TestDays.consumer("b"), TestDays.prosumer("c", null)),
            load,
            pv,
            TestDays.flat(2, 0.30, 0.05, 0, 10));
    assertThat(PoolPricing.prices(PricingRule.SUPPLY_DEMAND_RATIO, day))
        .containsExactly(p, within(TOL));
  }

  @Test
  void prices_doubleAuctionTariffBids_isMidpointOfTariffs() {
    // Bids default to πimp, asks to πexp: marginal pair (0.30, 0.10) → 0.20.
    double[] p = PoolPricing.prices(PricingRule.DOUBLE_AUCTION, sellerAndBuyer(0.30, 0.10));
    assertThat(p[0]).isCloseTo(0.20, within(TOL));
  }

  @Test
  void prices_doubleAuctionFiveBidders_isMidpointOfMarginalPair() {
    // Buyers B1 2@0.30, B2 1@0.25, B3 3@0.15; sellers S1 1.5@0.10, S2 2@0.20.
    // B1 takes 1.5 from S1 and 0.5 from S2; B2 takes 1 from S2; B3 (0.15) < S2 (0.20) stops.
    // Marginal bid 0.25, marginal ask 0.20 → 0.225.
    Household b1 = TestDays.withReservation(TestDays.consumer("b1"), 0.30, 0);
    Household b2 = TestDays.withReservation(TestDays.consumer("b2"), 0.25, 0);
    Household b3 = TestDays.withReservation(TestDays.consumer("b3"), 0.15, 0);
    Household s1 = TestDays.withReservation(TestDays.prosumer("s1", null), 1, 0.10);
    Household s2 = TestDays.withReservation(TestDays.prosumer("s2", null), 1, 0.20);
    TradingDay day =
        TestDays.day(
            List.of(b3, s2, b1, s1, b2),
            new double[][] {{3}, {1}, {2}, {0.5}, {1}},
            new double[][] {{0}, {3}, {0}, {2}, {0}},
            TestDays.flat(1, 0.35, 0.05, 0, 10));
    assertThat(PoolPricing.prices(PricingRule.DOUBLE_AUCTION, day)[0])
        .isCloseTo(0.225, within(TOL));
  }

  @Test
  void prices_doubleAuctionNoCrossing_isMidMarket() {
    Household buyer = TestDays.withReservation(TestDays.consumer("b"), 0.12, 0);
    Household seller = TestDays.withReservation(TestDays.prosumer("s", null), 1, 0.20);
    TradingDay day =
        TestDays.day(
            List.of(buyer, seller),
            new double[][] {{2}, {0}},
            new double[][] {{0}, {2}},
            TestDays.flat(1, 0.30, 0.10, 0, 10));
    assertThat(PoolPricing.prices(PricingRule.DOUBLE_AUCTION, day)[0]).isCloseTo(0.20, within(TOL));
  }

  @Test
  void prices_doubleAuctionAboveImportPrice_isClipped() {
    // Marginal pair (0.50, 0.40) → 0.45, clipped to πimp = 0.35.
    Household buyer = TestDays.withReservation(TestDays.consumer("b"), 0.50, 0);
    Household seller = TestDays.withReservation(TestDays.prosumer("s", null), 1, 0.40);
    TradingDay day =
        TestDays.day(
            List.of(buyer, seller),
            new double[][] {{2}, {0}},
            new double[][] {{0}, {2}},
            TestDays.flat(1, 0.35, 0.10, 0, 10));
    assertThat(PoolPricing.prices(PricingRule.DOUBLE_AUCTION, day)[0]).isCloseTo(0.35, within(TOL));
  }

  @Test
  void prices_everyRuleOnRandomDays_staysWithinTariff() {
    for (long seed = 0; seed < 20; seed++) {
      TradingDay day = TestDays.random(seed, 6, 24);
      Tariff tariff = day.tariff();
      for (PricingRule rule : PricingRule.values()) {
        double[] p = PoolPricing.prices(rule, day);
        for (int t = 0; t < p.length; t++) {
          assertThat(p[t])
              .isBetween(tariff.exportPriceEurPerKwh()[t], tariff.importPriceEurPerKwh()[t]);
        }
      }
    }
  }
}
