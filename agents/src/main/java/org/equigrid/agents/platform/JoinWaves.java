package org.equigrid.agents.platform;

import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.agents.household.JoinGate;

/**
 * Starts household agents in waves: each start waits for a place among the joins in flight ({@link
 * JoinGate}), which the household frees when the coordinator has answered its join. When no place
 * frees within the idle wait (no join answered for that long: the coordinator is gone or stuck),
 * the remaining households start at once without a place, as they all did before, so a start never
 * waits for ever.
 */
final class JoinWaves {

  private static final Logger LOG = LogManager.getLogger();

  private JoinWaves() {}

  /**
   * Starts every one of {@code starts} in order, each told whether it holds a place of {@code
   * gate}.
   *
   * @param idleMillis the longest wait for one place (the join timeout)
   * @return how many started without a place (0 when the waves ran to the end)
   */
  static <T> int start(List<T> starts, JoinGate gate, long idleMillis, StartAgent<T> start) {
    int withoutPlace = 0;
    for (int i = 0; i < starts.size(); i++) {
      boolean place = withoutPlace == 0 && gate.tryEnter(idleMillis);
      if (!place && withoutPlace == 0) {
        LOG.warn(
            "no household join was answered for {} ms with {} in flight; starting the remaining {}"
                + " households without waiting",
            idleMillis,
            gate.inFlight(),
            starts.size() - i);
      }
      if (!place) {
        withoutPlace++;
      }
      start.start(starts.get(i), place);
    }
    return withoutPlace;
  }

  /** Starts one agent; {@code holdsPlace}: a place of the gate was entered for it. */
  @FunctionalInterface
  interface StartAgent<T> {
    void start(T agent, boolean holdsPlace);
  }
}
