package org.equigrid.market.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedGameTest {

  @Test
  void values_manyRepeatsInParallel_computeEachCoalitionOnceInInputOrder() {
    TabularGame table = TestGames.random(6, 3);
    ConcurrentHashMap<Long, AtomicInteger> calls = new ConcurrentHashMap<>();
    CoalitionGame slow =
        new CoalitionGame() {
          @Override
          public int players() {
            return 6;
          }

          @Override
          public double value(long coalition) {
            calls.computeIfAbsent(coalition, c -> new AtomicInteger()).incrementAndGet();
            Thread.yield();
            return table.value(coalition);
          }
        };
    CachedGame cached = new CachedGame(slow);
    long[] masks = new long[640];
    for (int k = 0; k < masks.length; k++) {
      masks[k] = 1 + (k * 37L) % 63;
    }
    ForkJoinPool pool = new ForkJoinPool(4);
    try {
      double[] values = cached.values(masks, pool);
      for (int k = 0; k < masks.length; k++) {
        assertThat(values[k]).isEqualTo(table.value(masks[k]));
      }
    } finally {
      pool.shutdown();
    }
    assertThat(calls.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
    assertThat(cached.evaluations()).isEqualTo(calls.size());
    assertThat(cached.size()).isEqualTo(calls.size());
    assertThat(cached.value(0)).isZero();
  }

  @Test
  void value_failingCoalition_propagatesAndMayBeRetried() {
    AtomicInteger attempts = new AtomicInteger();
    CachedGame cached =
        new CachedGame(
            new CoalitionGame() {
              @Override
              public int players() {
                return 2;
              }

              @Override
              public double value(long coalition) {
                if (attempts.incrementAndGet() == 1) {
                  throw new IllegalStateException("solver failed");
                }
                return 4;
              }
            });
    assertThatThrownBy(() -> cached.value(3)).hasMessage("solver failed");
    assertThat(cached.value(3)).isEqualTo(4);
  }
}
