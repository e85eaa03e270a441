package org.equigrid.agents.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceSummaryTest {

  private static TraceEvent event(
      int day,
      int round,
      String direction,
      String agent,
      String from,
      String to,
      String performative,
      String phase,
      long nanos) {
    return new TraceEvent(
        day,
        round,
        phase,
        direction,
        agent,
        from,
        to,
        performative,
        "day-" + day,
        "X",
        10,
        0,
        nanos);
  }

  @Test
  void read_writtenTrace_countsSentMessagesRoundsAndLatency(@TempDir Path dir) throws Exception {
    try (TraceWriter writer = TraceWriter.inDirectory(dir)) {
      // day 0, two rounds; h1 answers round 0 after 2 ms and round 1 after 4 ms
      writer.onMessage(
          event(0, 0, "sent", "coordinator", "coordinator", "h1", "CFP", "bid", 1_000_000), null);
      writer.onMessage(
          event(0, 0, "received", "h1", "coordinator", "h1", "CFP", "bid", 1_500_000), null);
      writer.onMessage(
          event(0, 0, "sent", "h1", "h1", "coordinator", "PROPOSE", "bid", 2_000_000), null);
      writer.onMessage(
          event(0, 0, "received", "coordinator", "h1", "coordinator", "PROPOSE", "bid", 3_000_000),
          null);
      writer.onMessage(
          event(0, 1, "sent", "coordinator", "coordinator", "h1", "CFP", "round", 10_000_000),
          null);
      writer.onMessage(
          event(
              0, 1, "received", "coordinator", "h1", "coordinator", "PROPOSE", "round", 14_000_000),
          null);
      writer.onMessage(
          event(1, 0, "sent", "coordinator", "coordinator", "h1", "CFP", "bid", 20_000_000), null);
    }
    assertThat(Files.readAllLines(dir.resolve(TraceWriter.FILE_NAME)).get(0))
        .startsWith("{\"day\":0,\"round\":0,\"phase\":\"bid\",\"direction\":\"sent\"");

    TraceSummary s = TraceSummary.read(dir);

    assertThat(s.messages()).isEqualTo(4);
    assertThat(s.bytes()).isEqualTo(40);
    assertThat(s.byPerformative()).containsExactly(Map.entry("CFP", 3L), Map.entry("PROPOSE", 1L));
    assertThat(s.byPhase()).containsExactly(Map.entry("bid", 3L), Map.entry("round", 1L));
    assertThat(s.roundsByDay()).containsExactly(Map.entry(0, 2), Map.entry(1, 1));
    assertThat(s.bidLatencyCount()).isEqualTo(2);
    assertThat(s.meanBidLatencyMillis()).isCloseTo(3.0, within(1e-9));
    assertThat(s.maxBidLatencyMillis()).isCloseTo(4.0, within(1e-9));
    assertThat(s.render()).contains("messages 4 (40 bytes)").contains("day    0 rounds 2");
  }

  @Test
  void narrator_coordinatorEventsOnly_oneLinePerEvent() {
    StringBuilder out = new StringBuilder();
    Narrator narrator = new Narrator(out, "coordinator");
    TraceEvent rejection =
        new TraceEvent(
            2,
            0,
            "award",
            "sent",
            "coordinator",
            "coordinator",
            "h1",
            "REJECT-PROPOSAL",
            "day-2",
            "Rejection",
            10,
            2 * 86_400 + 3_600,
            0);
    narrator.onMessage(rejection, new Message.Rejection(2, "late"));
    narrator.onMessage(
        new TraceEvent(
            2,
            0,
            "award",
            "received",
            "h1",
            "coordinator",
            "h1",
            "REJECT-PROPOSAL",
            "day-2",
            "Rejection",
            10,
            0,
            0),
        new Message.Rejection(2, "late"));
    narrator.onNote(2, 2 * 86_400 + 7_200, "h3 is standalone today");

    assertThat(out.toString().lines())
        .containsExactly(
            "[day 2 01:00] coordinator -> h1: rejected: late",
            "[day 2 02:00] h3 is standalone today");
  }
}
