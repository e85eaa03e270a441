package org.equigrid.experiments.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.equigrid.experiments.reproduce.CityLearnCommunity;
import org.equigrid.experiments.reproduce.Reproduction;
import org.equigrid.experiments.reproduce.RuleVariant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code equigrid reproduce}: the reference scenarios and the paper-shaped results table. */
@Command(
    name = "reproduce",
    mixinStandardHelpOptions = true,
    description = {
      "Run the reference scenarios S1-S6 and tabulate them beside the paper's figures.",
      "Writes reproduce.csv and reproduce.md (with definitions) plus each scenario's results folder",
      "and report. S6 is included when config/scenarios/s6-*.yaml exists. Finished scenarios are",
      "not run again. Also compares the settlement rules on S4's and S5's dispatch against cost-only",
      "Shapley (reproduce-rules.csv) and S6 against S5 in blocks of days over the year",
      "(reproduce-adaptation.csv); both are sections of reproduce.md."
    })
final class ReproduceCommand implements Callable<Integer> {

  @Option(
      names = "--out",
      description =
          "Output folder (default: runs/reproduce, or runs/reproduce-citylearn with --real-data).")
  Path out;

  @Option(
      names = "--days",
      description = "Trading days of every scenario (default: each scenario's horizon.days).")
  Integer days;

  @Option(
      names = "--real-data",
      paramLabel = "DIR",
      description =
          "Run on the 17 CityLearn 2022 homes in DIR (building_<k>.csv, assets.json, pricing.csv) instead of the synthetic community.")
  Path realData;

  @Option(
      names = "--parallel",
      paramLabel = "K",
      description = "Scenarios at once, 1..cores (default: 1).")
  int parallel = 1;

  @Option(
      names = "--set",
      paramLabel = "PATH=VALUE",
      description =
          "Override a field of every scenario, e.g. --set community.generate.households=12 (repeatable).")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(
      names = "--only",
      split = ",",
      paramLabel = "LABEL",
      description = "Run only these scenarios, e.g. --only S1,S4 (default: all).")
  List<String> only = new ArrayList<>();

  @Option(
      names = "--adaptation-blocks",
      paramLabel = "K",
      description =
          "S5 and S6 in K blocks of --days days, 91 days apart from their own start (default: 4; 0: none).")
  int adaptationBlocks = Reproduction.ADAPTATION_BLOCKS;

  @Option(
      names = "--no-rules",
      description = "Skip the settlement-rule runs (no reproduce-rules.csv).")
  boolean noRules;

  @Option(
      names = "--scenarios",
      paramLabel = "DIR",
      description = "Folder of the reference scenarios (default: config/scenarios).")
  Path scenarios;

  @Override
  public Integer call() throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    if (parallel < 1 || parallel > cores) {
      throw new BadInputException(
          "--parallel = "
              + parallel
              + ": must be in [1, "
              + cores
              + "] (the cores of this machine). Maybe you meant 1?");
    }
    if (adaptationBlocks < 0 || adaptationBlocks > 12) {
      throw new BadInputException(
          "--adaptation-blocks = " + adaptationBlocks + ": must be in [0, 12]. Maybe you meant 4?");
    }
    if (days != null && days < 1) {
      throw new BadInputException("--days = " + days + ": must be >= 1. Maybe you meant 1?");
    }
    if (realData != null && !CityLearnCommunity.present(realData)) {
      Path nested = realData.resolve("citylearn-2022");
      if (CityLearnCommunity.present(nested)) {
        realData = nested;
      } else {
        throw new BadInputException(
            "--real-data = "
                + realData
                + ": no CityLearn data there (needs assets.json, pricing.csv, building_1.csv ... building_17.csv). "
                + "Maybe you meant ../shared/data/citylearn-2022?");
      }
    }
    Path dir =
        scenarios != null
            ? scenarios
            : ScenarioOptions.resolve("s1-baseline").toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new BadInputException(
          "reference scenarios not found (config/scenarios/s1-baseline.yaml); run from the equigrid folder, set EQUIGRID_HOME or give --scenarios DIR");
    }
    Map<String, String> all = new LinkedHashMap<>(overrides);
    if (days != null) {
      all.put("horizon.days", Integer.toString(days));
    }
    Path target =
        out != null ? out : Path.of("runs", realData != null ? "reproduce-citylearn" : "reproduce");
    List<Reproduction.Entry> entries = Reproduction.referenceScenarios(dir);
    if (!only.isEmpty()) {
      List<String> labels = entries.stream().map(Reproduction.Entry::label).toList();
      for (String label : only) {
        if (!labels.contains(label.toUpperCase(Locale.ROOT))) {
          throw new BadInputException(
              "--only "
                  + label
                  + ": not a reference scenario; one of "
                  + String.join(", ", labels));
        }
      }
      entries =
          entries.stream()
              .filter(e -> only.stream().anyMatch(l -> l.equalsIgnoreCase(e.label())))
              .toList();
    }
    System.err.printf(
        Locale.ROOT,
        "equigrid %s: reproduce %d reference scenarios%s into %s%n",
        VersionProvider.version(),
        entries.stream().filter(e -> e.file() != null).count(),
        realData != null ? " on " + realData : "",
        target);
    Reproduction.Outcome outcome;
    try (OutputFolder folder =
        OutputFolder.claim(target, OutputFolder.estimateBytes(1000, 7 * entries.size(), 96))) {
      outcome =
          new Reproduction(all, realData)
              .withRules(noRules ? List.of() : RuleVariant.RULES)
              .withAdaptationBlocks(adaptationBlocks)
              .run(entries, target, parallel, VersionProvider.version(), System.err::println);
    }
    System.err.println("table: " + outcome.markdown().toAbsolutePath());
    System.out.println(outcome.csv().toAbsolutePath());
    if (!outcome.batch().failed().isEmpty()) {
      System.err.println("failed scenarios (run again to retry them):");
      outcome.batch().failed().forEach(f -> System.err.println("  " + f));
      return EquigridCommand.EXIT_INTERNAL_ERROR;
    }
    return 0;
  }
}
