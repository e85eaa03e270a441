package org.equigrid.experiments.reproduce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PooledSettingTest {

  private static String day(
      double largest, String giniNet, double pof, double pofEur, double gainEur, String kept) {
    return "{\"priceOfFairness\": "
        + (Double.isNaN(pof) ? "null" : pof)
        + ", \"priceOfFairnessEur\": "
        + pofEur
        + ", \"costMinimisingGainEur\": "
        + gainEur
        + ", \"settlement\": {\"coreRowsKept\": "
        + kept
        + "}, \"equity\": "
        + "{\"largestEnergyBurden\": "
        + largest
        + ", \"giniEnergyBurdenNetPayers\": "
        + giniNet
        + ", \"giniEnergyBurden\": null, "
        + "\"shareEnergyBurdenAbove6Percent\": 0, \"shareEnergyBurdenAbove10Percent\": 0}}";
  }

  private static Path run(Path dir, String days, String households) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("summary.json"),
        "{\"scenario\": \"x\", \"seed\": 7, \"days\": 1, \"households\": 2, \"totals\": {}, \"dayResults\": ["
            + days
            + "]}");
    Files.writeString(
        dir.resolve("households.csv"),
        "day,household,group,standaloneCostEur,billEur,energyBurden\n" + households);
    return dir;
  }

  @Test
  void of_poolsTheDaysOfEveryRun_handComputed(@TempDir Path tmp) throws Exception {
    // run a: 2 days; run b: 1 day whose price of fairness is undefined (no gain)
    Path a =
        run(
            tmp.resolve("a"),
            day(0.04, "0.2", 0.1, 1, 10, "true") + "," + day(0.06, "0.4", 0.2, 2, 10, "false"),
            "0,h1,LOW,1,0.5,0.05\n0,h2,HIGH,1,0.5,0.01\n1,h1,LOW,1,0.7,0.07\n1,h2,HIGH,1,0.3,0.006\n");
    Path b =
        run(
            tmp.resolve("b"),
            day(0.01, "null", Double.NaN, 0, 0, "false"),
            "0,h1,LOW,1,0.1,0.01\n0,h2,HIGH,1,0.9,0.018\n");
    RuleTable.Setting s =
        PooledSetting.of(
            "x",
            "S4",
            "rule",
            "a b",
            false,
            List.of(a, b),
            Set.of("LOW"),
            Map.of("h1", 10.0, "h2", 50.0));
    assertThat(s.summary().days()).isEqualTo(3);
    assertThat(s.summary().metric("meanLargestEnergyBurden"))
        .isCloseTo((0.04 + 0.06 + 0.01) / 3, within(1e-12));
    assertThat(s.summary().metric("meanGiniEnergyBurdenNetPayers"))
        .isCloseTo(0.3, within(1e-12)); // defined on 2 days
    assertThat(s.summary().metric("meanGiniEnergyBurden")).isNaN(); // undefined on every day
    assertThat(s.summary().metric("priceOfFairnessRatioOfSums"))
        .isCloseTo(3.0 / 20, within(1e-12)); // (1 + 2) / (10 + 10)
    assertThat(s.rowsDroppedDays()).isEqualTo(2);
    // LOW: days 0.05, 0.07 (run a) and 0.01 (run b): mean over the three days
    assertThat(s.group().meanEnergyBurden()).isCloseTo((0.05 + 0.07 + 0.01) / 3, within(1e-12));
    assertThat(s.group().meanBillEur()).isCloseTo((0.5 + 0.7 + 0.1) / 3, within(1e-12));
    // a missing run: the setting did not run
    assertThat(
            PooledSetting.of(
                    "x",
                    "S4",
                    "rule",
                    "",
                    false,
                    List.of(a, tmp.resolve("c")),
                    Set.of("LOW"),
                    Map.of())
                .summary())
        .isNull();
  }
}
