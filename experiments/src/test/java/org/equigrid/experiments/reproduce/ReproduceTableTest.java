package org.equigrid.experiments.reproduce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equigrid.experiments.sweep.RunSummary;
import org.junit.jupiter.api.Test;

class ReproduceTableTest {

  private static ReproduceTable.Column column(
      String label, double peak, double gain, double gini, double pof) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("meanPeakReductionVsBaseline", peak);
    m.put("meanPeakReductionVsStandalone", label.equals("S4") || label.equals("S5") ? 0.2 : 0);
    m.put("meanPeakKw", 10.0);
    m.put("cooperativeGainEurPerDay", gain);
    m.put("cooperativeGainShare", gain / 100);
    m.put("solarUtilisation", label.equals("S3") ? 0.5 : 0.8);
    m.put("selfSufficiency", label.equals("S3") ? 0.3 : 0.4);
    m.put("meanGiniEnergyBurdenBeforeSettlement", gini + 0.01);
    m.put("meanGiniEnergyBurden", gini);
    m.put("priceOfFairnessRatioOfSums", pof);
    return new ReproduceTable.Column(
        label, label.toLowerCase() + "-x", new RunSummary("x", 1, 1, 30, m));
  }

  private static List<ReproduceTable.Column> columns(double giniS5) {
    List<ReproduceTable.Column> columns = new ArrayList<>();
    columns.add(column("S1", 0, 0, 0.3, 0));
    columns.add(column("S2", 0.1, 0, 0.3, 0));
    columns.add(column("S3", 0.4, 0, 0.3, 0));
    columns.add(column("S4", 0.6, 20, 0.3, 0));
    columns.add(column("S5", 0.55, 18, giniS5, 0.05));
    columns.add(new ReproduceTable.Column("S6", "s6-adaptive-weights", null));
    return columns;
  }

  @Test
  void reading_statesEachDirectionFromTheNumbers() {
    String reading = new ReproduceTable(columns(0.25)).reading();
    assertThat(reading)
        .contains("changes by 10.0 % (S2), 40.0 % (S3), 60.0 % (S4), 55.0 % (S5)")
        .contains(
            "the largest reduction, 60.0 % in S4, goes in the paper's direction and is within the published figures")
        .contains("Trading (S4) lowers the peak by 20.0 %")
        .contains(
            "20.00 EUR/day (20.0 % of the standalone cost) in S4 and 18.00 EUR/day in S5: positive")
        .contains("from 50.0 % (S3) to 80.0 % (S4) and self-sufficiency from 30.0 % to 40.0 %")
        .contains(
            "from 0.300 to 0.250 (lower: the paper's direction) and before settlement from 0.310 to 0.260")
        .contains("price of fairness of 5.00 % of the cost-minimising gain")
        .contains("S6 (adaptive weights learnt by the PPO agent) is not yet available");
    assertThat(new ReproduceTable(columns(0.35)).reading())
        .contains("(higher: against the paper's direction)");
  }

  @Test
  void value_scalesPercentagesAndLeavesMissingColumnsNaN() {
    ReproduceTable table = new ReproduceTable(columns(0.25));
    ReproduceTable.Metric peak = ReproduceTable.METRICS.get(0);
    assertThat(table.value(peak, columns(0.25).get(3))).isEqualTo(60.0);
    assertThat(table.value(peak, columns(0.25).get(5))).isNaN();
    assertThat(table.csv().lines().skip(1).findFirst().orElseThrow())
        .startsWith(
            "meanPeakReductionVsBaseline,%,0,10,40,60,55,not yet available,up to 72.6 (baseline not stated),7.8 to 62.6,");
  }
}
