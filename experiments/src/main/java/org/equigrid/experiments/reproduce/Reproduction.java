package org.equigrid.experiments.reproduce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.equigrid.config.Scenario;
import org.equigrid.config.ScenarioException;
import org.equigrid.config.ScenarioProblem;
import org.equigrid.config.ScenarioReader;
import org.equigrid.experiments.learning.AdaptiveWeights;
import org.equigrid.experiments.output.AtomicFiles;
import org.equigrid.experiments.sweep.RunBatch;
import org.equigrid.experiments.sweep.RunSummary;

/**
 * Runs the reference scenarios S1–S6 (each into {@code out/<scenario>/}, resumably) and writes
 * {@code reproduce.csv} and {@code reproduce.md} in {@code out}.
 */
public final class Reproduction {

  private static final Logger LOG = LogManager.getLogger();

  public static final String REPRODUCE_CSV = "reproduce.csv";
  public static final String REPRODUCE_MD = "reproduce.md";
  public static final String RULES_CSV = "reproduce-rules.csv";
  public static final String ADAPTATION_CSV = "reproduce-adaptation.csv";
  public static final String RULES_YEAR_CSV = "reproduce-rules-year.csv";

  /**
   * A settlement setting run on the dispatch of S4 or S5 (issue 12: the rules compared against
   * cost-only Shapley), into {@code out/rules/<id>/} unless it is the reference scenario itself.
   *
   * @param base {@code S4} or {@code S5}: the scenario the overrides apply to
   * @param dispatch what is dispatched, e.g. {@code S4} or {@code S4 + floor 2 EUR}
   * @param label shown in the table
   * @param id folder name
   * @param rule {@code settlement.rule}, with the objective for {@code rawlsian}
   * @param overrides applied on top of the scenario; the value {@link #LEAST_ADVANTAGED} stands for
   *     S5's least-advantaged groups (S4 marks none)
   */
  public record RuleVariant(
      String base,
      String dispatch,
      String label,
      String id,
      String rule,
      Map<String, String> overrides) {
    public RuleVariant {
      overrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }
  }

  /** Placeholder override value: S5's least-advantaged groups, e.g. {@code [LOW]}. */
  static final String LEAST_ADVANTAGED = "<least-advantaged groups>";

  /** The id of the cost-only Shapley reference setting. */
  static final String REFERENCE = "S4-weighted-shapley";

  private static Map<String, String> rawlsian(String objective, Map<String, String> more) {
    Map<String, String> overrides =
        new LinkedHashMap<>(
            Map.of("settlement.rule", "rawlsian", "settlement.rawlsianObjective", objective));
    overrides.putAll(more);
    return overrides;
  }

  /**
   * The settings of the rules table: every rule on S5's dispatch; the market and rawlsian rules on
   * S4's cost-only one; and the largest-burden rule on S4 with a small Rawlsian floor (2 EUR on the
   * least-advantaged groups), the cheapest point of the frontier sweep that meets issue 12's
   * target.
   */
  public static final List<RuleVariant> RULES =
      List.of(
          new RuleVariant(
              "S4",
              "S4",
              "S4 · Shapley (cost-only, reference)",
              REFERENCE,
              "weighted-shapley",
              Map.of("settlement.rule", "weighted-shapley")),
          new RuleVariant(
              "S4",
              "S4",
              "S4 · market",
              "S4-market",
              "market",
              Map.of("settlement.rule", "market")),
          new RuleVariant(
              "S4",
              "S4",
              "S4 · rawlsian, relative savings",
              "S4-rawlsian-relative-savings",
              "rawlsian (relative-savings)",
              rawlsian(
                  "relative-savings", Map.of("equity.leastAdvantagedGroups", LEAST_ADVANTAGED))),
          new RuleVariant(
              "S4",
              "S4",
              "S4 · rawlsian, largest burden",
              "S4-rawlsian-largest-burden",
              "rawlsian (largest-burden)",
              rawlsian("largest-burden", Map.of())),
          new RuleVariant(
              "S4",
              "S4 + floor 2 EUR",
              "S4 + floor 2 EUR · rawlsian, largest burden",
              "S4-floor2-rawlsian-largest-burden",
              "rawlsian (largest-burden)",
              rawlsian(
                  "largest-burden",
                  Map.of(
                      "equity.leastAdvantagedGroups",
                      LEAST_ADVANTAGED,
                      "equity.rawlsianStrengthEur",
                      "2"))),
          new RuleVariant(
              "S5",
              "S5",
              "S5 · weighted Shapley",
              "S5-weighted-shapley",
              "weighted-shapley",
              Map.of("settlement.rule", "weighted-shapley")),
          new RuleVariant(
              "S5",
              "S5",
              "S5 · Shapley",
              "S5-shapley",
              "shapley",
              Map.of("settlement.rule", "shapley")),
          new RuleVariant(
              "S5",
              "S5",
              "S5 · market",
              "S5-market",
              "market",
              Map.of("settlement.rule", "market")),
          new RuleVariant(
              "S5",
              "S5",
              "S5 · rawlsian, relative savings",
              "S5-rawlsian-relative-savings",
              "rawlsian (relative-savings)",
              rawlsian("relative-savings", Map.of())),
          new RuleVariant(
              "S5",
              "S5",
              "S5 · rawlsian, largest burden",
              "S5-rawlsian-largest-burden",
              "rawlsian (largest-burden)",
              rawlsian("largest-burden", Map.of())));

