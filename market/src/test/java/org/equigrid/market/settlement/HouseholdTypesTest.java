package org.equigrid.market.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.equigrid.market.clearing.TestDays;
import org.equigrid.market.model.TradingDay;
import org.junit.jupiter.api.Test;

class HouseholdTypesTest {

  @Test
  void cluster_asManyTypesAsHouseholds_givesSingletonsInHouseholdOrder() {
    TradingDay day = TestDays.random(3, 9, 24);
    HouseholdTypes types = HouseholdTypes.cluster(day, 9);
    assertThat(types.types()).isEqualTo(9);
    for (int i = 0; i < 9; i++) {
      assertThat(types.typeOf(i)).isEqualTo(i);
      assertThat(types.representative(i).battery()).isEqualTo(day.households().get(i).battery());
    }
  }

  @Test
  void cluster_fewTypes_membersShareGroupKindAndBatteryAndRepresentativeIsTheMean() {
    TradingDay day = TestDays.random(4, 60, 24);
    HouseholdTypes types = HouseholdTypes.cluster(day, 12);
    assertThat(types.types()).isBetween(9, 60);
    assertThat(Arrays.stream(types.counts()).sum()).isEqualTo(60);
    for (int k = 0; k < types.types(); k++) {
      int[] members = types.members(k);
      double meanLoad = 0;
      for (int i : members) {
        assertThat(day.households().get(i).group()).isEqualTo(types.group(k));
        assertThat(day.households().get(i).kind()).isEqualTo(types.representative(k).kind());
        assertThat(day.households().get(i).hasBattery())
            .isEqualTo(types.representative(k).hasBattery());
        meanLoad += day.loadKwh()[i][18] / members.length;
      }
      TradingDay alone = types.aggregated(unit(types.types(), k, 1));
      assertThat(alone.loadKwh()[0][18]).isCloseTo(meanLoad, within(1e-12));
      TradingDay scaled = types.aggregated(unit(types.types(), k, 3));
      assertThat(scaled.loadKwh()[0][18]).isCloseTo(3 * meanLoad, within(1e-12));
      assertThat(scaled.initialSocKwh()[0]).isCloseTo(3 * alone.initialSocKwh()[0], within(1e-12));
    }
    assertThat(HouseholdTypes.cluster(day, 12).counts()).containsExactly(types.counts());
  }

  @Test
  void kMeans_twoSeparatedBlobs_splitsThem() {
    double[][] points = {{0, 0}, {10, 10}, {0.1, 0}, {10, 10.2}, {0, 0.2}};
    assertThat(TypeClustering.kMeans(points, 2)).containsExactly(0, 1, 0, 1, 0);
  }

  private static int[] unit(int k, int type, int count) {
    int[] counts = new int[k];
    counts[type] = count;
    return counts;
  }
}
