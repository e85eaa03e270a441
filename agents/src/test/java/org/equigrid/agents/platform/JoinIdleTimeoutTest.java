package org.equigrid.agents.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The join wait as an idle timeout, on a fake clock (ns readings chosen by the test). */
class JoinIdleTimeoutTest {

  private static final long MS = 1_000_000L;

  @Test
  void withoutJoinsItGivesUpOneTimeoutAfterTheStart() {
    JoinIdleTimeout wait = new JoinIdleTimeout(60_000, 1_000 * MS);
    assertThat(wait.leftMillis(1_000 * MS)).isEqualTo(60_000);
    assertThat(wait.leftMillis(31_000 * MS)).isEqualTo(30_000);
    assertThat(wait.leftMillis(61_000 * MS)).isZero();
    assertThat(wait.leftMillis(70_000 * MS)).isZero();
  }

  @Test
  void joinsArrivingSlowerThanAFixedDeadlineAllowAreStillWaitedFor() {
    // 10,000 households admitted at 5 a second take 2,000 s: far beyond a 60 s fixed deadline,
    // but no gap between two joins reaches 60 s, so the wait never gives up.
    JoinIdleTimeout wait = new JoinIdleTimeout(60_000, 0);
    for (int i = 1; i <= 10_000; i++) {
      long now = i * 200 * MS;
      assertThat(wait.leftMillis(now)).as("before join %d", i).isPositive();
      wait.joined(now);
    }
    long last = 10_000 * 200 * MS;
    assertThat(last).isEqualTo(2_000_000 * MS);
    assertThat(wait.leftMillis(last + 59_999 * MS)).isEqualTo(1);
    assertThat(wait.leftMillis(last + 60_000 * MS)).isZero();
  }

  @Test
  void aSilenceLongerThanTheTimeoutEndsTheWaitEvenIfJoinsCameBefore() {
    JoinIdleTimeout wait = new JoinIdleTimeout(10_000, 0);
    wait.joined(5_000 * MS);
    assertThat(wait.leftMillis(14_000 * MS)).isEqualTo(1_000);
    assertThat(wait.leftMillis(15_000 * MS)).isZero();
  }

  @Test
  void aJoinReportedWithAnEarlierReadingDoesNotShortenTheWait() {
    JoinIdleTimeout wait = new JoinIdleTimeout(10_000, 0);
    wait.joined(8_000 * MS);
    wait.joined(3_000 * MS);
    assertThat(wait.leftMillis(17_000 * MS)).isEqualTo(1_000);
  }

  @Test
  void aTimeoutThatIsNotPositiveIsRefusedWithItsValue() {
    assertThatThrownBy(() -> new JoinIdleTimeout(0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("idleMillis (0)");
  }
}
