package org.equigrid.agents.platform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.equigrid.agents.protocol.Message.SettlementInform;

/** The settlements households of this JVM received, by household id; thread-safe. */
final class SettlementLedger implements Consumer<SettlementInform> {

  private final Map<String, List<SettlementInform>> byHousehold = new TreeMap<>();

  /** Every settlement in the order it arrived: a waiter reads only those new since it last woke. */
  private final List<SettlementInform> arrivals = new ArrayList<>();

  @Override
  public synchronized void accept(SettlementInform settlement) {
    byHousehold.computeIfAbsent(settlement.householdId(), k -> new ArrayList<>()).add(settlement);
    arrivals.add(settlement);
    notifyAll();
  }

  /**
   * Waits until each id has a settlement of {@code day}; returns whether all arrived in time. Each
   * wake-up reads only the settlements that arrived since the last one, so waiting for n households
   * costs O(n) in all, not O(n) per arrival.
   */
  synchronized boolean await(int day, Collection<String> ids, long timeoutMillis)
      throws InterruptedException {
    long end = System.nanoTime() + timeoutMillis * 1_000_000L;
    java.util.Set<String> missing = new java.util.HashSet<>();
    for (String id : ids) {
      if (!has(id, day)) {
        missing.add(id);
      }
    }
    int read = arrivals.size();
    while (!missing.isEmpty()) {
      long left = (end - System.nanoTime()) / 1_000_000L;
      if (left <= 0) {
        return false;
      }
      wait(left);
      for (; read < arrivals.size(); read++) {
        SettlementInform s = arrivals.get(read);
        if (s.day() == day) {
          missing.remove(s.householdId());
        }
      }
    }
    return true;
  }

  private boolean has(String id, int day) {
    return byHousehold.getOrDefault(id, List.of()).stream().anyMatch(s -> s.day() == day);
  }

  synchronized Map<String, List<SettlementInform>> snapshot() {
    Map<String, List<SettlementInform>> copy = new TreeMap<>();
    byHousehold.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return copy;
  }
}
