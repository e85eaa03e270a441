package org.equigrid.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.equigrid.config.CommunityBinder.CommunityKeys;
import org.equigrid.config.EquityBinder.EquityKeys;
import org.equigrid.config.HorizonBinder.HorizonKeys;
import org.equigrid.config.MarketBinder.MarketKeys;
import org.equigrid.config.ProfileBinder.ProfileKeys;
import org.equigrid.config.ScenarioKey.Choice;
import org.equigrid.config.ScenarioKey.Flag;
import org.equigrid.config.ScenarioKey.Group;
import org.equigrid.config.ScenarioKey.Items;
import org.equigrid.config.ScenarioKey.Num;
import org.equigrid.config.ScenarioKey.Numbers;
import org.equigrid.config.ScenarioKey.Presence;
import org.equigrid.config.ScenarioKey.Range;
import org.equigrid.config.ScenarioKey.Text;
import org.equigrid.config.ScenarioKey.Whole;
import org.equigrid.config.SettlementBinder.SettlementKeys;
import org.equigrid.config.SolverBinder.SolverKeys;
import org.equigrid.config.TariffBinder.TariffKeys;
import org.equigrid.market.clearing.SolverOptions;
import org.equigrid.market.settlement.SettlementSettings;

/**
 * What the scenario keys share. Every key is declared once, with its type, default, unit, allowed
 * values and one line of help, in its section's table beside the code that reads it: {@code
 * HorizonBinder.HorizonKeys}, {@code SolverBinder.SolverKeys} and so on (the binders are listed in
 * {@link ScenarioBinder}); a key's name is written only there. Here are the ranges and helpers
 * those tables are declared with, the top level ({@link TopKeys}, which lists every section in the
 * order of the file), and the key tables of config/README.md generated from the declarations
 * ({@link #markdown}, {@code equigrid keys}); a test fails when the two disagree.
 *
 * <p>Most values are read into {@code market} records ({@link SolverOptions}, {@link
 * SettlementSettings}, {@code Battery}), and {@code market} cannot depend on {@code config}.
 * Defaults that the model owns are therefore taken from the model's own {@code defaults()} (so the
 * number is written once, in {@code market}); the rest are written in the tables.
 *
 * <p>Adding a key: declare it in its section's table (and in that table's {@code SECTION} list,
 * whose order is the order of "allowed here" in messages), read it in the same binder through the
 * declaration ({@code s.number(SolverKeys.TIME_LIMIT_SECONDS)}), then regenerate the docs with
 * {@code ./equigrid keys --write config/README.md}. A new section gets its own binder and a place
 * in {@link TopKeys}.
 */
public final class ScenarioKeys {
  private ScenarioKeys() {}

  // --- ranges --------------------------------------------------------------------------------

  static final Range ANY = new Range(Check.ANY, "");
  static final Range POSITIVE = new Range(Check.POSITIVE, "> 0");
  static final Range NON_NEGATIVE = new Range(Check.NON_NEGATIVE, "≥ 0");
  static final Range FRACTION = new Range(Check.FRACTION, "[0, 1]");
  static final Range EFFICIENCY = new Range(Check.EFFICIENCY, "(0, 1]");
  static final Range PRICE = new Range(Check.PRICE, "[0, 1000]");

  static Range between(double min, double max) {
    return new Range(
        Check.between(min, max), "[" + Check.format(min) + ", " + Check.format(max) + "]");
  }

  // --- declaring -----------------------------------------------------------------------------

  static Num num(String name, double fallback, Range range, String unit, String help) {
    return new Num(name, Presence.DEFAULTED, fallback, range, unit, help, null);
  }

  static Num requiredNum(String name, Range range, String unit, String help) {
    return new Num(name, Presence.REQUIRED, null, range, unit, help, null);
  }

  static Num optionalNum(String name, Range range, String unit, String help) {
    return new Num(name, Presence.OPTIONAL, null, range, unit, help, null);
  }

  static Whole integer(String name, int fallback, Range range, String unit, String help) {
    return new Whole(name, Presence.DEFAULTED, (long) fallback, true, range, unit, help, null);
  }

  static Whole optionalInteger(String name, Range range, String unit, String help) {
    return new Whole(name, Presence.OPTIONAL, null, true, range, unit, help, null);
  }

  static Whole requiredInteger(String name, Range range, String unit, String help) {
    return new Whole(name, Presence.REQUIRED, null, true, range, unit, help, null);
  }

  static Flag flag(String name, boolean fallback, String help) {
    return new Flag(name, fallback, help);
  }

  static Text text(String name, String fallback, String help) {
    return new Text(name, Presence.DEFAULTED, fallback, help, null);
  }

  static Text requiredText(String name, String help) {
    return new Text(name, Presence.REQUIRED, null, help, null);
  }

  static Text optionalText(String name, String help) {
    return new Text(name, Presence.OPTIONAL, null, help, null);
  }

  static <E extends Enum<E>> Choice<E> choice(
      String name, E fallback, E[] values, Function<E, String> spelling, String help) {
    return new Choice<>(
        name,
        fallback == null ? Presence.REQUIRED : Presence.DEFAULTED,
        fallback,
        List.of(values),
        spelling,
        help,
        null);
  }

  static Numbers numbers(
      String name, Map<String, Double> fallback, Range range, String unit, String help) {
    return new Numbers(name, fallback, range, unit, help, null);
  }

  static Group group(String name, String table, String help, ScenarioKey... keys) {
    return new Group(name, List.of(keys), table, help, null);
  }

