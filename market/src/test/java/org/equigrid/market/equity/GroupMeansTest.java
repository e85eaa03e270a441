package org.equigrid.market.equity;

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
    assertThat(GroupMeans.relativeToCommunity(BURDEN, GROUP, "LOW"))
        .isCloseTo(0.09 / community, within(1e-12));
    assertThat(GroupMeans.relativeToCommunity(BURDEN, GROUP).get("HIGH"))
        .isCloseTo(0.03 / community, within(1e-12));
    assertThat(GroupMeans.relativeToCommunity(new double[] {0, 0}, new String[] {"A", "B"}).get("A"))
        .isNaN();
  }

  @Test
  void relativeToCommunity_unknownGroup_namesTheGroupsPresent() {
    assertThatThrownBy(() -> GroupMeans.relativeToCommunity(BURDEN, GROUP, "MID"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"MID\"")
        .hasMessageContaining("[HIGH, LOW, MIDDLE]");
  }

  @Test
  void of_misalignedArrays_isRejected() {
    assertThatThrownBy(() -> GroupMeans.of(new double[] {1, 2}, new String[] {"A"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("groups has 1 entries, values 2");
  }
}