  /** The settings also run on every adaptation block: the reference and the target's candidates. */
  static final Set<String> YEAR =
      Set.of(REFERENCE, "S4-floor2-rawlsian-largest-burden", "S5-market");

  /** A variant's overrides with the least-advantaged placeholder filled in. */
  private static Map<String, String> overrides(RuleVariant variant, Set<String> groups) {
    Map<String, String> extra = new LinkedHashMap<>(variant.overrides());
    extra.replaceAll(
        (key, value) ->
            value.equals(LEAST_ADVANTAGED) ? "[" + String.join(", ", groups) + "]" : value);
    return extra;
  }

  /**
   * Blocks of the adaptation test by default: the scenario's own days and three more, 91 days
   * apart.
   */
  public static final int ADAPTATION_BLOCKS = 4;

  /** Days between the starts of two adaptation blocks (a season). */
  static final int BLOCK_SPACING_DAYS = 91;

  /**
   * A reference scenario.
   *
   * @param label {@code S1} … {@code S6}
   * @param name scenario name (file name without {@code .yaml})
   * @param file the scenario file, or {@code null} when it is not yet available
   */
  public record Entry(String label, String name, Path file) {}

  /** The files written and what the batch did. */
  public record Outcome(ReproduceTable table, Path csv, Path markdown, RunBatch.Outcome batch) {}

  static final List<String> SHIPPED =
      List.of(
          "s1-baseline",
          "s2-pv-alone",
          "s3-pv-battery-alone",
          "s4-p2p-cost",
          "s5-p2p-static-equity");

  private final Map<String, String> overrides;
  private final Path realData;
  private List<RuleVariant> rules = RULES;
  private int adaptationBlocks = ADAPTATION_BLOCKS;

  /**
   * @param overrides applied to every scenario (e.g. {@code horizon.days=1})
   * @param realData the CityLearn folder to run on instead of the synthetic community, or null
   */
  public Reproduction(Map<String, String> overrides, Path realData) {
    this.overrides = new LinkedHashMap<>(overrides);
    this.realData = realData;
  }

  /** Runs these settlement settings (default {@link #RULES}; empty: no rules table). */
  public Reproduction withRules(List<RuleVariant> rules) {
    this.rules = List.copyOf(rules);
    return this;
  }

  /**
   * Runs S5 and S6 in this many blocks spread over the year (default {@value #ADAPTATION_BLOCKS};
   * 0: none).
   */
  public Reproduction withAdaptationBlocks(int blocks) {
    if (blocks < 0) {
      throw new IllegalArgumentException("adaptation blocks (" + blocks + ") must be >= 0");
    }
    this.adaptationBlocks = blocks;
    return this;
  }

  /**
   * The first days of year of the adaptation blocks: {@code start}, then every 91 days, wrapping
   * after 365.
   */
  static List<Integer> blockStarts(int start, int blocks) {
    List<Integer> starts = new ArrayList<>();
    for (int k = 0; k < blocks; k++) {
      starts.add((start - 1 + k * BLOCK_SPACING_DAYS) % 365 + 1);
    }
    return starts;
  }

