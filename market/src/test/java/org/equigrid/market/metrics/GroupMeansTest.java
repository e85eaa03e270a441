package org.equigrid.market.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupMeansTest {

  private static final double[] BURDEN = {0.10, 0.08, 0.04, 0.02, 0.06, 0.05};
  private static final String[] GROUP = {"LOW", "LOW", "HIGH", "HIGH", "MIDDLE", "MIDDLE"};

  @Test
  void of_threeGroups_givesMeansSortedByName() {
    Map<String, Double> means = GroupMeans.of(BURDEN, GROUP);
    assertThat(means.keySet()).containsExactly("HIGH", "LOW", "MIDDLE");
    assertThat(means.get("LOW")).isCloseTo(0.09, within(1e-12));
    assertThat(means.get("HIGH")).isCloseTo(0.03, within(1e-12));
    assertThat(means.get("MIDDLE")).isCloseTo(0.055, within(1e-12));
  }

  @Test
  void relativeToCommunity_dividesByCommunityMean() {
    double community = (0.10 + 0.08 + 0.04 + 0.02 + 0.06 + 0.05) / 6; // 0.058333
    assertThat(GroupMeans.relativeToCommunity(BURDEN, GROUP).get("LOW").value())
        .isCloseTo(0.09 / community, within(1e-12));
    assertThat(GroupMeans.relativeToCommunity(BURDEN, GROUP).get("HIGH").value())
        .isCloseTo(0.03 / community, within(1e-12));
  }

  @Test
  void relativeToCommunity_meanNotPositive_isUndefinedForEveryGroup() {
    Index gap =
        GroupMeans.relativeToCommunity(new double[] {0, 0}, new String[] {"A", "B"}).get("A");
    assertThat(gap.value()).isNaN();
    assertThat(gap.undefinedReason())
        .isEqualTo(String.format(UndefinedReasons.GAP_MEAN_NOT_POSITIVE, "0"));
    // {−0.02, 0.01}: mean −0.005
    assertThat(
            GroupMeans.relativeToCommunity(new double[] {-0.02, 0.01}, new String[] {"A", "B"})
                .get("B")
                .undefinedReason())
        .isEqualTo(String.format(UndefinedReasons.GAP_MEAN_NOT_POSITIVE, "-0.005"));
  }

  @Test
  void relativeToCommunity_meanNearZero_isUndefined() {
    // {−0.10, 0.11}: mean 0.005, mean |x| 0.105; 0.005 < 0.1 · 0.105 → undefined (was 0.11/0.005 =
    // 22)
    Map<String, Index> gaps =
        GroupMeans.relativeToCommunity(new double[] {-0.10, 0.11}, new String[] {"A", "B"});
    assertThat(gaps.get("B").undefinedReason())
        .isEqualTo(String.format(UndefinedReasons.GAP_MEAN_NEAR_ZERO, "0.005", "0.1", "0.105"));
    // {−0.01, 0.11}: mean 0.05 ≥ 0.1 · 0.06 → defined, B at 0.11 / 0.05 = 2.2
    assertThat(
            GroupMeans.relativeToCommunity(new double[] {-0.01, 0.11}, new String[] {"A", "B"})
                .get("B")
                .value())
        .isCloseTo(2.2, within(1e-12));
  }

  @Test
  void of_misalignedArrays_isRejected() {
    assertThatThrownBy(() -> GroupMeans.of(new double[] {1, 2}, new String[] {"A"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("groups has 1 entries, values 2");
  }
}
