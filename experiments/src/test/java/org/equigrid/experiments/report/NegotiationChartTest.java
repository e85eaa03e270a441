package org.equigrid.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html's negotiation charts, read from negotiation.csv. */
class NegotiationChartTest {

  private static final String HEADER =
      "day,households,mechanism,objective,round,primalResidualKwh,dualResidualEurPerKwh,"
          + "objectiveEur,lowerBoundEur,certifiedGap,communityCostEur,centralOptimumEur,"
          + "gapToCentral,messages,payloadBytes,poolPriceEurPerKwh\n";

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void gapInPercentByRound_certifiedGapDashed_residualsOnLogAxes(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("negotiation.csv");
    Files.writeString(
        file,
        HEADER
            + "0,10,admm,cost,0,4.0,2.0,6.0,,,4.4,3.0,1.0,30,25200,0.1 0.2\n"
            + "0,10,admm,cost,1,0.5,0,3.03,,,3.1,3.0,0.01,20,21280,0.1 0.2\n"
            + "0,10,decomposition,cost,0,,,5.0,1.0,4.0,,3.0,0.6666,11,88,0.1 0.2\n"
            + "0,10,decomposition,cost,1,,,3.0015,2.9985,0.001,3.0,3.0,-0.0005,20,160,0.1 0.2\n");
    NegotiationChart.Charts charts = NegotiationChart.read(file, mapper);
    assertThat(charts.shown()).isEqualTo("2 negotiated days");
    JsonNode gap = charts.gap().get("series");
    assertThat(names(gap))
        .containsExactly(
            "0.1 %", "day 0 admm", "day 0 decomposition", "day 0 decomposition (certified gap)");
    assertThat(gap.get(0).get("data").toString()).isEqualTo("[[0,0.1],[1,0.1]]");
    // gapToCentral 1.0 and 0.01 are 100 % and 1 % at rounds 0 and 1
    assertThat(gap.get(1).get("data").toString()).isEqualTo("[[0,100.0],[1,1.0]]");
    // a gap below the optimum is drawn by its size on the log axis
    assertThat(gap.get(2).get("data").toString()).isEqualTo("[[0,66.66],[1,0.05]]");
    assertThat(gap.get(3).get("data").toString()).isEqualTo("[[0,400.0],[1,0.1]]");
    assertThat(gap.get(3).get("lineStyle").get("type").asText()).isEqualTo("dashed");
    assertThat(charts.gap().get("yAxis").get(0).get("type").asText()).isEqualTo("log");
    JsonNode residuals = charts.residuals().get("series");
    assertThat(names(residuals)).containsExactly("day 0 admm (primal)", "day 0 admm (dual)");
    // a zero dual residual cannot sit on a log axis: left out, not drawn as 0
    assertThat(residuals.get(1).get("data").toString()).isEqualTo("[[0,2.0]]");
    assertThat(residuals.get(1).get("yAxisIndex").asInt()).isEqualTo(1);
    assertThat(charts.residuals().get("yAxis").get(1).get("type").asText()).isEqualTo("log");
  }

  @Test
  void decompositionOnly_hasNoResidualChart_andLongFilesShowTheFirstDays(@TempDir Path dir)
      throws Exception {
    StringBuilder csv = new StringBuilder(HEADER);
    for (int day = 0; day < NegotiationChart.MAX_SERIES + 3; day++) {
      csv.append(day).append(",10,decomposition,cost,0,,,5.0,1.0,4.0,,3.0,0.5,11,88,0.1\n");
    }
    Path file = dir.resolve("negotiation.csv");
    Files.writeString(file, csv.toString());
    NegotiationChart.Charts charts = NegotiationChart.read(file, mapper);
    assertThat(charts.residuals()).isNull();
    assertThat(charts.shown()).isEqualTo("the first 10 of 13 negotiated days");
    assertThat(names(charts.gap().get("series")))
        .hasSize(1 + 2 * NegotiationChart.MAX_SERIES)
        .contains("day 9 decomposition")
        .doesNotContain("day 10 decomposition");
  }

  @Test
  void severalSizesAndObjectives_areNamedInTheSeries(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("negotiation.csv");
    Files.writeString(
        file,
        HEADER
            + "0,10,admm,cost,0,4.0,2.0,6.0,,,4.4,3.0,1.0,30,25200,0.1\n"
            + "0,100,admm,weighted,0,4.0,2.0,6.0,,,4.4,3.0,0.5,30,25200,0.1\n");
    assertThat(names(NegotiationChart.read(file, mapper).gap().get("series")))
        .containsExactly(
            "0.1 %", "day 0 admm, 10 households, cost", "day 0 admm, 100 households, weighted");
  }

  @Test
  void reportDrawsTheChartsWhenTheFileIsThere(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("negotiation.csv"),
        HEADER + "0,10,admm,cost,0,4.0,2.0,6.0,,,4.4,3.0,1.0,30,25200,0.1\n");
    String html = Files.readString(HtmlReport.write(dir));
    assertThat(html)
        .contains("Negotiation: gap to the central optimum by round (1 negotiated day)")
        .contains("Negotiation: primal and dual residuals by round");
  }

  private static List<String> names(JsonNode series) {
    List<String> names = new ArrayList<>();
    series.forEach(s -> names.add(s.get("name").asText()));
    return names;
  }
}
