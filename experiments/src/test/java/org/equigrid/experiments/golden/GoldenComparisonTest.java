package org.equigrid.experiments.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparison behind {@link GoldenResultsIT}: it must see a real difference and only that. */
class GoldenComparisonTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void close_withinRelativeOrAbsoluteTolerance_agrees() {
    assertThat(GoldenResultsIT.close(100.0, 100.0 + 5e-5)).isTrue(); // 5e-7 relative
    assertThat(GoldenResultsIT.close(0.0, 1e-6)).isTrue(); // one unit of the 6th decimal
    assertThat(GoldenResultsIT.close(100.0, 100.0 + 2e-4)).isFalse(); // 2e-6 relative
    assertThat(GoldenResultsIT.close(0.0, 3e-6)).isFalse();
    assertThat(GoldenResultsIT.close(Double.NaN, Double.NaN)).isTrue();
    assertThat(GoldenResultsIT.close(Double.NaN, 0.0)).isFalse();
  }

  @Test
  void compareJson_numberMovedKeyAddedTextChanged_listsEachWithItsPath() throws Exception {
    JsonNode golden =
        JSON.readTree(
            "{\"totals\":{\"gainEur\":7.55,\"gini\":0.2},\"days\":[{\"status\":\"OPTIMAL\"}]}");
    JsonNode actual =
        JSON.readTree(
            "{\"totals\":{\"gainEur\":7.56,\"gini\":0.2,\"newKey\":1},\"days\":[{\"status\":\"FEASIBLE\"}]}");
    List<String> differences = new ArrayList<>();

    GoldenResultsIT.compareJson(golden, actual, "", differences);

    assertThat(differences)
        .containsExactlyInAnyOrder(
            "/totals/gainEur: 7.55 -> 7.56 (relative 1.32e-03)",
            "/totals/newKey: (absent) -> 1",
            "/days/0/status: OPTIMAL -> FEASIBLE");
  }

  @Test
  void compareJson_machineKeysOnly_agree() throws Exception {
    JsonNode golden =
        JSON.readTree("{\"scenarioFile\":\"/a/q.yaml\",\"equigridVersion\":\"0.1\",\"x\":1}");
    JsonNode actual =
        JSON.readTree("{\"scenarioFile\":\"/b/q.yaml\",\"equigridVersion\":\"0.2\",\"x\":1}");
    List<String> differences = new ArrayList<>();

    GoldenResultsIT.compareJson(golden, actual, "", differences);

    assertThat(differences).isEmpty();
  }

  @Test
  void compareCsv_oneCellOutOfTolerance_namesRowHouseholdAndColumn() {
    List<String> golden =
        List.of("day,household,group,billEur", "0,h001,LOW,1.000000", "0,h002,HIGH,2.5");
    List<String> actual =
        List.of("day,household,group,billEur", "0,h001,LOW,1.0000005", "0,h002,HIGH,2.6");
    List<String> differences = new ArrayList<>();

    GoldenResultsIT.compareCsv(golden, actual, differences);

    assertThat(differences)
        .containsExactly("households.csv row 2 (day 0, h002) billEur: 2.5 -> 2.6");
  }

  @Test
  void compareCsv_textOrEmptyCellChangedOrRowMissing_isADifference() {
    List<String> golden = List.of("day,household,group,shareEur", "0,h001,LOW,", "0,h002,HIGH,1");
    List<String> actual = List.of("day,household,group,shareEur", "0,h001,MIDDLE,0");
    List<String> differences = new ArrayList<>();

    GoldenResultsIT.compareCsv(golden, actual, differences);

    assertThat(differences)
        .containsExactly(
            "households.csv: 2 rows -> 1",
            "households.csv row 1 (day 0, h001) group: LOW -> MIDDLE",
            "households.csv row 1 (day 0, h001) shareEur:  -> 0");
  }
}
