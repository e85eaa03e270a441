package org.equigrid.agents.platform;

import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Household ids in a log line: a few of them and the count, not all (at 10,000 households a line
 * listing every missing id was about 60 KB).
 */
public final class IdList {

  /** How many ids a warning shows. */
  public static final int SHOWN = 10;

  private IdList() {}

  /**
   * The first {@code shown} ids in the collection's order, then "…" and "(first N of M)" when there
   * are more: {@code h0001, h0002, …, h0010 (first 10 of 9,869)}; all of them, comma-separated,
   * when there are at most {@code shown}; {@code none} when there are none.
   *
   * @param shown how many to show, ≥ 1
   */
  public static String firstOf(Collection<String> ids, int shown) {
    if (shown < 1) {
      throw new IllegalArgumentException("ids shown (" + shown + ") must be >= 1");
    }
    if (ids.isEmpty()) {
      return "none";
    }
    String first = ids.stream().limit(shown).collect(Collectors.joining(", "));
    return ids.size() <= shown
        ? first
        : String.format(
            Locale.ROOT,
            "%s, … (first %,d of %,d)",
            first,
            Math.min(shown, ids.size()),
            ids.size());
  }

  /**
   * A count of households as it reads in a sentence: {@code 1 household}, {@code 9,869 households}.
   */
  public static String households(int count) {
    return String.format(Locale.ROOT, "%,d household%s", count, count == 1 ? "" : "s");
  }
}
