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
      List.of("s1-baseline", "s2-pv-alone", "s3-pv-battery-alone", "s4-p2p-cost", "s5-p2p-static-equity");

  private final Map<String, String> overrides;
  private final Path realData;

  /**
   * @param overrides applied to every scenario (e.g. {@code horizon.days=1})
   * @param realData the CityLearn folder to run on instead of the synthetic community, or null
   */
  public Reproduction(Map<String, String> overrides, Path realData) {
    this.overrides = new LinkedHashMap<>(overrides);
    this.realData = realData;
  }

  /** S1–S5 from {@code scenariosDir}, and S6 as the first {@code s6-*.yaml} there (else unavailable). */
  public static List<Entry> referenceScenarios(Path scenariosDir) throws ScenarioException {
    List<Entry> entries = new ArrayList<>();
    for (String name : SHIPPED) {
      Path file = scenariosDir.resolve(name + ".yaml");
      if (!Files.isRegularFile(file)) {
        throw new ScenarioException(
            List.of(new ScenarioProblem(file.toString(), "", null,
                "reference scenario not found; run from the equigrid folder or set EQUIGRID_HOME")));
      }
      entries.add(new Entry(label(name), name, file));
    }
    Path s6 = null;
    try (Stream<Path> files = Files.list(scenariosDir)) {
      s6 = files.filter(f -> f.getFileName().toString().matches("s6-.*\\.ya?ml")).sorted().findFirst().orElse(null);
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
    if (realData == null) {
      return ScenarioReader.read(entry.file(), overrides);
    }
    Map<String, String> generated = new LinkedHashMap<>(overrides);
    generated.put("community.generate.households", Integer.toString(CityLearnCommunity.HOMES));
    Scenario recipe = ScenarioReader.read(entry.file(), generated);
    Path file = out.resolve("scenarios").resolve(entry.name() + "-citylearn.yaml");
    AtomicFiles.write(file, CityLearnCommunity.yaml(recipe, realData));
    return ScenarioReader.read(file);
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

  public Outcome run(List<Entry> entries, Path out, int parallel, String version, Consumer<String> progress)
      throws ScenarioException, InterruptedException {
    List<RunBatch.Job> jobs = new ArrayList<>();
    Map<String, Path> dirs = new LinkedHashMap<>();
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
        progress.accept("  S6 " + entry.name() + ": not yet available (" + e.getMessage().lines().findFirst().orElse("") + ")");
        continue;
      }
      if (entry.label().equals("S6") && !policyFits(scenario)) {
        progress.accept("  S6 " + entry.name() + ": not run, its policy " + scenario.adaptiveEquity().policy().getFileName()
            + " was trained for another community (" + scenario.households().size() + " households here)");
        continue;
      }
      first = first == null ? scenario : first;
      Path dir = out.resolve(scenario.name());
      dirs.put(entry.label(), dir);
      jobs.add(new RunBatch.Job(entry.label() + " " + scenario.name(), scenario, dir));
    }
    LOG.info("Reproduce: {} scenarios into {}", jobs.size(), out);
    RunBatch.Outcome batch = new RunBatch(parallel, version, progress).run(jobs);
    List<ReproduceTable.Column> columns = new ArrayList<>();
    for (Entry entry : entries) {
      Path dir = dirs.get(entry.label());
      RunSummary summary = dir == null ? null : RunSummary.read(dir);
      columns.add(new ReproduceTable.Column(entry.label(), entry.name(), summary));
    }
    ReproduceTable table = new ReproduceTable(columns);
    Path csv = out.resolve(REPRODUCE_CSV);
    Path md = out.resolve(REPRODUCE_MD);
    AtomicFiles.write(csv, table.csv());
    AtomicFiles.write(md, table.markdown("equigrid reproduce: the reference scenarios", community(first)));
    return new Outcome(table, csv, md, batch);
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
