package org.equigrid.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How a value is written in a scenario file, whatever key holds it: numbers written as text (YAML
 * 1.1 reads {@code 1e-4} as text), the magnitudes a number may have, whole numbers that must fit
 * without wrapping, enumeration names matched ignoring case and dashes, and the advice for a number
 * written with quotes or a unit. {@link Section} applies these rules to every key it reads.
 */
final class WrittenValues {
  private WrittenValues() {}

  private static final java.util.regex.Pattern NUMBER =
      java.util.regex.Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

  /**
   * Text that is a plain number (YAML 1.1 reads {@code 1e-4} as text) becomes that number; anything
   * else is returned as is.
   */
  static JsonNode numeric(JsonNode value) {
    if (value != null && value.isTextual() && NUMBER.matcher(value.asText().trim()).matches()) {
      String text = value.asText().trim();
      if (text.matches("[-+]?\\d+")) {
        return com.fasterxml.jackson.databind.node.BigIntegerNode.valueOf(
            new java.math.BigInteger(text.startsWith("+") ? text.substring(1) : text));
      }
      return com.fasterxml.jackson.databind.node.DoubleNode.valueOf(Double.parseDouble(text));
    }
    return value;
  }

  /** Largest magnitude of a scenario number: beyond it the solvers' tolerances mean nothing. */
  static final double MAX_MAGNITUDE = 1e9;

  /** Smallest magnitude of a nonzero scenario number: below it products underflow to 0. */
  static final double MIN_MAGNITUDE = 1e-12;

  /**
   * Null for 0 or a finite number of magnitude in [{@link #MIN_MAGNITUDE}, {@link #MAX_MAGNITUDE}].
   */
  static String finite(double number) {
    double magnitude = Math.abs(number);
    return number == 0 || (magnitude >= MIN_MAGNITUDE && magnitude <= MAX_MAGNITUDE)
        ? null
        : Messages.NOT_FINITE;
  }

  /**
   * Whether an integral (or whole-valued) number lies in {@code [min, max]}, read without wrapping.
   */
  static boolean fitsLong(JsonNode value, long min, long max) {
    java.math.BigDecimal exact;
    if (value.isIntegralNumber()) {
      exact = new java.math.BigDecimal(value.bigIntegerValue());
    } else if (Double.isFinite(value.doubleValue())) {
      exact = value.decimalValue();
    } else {
      return false;
    }
    return exact.compareTo(java.math.BigDecimal.valueOf(min)) >= 0
        && exact.compareTo(java.math.BigDecimal.valueOf(max)) <= 0;
  }

  /** The value as written in the file. */
  static String written(JsonNode value) {
    return value.isValueNode() ? value.asText() : value.toString();
  }

  static String numberAdvice(JsonNode value) {
    if (value.isTextual()) {
      String text = value.asText().trim();
      String cleaned = text.replaceAll("(?i)\\s*(kwh|kwp|kw|eur|%|h|min|s)$", "").replace(',', '.');
      try {
        double number = Double.parseDouble(cleaned);
        return Check.maybe(text.endsWith("%") ? number / 100 : number)
            + " (a plain number, no quotes or units)";
      } catch (NumberFormatException e) {
        return "";
      }
    }
    return "";
  }

  static <E extends Enum<E>> E parseChoice(String text, E[] values, Function<E, String> spelling) {
    return parseChoice(text, List.of(values), spelling);
  }

  static <E extends Enum<E>> E parseChoice(
      String text, List<E> values, Function<E, String> spelling) {
    String wanted = normalise(text);
    for (E e : values) {
      if (normalise(e.name()).equals(wanted) || normalise(spelling.apply(e)).equals(wanted)) {
        return e;
      }
    }
    return null;
  }

  private static String normalise(String name) {
    return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(" ", "");
  }

  static <E extends Enum<E>> String names(List<E> values, Function<E, String> spelling) {
    List<String> names = new ArrayList<>();
    for (E e : values) {
      names.add(spelling.apply(e));
    }
    return String.join(", ", names);
  }

  /** The "Maybe true/false" of a flag written as yes, on, 1 (or no, off, 0), else empty. */
  static String booleanAdvice(JsonNode value) {
    String text = value.asText().toLowerCase(Locale.ROOT);
    return List.of("yes", "on", "1", "true").contains(text)
        ? Check.maybe(1).replace("1", "true")
        : List.of("no", "off", "0", "false").contains(text)
            ? Check.maybe(0).replace("0", "false")
            : "";
  }

  /** The problem of a choice written as none of {@code values}: the allowed names and a guess. */
  static <E extends Enum<E>> String notOneOf(
      JsonNode value, List<E> values, Function<E, String> spelling) {
    List<String> allowed = new ArrayList<>();
    for (E e : values) {
      allowed.add(spelling.apply(e));
    }
    return Messages.NOT_ONE_OF
        + " "
        + String.join(", ", allowed)
        + Suggestions.advice(value.asText(), allowed);
  }
}
