package org.equigrid.experiments.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeded text mutations for the fuzzing harness. Each returns the mutated text and whether the
 * result is known to be bad (a value no reader may accept), so the harness can check that it is
 * refused; other mutations may give good or bad input.
 */
final class Mutator {

  /** A mutated input; {@code knownBad}: every reader must refuse it (exit 2). */
  record Mutation(String text, String description, boolean knownBad) {}

  /** Numbers no field accepts: not finite, not a plain decimal, or beyond every range. */
  static final List<String> BAD_NUMBERS =
      List.of(
          "NaN",
          "Infinity",
          "-Infinity",
          "1e400",
          "-1e400",
          "1e300",
          "-1e300",
          "0x1p3",
          "1d",
          "1f",
          "18446744073709551617",
          "-9223372036854775809",
          "99999999999999999999999");

  /** Values that may or may not fit a field. */
  static final List<String> ODD_VALUES =
      List.of(
          "0",
          "-0",
          "-1",
          "1",
          "0.5",
          "2",
          "24",
          "60",
          "1e-320",
          "1e9",
          "2147483648",
          "-2147483649",
          "\"\"",
          "null",
          "[]",
          "{}",
          "~",
          "true",
          "yes",
          "x",
          "1 kWh",
          "1,5",
          "+3",
          ".5",
          "5.");

  private static final Pattern NUMBER =
      Pattern.compile("(?<![\\w.])-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?(?![\\w.])");
  private static final String NOISE = ":{}[],\"'#-\n\t 0a.e;\\";

  private final RandomGenerator random;

  Mutator(RandomGenerator random) {
    this.random = random;
  }

  <T> T pick(List<T> list) {
    return list.get(random.nextInt(list.size()));
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /** Replaces one number token of {@code text} with a bad number (known bad) or an odd value. */
  Mutation number(String text, List<String> badNumbers) {
    List<int[]> spans = new ArrayList<>();
    Matcher m = NUMBER.matcher(text);
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
    }
    if (spans.isEmpty()) {
      return structural(text);
    }
    int[] span = pick(spans);
    boolean bad = random.nextBoolean();
    String value = bad ? pick(badNumbers) : pick(ODD_VALUES);
    return new Mutation(
        text.substring(0, span[0]) + value + text.substring(span[1]),
        "number at " + span[0] + " (" + text.substring(span[0], span[1]) + ") -> " + value,
        bad);
  }

  /** A random edit that may or may not keep the input valid. */
  Mutation structural(String text) {
    String[] lines = text.split("\n", -1);
    int kind = random.nextInt(7);
    switch (kind) {
      case 0 -> {
        int i = random.nextInt(lines.length);
        return new Mutation(join(lines, i, null), "delete line " + i, false);
      }
      case 1 -> {
        int i = random.nextInt(lines.length);
        return new Mutation(
            join(lines, i, lines[i] + "\n" + lines[i]), "duplicate line " + i, false);
      }
      case 2 -> {
        int at = random.nextInt(text.length() + 1);
        char c = NOISE.charAt(random.nextInt(NOISE.length()));
        return new Mutation(
            text.substring(0, at) + c + text.substring(at), "insert '" + c + "' at " + at, false);
      }
      case 3 -> {
        int at = random.nextInt(Math.max(1, text.length()));
        return new Mutation(
            text.substring(0, at) + text.substring(Math.min(text.length(), at + 1)),
            "delete char " + at,
            false);
      }
      case 4 -> {
        int at = random.nextInt(text.length() + 1);
        return new Mutation(text.substring(0, at), "truncate at " + at, false);
      }
      case 5 -> {
        int i = random.nextInt(lines.length);
        int j = random.nextInt(lines.length);
        String[] swapped = lines.clone();
        swapped[i] = lines[j];
        swapped[j] = lines[i];
        return new Mutation(String.join("\n", swapped), "swap lines " + i + ", " + j, false);
      }
      default -> {
        int at = random.nextInt(text.length() + 1);
        String value = pick(ODD_VALUES);
        return new Mutation(
            text.substring(0, at) + value + text.substring(at),
            "insert " + value + " at " + at,
            false);
      }
    }
  }

  private static String join(String[] lines, int replace, String with) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      String line = i == replace ? with : lines[i];
      if (line != null) {
        out.append(out.length() == 0 && i == 0 ? "" : (out.length() == 0 ? "" : "\n")).append(line);
      }
    }
    return out.toString();
  }
}
