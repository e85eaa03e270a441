package org.equigrid.agents.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.equigrid.agents.household.JoinGate;
import org.junit.jupiter.api.Test;

/** Households started in waves: at most N joins in flight, and never a start waiting for ever. */
class JoinWavesTest {

  /** Generous bound on every wait: a failure says what it saw, never hangs. */
  private static final long BOUND_MILLIS = 20_000;

  @Test
  void start_twentyHouseholdsThreePlacesCoordinatorAnswering_allHoldAPlaceAtMostThreeInFlight()
      throws Exception {
    JoinGate gate = new JoinGate(3);
    BlockingQueue<String> joins = new LinkedBlockingQueue<>();
    List<String> answered = new ArrayList<>();
    // The coordinator: answers each join as it comes, which frees its household's place.
    Thread coordinator =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < 20; i++) {
                  String id = joins.poll(BOUND_MILLIS, TimeUnit.MILLISECONDS);
                  if (id == null) {
                    return;
                  }
                  synchronized (answered) {
                    answered.add(id);
                  }
                  gate.leave();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    coordinator.start();
    List<String> households = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      households.add(String.format("h%02d", i));
    }
    List<String> started = new ArrayList<>();
    AtomicInteger peak = new AtomicInteger();
    AtomicInteger withPlace = new AtomicInteger();

    int withoutPlace =
        JoinWaves.start(
            households,
            gate,
            BOUND_MILLIS,
            (id, place) -> {
              started.add(id);
              peak.accumulateAndGet(gate.inFlight(), Math::max);
              if (place) {
                withPlace.incrementAndGet();
              }
              joins.add(id);
            });
    coordinator.join(BOUND_MILLIS);

    assertThat(withoutPlace).isZero();
    assertThat(withPlace.get()).isEqualTo(20);
    assertThat(started).as("started in order").isEqualTo(households);
    assertThat(peak.get()).as("most joins in flight at once").isBetween(1, 3);
    assertThat(answered).as("joins the coordinator answered").hasSize(20);
    assertThat(gate.inFlight()).isZero();
  }

  @Test
  void start_noJoinAnswered_firstTwoHoldThePlacesTheRestStartWithout() {
    JoinGate gate = new JoinGate(2);
    List<String> started = new ArrayList<>();

    int withoutPlace =
        JoinWaves.start(
            List.of("h1", "h2", "h3", "h4", "h5"),
            gate,
            0,
            (id, place) -> started.add(id + (place ? " with a place" : " without")));

    assertThat(withoutPlace).isEqualTo(3);
    assertThat(started)
        .containsExactly(
            "h1 with a place", "h2 with a place", "h3 without", "h4 without", "h5 without");
    assertThat(gate.inFlight()).isEqualTo(2);
  }

  @Test
  void start_noHouseholds_startsNone() {
    assertThat(JoinWaves.start(List.<String>of(), new JoinGate(1), 0, (id, place) -> {})).isZero();
  }
}
