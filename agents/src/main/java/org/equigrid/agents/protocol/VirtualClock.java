package org.equigrid.agents.protocol;

/**
 * Virtual time of a run in seconds: day {@code d} starts at {@code d · 86400}; calls go out at the
 * start of the day, bids are due {@code bidWindowSeconds} later, decentralised rounds take {@code
 * roundSeconds} each, and awards and settlements follow the last deadline. Virtual time depends
 * only on the protocol's progress, never on the wall clock, so runs are deterministic.
 *
 * @param bidWindowSeconds virtual time between a call and its deadline
 */
public record VirtualClock(long bidWindowSeconds) {

  public static final long SECONDS_PER_DAY = 86_400;

  public VirtualClock {
    if (bidWindowSeconds <= 0 || bidWindowSeconds * 40 > SECONDS_PER_DAY) {
      throw new IllegalArgumentException(
          "bidWindowSeconds ("
              + bidWindowSeconds
              + ") must be in (0, 2160] so that 40 rounds fit a day."
              + " Maybe you meant 900.");
    }
  }

  /** When the call of {@code round} goes out. */
  public long callAt(int day, int round) {
    return day * SECONDS_PER_DAY + round * bidWindowSeconds;
  }

  /** When the bids of {@code round} are due. */
  public long deadline(int day, int round) {
    return callAt(day, round) + bidWindowSeconds;
  }
}
