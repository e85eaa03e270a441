package org.equigrid.agents.household;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The household solve gate: at most N at once, first come first served, never stuck. */
class SolveGateTest {

  /** Generous bound on every wait for a condition: a failure prints what it saw, never hangs. */
  private static final long BOUND_MILLIS = 20_000;

  /** Waits (bounded) until {@code condition} holds; fails with {@code saw} otherwise. */
  private static void await(BooleanSupplier condition, Supplier<String> saw)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("Gave up after " + BOUND_MILLIS + " ms; saw " + saw.get());
      }
      Thread.sleep(1);
    }
  }

  @Test
  void solve_sixCallersTwoSlots_atMostTwoRunAtOnceAndAllFinish() throws Exception {
    SolveGate gate = new SolveGate(2, SolveGate.MAX_WAIT_MILLIS);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      int id = i;
      Thread t =
          new Thread(
              () -> {
                int answer =
                    gate.solve(
                        () -> {
                          peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                          try {
                            release.await(BOUND_MILLIS, TimeUnit.MILLISECONDS);
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                          running.decrementAndGet();
                          return id * 10;
                        });
                if (answer == id * 10) {
                  done.incrementAndGet();
                }
              });
      threads.add(t);
      t.start();
    }
    Supplier<String> saw =
        () ->
            "running="
                + running.get()
                + " peak="
                + peak.get()
                + " waiting="
                + gate.waiting()
                + " done="
                + done.get();
    await(() -> running.get() == 2 && gate.waiting() == 4, saw);
    assertThat(peak.get()).as(saw.get()).isEqualTo(2);
    release.countDown();
    for (Thread t : threads) {
      t.join(BOUND_MILLIS);
    }
    assertThat(done.get()).as(saw.get()).isEqualTo(6);
    assertThat(peak.get()).as(saw.get()).isEqualTo(2);
    assertThat(gate.overLimit()).isZero();
  }

  @Test
  void solve_queuedCallers_runInArrivalOrder() throws Exception {
    SolveGate gate = new SolveGate(1, SolveGate.MAX_WAIT_MILLIS);
    ConcurrentLinkedQueue<Integer> order = new ConcurrentLinkedQueue<>();
    CountDownLatch holderIn = new CountDownLatch(1);
    CountDownLatch releaseHolder = new CountDownLatch(1);
    Thread holder =
        new Thread(
            () ->
                gate.solve(
                    () -> {
                      holderIn.countDown();
                      try {
                        releaseHolder.await(BOUND_MILLIS, TimeUnit.MILLISECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return 0;
                    }));
    holder.start();
    assertThat(holderIn.await(BOUND_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
    List<Thread> queued = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      int id = i;
      Thread t = new Thread(() -> gate.solve(() -> order.add(id)));
      queued.add(t);
      t.start();
      // The next caller starts only once this one is in the queue: arrival order is 1, 2, 3, 4.
      await(() -> gate.waiting() == id, () -> "waiting=" + gate.waiting() + " for caller " + id);
    }
    releaseHolder.countDown();
    holder.join(BOUND_MILLIS);
    for (Thread t : queued) {
      t.join(BOUND_MILLIS);
    }
    assertThat(order).containsExactly(1, 2, 3, 4);
  }

  @Test
  void solve_nestedOnTheSameThread_runsAtOnceWithoutASecondSlot() {
    SolveGate gate = new SolveGate(1, SolveGate.MAX_WAIT_MILLIS);
    int answer = gate.solve(() -> gate.solve(() -> 7) + 1);
    assertThat(answer).isEqualTo(8);
    assertThat(gate.overLimit()).isZero();
  }

  @Test
  void solve_noSlotWithinTheBound_runsOverTheLimitAndCountsIt() throws Exception {
    SolveGate gate = new SolveGate(1, 1);
    CountDownLatch holderIn = new CountDownLatch(1);
    CountDownLatch releaseHolder = new CountDownLatch(1);
    Thread holder =
        new Thread(
            () ->
                gate.solve(
                    () -> {
                      holderIn.countDown();
                      try {
                        releaseHolder.await(BOUND_MILLIS, TimeUnit.MILLISECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return 0;
                    }));
    holder.start();
    try {
      assertThat(holderIn.await(BOUND_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
      assertThat(gate.solve(() -> 5)).isEqualTo(5);
      assertThat(gate.overLimit()).isEqualTo(1);
    } finally {
      releaseHolder.countDown();
      holder.join(BOUND_MILLIS);
    }
    // The slot is free again: the next solve takes it and is not over the limit.
    assertThat(gate.solve(() -> 6)).isEqualTo(6);
    assertThat(gate.overLimit()).isEqualTo(1);
  }

  @Test
  void solve_solveThrows_freesTheSlot() {
    SolveGate gate = new SolveGate(1, 1);
    assertThatThrownBy(
            () ->
                gate.solve(
                    () -> {
                      throw new IllegalStateException("infeasible");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(gate.solve(() -> 3)).isEqualTo(3);
    assertThat(gate.overLimit()).isZero();
  }

  @Test
  void permitsFrom_unsetBlankOrNumber_andBadValuesNamed() {
    assertThat(SolveGate.permitsFrom(null, 4)).isEqualTo(4);
    assertThat(SolveGate.permitsFrom(" ", 4)).isEqualTo(4);
    assertThat(SolveGate.permitsFrom("3", 4)).isEqualTo(3);
    assertThatThrownBy(() -> SolveGate.permitsFrom("0", 4))
        .hasMessageContaining(SolveGate.PROPERTY)
        .hasMessageContaining("(0)")
        .hasMessageContaining(">= 1");
    assertThatThrownBy(() -> SolveGate.permitsFrom("many", 4))
        .hasMessageContaining("(many)")
        .hasMessageContaining("Maybe 4");
    assertThatThrownBy(() -> new SolveGate(0, 1)).hasMessageContaining("(0)");
  }
}
