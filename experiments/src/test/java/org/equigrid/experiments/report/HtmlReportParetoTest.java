package org.equigrid.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep report's Pareto chart: human axis titles, every run beside the front, runs named. */
class HtmlReportParetoTest {

  @Test
  void paretoChart_labelsTheAxesAndDrawsAllRunsBesideTheFront(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("sweep.csv"),
        "runId,settlement,seed,days,households,priceOfFairnessRatioOfSums,meanLargestEnergyBurden\n"
            + "run-001-seed1,{rule: market},1,1,30,0,0.04\n"
            + "run-002-seed1,{rule: rawlsian},1,1,30,0.03,0.01\n"
            + "run-003-seed1,{rule: shapley},1,1,30,0.05,0.05\n"
            + "run-004-seed1,{rule: shapley},1,1,30,,0.05\n");
    Files.writeString(
        dir.resolve("pareto.csv"),
        "priceOfFairnessRatioOfSums,meanLargestEnergyBurden,meanPeakKw,runId,settlement,seed,days,households\n"
            + "0,0.04,8,run-001-seed1,{rule: market},1,1,30\n"
            + "0.03,0.01,8,run-002-seed1,{rule: rawlsian},1,1,30\n");
    String html = Files.readString(HtmlReport.write(dir));
    assertThat(html)
        .contains("Price of fairness (share of the cost-minimising gain given up)")
        .contains("Largest energy burden after settlement (fraction of daily income)")
        .contains("\"name\":\"all runs\"")
        .contains("\"name\":\"Pareto front\"")
        .contains("run-002-seed1 settlement={rule: rawlsian}")
        .contains("run-003-seed1")
        // an undefined price of fairness (empty cell) is not drawn
        .doesNotContain("run-004-seed1");
  }

  @Test
  void label_fallsBackToTheColumnName() {
    assertThat(HtmlReport.label("meanGiniEnergyBurdenNetPayers"))
        .isEqualTo("Gini of energy burden among net payers, after settlement");
    assertThat(HtmlReport.label("somethingElse")).isEqualTo("somethingElse");
  }
}
