package org.equigrid.config;

import java.util.Collection;
import java.util.Locale;

/** "Maybe you meant ..." for names: the nearest candidate by edit distance. */
public final class Suggestions {
  private Suggestions() {}

  /** The candidate closest to {@code typed}, or {@code null} when none is plausibly meant. */
  public static String nearest(String typed, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String needle = typed.toLowerCase(Locale.ROOT);
    for (String candidate : candidates) {
      int distance = distance(needle, candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        bestDistance = distance;
        best = candidate;
      }
    }
    int tolerance = Math.max(2, typed.length() / 3);
    return bestDistance <= tolerance ? best : null;
  }

  /** " Maybe you meant x?" or the empty string. */
  static String advice(String typed, Collection<String> candidates) {
    String nearest = nearest(typed, candidates);
    return nearest == null ? "" : ". " + Messages.MAYBE + " " + nearest + "?";
  }

  /** Levenshtein distance (also the sweep file's suggestions; one edit distance in the project). */
  public static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
