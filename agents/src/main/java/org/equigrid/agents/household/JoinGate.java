package org.equigrid.agents.household;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * At most {@link #permits()} household joins in flight at once: whoever starts a household enters
 * the gate for it ({@link #tryEnter}) and the household leaves it when the coordinator has answered
 * its join, accepted or refused, or when it ends ({@link ParticipantAgent#holdingJoinPlace}). The
 * households thus start and join in waves of at most that many, and none sends its join again for
 * want of an answer.
 *
 * <p>Without it, 10,000 households started at once sent 10,000 joins within seconds; answers slower
 * than the first retry wait (2 s) brought every join again, and the retries filled JADE's outbox.
 * Bounding the joins in flight keeps the coordinator's inbound queue at most {@link #permits()}
 * joins per starter, and a household not yet started has no thread. Every join is still signed with
 * the run key and checked by the coordinator ({@code Admission}): the gate changes when a join is
 * sent, not what it says.
 */
public final class JoinGate {

  /** Joins in flight at once per starter (a platform's households, a second JVM's). */
  public static final int PERMITS = 64;

  private final int permits;
  private final Semaphore slots;

  /**
   * @param permits joins in flight at once, ≥ 1
   */
  public JoinGate(int permits) {
    if (permits < 1) {
      throw new IllegalArgumentException(
          "Joins in flight at once (" + permits + ") must be >= 1. Maybe " + PERMITS + "?");
    }
    this.permits = permits;
    this.slots = new Semaphore(permits, true);
  }

  /** Joins in flight at once. */
  public int permits() {
    return permits;
  }

  /** Joins in flight now: entered and not yet left. */
  public int inFlight() {
    return permits - slots.availablePermits();
  }

  /**
   * Enters when a place is free within {@code waitMillis}; says whether it did. An interrupted wait
   * does not enter and keeps the thread's interrupt status.
   */
  public boolean tryEnter(long waitMillis) {
    try {
      return slots.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Leaves: the join of a household that entered has been answered (or the household ended). */
  public void leave() {
    slots.release();
  }
}
