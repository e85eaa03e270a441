package org.equigrid.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.equigrid.agents.platform.ScenarioRun.Standalone;
import org.junit.jupiter.api.Test;

/** The standalone households a run prints: one line each, or a count where many share a reason. */
class AgentRunnerStandaloneLinesTest {

  private static final String NOT_JOINED = "it had not joined when the day started";

  @Test
  void standaloneLines_fewHouseholds_oneLineEach() {
    List<String> lines =
        AgentRunner.standaloneLines(
            List.of(
                new Standalone(0, "h001", "no answer before the deadline"),
                new Standalone(1, "h002", NOT_JOINED)));

    assertThat(lines)
        .containsExactly(
            "  day 0: h001 standalone (no answer before the deadline)",
            "  day 1: h002 standalone (" + NOT_JOINED + ")");
  }

  @Test
  void standaloneLines_9869NotJoined_oneLineCountingThemAndOthersOneEach() {
    List<Standalone> rows = new ArrayList<>();
    for (int i = 132; i <= 10_000; i++) {
      rows.add(new Standalone(0, String.format("h%04d", i), NOT_JOINED));
    }
    rows.add(new Standalone(0, "h0007", "no answer before the deadline"));

    List<String> lines = AgentRunner.standaloneLines(rows);

    assertThat(lines)
        .containsExactly(
            "  day 0: 9,869 households standalone ("
                + NOT_JOINED
                + "): h0132, h0133, h0134, h0135, h0136, h0137, h0138, h0139, h0140, h0141, …"
                + " (first 10 of 9,869)",
            "  day 0: h0007 standalone (no answer before the deadline)");
  }

  @Test
  void standaloneLines_elevenOnTwoDays_countedPerDay() {
    List<Standalone> rows = new ArrayList<>();
    for (int day = 0; day < 2; day++) {
      for (int i = 1; i <= 11; i++) {
        rows.add(new Standalone(day, String.format("h%02d", i), NOT_JOINED));
      }
    }

    List<String> lines = AgentRunner.standaloneLines(rows);

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .startsWith("  day 0: 11 households standalone")
        .endsWith("(first 10 of 11)");
    assertThat(lines.get(1)).startsWith("  day 1: 11 households standalone");
  }
}
