package org.equigrid.agents.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every message of the negotiation protocols gets a sentence (none may throw). */
class NarratorTest {

  private static TraceEvent event(String performative) {
    return new TraceEvent(
        0, 2, "round", "in", "coordinator", "h001", "coordinator", performative, "c", "t", 0, 0, 0);
  }

  @Test
  void idleNetLoad_sumsTheDay() {
    assertThat(
            Narrator.describe(
                event("INFORM"),
                new Message.IdleNetLoad("h001", 0, new double[] {1.5, -0.5, 2}, "truthful")))
        .isEqualTo("net load without trading 3.0 kWh over the day");
  }

  @Test
  void problem_namesThePerformativeAndReason() {
    assertThat(Narrator.describe(event("NOT_UNDERSTOOD"), new Message.Problem("bad bid")))
        .isEqualTo("not understood: bad bid");
  }
}
