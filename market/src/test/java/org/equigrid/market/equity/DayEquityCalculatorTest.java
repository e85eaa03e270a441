package org.equigrid.market.equity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import org.equigrid.market.metrics.DayMetrics;
import org.equigrid.market.metrics.HouseholdDayMetrics;
import org.equigrid.market.metrics.Index;
import org.equigrid.market.metrics.UndefinedReasons;
import org.equigrid.market.model.Household;
import org.equigrid.market.model.ParticipantKind;
import org.equigrid.market.settlement.DaySettlement;
import org.junit.jupiter.api.Test;

/**
 * Every index of {@link DayEquity} on a hand-made settled day of three households:
 *
 * <pre>
 *   id group  y_i  C0_i  dispatchCost_i savings u_i   phi_i  B_i    u_i^B  access
 *   a  LOW    20    2.0   1.4           0.6     0.3   0.5    1.5    0.25   0.5
 *   b  LOW     8    1.0   1.0           0       0     0.1    0.9    0.1    0.2
 *   c  HIGH   50   -1.0  -1.02          0.02    0.02  0.02  -1.02   0.02   1.0
 * </pre>
 *
 * Budget balance: Σ B = Σ dispatchCost = 1.38. Burden b = B / y = (0.075, 0.1125, −0.0204).
 */
class DayEquityCalculatorTest {

  private static final double TOL = 1e-12;

  private static final List<Household> HOUSEHOLDS =
      List.of(
          new Household("a", ParticipantKind.CONSUMER, "LOW", 20, 0, null, null),
          new Household("b", ParticipantKind.CONSUMER, "LOW", 8, 0, null, null),
          new Household("c", ParticipantKind.PROSUMER, "HIGH", 50, 4, null, null));

  private static final DayMetrics METRICS =
      new DayMetrics(
          0,
          1,
          List.of(
              household(0, "a", "LOW", 2.0, 1.4, 0.5, 20),
              household(1, "b", "LOW", 1.0, 1.0, 0.2, 8),
              household(2, "c", "HIGH", -1.0, -1.02, 1.0, 50)),
          List.of(),
          null);

  private static final DaySettlement SETTLEMENT =
      settlement(new double[] {0.5, 0.1, 0.02}, new double[] {1.5, 0.9, -1.02});

  private final DayEquityCalculator calculator = new DayEquityCalculator(0.01);

  @Test
  void compute_lowLeastAdvantaged_everyIndexAsComputedByHand() {
    DayEquity e = calculator.compute(HOUSEHOLDS, Set.of("LOW"), METRICS, SETTLEMENT);

    assertThat(e.energyBurden())
        .containsExactly(new double[] {0.075, 0.1125, -0.0204}, within(TOL));
    assertThat(e.relativeSavingsAfterSettlement())
        .containsExactly(new double[] {0.25, 0.1, 0.02}, within(TOL));
    // Gini of b over all (mean 0.0557 > 0, one negative: mean |b| = 0.2079/3 in the denominator):
    // ΣΣ|b_i − b_j| = 2·(0.0375 + 0.0954 + 0.1329) = 0.5316
    assertThat(e.giniEnergyBurden().value()).isCloseTo(0.5316 / (18 * 0.2079 / 3), within(TOL));
    // before settlement: dispatchCost / y = (0.07, 0.125, −0.0204): ΣΣ = 2·(0.055 + 0.0904 +
    // 0.1454)
    assertThat(e.giniEnergyBurdenBeforeSettlement().value())
        .isCloseTo(2 * (0.055 + 0.0904 + 0.1454) / (18 * 0.2154 / 3), within(TOL));
    // net payers a, b: (0.075, 0.1125): 2·0.0375 / (2·4·0.09375) = 0.1
    assertThat(e.giniEnergyBurdenNetPayers().value()).isCloseTo(0.1, within(TOL));
    // bills (1.5, 0.9, −1.02): ΣΣ = 2·(0.6 + 2.52 + 1.92) = 10.08, mean |B| = 3.42/3
    assertThat(e.giniBill().value()).isCloseTo(10.08 / (18 * 3.42 / 3), within(TOL));
    // shares (0.5, 0.1, 0.02): ΣΣ = 2·(0.4 + 0.48 + 0.08) = 1.92, mean 0.62/3
    assertThat(e.giniShares().value()).isCloseTo(1.92 / (18 * 0.62 / 3), within(TOL));
    // savings before settlement (0.6, 0, 0.02): ΣΣ = 2·(0.6 + 0.58 + 0.02) = 2.4, mean 0.62/3
    assertThat(e.giniSavings().value()).isCloseTo(2.4 / (18 * 0.62 / 3), within(TOL));
    // access (0.5, 0.2, 1.0): ΣΣ = 2·(0.3 + 0.5 + 0.8) = 3.2, mean 1.7/3
    assertThat(e.giniRenewableAccess().value()).isCloseTo(3.2 / (18 * 1.7 / 3), within(TOL));
    assertThat(e.jainEnergyBurden().undefinedReason())
        .isEqualTo(String.format(UndefinedReasons.NEGATIVE_VALUES, 1, 3));
    assertThat(e.theilEnergyBurden().undefinedReason())
        .isEqualTo(String.format(UndefinedReasons.NEGATIVE_VALUES, 1, 3));
    // Rawlsian minimum over LOW only (c's 0.02 does not count)
    assertThat(e.rawlsianPopulation()).isEqualTo("LOW");
    assertThat(e.rawlsianMinimumBeforeSettlement().value()).isCloseTo(0, within(TOL));
    assertThat(e.rawlsianMinimumAfterSettlement().value()).isCloseTo(0.1, within(TOL));
    assertThat(e.largestEnergyBurden()).isCloseTo(0.1125, within(TOL));
    assertThat(e.largestEnergyBurdenHousehold()).isEqualTo("b");
    assertThat(e.shareEnergyBurdenAbove6Percent()).isCloseTo(2.0 / 3, within(TOL));
    assertThat(e.shareEnergyBurdenAbove10Percent()).isCloseTo(1.0 / 3, within(TOL));
    assertThat(e.leastAdvantagedMeanEnergyBurden().value())
        .isCloseTo((0.075 + 0.1125) / 2, within(TOL));
    assertThat(e.leastAdvantagedMeanBillEur().value()).isCloseTo(1.2, within(TOL));
    // groups: HIGH, LOW; community mean burden 0.1671/3
    assertThat(e.groups()).extracting(DayEquity.GroupEquity::group).containsExactly("HIGH", "LOW");
    DayEquity.GroupEquity low = e.groups().get(1);
    assertThat(low.meanBillEur()).isCloseTo(1.2, within(TOL));
    assertThat(low.meanShareEur()).isCloseTo(0.3, within(TOL));
    assertThat(low.energyBurdenGap().value()).isCloseTo(0.09375 / (0.1671 / 3), within(TOL));
    assertThat(low.renewableAccessGap().value()).isCloseTo(0.35 / (1.7 / 3), within(TOL));
  }