  /**
   * S1–S5 from {@code scenariosDir}, and S6 as the first {@code s6-*.yaml} there (else
   * unavailable).
   */
  public static List<Entry> referenceScenarios(Path scenariosDir) throws ScenarioException {
    List<Entry> entries = new ArrayList<>();
    for (String name : SHIPPED) {
      Path file = scenariosDir.resolve(name + ".yaml");
      if (!Files.isRegularFile(file)) {
        throw new ScenarioException(
            List.of(
                new ScenarioProblem(
                    file.toString(),
                    "",
                    null,
                    "reference scenario not found; run from the equigrid folder or set EQUIGRID_HOME")));
      }
      entries.add(new Entry(label(name), name, file));
    }
    Path s6 = null;
    try (Stream<Path> files = Files.list(scenariosDir)) {
      s6 =
          files
              .filter(f -> f.getFileName().toString().matches("s6-.*\\.ya?ml"))
              .sorted()
              .findFirst()
              .orElse(null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    entries.add(
        s6 == null
            ? new Entry("S6", "s6-adaptive-weights", null)
            : new Entry("S6", s6.getFileName().toString().replaceFirst("\\.ya?ml$", ""), s6));
    return entries;
  }

  private static String label(String name) {
    return name.substring(0, 2).toUpperCase(Locale.ROOT);
  }

  /** The scenario of one entry as run (overrides applied; on the real data when asked). */
  Scenario scenario(Entry entry, Path out) throws ScenarioException {
    return scenario(entry, out, Map.of());
  }

  /** The same with {@code extra} overrides on top (a settlement rule, a start day). */
  Scenario scenario(Entry entry, Path out, Map<String, String> extra) throws ScenarioException {
    if (realData == null) {
      Map<String, String> all = new LinkedHashMap<>(overrides);
      all.putAll(extra);
      return ScenarioReader.read(entry.file(), all);
    }
    Map<String, String> generated = new LinkedHashMap<>(overrides);
    generated.put("community.generate.households", Integer.toString(CityLearnCommunity.HOMES));
    Scenario recipe = ScenarioReader.read(entry.file(), generated);
    Path file = out.resolve("scenarios").resolve(entry.name() + "-citylearn.yaml");
    AtomicFiles.write(file, CityLearnCommunity.yaml(recipe, realData));
    return ScenarioReader.read(file, extra);
  }

  /** Whether a scenario's adaptive policy, if it names one, loads for its community. */
  private static boolean policyFits(Scenario scenario) {
    try {
      AdaptiveWeights.of(scenario);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public Outcome run(
      List<Entry> entries, Path out, int parallel, String version, Consumer<String> progress)
      throws ScenarioException, InterruptedException {
    List<RunBatch.Job> jobs = new ArrayList<>();
    Map<String, Path> dirs = new LinkedHashMap<>();
    Map<String, Scenario> scenarios = new LinkedHashMap<>();
    Map<String, Entry> byLabel = new LinkedHashMap<>();
    Map<String, Path> known =
        new LinkedHashMap<>(); // effective scenario YAML -> its folder: each runs once
    Scenario first = null;
    for (Entry entry : entries) {
      if (entry.file() == null) {
        progress.accept("  " + entry.label() + " " + entry.name() + ": not yet available");
        continue;
      }
      Scenario scenario;
      try {
        scenario = scenario(entry, out);
      } catch (ScenarioException e) {
        if (!entry.label().equals("S6")) {
          throw e;
        }
        // S6 comes from the learning work; until this runner can read it, it is listed, not run.
        progress.accept(
            "  S6 "
                + entry.name()
                + ": not yet available ("
                + e.getMessage().lines().findFirst().orElse("")
                + ")");
        continue;
      }
      if (entry.label().equals("S6") && !policyFits(scenario)) {
        progress.accept(
            "  S6 "
                + entry.name()
                + ": not run, its policy "
                + scenario.adaptiveEquity().policy().getFileName()
                + " was trained for another community ("
                + scenario.households().size()
                + " households here)");
        continue;
      }
      first = first == null ? scenario : first;
      Path dir = out.resolve(scenario.name());
      dirs.put(entry.label(), dir);
      scenarios.put(entry.label(), scenario);
      byLabel.put(entry.label(), entry);
      known.put(scenario.canonicalYaml(), dir);
      jobs.add(new RunBatch.Job(entry.label() + " " + scenario.name(), scenario, dir));
    }
    // the settlement rules on S4's and S5's dispatch (a setting equal to the scenario reuses its
    // run)
    Set<String> groups = leastAdvantagedGroups(scenarios);
    Map<RuleVariant, Path> ruleDirs = new LinkedHashMap<>();
    for (RuleVariant variant : rules) {
      Entry entry = byLabel.get(variant.base());
      if (entry == null) {
        continue;
      }
      Scenario scenario = scenario(entry, out, overrides(variant, groups));
      Path dir = known.get(scenario.canonicalYaml());
      if (dir == null) {
        dir = out.resolve("rules").resolve(variant.id());
        known.put(scenario.canonicalYaml(), dir);
        jobs.add(new RunBatch.Job("rule " + variant.id(), scenario, dir));
      }
      ruleDirs.put(variant, dir);
    }
    // S5 and S6 on blocks of days spread over the year (the first block is their own run)
    Map<Integer, Path[]> blockDirs = new LinkedHashMap<>();
    if (scenarios.containsKey("S5") && scenarios.containsKey("S6") && adaptationBlocks > 0) {
      for (int start : blockStarts(scenarios.get("S5").startDayOfYear(), adaptationBlocks)) {
        Path[] pair = new Path[2];
        String[] labels = {"S5", "S6"};
        for (int j = 0; j < 2; j++) {
          Scenario scenario =
              scenario(
                  byLabel.get(labels[j]),
                  out,
                  Map.of("horizon.startDayOfYear", Integer.toString(start)));
          pair[j] = known.get(scenario.canonicalYaml());
          if (pair[j] == null) {
            pair[j] =
                out.resolve("adaptation")
                    .resolve(String.format(Locale.ROOT, "%s-day%03d", labels[j], start));
            known.put(scenario.canonicalYaml(), pair[j]);
            jobs.add(new RunBatch.Job("adaptation " + out.relativize(pair[j]), scenario, pair[j]));
          }
        }
        blockDirs.put(start, pair);
      }
    }
    // the reference and the target's settings on the same blocks: the target is over the year
    Map<RuleVariant, List<Path>> yearDirs = new LinkedHashMap<>();
    if (scenarios.containsKey("S5") && adaptationBlocks > 1) {
      for (RuleVariant variant : rules) {
        if (!YEAR.contains(variant.id()) || !byLabel.containsKey(variant.base())) {
          continue;
        }
        List<Path> list = new ArrayList<>();
        for (int start : blockStarts(scenarios.get("S5").startDayOfYear(), adaptationBlocks)) {
          Map<String, String> extra = overrides(variant, groups);
          extra.put("horizon.startDayOfYear", Integer.toString(start));
          Scenario scenario = scenario(byLabel.get(variant.base()), out, extra);
          Path dir = known.get(scenario.canonicalYaml());
          if (dir == null) {
            dir =
                out.resolve("rules")
                    .resolve(String.format(Locale.ROOT, "%s-day%03d", variant.id(), start));
            known.put(scenario.canonicalYaml(), dir);
            jobs.add(new RunBatch.Job("year " + out.relativize(dir), scenario, dir));
          }
          list.add(dir);
        }
        yearDirs.put(variant, list);
      }
    }
    LOG.info("Reproduce: {} runs into {}", jobs.size(), out);
    RunBatch.Outcome batch = new RunBatch(parallel, version, progress).run(jobs);
    List<ReproduceTable.Column> columns = new ArrayList<>();
    for (Entry entry : entries) {
      Path dir = dirs.get(entry.label());
      RunSummary summary = dir == null ? null : RunSummary.read(dir);
      columns.add(new ReproduceTable.Column(entry.label(), entry.name(), summary));
    }
    ReproduceTable table = new ReproduceTable(columns);
    List<RuleTable.Setting> settings = new ArrayList<>();
    ruleDirs.forEach(
        (variant, dir) ->
            settings.add(
                new RuleTable.Setting(
                    variant.label(),
                    variant.dispatch(),
                    variant.rule(),
                    out.relativize(dir).toString(),
                    variant.id().equals(REFERENCE),
                    RunSummary.read(dir),
                    GroupFigures.read(dir, groups, incomes(scenarios.get(variant.base()))),
                    rowsDroppedDays(dir))));
    RuleTable rulesTable = new RuleTable(settings);
    List<AdaptationTable.Block> blocks = new ArrayList<>();
    blockDirs.forEach(
        (start, pair) ->
            blocks.add(
                new AdaptationTable.Block(
                    start,
                    out.relativize(pair[0]).toString(),
                    out.relativize(pair[1]).toString(),
                    AdaptationTable.read(pair[0]),
                    AdaptationTable.read(pair[1]))));
    AdaptationTable adaptation = new AdaptationTable(blocks);
    Path csv = out.resolve(REPRODUCE_CSV);
    Path md = out.resolve(REPRODUCE_MD);
    AtomicFiles.write(csv, table.csv());
    StringBuilder markdown =
        new StringBuilder(
            table.markdown("equigrid reproduce: the reference scenarios", community(first)));
    if (!settings.isEmpty()) {
      AtomicFiles.write(out.resolve(RULES_CSV), rulesTable.csv());
      markdown.append('\n').append(rulesTable.markdown());
    }
    if (yearDirs.containsKey(RULES.get(0)) && yearDirs.size() > 1) {
      List<RuleTable.Setting> pooled = new ArrayList<>();
      yearDirs.forEach(
          (variant, list) ->
              pooled.add(
                  PooledSetting.of(
                      variant.label(),
                      variant.dispatch(),
                      variant.rule(),
                      String.join(
                          " ", list.stream().map(d -> out.relativize(d).toString()).toList()),
                      variant.id().equals(REFERENCE),
                      list,
                      groups,
                      incomes(scenarios.get(variant.base())))));
      RuleTable year = new RuleTable(pooled);
      AtomicFiles.write(out.resolve(RULES_YEAR_CSV), year.csv());
      List<String> starts =
          blockStarts(scenarios.get("S5").startDayOfYear(), adaptationBlocks).stream()
              .map(String::valueOf)
              .toList();
      markdown
          .append('\n')
          .append(
              year.markdown(
                  "The target over the year",
                  "Here the reference and the target's settings are pooled over the adaptation blocks (days of year "
                      + String.join(", ", starts)
                      + ", each "
                      + scenarios.get("S5").days()
                      + " days): means over all their days, the "
                      + "price of fairness as the ratio of sums. Also in `"
                      + RULES_YEAR_CSV
                      + "`.",
                  "the year"));
    }
    if (scenarios.containsKey("S5") && adaptationBlocks > 0) {
      AtomicFiles.write(out.resolve(ADAPTATION_CSV), adaptation.csv());
      markdown.append('\n').append(adaptation.markdown());
    }
    AtomicFiles.write(md, markdown.toString());
    return new Outcome(table, csv, md, batch);
  }

  /**
   * Days of a run whose rawlsian LP dropped the coalition rows ({@code settlement.coreRowsKept}
   * false).
   */
  static int rowsDroppedDays(Path dir) {
    Path file = dir.resolve(org.equigrid.experiments.output.ResultsWriter.SUMMARY_JSON);
    if (!Files.isRegularFile(file)) {
      return 0;
    }
    try {
      int dropped = 0;
      for (com.fasterxml.jackson.databind.JsonNode day :
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(file.toFile())
              .path("dayResults")) {
        com.fasterxml.jackson.databind.JsonNode kept = day.path("settlement").path("coreRowsKept");
        dropped += kept.isBoolean() && !kept.asBoolean() ? 1 : 0;
      }
      return dropped;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Daily income {@code y_i} (EUR/day) by household id. */
  private static Map<String, Double> incomes(Scenario scenario) {
    Map<String, Double> incomes = new LinkedHashMap<>();
    scenario.households().forEach(h -> incomes.put(h.id(), h.dailyIncomeEur()));
    return incomes;
  }

  /**
   * S5's least-advantaged groups (else S4's, else every group): the population of the rules table's
   * group figures.
   */
  private static Set<String> leastAdvantagedGroups(Map<String, Scenario> scenarios) {
    for (String label : List.of("S5", "S4")) {
      Scenario scenario = scenarios.get(label);
      if (scenario != null && !scenario.equity().leastAdvantagedGroups().isEmpty()) {
        return new TreeSet<>(scenario.equity().leastAdvantagedGroups());
      }
    }
    Scenario any = scenarios.values().stream().findFirst().orElse(null);
    return any == null ? Set.of() : new TreeSet<>(any.groups());
  }

  private String community(Scenario scenario) {
    if (scenario == null) {
      return "No scenario was run.";
    }
    return String.format(
        Locale.ROOT,
        "%s: %d households, %d day%s from day of year %d, seed %d, %d-minute intervals. Each scenario's "
            + "results and report.html are in its own folder beside this file.",
        realData != null
            ? "The 17 CityLearn 2022 homes (real hourly load and PV, dataset PV and batteries, time-of-use price at 0.92 EUR/USD; groups and incomes from each scenario's recipe)"
            : "Synthetic community",
        scenario.households().size(),
        scenario.days(),
        scenario.days() == 1 ? "" : "s",
        scenario.startDayOfYear(),
        scenario.seed(),
        Math.round(scenario.intervalHours() * 60));
  }
}
