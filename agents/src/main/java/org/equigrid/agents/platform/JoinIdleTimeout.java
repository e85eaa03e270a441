package org.equigrid.agents.platform;

/**
 * The rule for how long a run waits for its households to join: an idle timeout. The wait ends when
 * no household has joined for the join timeout, measured from the later of the start of the wait
 * and the last join received. While joins keep arriving the wait goes on, whatever the community's
 * size; once they stop, it gives up after the join timeout (the households still missing are
 * standalone until they join). Every household joins at most once, so the wait is at most {@code
 * (households + 1) * joinTimeout}.
 *
 * <p>A fixed deadline from the start cut off large communities: at 10,000 households about 9,700
 * had not yet been admitted when a 60 s deadline ran out, although they were still joining.
 *
 * <p>Times are {@link System#nanoTime()} readings passed in, so that the rule is tested with a fake
 * clock. Not thread-safe: its owner calls it under its own lock.
 */
final class JoinIdleTimeout {

  private final long idleNanos;
  private long lastProgressNanos;

  /**
   * @param idleMillis the join timeout: the longest silence between joins, in ms (> 0)
   * @param startNanos when the wait starts
   */
  JoinIdleTimeout(long idleMillis, long startNanos) {
    if (idleMillis <= 0) {
      throw new IllegalArgumentException(
          "idleMillis (" + idleMillis + ") must be > 0: the join timeout in ms");
    }
    this.idleNanos = idleMillis * 1_000_000L;
    this.lastProgressNanos = startNanos;
  }

  /** A household joined at {@code nowNanos}: the silence starts again from there. */
  void joined(long nowNanos) {
    if (nowNanos - lastProgressNanos > 0) {
      lastProgressNanos = nowNanos;
    }
  }

  /** The ms left before the wait gives up at {@code nowNanos}; 0 or less when it has. */
  long leftMillis(long nowNanos) {
    long leftNanos = lastProgressNanos + idleNanos - nowNanos;
    return leftNanos <= 0 ? 0 : Math.max(1, leftNanos / 1_000_000L);
  }
}
