package org.equigrid.experiments.cli;

import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.equigrid.config.Scenario;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.model.EquitySettings;
import org.equigrid.market.model.Household;

/**
 * The memory a scenario's day needs, estimated before anything is built, so that a run too large
 * stops at once with what it needs and how to give it, instead of an OutOfMemoryError (or the
 * machine's out-of-memory killer) after minutes. Two parts:
 *
 * <ul>
 *   <li>the Java heap: {@link #BASE_BYTES} plus {@link #BYTES_PER_HOUSEHOLD_INTERVAL} per household
 *       and interval of a day, calibrated on measured runs (BENCHMARKS.md, "Heap"); against {@link
 *       Runtime#maxMemory()};
 *   <li>the native memory of the exact clearing model (OR-Tools' GLOP/SCIP allocate outside the
 *       heap): {@link #NATIVE_BASE_BYTES} plus {@link #NATIVE_BYTES_PER_MODEL_CELL} per member and
 *       interval of the models the day's clearing holds at once, counted after the exact household
 *       pooling ({@link ExactModel}); against the machine's physical memory beyond the heap. Not
 *       counted where the price decomposition (an opt-in approximation) takes the community.
 * </ul>
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

  /**
   * Native memory of the JVM itself and the solver libraries beside the heap (metaspace, code,
   * threads, OR-Tools' libraries): measured 0.2–0.4 GB on small runs (BENCHMARKS.md, "Exact
   * clearing at 10,000 households").
   */
  static final long NATIVE_BASE_BYTES = 384L << 20;

  /**
   * Native bytes per member and interval of the exact clearing model, measured as the growth of the
   * resident memory with the heap pre-touched ({@code -Xms4g -Xmx4g -XX:+AlwaysPreTouch}): the
   * weighted s5 day of 2,000 households, 1,082 model members (after pooling) × 24 intervals, grew
   * by 223 MB while it was built, solved and rounded, i.e. about 8.6 kB a cell; with a margin for
   * the rounding's warm re-solves.
   */
  static final long NATIVE_BYTES_PER_MODEL_CELL = 12_000;

  /** The scenario key that opts in to the price decomposition (an approximation). */
  static final String DECOMPOSITION_KEY = "solver.decompositionMinHouseholds";

  static final String NATIVE_TOO_LARGE = "its exact clearing model is too large for this machine";

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

  /**
   * Throws when the heap estimate exceeds {@link Runtime#maxMemory()}, or the exact clearing
   * model's native estimate exceeds the physical memory beyond it.
   */
  public static void check(Scenario scenario, String command) throws BadInputException {
    long maxHeap = Runtime.getRuntime().maxMemory();
    check(
        scenario.name(),
        scenario.households().size(),
        scenario.intervalsPerDay(),
        command,
        maxHeap);
    ExactModel model = ExactModel.of(scenario);
    if (model != null) {
      checkNative(scenario.name(), model, command, maxHeap, physicalBytes());
    }
  }

  /**
   * The exact clearing model(s) of a day, counted from the scenario before anything is built: the
   * members left after the exact household pooling ({@code HouseholdPooling}: households without a
   * battery, without a floor row and of one weight form one block), for the cost-minimising and, on
   * a non-neutral day, the weighted dispatch, which the clearing may hold at once.
   *
   * @param households the community's households
   * @param intervals intervals of a day
   * @param costMembers members of the cost-minimising model after pooling
   * @param weightedMembers members of the weighted model after pooling; 0 on a neutral day
   */
  record ExactModel(int households, int intervals, int costMembers, int weightedMembers) {

    /** Members times intervals of the models held at once. */
    long cells() {
      return (long) (costMembers + weightedMembers) * intervals;
    }

    long nativeBytes() {
      return NATIVE_BASE_BYTES + NATIVE_BYTES_PER_MODEL_CELL * cells();
    }

    /**
     * The model of {@code scenario}'s clearing, or null where the exact model is not what runs: the
     * decomposition is opted in from fewer members than the community has.
     */
    static ExactModel of(Scenario scenario) {
      SolverOptions options = scenario.solverOptions();
      int n = scenario.households().size();
      if (options.decomposes() && n >= options.decompositionMinHouseholds()) {
        return null;
      }
      EquitySettings equity = scenario.equity();
      boolean floor = equity.rawlsianStrengthEur() > 0;
      boolean neutral = !floor;
      int batteries = 0;
      int protectedWithout = 0;
      Set<Double> weights = new HashSet<>();
      for (Household h : scenario.households()) {
        double weight = equity.weightOf(h.group());
        neutral &= weight == 1.0;
        if (h.battery() != null) {
          batteries++;
        } else if (floor && equity.isProtected(h.group())) {
          protectedWithout++;
        } else {
          weights.add(weight);
        }
      }
      int poolable = n - batteries - protectedWithout;
      if (!options.pooling()) {
        return new ExactModel(n, scenario.intervalsPerDay(), n, neutral ? 0 : n);
      }
      int cost = batteries + Math.min(poolable + protectedWithout, 1);
      int weighted = neutral ? 0 : batteries + protectedWithout + weights.size();
      return new ExactModel(n, scenario.intervalsPerDay(), cost, weighted);
    }
  }

  /** The physical memory of the machine (or its container's limit), in bytes; 0 if unknown. */
  static long physicalBytes() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getTotalMemorySize()
        : 0;
  }

  /**
   * Throws when the native estimate of {@code model} exceeds {@code physicalBytes − maxHeapBytes}
   * (nothing is checked when the physical memory is unknown, 0).
   */
  static void checkNative(
      String name, ExactModel model, String command, long maxHeapBytes, long physicalBytes)
      throws BadInputException {
    long needed = model.nativeBytes();
    long room = physicalBytes - maxHeapBytes;
    if (physicalBytes <= 0 || needed <= room) {
      return;
    }
    double gb = 1L << 30;
    throw new BadInputException(
        String.format(
            Locale.ROOT,
            "Scenario %s (%d households x %d intervals a day): %s: %d model members after pooling"
                + " (%,d member-intervals) need about %.1f GB of native solver memory beside the"
                + " heap (%.1f GB), together %.1f GB; this machine has %.1f GB.\nMaybe use fewer"
                + " households, a smaller heap (%s=-Xmx…), or opt in to the price decomposition,"
                + " an approximation named in the results: ./equigrid %s %s --set %s=%d",
            name,
            model.households(),
            model.intervals(),
            NATIVE_TOO_LARGE,
            model.costMembers() + model.weightedMembers(),
            model.cells(),
            needed / gb,
            maxHeapBytes / gb,
            (needed + maxHeapBytes) / gb,
            physicalBytes / gb,
            JAVA_OPTS,
            command,
            name,
            DECOMPOSITION_KEY,
            Math.max(2, Math.min(model.households(), 2000))));
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
