package org.equigrid.experiments.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.equigrid.agents.protocol.Message;
import org.equigrid.agents.protocol.TraceEvent;
import org.junit.jupiter.api.Test;

class MessageLogTest {

  private static TraceEvent event(
      String agent,
      String direction,
      String sender,
      String receiver,
      String performative,
      Message content) {
    return new TraceEvent(
        0,
        0,
        TraceEvent.phaseOf(content),
        direction,
        agent,
        sender,
        receiver,
        performative,
        "c",
        content.getClass().getSimpleName(),
        10,
        3600,
        0);
  }

  @Test
  void recordsEachMessageOnceAsTheCoordinatorSawIt_withTheHouseholdsDay() {
    MessageLog log = new MessageLog();
    Message.Bid bid =
        new Message.Bid(
            "h1",
            0,
            new double[] {1, 2},
            new double[] {0, 3},
            2.0,
            null,
            0,
            null,
            List.of(),
            17,
            10,
            null,
            null,
            "truthful");
    log.onMessage(
        event("h1", TraceEvent.SENT, "h1", "coordinator", "PROPOSE", bid),
        bid); // the household's copy
    log.onMessage(
        event("coordinator", TraceEvent.RECEIVED, "h1", "coordinator", "PROPOSE", bid), bid);
    Message.Schedule schedule =
        new Message.Schedule(
            new double[] {1, 0},
            new double[] {0, 1},
            new double[2],
            new double[2],
            new double[2],
            new double[2],
            new double[2]);
    Message.Acceptance award = new Message.Acceptance(0, schedule, new double[] {0.2, 0.2});
    log.onMessage(
        event("coordinator", TraceEvent.SENT, "coordinator", "h1", "ACCEPT-PROPOSAL", award),
        award);
    Message.SettlementInform inform =
        new Message.SettlementInform(0, "h1", 0.5, 1.0, 0.25, 0.75, "h1 pays 0.75 EUR.");
    log.onMessage(
        event("coordinator", TraceEvent.SENT, "coordinator", "h1", "INFORM", inform), inform);
    log.onNote(0, 3700, "cleared: 1 settled, 0 standalone");

    assertThat(log.size()).isEqualTo(4);
    List<MessageLog.Entry> entries = log.entries(0, 10, "h1");
    assertThat(entries)
        .extracting(MessageLog.Entry::performative)
        .containsExactly("PROPOSE", "ACCEPT-PROPOSAL", "INFORM");
    assertThat(entries.get(0).text()).contains("bids 3.0 kWh load, 3.0 kWh PV");
    assertThat(entries.get(2).billEur()).isEqualTo(0.75);
    assertThat(log.entries(0, 10, null)).hasSize(4);
    assertThat(log.entries(3, 10, null).get(0).performative()).isEqualTo("NOTE");

    Map<Integer, Map<String, Object>> day = log.household("h1");
    assertThat(day.get(0)).containsKeys("bid", "schedule", "poolPriceEurPerKwh", "settlement");
    assertThat(day.get(0).get("schedule")).isSameAs(schedule);
    assertThat(log.household("h2")).isEmpty();
  }
}
