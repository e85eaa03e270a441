package org.equigrid.experiments.reproduce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class AdaptationTableTest {

  /**
   * One day: largest burden, least-advantaged burden, Gini net payers, Gini all, price of fairness.
   */
  private static double[] day(
      double largest, double low, double giniNet, double giniAll, double pof) {
    return new double[] {largest, low, giniNet, giniAll, pof};
  }

  private static AdaptationTable table(double shift) {
    double[][] s5a = {day(0.04, 0.01, 0.2, 0.6, 0.03), day(0.05, 0.01, 0.2, Double.NaN, 0.03)};
    double[][] s6a = {day(0.03, 0.01, 0.2, 0.6, 0.03), day(0.05 - 2 * shift, 0.01, 0.2, 0.5, 0.03)};
    double[][] s5b = {day(0.04, 0.02, 0.3, 0.6, 0.02), day(0.04, 0.02, 0.3, 0.6, 0.02)};
    double[][] s6b = {
      day(0.04 - shift, 0.02, 0.3, 0.6, 0.02), day(0.04 - 2 * shift, 0.02, 0.3, 0.6, 0.02)
    };
    return new AdaptationTable(
        List.of(
            new AdaptationTable.Block(182, "s5", "s6", s5a, s6a),
            new AdaptationTable.Block(
                273, "adaptation/S5-day273", "adaptation/S6-day273", s5b, s6b)));
  }

  @Test
  void paired_meanDifferenceAndTInterval_handComputed() {
    // largest burden: differences −0.01, −0.02, −0.01, −0.02: mean −0.015, s = 0.005774, se =
    // 0.002887,
    // t(3, 0.975) = 3.182446, half width 0.009187
    AdaptationTable.Paired p = table(0.01).paired(0);
    assertThat(p.days()).isEqualTo(4);
    assertThat(p.meanDifference()).isCloseTo(-0.015, within(1e-12));
    assertThat(p.low()).isCloseTo(-0.015 - 0.0091874, within(1e-6));
    assertThat(p.high()).isCloseTo(-0.015 + 0.0091874, within(1e-6));
    // the Gini over everyone is undefined on one S5 day: that day is left out of the pair
    assertThat(table(0.01).paired(3).days()).isEqualTo(3);
  }

  @Test
  void reading_saysAdaptationHelpsWhenABurdenIndexFallsWithTheIntervalBelowZero() {
    assertThat(table(0.01).reading())
        .contains("Over 4 days in 2 blocks")
        .contains("largest burden -1.500 pp [-2.419, -0.581]")
        .contains("**Adaptation helps**: lower largest burden with the interval excluding zero");
  }

  @Test
  void reading_identicalRunsSayAdaptationDoesNotHelp() {
    double[][] same = {day(0.04, 0.01, 0.2, 0.6, 0.03), day(0.05, 0.01, 0.2, 0.6, 0.03)};
    AdaptationTable table =
        new AdaptationTable(List.of(new AdaptationTable.Block(182, "a", "b", same, same)));
    assertThat(table.reading()).contains("**adaptation does not help here** (nor hurt)");
  }

  @Test
  void blockStarts_ninetyOneDaysApartWrappingAfter365() {
    assertThat(Reproduction.blockStarts(182, 4)).containsExactly(182, 273, 364, 90);
    assertThat(Reproduction.blockStarts(300, 2)).containsExactly(300, 26);
  }

  @Test
  void csv_blockRowsThenPairedRows() {
    List<String> lines = table(0.01).csv().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo("block,startDayOfYear,days,index,s5Mean,s6Mean,meanDifference,low95,high95");
    assertThat(lines).hasSize(1 + 2 * 5 + 5);
    assertThat(lines.get(1))
        .isEqualTo("day 182,182,2,equity.largestEnergyBurden,0.045,0.03,-0.015,,");
    assertThat(lines.get(11)).startsWith("all,,4,equity.largestEnergyBurden,,,-0.015,");
  }
}
