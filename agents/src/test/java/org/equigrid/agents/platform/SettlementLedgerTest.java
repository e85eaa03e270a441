package org.equigrid.agents.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.equigrid.agents.protocol.Message.SettlementInform;
import org.junit.jupiter.api.Test;

class SettlementLedgerTest {

  private static SettlementInform settlement(String id, int day) {
    return new SettlementInform(day, id, 1.0, 2.0, 1.0, 1.0, "");
  }

  @Test
  void await_everyHouseholdOfTheDay_trueOnceTheLastArrives() throws InterruptedException {
    SettlementLedger ledger = new SettlementLedger();
    ledger.accept(settlement("h1", 0)); // before the wait: counts
    ledger.accept(settlement("h2", 1)); // another day: does not count for day 0
    Thread late =
        new Thread(
            () -> {
              try {
                Thread.sleep(50);
                ledger.accept(settlement("h3", 0));
                ledger.accept(settlement("h2", 0));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    late.start();

    assertThat(ledger.await(0, List.of("h1", "h2", "h3"), 10_000)).isTrue();
    late.join();
    assertThat(ledger.snapshot()).containsOnlyKeys("h1", "h2", "h3");
  }

  @Test
  void await_oneHouseholdOnlyOfAnotherDay_falseAtTheTimeout() throws InterruptedException {
    SettlementLedger ledger = new SettlementLedger();
    ledger.accept(settlement("h1", 0));
    ledger.accept(settlement("h2", 1));

    assertThat(ledger.await(0, List.of("h1", "h2"), 50)).isFalse();
    assertThat(ledger.await(1, List.of("h2"), 50)).isTrue();
  }
}
