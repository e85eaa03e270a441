package org.equigrid.agents.household;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * At most {@link #permits()} household solves at once in this JVM (the Choco schedule of the
 * tâtonnement, the LP/MILP answers of ADMM and decomposition), the others queued first come, first
 * served.
 *
 * <p>JADE runs every agent on its own thread, so when the coordinator calls all households at once
 * every household used to solve at once: at 10,000 households the load average reached 60–90 on a
 * few cores, and each solve took as long as all of them. The gate bounds that to {@value #PROPERTY}
 * solves (a JVM system property; default the available processors), so the cores run the solves one
 * after another instead of switching between thousands.
 *
 * <p><b>Why the agent's thread waits for a slot</b> (rather than handing the solve to a bounded
 * executor and replying from there): the agent's state (its solver, schedules by round, the message
 * sequence it signs with) is then touched by its own thread only, as JADE expects, and the agent
 * has nothing else to do while its answer is pending; its next messages queue in its mailbox as
 * they did while it solved. Every solve is finite and takes no other slot (a solve on a thread that
 * already holds one runs at once), so the first-come-first-served queue always moves. The wait is
 * nevertheless bounded: after {@link #maxWaitMillis()} without a slot (coordinator messages carry
 * no reply-by date; the bound is the longest any reply timeout is set to in practice) the solve
 * runs over the limit, is counted in {@link #overLimit()} and logged, so an agent is never blocked
 * for ever.
 *
 * <p><b>Answers do not change.</b> Each household's solve is deterministic in its inputs; the gate
 * changes only when it runs, never what it computes, so results are byte-identical whatever the
 * number of slots.
 */
final class SolveGate {

  /** The JVM system property giving the solves at once (a whole number ≥ 1). */
  static final String PROPERTY = "equigrid.household.solves";

  /** The longest wait for a slot before a solve runs over the limit, in ms (5 minutes). */
  static final long MAX_WAIT_MILLIS = 300_000;

  private static final Logger LOG = LogManager.getLogger();

  private static volatile SolveGate shared;

  private final int permits;
  private final long maxWaitMillis;
  private final Semaphore slots;
  private final ThreadLocal<Boolean> holding = ThreadLocal.withInitial(() -> Boolean.FALSE);
  private final AtomicLong overLimit = new AtomicLong();

  /**
   * A gate of {@code permits} slots, fair (first come, first served).
   *
   * @param permits solves at once, ≥ 1
   * @param maxWaitMillis the longest wait for a slot before a solve runs over the limit, ≥ 0
   */
  SolveGate(int permits, long maxWaitMillis) {
    if (permits < 1) {
      throw new IllegalArgumentException(
          "Household solves at once (" + permits + ") must be >= 1. Maybe 1?");
    }
    if (maxWaitMillis < 0) {
      throw new IllegalArgumentException(
          "The longest wait for a solve slot (" + maxWaitMillis + " ms) must be >= 0.");
    }
    this.permits = permits;
    this.maxWaitMillis = maxWaitMillis;
    this.slots = new Semaphore(permits, true);
  }

  /**
   * The gate every household agent of this JVM shares: {@value #PROPERTY} slots, or the available
   * processors when the property is not set.
   *
   * @throws IllegalArgumentException if the property is set to anything but a whole number ≥ 1
   */
  static SolveGate shared() {
    SolveGate gate = shared;
    if (gate == null) {
      synchronized (SolveGate.class) {
        gate = shared;
        if (gate == null) {
          gate =
              new SolveGate(
                  permitsFrom(
                      System.getProperty(PROPERTY), Runtime.getRuntime().availableProcessors()),
                  MAX_WAIT_MILLIS);
          shared = gate;
        }
      }
    }
    return gate;
  }

  /**
   * The slots a value of {@value #PROPERTY} asks for: {@code processors} when it is null or blank.
   *
   * @throws IllegalArgumentException if {@code value} is not a whole number ≥ 1, naming it
   */
  static int permitsFrom(String value, int processors) {
    if (value == null || value.isBlank()) {
      return processors;
    }
    int permits;
    try {
      permits = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      permits = 0;
    }
    if (permits < 1) {
      throw new IllegalArgumentException(
          "System property "
              + PROPERTY
              + " ("
              + value
              + ") must be a whole number >= 1 (household solves at once in this JVM). Maybe "
              + processors
              + " (the available processors)?");
    }
    return permits;
  }

  /** Solves at once. */
  int permits() {
    return permits;
  }

  /** The longest wait for a slot before a solve runs over the limit, in ms. */
  long maxWaitMillis() {
    return maxWaitMillis;
  }

  /** Solves that found no slot within {@link #maxWaitMillis()} and ran over the limit. */
  long overLimit() {
    return overLimit.get();
  }

  /** Threads waiting for a slot now (an estimate, as {@link Semaphore#getQueueLength()}). */
  int waiting() {
    return slots.getQueueLength();
  }

  /**
   * Runs {@code solve} on this thread once a slot is free (at once if this thread holds one) and
   * returns its answer; its exceptions pass through and free the slot.
   */
  <T> T solve(Supplier<T> solve) {
    if (holding.get()) {
      return solve.get();
    }
    boolean acquired;
    try {
      acquired = slots.tryAcquire(maxWaitMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      acquired = false;
    }
    if (!acquired) {
      long n = overLimit.incrementAndGet();
      LOG.warn(
          "{}: no household solve slot of {} within {} ms; solving over the limit ({} so far)",
          Thread.currentThread().getName(),
          permits,
          maxWaitMillis,
          n);
    }
    holding.set(Boolean.TRUE);
    try {
      return solve.get();
    } finally {
      holding.set(Boolean.FALSE);
      if (acquired) {
        slots.release();
      }
    }
  }
}
