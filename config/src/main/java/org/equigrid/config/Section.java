package org.equigrid.config;

import static org.equigrid.config.WrittenValues.booleanAdvice;
import static org.equigrid.config.WrittenValues.finite;
import static org.equigrid.config.WrittenValues.fitsLong;
import static org.equigrid.config.WrittenValues.names;
import static org.equigrid.config.WrittenValues.notOneOf;
import static org.equigrid.config.WrittenValues.numberAdvice;
import static org.equigrid.config.WrittenValues.numeric;
import static org.equigrid.config.WrittenValues.parseChoice;
import static org.equigrid.config.WrittenValues.written;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A mapping of the scenario tree being read: knows its dotted path and its allowed keys, reports
 * unknown keys on creation and every bad value to {@link Problems}, and mirrors every value it
 * hands out (defaults included) into the canonical tree.
 *
 * <p>One reader per kind of value (number, whole number, flag, text, choice, mapping, list of
 * mappings), each doing the same three things (the default when absent, the check with the value in
 * the message, the mirror into the canonical tree), plus the same readers through a key's
 * declaration; they stay in one class so that they stay alike. The readers of collections of plain
 * values (names to numbers, a list of names) are {@link SectionLists}', the rules of how a value is
 * written and the words of its problems {@link WrittenValues}'.
 */
final class Section {
  private final Problems problems;
  private final String path;
  private final JsonNode node;
  private final ObjectNode out;

