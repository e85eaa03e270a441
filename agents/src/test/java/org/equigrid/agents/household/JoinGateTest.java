package org.equigrid.agents.household;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The joins in flight: at most N entered and not left, a place freed lets the next one in. */
class JoinGateTest {

  /** Generous bound on every wait for a condition: a failure says what it saw, never hangs. */
  private static final long BOUND_MILLIS = 20_000;

  @Test
  void tryEnter_threePlaces_threeEnterTheFourthWaitsUntilOneLeaves() {
    JoinGate gate = new JoinGate(3);

    assertThat(gate.tryEnter(0)).isTrue();
    assertThat(gate.tryEnter(0)).isTrue();
    assertThat(gate.tryEnter(0)).isTrue();
    assertThat(gate.inFlight()).isEqualTo(3);
    assertThat(gate.tryEnter(0)).as("a fourth join while three are in flight").isFalse();

    gate.leave();

    assertThat(gate.inFlight()).isEqualTo(2);
    assertThat(gate.tryEnter(0)).as("the place the answered join freed").isTrue();
    assertThat(gate.inFlight()).isEqualTo(3);
  }

  @Test
  void tryEnter_waitingHousehold_entersWhenAnotherIsAnswered() throws Exception {
    JoinGate gate = new JoinGate(1);
    assertThat(gate.tryEnter(0)).isTrue();
    CountDownLatch waiting = new CountDownLatch(1);
    boolean[] entered = new boolean[1];
    Thread household =
        new Thread(
            () -> {
              waiting.countDown();
              entered[0] = gate.tryEnter(BOUND_MILLIS);
            });
    household.start();
    assertThat(waiting.await(BOUND_MILLIS, TimeUnit.MILLISECONDS)).isTrue();

    gate.leave();
    household.join(BOUND_MILLIS);

    assertThat(household.isAlive()).as("the waiting household still waits").isFalse();
    assertThat(entered[0]).isTrue();
    assertThat(gate.inFlight()).isEqualTo(1);
  }

  @Test
  void tryEnter_fortyHouseholdsFourPlaces_neverMoreThanFourInFlightAndAllJoin() throws Exception {
    JoinGate gate = new JoinGate(4);
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    AtomicInteger joined = new AtomicInteger();
    List<Thread> households = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Thread t =
          new Thread(
              () -> {
                if (gate.tryEnter(BOUND_MILLIS)) {
                  peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                  Thread.yield();
                  inFlight.decrementAndGet();
                  joined.incrementAndGet();
                  gate.leave();
                }
              });
      households.add(t);
      t.start();
    }
    for (Thread t : households) {
      t.join(BOUND_MILLIS);
    }

    assertThat(joined.get()).as("households that got a place").isEqualTo(40);
    assertThat(peak.get()).as("most joins in flight at once").isBetween(1, 4);
    assertThat(gate.inFlight()).isZero();
  }

  @Test
  void tryEnter_interrupted_doesNotEnterAndKeepsTheInterrupt() {
    JoinGate gate = new JoinGate(1);
    assertThat(gate.tryEnter(0)).isTrue();
    Thread.currentThread().interrupt();
    try {
      assertThat(gate.tryEnter(BOUND_MILLIS)).isFalse();
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(gate.inFlight()).isEqualTo(1);
  }

  @Test
  void new_noPlace_refusedNamingTheValue() {
    assertThatThrownBy(() -> new JoinGate(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(0) must be >= 1");
  }
}
