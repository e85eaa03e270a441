package org.equigrid.experiments.cli;

import java.util.Locale;
import org.equigrid.config.Scenario;

/**
 * The heap a scenario's day needs, estimated before anything is built, so that a run too large for
 * this JVM stops at once with the heap needed and how to give it, instead of an OutOfMemoryError
 * after minutes. The estimate is {@link #BASE_BYTES} plus {@link #BYTES_PER_HOUSEHOLD_INTERVAL} per
 * household and interval of a day, calibrated on measured runs (BENCHMARKS.md, "Heap").
 */
public final class ModelSize {

  /** The JVM, the solver libraries and the scenario's profiles. */
  static final long BASE_BYTES = 128L << 20;

  /**
   * Live heap per household and interval of one day at the peak of a day's clearing, measured on
   * {@code clear s4-p2p-cost} (24 intervals): 3,000 households (price decomposition) peaked at
   * about 0.8 GB after a full collection, i.e. about 11 kB per household-interval; a margin of 1.5
   * for the settlement and the results.
   */
  static final long BYTES_PER_HOUSEHOLD_INTERVAL = 16_000;

  /** The environment variable the {@code equigrid} launcher passes to {@code java}. */
  static final String JAVA_OPTS = "EQUIGRID_JAVA_OPTS";

  static final String TOO_LARGE = "is too large for this JVM's heap";

  private ModelSize() {}

  static long estimateBytes(int households, int intervalsPerDay) {
    return BASE_BYTES + BYTES_PER_HOUSEHOLD_INTERVAL * households * (long) intervalsPerDay;
  }

  /**
   * How many days of {@code scenario} may be in memory at once, at most {@code requested}: every
   * day in flight needs its own {@link #BYTES_PER_HOUSEHOLD_INTERVAL} per household and interval
   * (the base once). At least 1 (a single day is {@link #check}ed separately).
   */
  public static int affordableDays(Scenario scenario, int requested) {
    long perDay =
        BYTES_PER_HOUSEHOLD_INTERVAL
            * scenario.households().size()
            * (long) scenario.intervalsPerDay();
    long room = Runtime.getRuntime().maxMemory() - BASE_BYTES;
    long days = perDay <= 0 ? requested : room / perDay;
    return (int) Math.max(1, Math.min(requested, days));
  }

  /** Throws when the estimate exceeds {@link Runtime#maxMemory()}. */
  public static void check(Scenario scenario, String command) throws BadInputException {
    check(
        scenario.name(),
        scenario.households().size(),
        scenario.intervalsPerDay(),
        command,
        Runtime.getRuntime().maxMemory());
  }

  static void check(
      String name, int households, int intervalsPerDay, String command, long maxHeapBytes)
      throws BadInputException {
    long needed = estimateBytes(households, intervalsPerDay);
    if (needed <= maxHeapBytes) {
      return;
    }
    long gigabytes = Math.max(1, (long) Math.ceil(needed * 1.25 / (1L << 30)));
    throw new BadInputException(
        String.format(
            Locale.ROOT,
            "Scenario %s (%d households x %d intervals a day) %s: a day needs about %.1f GB, this JVM may"
                + " use %.1f GB.\nMaybe give it more: %s=-Xmx%dg ./equigrid %s %s ... (or use fewer"
                + " households).",
            name,
            households,
            intervalsPerDay,
            TOO_LARGE,
            needed / (double) (1L << 30),
            maxHeapBytes / (double) (1L << 30),
            JAVA_OPTS,
            gigabytes,
            command,
            name));
  }

  /** The message for an OutOfMemoryError caught at the command boundary. */
  static String outOfMemory() {
    return String.format(
        Locale.ROOT,
        "equigrid ran out of memory (the JVM may use %.1f GB).\nMaybe give it more: %s=-Xmx8g ./equigrid"
            + " ... (or use fewer households or days).",
        Runtime.getRuntime().maxMemory() / (double) (1L << 30),
        JAVA_OPTS);
  }
}
