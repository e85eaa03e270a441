package org.equigrid.agents.household;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * At most {@link #permits()} household joins in flight at once in this JVM: a household enters
 * before it sends its first join and leaves when the coordinator has answered it (accepted or
 * refused) or when the agent ends, so the joins reach the coordinator in waves of at most that many
 * and none is sent again for want of an answer. The others wait, first come, first served.
 *
 * <p>Without it, 10,000 households started at once sent 10,000 joins within seconds; answers slower
 * than the first retry wait (2 s) brought every join again, and the retries filled JADE's outbox
 * (45,731 pending messages). Bounding the joins in flight keeps the coordinator's inbound queue at
 * most {@link #permits()} joins per JVM; every join is still signed with the run key and checked by
 * the coordinator ({@code Admission}): the gate changes when a join is sent, not what it says.
 *
 * <p>A waiting agent waits on its own thread (it has nothing to do before it joins) and in slices
 * ({@link #tryEnter}), so that JADE can still stop it. A holder that never hears back (the
 * coordinator is gone) keeps retrying and keeps its permit: the run has no coordinator then anyway.
 */
final class JoinGate {

  /** Joins in flight at once per JVM. */
  static final int PERMITS = 64;

  private static final JoinGate SHARED = new JoinGate(PERMITS);

  private final int permits;
  private final Semaphore slots;

  /**
   * @param permits joins in flight at once, ≥ 1
   */
  JoinGate(int permits) {
    if (permits < 1) {
      throw new IllegalArgumentException(
          "Joins in flight at once (" + permits + ") must be >= 1. Maybe " + PERMITS + "?");
    }
    this.permits = permits;
    this.slots = new Semaphore(permits, true);
  }

  /** The gate every household agent of this JVM shares ({@value #PERMITS} joins in flight). */
  static JoinGate shared() {
    return SHARED;
  }

  /** Joins in flight at once. */
  int permits() {
    return permits;
  }

  /** Joins in flight now: entered and not yet left. */
  int inFlight() {
    return permits - slots.availablePermits();
  }

  /**
   * Enters when a place is free within {@code waitMillis}; says whether it did. An interrupted wait
   * does not enter and keeps the thread's interrupt status.
   */
  boolean tryEnter(long waitMillis) {
    try {
      return slots.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Leaves: the join of a household that entered has been answered (or the household ended). */
  void leave() {
    slots.release();
  }
}
