package org.equigrid.experiments.reproduce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupFiguresTest {

  @Test
  void read_groupMeansNetPayersAndTheBound_handComputed(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("households.csv"),
        "day,household,group,standaloneCostEur,billEur,energyBurden\n"
            + "0,h1,LOW,1,0.9,0.09\n"
            + "0,h2,HIGH,2,1.0,0.05\n"
            + "0,h3,HIGH,-0.5,-0.4,-0.008\n"
            + "1,h1,LOW,1,0.5,0.05\n"
            + "1,h2,HIGH,2,1.0,0.05\n"
            + "1,h3,HIGH,-0.5,0,0\n");
    GroupFigures figures =
        GroupFigures.read(dir, Set.of("LOW"), Map.of("h1", 10.0, "h2", 20.0, "h3", 50.0));
    assertThat(figures.meanEnergyBurden()).isCloseTo(0.07, within(1e-12)); // (0.09 + 0.05) / 2
    assertThat(figures.meanBillEur()).isCloseTo(0.7, within(1e-12));
    assertThat(figures.meanNetPayers()).isCloseTo(2.0, within(1e-12)); // 2 and 2 bills > 0
    assertThat(figures.meanNegativeBurden()).isCloseTo(0.5, within(1e-12)); // 1 then 0
    // day 0: bills sum to 1.5 → t = 2/30; day 1: 1.5 → the same
    assertThat(figures.boundLargestEnergyBurden()).isCloseTo(2.0 / 30, within(1e-9));
    assertThat(figures.boundMeanEnergyBurden()).isCloseTo(2.0 / 30, within(1e-9)); // h1 at t
    assertThat(GroupFigures.read(dir, Set.of("LOW")).boundLargestEnergyBurden()).isNaN();
    assertThat(GroupFigures.read(dir.resolve("missing"), Set.of("LOW"))).isNull();
  }
}
