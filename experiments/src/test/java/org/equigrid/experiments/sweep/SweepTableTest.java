package org.equigrid.experiments.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SweepTableTest {

  private static SweepTable.Row row(String id, String rho, double cost, double gini, double peak) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("communityCostEur", cost);
    metrics.put("meanGiniEnergyBurden", gini);
    metrics.put("meanPeakKw", peak);
    return new SweepTable.Row(
        new SweepRun(id, Map.of("equity.rawlsianStrengthEur", rho), Map.of()),
        new RunSummary("s", 1, 1, 4, metrics));
  }

  @Test
  void front_keepsOnlyNonDominatedRuns_sortedByCost() {
    // (cost, gini): a (10, 0.5), b (12, 0.3), c (11, 0.6) dominated by a, d (12, 0.3) ties b, e (9,
    // 0.9)
    List<SweepTable.Row> rows =
        List.of(
            row("a", "0", 10, 0.5, 3),
            row("b", "2", 12, 0.3, 4),
            row("c", "5", 11, 0.6, 5),
            row("d", "8", 12, 0.3, 2),
            row("e", "9", 9, 0.9, 1));
    List<SweepTable.Row> front =
        SweepTable.front(List.of("communityCostEur", "meanGiniEnergyBurden"), rows);
    assertThat(front).extracting(r -> r.run().id()).containsExactly("e", "a", "b", "d");
  }

  @Test
  void front_runWithUndefinedObjective_isLeftOutAndDominatesNothing() {
    // f (8, undefined) would dominate every run on cost; it cannot be ranked
    List<SweepTable.Row> rows = List.of(row("a", "0", 10, 0.5, 3), row("f", "1", 8, Double.NaN, 3));
    assertThat(SweepTable.front(List.of("communityCostEur", "meanGiniEnergyBurden"), rows))
        .extracting(r -> r.run().id())
        .containsExactly("a");
  }

  @Test
  void sweepCsv_undefinedMetric_isAnEmptyCell() {
    String csv =
        SweepTable.sweepCsv(
            List.of("equity.rawlsianStrengthEur"), List.of(row("f", "1", 8, Double.NaN, 3)));
    int column =
        List.of(csv.lines().findFirst().orElseThrow().split(",")).indexOf("meanGiniEnergyBurden");
    assertThat(csv.lines().skip(1).findFirst().orElseThrow().split(",", -1)[column]).isEmpty();
  }

  @Test
  void paretoCsv_objectivesFirstThenPeakAndRun() {
    String csv =
        SweepTable.paretoCsv(
            List.of("communityCostEur", "meanGiniEnergyBurden"),
            List.of("equity.rawlsianStrengthEur"),
            List.of(row("a", "0", 10, 0.5, 3), row("c", "5", 11, 0.6, 5)));
    assertThat(csv)
        .isEqualTo(
            "communityCostEur,meanGiniEnergyBurden,meanPeakKw,runId,equity.rawlsianStrengthEur,seed,days,households\n"
                + "10,0.5,3,a,0,1,1,4\n");
  }

  @Test
  void sweepCsv_strategic_addsTheDeviatorsColumnsAfterTheMetrics() {
    SweepTable.Row truthful = row("a", "0", 10, 0.5, 3);
    SweepTable.Row inflate =
        new SweepTable.Row(
            truthful.run(),
            truthful.summary(),
            new Deviators("inflate-peak", List.of("h001", "h002"), -1.5, 0.25));
    String csv =
        SweepTable.sweepCsv(
            List.of("equity.rawlsianStrengthEur"), List.of(truthful, inflate), true);
    List<String> lines = csv.lines().toList();
    assertThat(lines.get(0))
        .endsWith(
            ",degradedDays,deviatorStrategy,deviatorCount,deviatorIds,deviatorsGainEur,othersGainEur");
    assertThat(lines.get(1)).endsWith(",,truthful,0,,0,0"); // degradedDays missing: an empty cell
    assertThat(lines.get(2)).endsWith(",,inflate-peak,2,h001 h002,-1.5,0.25");
    assertThat(SweepTable.sweepCsv(List.of("equity.rawlsianStrengthEur"), List.of(truthful), false))
        .doesNotContain("deviator");
  }
}