  private Section(
      Problems problems, String path, JsonNode node, ObjectNode out, List<String> known) {
    this.problems = problems;
    this.path = path;
    this.node = node;
    this.out = out;
    if (node.isObject()) {
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!known.contains(name)) {
          problems.add(
              child(name),
              null,
              Messages.UNKNOWN_KEY
                  + "; allowed here: "
                  + String.join(", ", known)
                  + Suggestions.advice(name, known));
        }
      }
    }
  }

  /** The root mapping of a file. */
  static Section root(Problems problems, JsonNode node, ObjectNode out, ScenarioKey.Group top) {
    return new Section(problems, "", node, out, List.of(top.known()));
  }

  Problems problems() {
    return problems;
  }

  String path() {
    return path;
  }

  String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  boolean has(String key) {
    JsonNode value = node.get(key);
    return value != null && !value.isNull();
  }

  /** Writes a derived or normalised value into the canonical tree. */
  ObjectNode out() {
    return out;
  }

  void problem(String key, JsonNode value, String problem) {
    problems.add(child(key), value == null ? null : written(value), problem);
  }

  void missing(String key, String what) {
    problems.add(child(key), null, Messages.REQUIRED + " (" + what + ")");
  }

  // --- through the declarations (ScenarioKeys) ------------------------------------------------

  boolean has(ScenarioKey key) {
    return has(key.name());
  }

  JsonNode raw(ScenarioKey key) {
    return raw(key.name());
  }

  String child(ScenarioKey key) {
    return child(key.name());
  }

  /** A problem with the value of {@code key} as written. */
  void problem(ScenarioKey key, String problem) {
    problem(key.name(), raw(key.name()), problem);
  }

  Double number(ScenarioKey.Num key) {
    return number(key, key.fallback());
  }

  /** The number, with a default the binder computes (a battery's power is its capacity / 2). */
  Double number(ScenarioKey.Num key, Double fallback) {
    return number(key.name(), fallback, key.range().check(), key.help());
  }

  Integer integer(ScenarioKey.Whole key) {
    Long fallback = key.fallback();
    return integer(
        key.name(),
        fallback == null ? null : (int) (long) fallback,
        key.range().check(),
        key.help());
  }

  Long whole(ScenarioKey.Whole key) {
    return whole(key.name(), key.fallback(), key.range().check(), key.help());
  }

  Boolean bool(ScenarioKey.Flag key) {
    return bool(key.name(), key.fallback());
  }

  String text(ScenarioKey.Text key) {
    return text(key, key.fallback());
  }

  String text(ScenarioKey.Text key, String fallback) {
    return text(key.name(), fallback, key.help());
  }

  <E extends Enum<E>> E choice(ScenarioKey.Choice<E> key) {
    return choice(key.name(), key.fallback(), key.values(), key.spelling());
  }

  Map<String, Double> numbers(ScenarioKey.Numbers key) {
    return numbers(key, key.fallback());
  }

  /**
   * The mapping, with a default the binder computes (the default shares of the scenario's groups).
   */
  Map<String, Double> numbers(ScenarioKey.Numbers key, Map<String, Double> fallback) {
    return numbers(key.name(), fallback, key.range().check());
  }

  List<String> texts(ScenarioKey.Texts key) {
    return texts(key.name(), key.fallback());
  }

  Section section(ScenarioKey.Group key) {
    return section(key.name(), key.known());
  }

  List<Section> sections(ScenarioKey.Items key) {
    return sections(key.name(), key.known());
  }

  // --- scalars -------------------------------------------------------------------------------

  /**
   * The value of an absent key: its default, mirrored into the canonical tree; without one ({@code
   * null}) the key is required and its absence a problem.
   */
  private <T> T absent(String key, T fallback, String what, BiConsumer<String, T> mirror) {
    if (fallback == null) {
      missing(key, what);
      return null;
    }
    mirror.accept(key, fallback);
    return fallback;
  }

  /** A number, or {@code fallback} when absent; {@code null} fallback means required. */
  Double number(String key, Double fallback, Check check, String what) {
    JsonNode value = numeric(node.get(key));
    if (value == null || value.isNull()) {
      return absent(key, fallback, what, out::put);
    }
    if (!value.isNumber()) {
      problem(key, value, Messages.NOT_A_NUMBER + numberAdvice(value));
      return null;
    }
    double number = value.doubleValue();
    String problem = finite(number);
    if (problem == null) {
      problem = check.problem(number);
    }
    if (problem != null) {
      problem(key, node.get(key), problem); // as written: 1e400, not Infinity
      return null;
    }
    out.set(key, value);
    return number;
  }

  /** A whole number, or {@code fallback} when absent; {@code null} fallback means required. */
  Long whole(String key, Long fallback, Check check, String what) {
    return whole(key, fallback, check, what, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  private Long whole(String key, Long fallback, Check check, String what, long min, long max) {
    JsonNode value = numeric(node.get(key));
    if (value == null || value.isNull()) {
      return absent(key, fallback, what, out::put);
    }
    if (!value.isNumber()) {
      problem(key, value, Messages.NOT_A_WHOLE_NUMBER + numberAdvice(value));
      return null;
    }
    if (!value.isIntegralNumber() && value.doubleValue() != Math.rint(value.doubleValue())) {
      problem(
          key, value, Messages.NOT_A_WHOLE_NUMBER + Check.maybe(Math.round(value.doubleValue())));
      return null;
    }
    if (!fitsLong(value, min, max)) { // never wrap: 2^64 + 7 is not 7
      String rule = check.problem(value.doubleValue());
      problem(
          key,
          value,
          rule != null ? rule : Messages.WHOLE_OUT_OF_RANGE + " [" + min + ", " + max + "]");
      return null;
    }
    long number = value.longValue();
    String problem = check.problem(number);
    if (problem != null) {
      problem(key, value, problem);
      return null;
    }
    out.put(key, number);
    return number;
  }

  Integer integer(String key, Integer fallback, Check check, String what) {
    Long value =
        whole(
            key,
            fallback == null ? null : fallback.longValue(),
            check,
            what,
            Integer.MIN_VALUE,
            Integer.MAX_VALUE);
    return value == null ? null : (int) (long) value;
  }

  Boolean bool(String key, boolean fallback) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      out.put(key, fallback);
      return fallback;
    }
    if (!value.isBoolean()) {
      problem(key, value, Messages.NOT_A_BOOLEAN + booleanAdvice(value));
      return null;
    }
    out.put(key, value.booleanValue());
    return value.booleanValue();
  }

  /** Text, or {@code fallback} when absent; {@code null} fallback means required. */
  String text(String key, String fallback, String what) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return absent(key, fallback, what, out::put);
    }
    if (!value.isValueNode()) {
      problem(key, value, Messages.NOT_TEXT);
      return null;
    }
    String text = value.asText();
    out.put(key, text);
    return text;
  }

  /**
   * One of a fixed set of names, matched ignoring case, {@code -} and {@code _}; {@code spelling}
   * gives each value's name in files.
   */
  <E extends Enum<E>> E choice(String key, E fallback, E[] values, Function<E, String> spelling) {
    return choice(key, fallback, List.of(values), spelling);
  }

  private <E extends Enum<E>> E choice(
      String key, E fallback, List<E> values, Function<E, String> spelling) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return absent(
          key,
          fallback,
          "one of " + names(values, spelling),
          (k, v) -> out.put(k, spelling.apply(v)));
    }
    E parsed = parseChoice(value.asText(), values, spelling);
    if (parsed == null || !value.isValueNode()) {
      problem(key, value, notOneOf(value, values, spelling));
      return null;
    }
    out.put(key, spelling.apply(parsed));
    return parsed;
  }

  // --- containers ----------------------------------------------------------------------------

  /** A nested mapping; absent means empty (all defaults). */
  Section section(String key, String... known) {
    JsonNode value = node.get(key);
    ObjectNode mirror = out.putObject(key);
    if (value == null || value.isNull()) {
      return new Section(problems, child(key), MissingNode.getInstance(), mirror, List.of(known));
    }
    if (!value.isObject()) {
      problem(key, value, Messages.NOT_A_MAPPING + " (keys: " + String.join(", ", known) + ")");
      return new Section(problems, child(key), MissingNode.getInstance(), mirror, List.of(known));
    }
    return new Section(problems, child(key), value, mirror, List.of(known));
  }

  /** A list of mappings; absent means empty. Paths are {@code key[i]}. */
  List<Section> sections(String key, String... known) {
    JsonNode value = node.get(key);
    List<Section> result = new ArrayList<>();
    if (value == null || value.isNull()) {
      return result;
    }
    if (!value.isArray()) {
      problem(key, value, Messages.NOT_A_LIST);
      return result;
    }
    ArrayNode mirror = out.putArray(key);
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      String itemPath = child(key) + "[" + i + "]";
      ObjectNode itemOut = mirror.addObject();
      if (!item.isObject()) {
        problems.add(itemPath, written(item), Messages.NOT_A_MAPPING);
        continue;
      }
      result.add(new Section(problems, itemPath, item, itemOut, List.of(known)));
    }
    return result;
  }

  /** A mapping of names to numbers (e.g. group weights), in file order; absent means fallback. */
  Map<String, Double> numbers(String key, Map<String, Double> fallback, Check check) {
    return SectionLists.numbers(this, node.get(key), key, fallback, check);
  }

  /** A list of texts; absent means fallback. */
  List<String> texts(String key, List<String> fallback) {
    return SectionLists.texts(this, node.get(key), key, fallback);
  }

  JsonNode raw(String key) {
    return node.get(key);
  }

  static ObjectNode newTree() {
    return JsonNodeFactory.instance.objectNode();
  }
}
