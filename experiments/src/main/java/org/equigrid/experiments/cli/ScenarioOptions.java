package org.equigrid.experiments.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.equigrid.config.Scenario;
import org.equigrid.config.ScenarioException;
import org.equigrid.config.ScenarioReader;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The scenario argument and the options that override its fields, shared by the commands. */
public final class ScenarioOptions {

  @Parameters(
      index = "0",
      paramLabel = "SCENARIO",
      description =
          "Scenario YAML file, or the name of a shipped scenario in config/scenarios "
              + "(e.g. quickstart, s4-p2p-cost).")
  String scenario;

  @Option(names = "--seed", description = "Seed of the run (overrides the scenario's seed).")
  Long seed;

  @Option(
      names = "--set",
      paramLabel = "PATH=VALUE",
      description =
          "Override a scenario field, e.g. --set equity.rawlsianStrengthEur=10 (repeatable).")
  Map<String, String> overrides = new LinkedHashMap<>();

  Scenario read(Integer days) throws ScenarioException {
    Map<String, String> all = new LinkedHashMap<>(overrides);
    if (seed != null) {
      all.put("seed", Long.toString(seed));
    }
    if (days != null) {
      all.put("horizon.days", Integer.toString(days));
    }
    return ScenarioReader.read(resolve(scenario), all);
  }

  /**
   * A path as given if it exists, else a shipped scenario of that name (in {@code config/scenarios}
   * of the working directory or an ancestor, or of {@code EQUIGRID_HOME}), else the path as given.
   */
  public static Path resolve(String nameOrPath) {
    Path direct = Path.of(nameOrPath);
    if (Files.exists(direct)) {
      return direct;
    }
    String file = nameOrPath.endsWith(".yaml") ? nameOrPath : nameOrPath + ".yaml";
    for (Path base : searchRoots()) {
      Path candidate = base.resolve("config").resolve("scenarios").resolve(file);
      if (Files.exists(candidate)) {
        return candidate;
      }
    }
    return direct;
  }

  /** The working directory and its ancestors, then {@code EQUIGRID_HOME} (set by the launcher). */
  private static java.util.List<Path> searchRoots() {
    java.util.List<Path> roots = new java.util.ArrayList<>();
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      roots.add(dir);
    }
    String home = System.getenv("EQUIGRID_HOME");
    if (home != null) {
      roots.add(Path.of(home));
    }
    return roots;
  }
}
