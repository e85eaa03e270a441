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
  private List<RuleVariant> rules = RuleVariant.RULES;
  private int adaptationBlocks = ADAPTATION_BLOCKS;

  /**
   * @param overrides applied to every scenario (e.g. {@code horizon.days=1})
   * @param realData the CityLearn folder to run on instead of the synthetic community, or null
   */
  public Reproduction(Map<String, String> overrides, Path realData) {
    this.overrides = new LinkedHashMap<>(overrides);
    this.realData = realData;
  }

  /** Runs these settlement settings (default {@link RuleVariant#RULES}; empty: no rules table). */
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
      Scenario scenario = scenario(entry, out, variant.overrides(groups));
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
        if (!RuleVariant.YEAR.contains(variant.id()) || !byLabel.containsKey(variant.base())) {
          continue;
        }
        List<Path> list = new ArrayList<>();
        for (int start : blockStarts(scenarios.get("S5").startDayOfYear(), adaptationBlocks)) {
          Map<String, String> extra = variant.overrides(groups);
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
    return ReproduceFiles.write(
        out,
        new ReproduceFiles.Layout(
            entries, dirs, scenarios, groups, ruleDirs, blockDirs, yearDirs, adaptationBlocks),
        community(first),
        batch);
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