  @Test
  void compute_noGroupMarked_rawlsianMinimumIsOverEveryone() {
    DayEquity e = calculator.compute(HOUSEHOLDS, Set.of(), METRICS, SETTLEMENT);

    assertThat(e.rawlsianPopulation()).isEqualTo(DayEquity.ALL_HOUSEHOLDS);
    assertThat(e.rawlsianMinimumBeforeSettlement().value()).isCloseTo(0, within(TOL));
    assertThat(e.rawlsianMinimumAfterSettlement().value()).isCloseTo(0.02, within(TOL));
    assertThat(e.leastAdvantagedMeanBillEur().value()).isCloseTo(1.38 / 3, within(TOL));
  }

  @Test
  void compute_leastAdvantagedGroupAbsent_isUndefinedWithTheReason() {
    DayEquity e = calculator.compute(HOUSEHOLDS, Set.of("RENTER"), METRICS, SETTLEMENT);

    String reason = String.format(UndefinedReasons.NO_LEAST_ADVANTAGED, "[RENTER]");
    assertThat(
            List.of(
                e.rawlsianMinimumBeforeSettlement(),
                e.rawlsianMinimumAfterSettlement(),
                e.leastAdvantagedMeanEnergyBurden(),
                e.leastAdvantagedMeanBillEur()))
        .extracting(Index::undefinedReason)
        .containsOnly(reason);
  }

  @Test
  void compute_everyBillACredit_burdenIndicesAreUndefinedWithTheReason() {
    // Σ φ = 2.62 − Σ B: bills (−0.1, −0.2, −1.02) sum to −1.32
    DaySettlement credits =
        settlement(new double[] {2.1, 1.2, 0.02}, new double[] {-0.1, -0.2, -1.02});

    DayEquity e = calculator.compute(HOUSEHOLDS, Set.of("LOW"), METRICS, credits);

    assertThat(e.giniEnergyBurdenNetPayers().undefinedReason())
        .isEqualTo(UndefinedReasons.NO_NET_PAYER);
    // mean burden (−0.005 − 0.025 − 0.0204)/3 = −0.0168
    assertThat(e.giniEnergyBurden().undefinedReason())
        .isEqualTo(String.format(UndefinedReasons.MEAN_NOT_POSITIVE, "-0.0168"));
    assertThat(e.giniBill().undefinedReason())
        .isEqualTo(String.format(UndefinedReasons.MEAN_NOT_POSITIVE, "-0.44"));
    assertThat(e.groups().get(1).energyBurdenGap().defined()).isFalse();
    assertThat(e.shareEnergyBurdenAbove6Percent()).isZero();
    assertThat(e.largestEnergyBurden()).isCloseTo(-0.005, within(TOL));
    assertThat(e.largestEnergyBurdenHousehold()).isEqualTo("a");
  }

  private static HouseholdDayMetrics household(
      int index,
      String id,
      String group,
      double c0,
      double dispatchCost,
      double access,
      double income) {
    double savings = c0 - dispatchCost;
    return new HouseholdDayMetrics(
        index,
        id,
        group,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        c0,
        dispatchCost,
        0,
        dispatchCost,
        savings,
        savings / Math.max(Math.abs(c0), 0.01),
        access,
        dispatchCost / income);
  }

  private static DaySettlement settlement(double[] share, double[] bill) {
    return new DaySettlement(
        DaySettlement.EXACT,
        0,
        share,
        new double[share.length],
        bill,
        new double[] {1, 1, 1},
        0,
        true,
        new DaySettlement.Stability("none", 0, true, "", 0, Double.NaN),
        0,
        0,
        List.of(),
        0);
  }
}
