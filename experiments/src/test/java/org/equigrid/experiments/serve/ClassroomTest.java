package org.equigrid.experiments.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Arrays;
import java.util.Map;
import org.equigrid.agents.household.Forecast;
import org.equigrid.agents.protocol.Message.BatterySpec;
import org.equigrid.config.Scenario;
import org.equigrid.config.ScenarioReader;
import org.equigrid.experiments.cli.ScenarioOptions;
import org.junit.jupiter.api.Test;

class ClassroomTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static Scenario quickstart() throws Exception {
    return ScenarioReader.read(ScenarioOptions.resolve("quickstart"), Map.of("horizon.days", "1"));
  }

  @Test
  void studentBid_scalesEveningAndOtherHoursAndCanHideTheBattery() {
    double[] load = new double[24];
    Arrays.fill(load, 2.0);
    double[] pv = new double[24];
    pv[12] = 3.0;
    BatterySpec battery = new BatterySpec(8, 4, 0.95, 0.95, 0.8, 8);
    Forecast bid =
        new StudentBid(0.5, 1.5, false).reveal(new Forecast(load, pv, battery, null), 0, 1.0);
    assertThat(bid.loadKwh()[16]).isEqualTo(1.0); // 16 h: 2 × 0.5
    assertThat(bid.loadKwh()[17]).isEqualTo(3.0); // 17 h: 2 × 1.5
    assertThat(bid.loadKwh()[20]).isEqualTo(3.0);
    assertThat(bid.loadKwh()[21]).isEqualTo(1.0);
    assertThat(bid.pvKwh()[12]).isEqualTo(3.0);
    assertThat(bid.battery()).isNull();
    assertThat(
            StudentBid.truthfulBid()
                .reveal(new Forecast(load, pv, battery, null), 0, 1.0)
                .battery())
        .isEqualTo(battery);
  }

  @Test
  void studentBid_halfHourIntervals_eveningByStartHour() {
    double[] load = new double[48];
    Arrays.fill(load, 1.0);
    Forecast bid =
        new StudentBid(1, 2, true).reveal(new Forecast(load, new double[48], null, null), 0, 0.5);
    assertThat(bid.loadKwh()[33]).isEqualTo(1.0); // 16:30
    assertThat(bid.loadKwh()[34]).isEqualTo(2.0); // 17:00
    assertThat(bid.loadKwh()[41]).isEqualTo(2.0); // 20:30
    assertThat(bid.loadKwh()[42]).isEqualTo(1.0); // 21:00
  }

  @Test
  void ranking_billMinusTruthfulBill_lowestFirst() throws Exception {
    Scenario scenario = quickstart();
    Classroom classroom = new Classroom(scenario, 2);
    String token = classroom.claim("h002").get("token");
    classroom.bid(token, "h002", new StudentBid(1, 1.5, true));
    classroom.open(60, 0);
    assertThat(classroom.close()).containsOnlyKeys("h002");
    classroom.finished(
        Map.of("h001", 1.0, "h002", 3.0, "h003", 2.0),
        Map.of("h001", 2.0, "h002", 2.5, "h003", 2.0),
        MAPPER);
    ArrayNode ranking = (ArrayNode) classroom.state(0, MAPPER).get("ranking");
    assertThat(ranking).hasSize(3);
    assertThat(ranking.get(0).get("household").asText()).isEqualTo("h001");
    assertThat(ranking.get(0).get("differenceEur").asDouble()).isEqualTo(-1.0);
    assertThat(ranking.get(0).get("player").asText()).isEqualTo("nobody (truthful)");
    assertThat(ranking.get(1).get("household").asText()).isEqualTo("h003");
    assertThat(ranking.get(2).get("household").asText()).isEqualTo("h002");
    assertThat(ranking.get(2).get("differenceEur").asDouble()).isEqualTo(0.5);
    assertThat(ranking.get(2).get("strategy").asText()).isEqualTo("student(load 1.0, evening 1.5)");
    assertThat(ranking.get(2).get("rank").asInt()).isEqualTo(3);
  }

  @Test
  void bidding_closedAfterTheDeadlineAndWhileRunning() throws Exception {
    Classroom classroom = new Classroom(quickstart(), 1);
    String token = classroom.claim(null).get("token");
    classroom.open(10, 1_000);
    assertThat(classroom.deadlinePassed(10_999)).isFalse();
    assertThat(classroom.deadlinePassed(11_000)).isTrue();
    classroom.close();
    assertThatThrownBy(() -> classroom.bid(token, "h001", StudentBid.truthfulBid()))
        .isInstanceOf(ApiException.class)
        .hasMessage(String.format(Classroom.CLOSED, "running"));
    assertThat(classroom.close()).isNull();
  }

  @Test
  void tokens_areLongAndDistinct() {
    assertThat(Classroom.newToken())
        .hasSize(32)
        .isNotEqualTo(Classroom.newToken())
        .matches("[A-Za-z0-9_-]+");
  }
}
