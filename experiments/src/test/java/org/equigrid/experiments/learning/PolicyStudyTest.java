package org.equigrid.experiments.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.equigrid.agents.learning.equity.DayOutcome;
import org.equigrid.config.AdaptiveEquity.RewardIndex;
import org.junit.jupiter.api.Test;

class PolicyStudyTest {

  private static DayOutcome day(double gini, double largest, double priceOfFairness) {
    Map<String, Double> none = Map.of();
    return new DayOutcome(
        0,
        1,
        Map.of("A", 1.0),
        gini,
        0.2,
        largest,
        0.01,
        0.0,
        none,
        none,
        none,
        none,
        priceOfFairness,
        0.0,
        0.0,
        "market");
  }

  @Test
  void compare_handComputedTInterval() {
    // differences 1, 2, 3: mean 2, sample sd 1, standard error 1/√3, t(0.975, 2) = 4.303
    PolicyStudy.Comparison c =
        PolicyStudy.compare("7", "index", "neutral", new double[] {1, Double.NaN, 2, 3});
    assertThat(c.days()).isEqualTo(3);
    assertThat(c.meanDifference()).isCloseTo(2.0, within(1e-15));
    assertThat(c.ciLow()).isCloseTo(2 - 4.303 / Math.sqrt(3), within(1e-12));
    assertThat(c.ciHigh()).isCloseTo(2 + 4.303 / Math.sqrt(3), within(1e-12));
    assertThat(PolicyStudy.compare("7", "index", "neutral", new double[] {1}).ciLow()).isNaN();
  }

  @Test
  void tQuantile_tableAndExpansionAgreeWithTheTextbook() {
    assertThat(PolicyStudy.tQuantile975(1)).isEqualTo(12.706);
    assertThat(PolicyStudy.tQuantile975(30)).isEqualTo(2.042);
    assertThat(PolicyStudy.tQuantile975(40)).isCloseTo(2.021, within(5e-4));
    assertThat(PolicyStudy.tQuantile975(59)).isCloseTo(2.001, within(5e-4));
    assertThat(PolicyStudy.tQuantile975(120)).isCloseTo(1.980, within(5e-4));
  }

  @Test
  void objectiveAndDifferences_undefinedTermsLeftOut() {
    assertThat(PolicyStudy.objective(day(0.3, 0.05, 0.2), RewardIndex.LARGEST_BURDEN, 0.01))
        .isCloseTo(0.05 + 0.002, within(1e-15));
    assertThat(
            PolicyStudy.objective(day(Double.NaN, 0.05, Double.NaN), RewardIndex.GINI_BURDEN, 0.01))
        .isNaN();
    assertThat(PolicyStudy.objective(day(Double.NaN, 0.05, 0.2), RewardIndex.GINI_BURDEN, 0.01))
        .isCloseTo(0.002, within(1e-15));
    List<DayOutcome> learned = List.of(day(0.3, 0.04, 0.1), day(Double.NaN, 0.05, 0.1));
    List<DayOutcome> base = List.of(day(0.4, 0.05, 0.0), day(0.2, 0.05, 0.3));
    double[] index = PolicyStudy.differences(learned, base, "index", RewardIndex.GINI_BURDEN, 0.01);
    assertThat(index[0]).isCloseTo(-0.1, within(1e-15));
    assertThat(index[1]).isNaN(); // undefined for the learned day: no difference, not 0 − 0.2
    double[] objective =
        PolicyStudy.differences(learned, base, "objective", RewardIndex.GINI_BURDEN, 0.01);
    assertThat(objective[0]).isCloseTo(-0.1 + 0.001, within(1e-15));
    assertThat(objective[1]).isCloseTo(0.01 * (0.1 - 0.3), within(1e-15));
  }
}