  static Items items(String name, String table, String help, ScenarioKey... keys) {
    return new Items(name, List.of(keys), table, help, null);
  }

  /** An enumeration value as files write it: lower case, {@code -} for {@code _}. */
  static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static Map<String, Double> ordered(Object... pairs) {
    Map<String, Double> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], (Double) pairs[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(map);
  }

  // --- the top level -------------------------------------------------------------------------

  /** The top level of a scenario file. */
  static final class TopKeys {
    static final Text NAME = requiredText("name", "short name, used for output folders");
    static final Text DESCRIPTION = text("description", "", "one or two sentences for reports");
    static final Whole SEED =
        new Whole(
            "seed",
            Presence.REQUIRED,
            null,
            false,
            ANY,
            "",
            "whole number; the same seed gives the same community, profiles and run",
            null);
    static final Group SECTION =
        group(
            "",
            "top",
            "a scenario file",
            NAME,
            DESCRIPTION,
            SEED,
            HorizonKeys.SECTION,
            CommunityKeys.SECTION,
            ProfileKeys.SECTION,
            TariffKeys.SECTION,
            MarketKeys.SECTION,
            EquityKeys.SECTION,
            SolverKeys.SECTION,
            SettlementKeys.SECTION);
  }

  // --- docs ----------------------------------------------------------------------------------

  /** The names of the generated tables, in the order of config/README.md. */
  public static List<String> tables() {
    List<String> tables = new ArrayList<>();
    collectTables(TopKeys.SECTION, tables);
    return tables;
  }

  private static void collectTables(ScenarioKey key, List<String> tables) {
    List<ScenarioKey> children = children(key);
    String table = key instanceof Group g ? g.table() : key instanceof Items i ? i.table() : null;
    if (table != null && !tables.contains(table)) {
      tables.add(table);
    }
    children.forEach(child -> collectTables(child, tables));
  }

  private static List<ScenarioKey> children(ScenarioKey key) {
    return key instanceof Group g ? g.keys() : key instanceof Items i ? i.keys() : List.of();
  }

  private static ScenarioKey findTable(ScenarioKey key, String table) {
    if (key instanceof Group g && table.equals(g.table())
        || key instanceof Items i && table.equals(i.table())) {
      return key;
    }
    for (ScenarioKey child : children(key)) {
      ScenarioKey found = findTable(child, table);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /**
   * The markdown key table {@code table} (one of {@link #tables()}): a row per key, nested mappings
   * without a table of their own flattened as {@code a.b} (lists as {@code a[].b}).
   */
  public static String markdown(String table) {
    ScenarioKey section = findTable(TopKeys.SECTION, table);
    if (section == null) {
      throw new IllegalArgumentException("no key table " + table + "; tables: " + tables());
    }
    StringBuilder md =
        new StringBuilder(
            "| key | type | default | unit | allowed | help |\n|---|---|---|---|---|---|\n");
    for (ScenarioKey key : children(section)) {
      rows(md, "", key);
    }
    return md.toString();
  }

  private static void rows(StringBuilder md, String prefix, ScenarioKey key) {
    String name = prefix + key.name();
    md.append("| `")
        .append(name)
        .append("` | ")
        .append(key.type())
        .append(" | ")
        .append(cell(key.shownDefault()))
        .append(" | ")
        .append(cell(key.unit()))
        .append(" | ")
        .append(cell(key.allowed()))
        .append(" | ")
        .append(key.help())
        .append(" |\n");
    boolean ownTable =
        key instanceof Group g && g.table() != null || key instanceof Items i && i.table() != null;
    if (!ownTable) {
      String childPrefix = name + (key instanceof Items ? "[]." : ".");
      children(key).forEach(child -> rows(md, childPrefix, child));
    }
  }

  private static String cell(String text) {
    return text.isEmpty() ? "–" : text;
  }

  /**
   * A generated table in config/README.md: {@code <!-- keys:NAME -->} ... {@code <!-- /keys -->}.
   */
  private static final Pattern BLOCK =
      Pattern.compile("<!-- keys:([a-z]+) -->\\n(.*?)<!-- /keys -->", Pattern.DOTALL);

  /**
   * {@code readme} with every generated block replaced by the current table.
   *
   * @throws IllegalArgumentException when a block names no table, or a table has no block
   */
  public static String rewrite(String readme) {
    Matcher m = BLOCK.matcher(readme);
    StringBuilder out = new StringBuilder();
    List<String> seen = new ArrayList<>();
    while (m.find()) {
      seen.add(m.group(1));
      m.appendReplacement(
          out,
          Matcher.quoteReplacement(
              "<!-- keys:" + m.group(1) + " -->\n" + markdown(m.group(1)) + "<!-- /keys -->"));
    }
    m.appendTail(out);
    List<String> missing = new ArrayList<>(tables());
    missing.removeAll(seen);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "no generated block for the key tables "
              + missing
              + "; add <!-- keys:NAME --> <!-- /keys --> where each belongs");
    }
    return out.toString();
  }

  /** Every declared key as its dotted path (lists as {@code a[].b}), for tests and tools. */
  static List<String> paths() {
    List<String> paths = new ArrayList<>();
    for (ScenarioKey key : TopKeys.SECTION.keys()) {
      paths(paths, "", key);
    }
    return paths;
  }

  private static void paths(List<String> paths, String prefix, ScenarioKey key) {
    String name = prefix + key.name();
    paths.add(name);
    String childPrefix = name + (key instanceof Items ? "[]." : ".");
    children(key).forEach(child -> paths(paths, childPrefix, child));
  }
}
