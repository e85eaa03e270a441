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

  @Override
  public synchronized void accept(SettlementInform settlement) {
    byHousehold.computeIfAbsent(settlement.householdId(), k -> new ArrayList<>()).add(settlement);
    notifyAll();
  }

  /** Waits until each id has a settlement of {@code day}; returns whether all arrived in time. */
  synchronized boolean await(int day, Collection<String> ids, long timeoutMillis)
      throws InterruptedException {
    long end = System.nanoTime() + timeoutMillis * 1_000_000L;
    while (!ids.stream().allMatch(id -> has(id, day))) {
      long left = (end - System.nanoTime()) / 1_000_000L;
      if (left <= 0) {
        return false;
      }
      wait(left);
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
