package org.equigrid.agents.platform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Who has joined an {@link AgentPlatform}'s coordinator and who has confirmed each day's
 * settlement, with the waits on both (one monitor: the coordinator's thread records, the caller's
 * thread waits).
 */
final class JoinRegistry {

  private static final Logger LOG = LogManager.getLogger(AgentPlatform.class);

  private final long joinTimeoutMillis;

  /** {@code host:port} the households reach (for the message of a join that never comes). */
  private final String address;

  private final Set<String> joined = new TreeSet<>();

  /**
   * The households in the order they joined (the waits read only the ones new since they last
   * looked).
   */
  private final List<String> joinOrder = new ArrayList<>();

  private long lastJoinNanos = System.nanoTime();
  private final Map<Integer, Set<String>> receipts = new HashMap<>();

  JoinRegistry(long joinTimeoutMillis, String address) {
    this.joinTimeoutMillis = joinTimeoutMillis;
    this.address = address;
  }

  /** A household confirmed its settlement of {@code day} to the coordinator. */
  synchronized void receipt(int day, String householdId) {
    receipts.computeIfAbsent(day, d -> new HashSet<>()).add(householdId);
    notifyAll();
  }

  /**
   * Waits up to {@code timeoutMillis} until these households confirmed their settlement of {@code
   * day} to the coordinator; returns those that did not.
   */
  synchronized Set<String> awaitReceipts(int day, Collection<String> ids, long timeoutMillis)
      throws InterruptedException {
    long end = System.nanoTime() + timeoutMillis * 1_000_000L;
    while (true) {
      Set<String> missing = new TreeSet<>(ids);
      missing.removeAll(receipts.getOrDefault(day, Set.of()));
      long left = (end - System.nanoTime()) / 1_000_000L;
      if (missing.isEmpty() || left <= 0) {
        return missing;
      }
      wait(left);
    }
  }

  /**
   * After day {@code day}: waits for the CONFIRM of the local households (up to {@code
   * localWaitMillis}), then of those of other containers (up to {@code remoteWaitMillis}), and
   * warns of those that did not confirm.
   */
  void awaitConfirms(
      int day, List<String> local, long localWaitMillis, List<String> remote, long remoteWaitMillis)
      throws InterruptedException {
    // A local household records its bill before its CONFIRM reaches the coordinator: wait for the
    // coordinator to receive it too, so that the trace and the observers (the live view) hold every
    // CONFIRM before the platform can be closed after the last day.
    Set<String> unreceived = awaitReceipts(day, local, localWaitMillis);
    if (!unreceived.isEmpty()) {
      LOG.warn(
          "day {}: the coordinator did not receive the CONFIRM of {} local households within {} ms:"
              + " {}",
          day,
          unreceived.size(),
          localWaitMillis,
          IdList.firstOf(unreceived, IdList.SHOWN));
    }
    // Households of other containers confirm to the coordinator: until they have, their settlement
    // may still be in flight, and closing the platform would lose it.
    Set<String> unconfirmed = awaitReceipts(day, remote, remoteWaitMillis);
    if (!unconfirmed.isEmpty()) {
      LOG.warn(
          "day {}: {} households of other containers did not confirm their settlement within {} ms: {}",
          day,
          unconfirmed.size(),
          remoteWaitMillis,
          IdList.firstOf(unconfirmed, IdList.SHOWN));
    }
  }

  /** The coordinator admitted {@code householdId}. */
  synchronized void joined(String householdId) {
    if (joined.add(householdId)) {
      joinOrder.add(householdId);
    }
    lastJoinNanos = System.nanoTime();
    notifyAll();
  }

  /**
   * Waits until {@code count} households (local or remote) have joined, giving up when none has
   * joined for the join timeout ({@link JoinIdleTimeout}).
   */
  synchronized void awaitParticipants(int count) throws InterruptedException {
    JoinIdleTimeout idle = new JoinIdleTimeout(joinTimeoutMillis, System.nanoTime());
    while (joined.size() < count) {
      idle.joined(lastJoinNanos);
      long left = idle.leftMillis(System.nanoTime());
      if (left <= 0) {
        throw new IllegalStateException(
            joined.size()
                + " of "
                + count
                + " households joined, none in the last "
                + joinTimeoutMillis
                + " ms: "
                + IdList.firstOf(joined, IdList.SHOWN)
                + ". Maybe a household cannot reach "
                + address
                + ".");
      }
      wait(left);
    }
  }

  /**
   * Waits until these households have joined, giving up when none has joined for the join timeout
   * ({@link JoinIdleTimeout}: joins still arriving are waited for, however many), and returns those
   * that did not join (sorted; empty when all did). The run goes on without them: a household that
   * has not joined gets no call and is standalone (its day cleared alone); one that joins later
   * takes part from the next day on.
   */
  synchronized SortedSet<String> awaitParticipants(Collection<String> ids)
      throws InterruptedException {
    JoinIdleTimeout idle = new JoinIdleTimeout(joinTimeoutMillis, System.nanoTime());
    SortedSet<String> missing = new TreeSet<>(ids);
    missing.removeAll(joined);
    int seen = joinOrder.size();
    while (!missing.isEmpty()) {
      if (joinOrder.size() != seen) {
        // Only the newly joined can leave the missing set: each wake-up reads the joins since the
        // last one, not all of them (at 10,000 households the coordinator waits for this lock).
        for (String id : joinOrder.subList(seen, joinOrder.size())) {
          missing.remove(id);
        }
        seen = joinOrder.size();
        idle.joined(lastJoinNanos);
        if (missing.isEmpty()) {
          break;
        }
      }
      long left = idle.leftMillis(System.nanoTime());
      if (left <= 0) {
        break;
      }
      wait(left);
    }
    return missing;
  }

  /**
   * Waits up to {@code timeoutMillis} until these households have joined; returns whether they all
   * did.
   */
  synchronized boolean awaitJoined(Collection<String> ids, long timeoutMillis)
      throws InterruptedException {
    long end = System.nanoTime() + timeoutMillis * 1_000_000L;
    while (!joined.containsAll(ids)) {
      long left = (end - System.nanoTime()) / 1_000_000L;
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }

  /** The households that have joined, sorted. */
  synchronized Set<String> participants() {
    return new TreeSet<>(joined);
  }
}
