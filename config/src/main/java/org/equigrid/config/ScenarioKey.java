package org.equigrid.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One scenario key, declared once (in its section's binder, see {@link ScenarioKeys}): its name in
 * the file, its type, its default (or that it is required, or optional without a default), the
 * unit, the allowed values and one line of help. {@link Section} reads a key through its
 * declaration and the key tables of config/README.md are generated from the same declarations
 * ({@link ScenarioKeys#markdown}).
 *
 * <p>{@code shown} overrides the default as written in the docs where the binder computes it (a
 * battery's power is capacity / 2); null means "derived from the fallback".
 */
sealed interface ScenarioKey {

  /** The key as written in the file. */
  String name();

  /** One line of help. */
  String help();

  /** The type in words, for the docs. */
  String type();

  /** The default in the docs: the value, {@code **required**} or {@code –}. */
  String shownDefault();

  /** The unit, or empty. */
  default String unit() {
    return "";
  }

  /** The allowed values in the docs, or empty. */
  default String allowed() {
    return "";
  }

  /** A range rule with its text for the docs ({@code > 0}, {@code [0, 1]}). */
  record Range(Check check, String text) {}

  /**
   * Whether a key must be given, may be left out with a default, or may be left out without one.
   */
  enum Presence {
    REQUIRED,
    DEFAULTED,
    OPTIONAL
  }

  /**
   * A number as the docs write it: {@code 0.0001}, not {@code 1.0E-4}; {@code 5}, not {@code 5.0}.
   */
  static String plain(double value) {
    return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  private static String docDefault(Presence presence, String shown, String value) {
    if (shown != null) {
      return shown;
    }
    return switch (presence) {
      case REQUIRED -> "**required**";
      case OPTIONAL -> "–";
      case DEFAULTED -> value;
    };
  }

  /** A number (finite, magnitude checked by {@link Section}). */
  record Num(
      String name,
      Presence presence,
      Double fallback,
      Range range,
      String unit,
      String help,
      String shown)
      implements ScenarioKey {
    @Override
    public String type() {
      return "number";
    }

    @Override
    public String shownDefault() {
      return ScenarioKey.docDefault(presence, shown, fallback == null ? "–" : plain(fallback));
    }

    @Override
    public String allowed() {
      return range.text();
    }

    Num shown(String text) {
      return new Num(name, presence, fallback, range, unit, help, text);
    }
  }

  /** A whole number that fits an {@code int} ({@code integer}) or a {@code long} (otherwise). */
  record Whole(
      String name,
      Presence presence,
      Long fallback,
      boolean integer,
      Range range,
      String unit,
      String help,
      String shown)
      implements ScenarioKey {
    @Override
    public String type() {
      return "whole number";
    }

    @Override
    public String shownDefault() {
      return ScenarioKey.docDefault(
          presence, shown, fallback == null ? "–" : Long.toString(fallback));
    }

    @Override
    public String allowed() {
      return range.text();
    }

    Whole shown(String text) {
      return new Whole(name, presence, fallback, integer, range, unit, help, text);
    }
  }

  /** {@code true} or {@code false}. */
  record Flag(String name, boolean fallback, String help) implements ScenarioKey {
    @Override
    public String type() {
      return "boolean";
    }

    @Override
    public String shownDefault() {
      return Boolean.toString(fallback);
    }

    @Override
    public String allowed() {
      return "true, false";
    }
  }

  /** Text. */
  record Text(String name, Presence presence, String fallback, String help, String shown)
      implements ScenarioKey {
    @Override
    public String type() {
      return "text";
    }

    @Override
    public String shownDefault() {
      return ScenarioKey.docDefault(
          presence,
          shown,
          fallback == null ? "–" : "`" + (fallback.isEmpty() ? "\"\"" : fallback) + "`");
    }

    Text shown(String text) {
      return new Text(name, presence, fallback, help, text);
    }
  }

  /**
   * One of an enumeration's values, written as {@code spelling} gives (matched loosely on reading).
   */
  record Choice<E extends Enum<E>>(
      String name,
      Presence presence,
      E fallback,
      List<E> values,
      Function<E, String> spelling,
      String help,
      String shown)
      implements ScenarioKey {
    @Override
    public String type() {
      return "one of";
    }

    @Override
    public String shownDefault() {
      return ScenarioKey.docDefault(
          presence, shown, fallback == null ? "–" : "`" + spelling.apply(fallback) + "`");
    }

    @Override
    public String allowed() {
      List<String> names = new ArrayList<>();
      values.forEach(value -> names.add("`" + spelling.apply(value) + "`"));
      return String.join(", ", names);
    }

    Choice<E> shown(String text) {
      return new Choice<>(name, presence, fallback, values, spelling, help, text);
    }
  }

  /** A mapping of names (groups, shapes) to numbers. */
  record Numbers(
      String name,
      Map<String, Double> fallback,
      Range range,
      String unit,
      String help,
      String shown)
      implements ScenarioKey {
    @Override
    public String type() {
      return "name → number";
    }

    @Override
    public String shownDefault() {
      if (shown != null) {
        return shown;
      }
      if (fallback.isEmpty()) {
        return "`{}`";
      }
      List<String> pairs = new ArrayList<>();
      fallback.forEach((key, value) -> pairs.add(key + ": " + plain(value)));
      return "`{" + String.join(", ", pairs) + "}`";
    }

    @Override
    public String allowed() {
      return range.text();
    }

    Numbers shown(String text) {
      return new Numbers(name, fallback, range, unit, help, text);
    }
  }

  /** A list of names (one name alone is read as a list of one). */
  record Texts(String name, List<String> fallback, String help) implements ScenarioKey {
    @Override
    public String type() {
      return "list of text";
    }

    @Override
    public String shownDefault() {
      return "`[" + String.join(", ", fallback) + "]`";
    }
  }

  /**
   * A nested mapping; {@code table} names the docs table that lists its keys, or is null when its
   * keys are listed in the parent's table as {@code name.key}.
   */
  record Group(String name, List<ScenarioKey> keys, String table, String help, String shown)
      implements ScenarioKey {
    @Override
    public String type() {
      return "mapping";
    }

    @Override
    public String shownDefault() {
      return shown == null ? "–" : shown;
    }

    /** The names of its keys, in declaration order: the keys allowed in the mapping. */
    String[] known() {
      return keys.stream().map(ScenarioKey::name).toArray(String[]::new);
    }

    /** The same keys under another name (the CSV {@code load} and {@code pv} series). */
    Group as(String otherName, String otherHelp) {
      return new Group(otherName, keys, table, otherHelp, shown);
    }
  }

  /**
   * A list of mappings; their keys are listed as {@code name[].key} unless {@code table} names a
   * table.
   */
  record Items(String name, List<ScenarioKey> keys, String table, String help, String shown)
      implements ScenarioKey {
    @Override
    public String type() {
      return "list of mappings";
    }

    @Override
    public String shownDefault() {
      return shown == null ? "–" : shown;
    }

    String[] known() {
      return keys.stream().map(ScenarioKey::name).toArray(String[]::new);
    }
  }
}
