package org.equigrid.experiments.reproduce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.equigrid.config.Scenario;
import org.equigrid.experiments.output.AtomicFiles;
import org.equigrid.experiments.reproduce.Reproduction.Entry;
import org.equigrid.experiments.sweep.RunBatch;
import org.equigrid.experiments.sweep.RunSummary;

/**
 * The files of {@code equigrid reproduce}, read from its run folders once they have run: {@code
 * reproduce.csv}, the rules tables (one day block and pooled over the year), the adaptation table,
 * and {@code reproduce.md} with all of them.
 */
final class ReproduceFiles {

  private ReproduceFiles() {}

  /**
   * Where each run of a reproduction went.
   *
   * @param entries the reference scenarios, S1 to S6, run or not
   * @param dirs the run folder of each scenario run, by label
   * @param scenarios each scenario run, by label
   * @param groups the population of the rules table's group figures
   * @param ruleDirs the run folder of each settlement setting
   * @param blockDirs S5's and S6's run folders by first day of each adaptation block
   * @param yearDirs the run folders of each setting pooled over the adaptation blocks
   * @param adaptationBlocks the adaptation blocks asked for
   */
  record Layout(
      List<Entry> entries,
      Map<String, Path> dirs,
      Map<String, Scenario> scenarios,
      Set<String> groups,
      Map<RuleVariant, Path> ruleDirs,
      Map<Integer, Path[]> blockDirs,
      Map<RuleVariant, List<Path>> yearDirs,
      int adaptationBlocks) {}

  /** Writes the files into {@code out}; {@code community} describes the community run. */
  static Reproduction.Outcome write(
      Path out, Layout layout, String community, RunBatch.Outcome batch) {
    List<Entry> entries = layout.entries();
    Map<String, Path> dirs = layout.dirs();
    Map<String, Scenario> scenarios = layout.scenarios();
    Set<String> groups = layout.groups();
    Map<RuleVariant, Path> ruleDirs = layout.ruleDirs();
    Map<Integer, Path[]> blockDirs = layout.blockDirs();
    Map<RuleVariant, List<Path>> yearDirs = layout.yearDirs();
    int adaptationBlocks = layout.adaptationBlocks();
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
                    variant.reference(),
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
    Path csv = out.resolve(Reproduction.REPRODUCE_CSV);
    Path md = out.resolve(Reproduction.REPRODUCE_MD);
    AtomicFiles.write(csv, table.csv());
    StringBuilder markdown =
        new StringBuilder(table.markdown("equigrid reproduce: the reference scenarios", community));
    if (!settings.isEmpty()) {
      AtomicFiles.write(out.resolve(Reproduction.RULES_CSV), rulesTable.csv());
      markdown.append('\n').append(rulesTable.markdown());
    }
    if (yearDirs.containsKey(RuleVariant.RULES.get(0)) && yearDirs.size() > 1) {
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
                      variant.reference(),
                      list,
                      groups,
                      incomes(scenarios.get(variant.base())))));
      RuleTable year = new RuleTable(pooled);
      AtomicFiles.write(out.resolve(Reproduction.RULES_YEAR_CSV), year.csv());
      List<String> starts =
          Reproduction.blockStarts(scenarios.get("S5").startDayOfYear(), adaptationBlocks).stream()
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
                      + Reproduction.RULES_YEAR_CSV
                      + "`.",
                  "the year"));
    }
    if (scenarios.containsKey("S5") && adaptationBlocks > 0) {
      AtomicFiles.write(out.resolve(Reproduction.ADAPTATION_CSV), adaptation.csv());
      markdown.append('\n').append(adaptation.markdown());
    }
    AtomicFiles.write(md, markdown.toString());
    return new Reproduction.Outcome(table, csv, md, batch);
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
}
