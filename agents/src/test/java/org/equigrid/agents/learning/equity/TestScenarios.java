package org.equigrid.agents.learning.equity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.equigrid.config.Scenario;
import org.equigrid.config.ScenarioReader;

/** The shipped reference scenario, shrunk for tests. */
final class TestScenarios {

  private TestScenarios() {}

  /** s5 (static equity weights) with {@code households} generated households. */
  static Scenario s5(int households) {
    return s5(households, Map.of());
  }

  /** s5 with {@code households} generated households and further overrides ({@code --set}). */
  static Scenario s5(int households, Map<String, String> overrides) {
    Map<String, String> all = new java.util.HashMap<>(overrides);
    all.put("community.generate.households", Integer.toString(households));
    try {
      return ScenarioReader.read(find("s5-p2p-static-equity.yaml"), all);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Path find(String file) {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("config").resolve("scenarios").resolve(file);
      if (Files.exists(candidate)) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "config/scenarios/" + file + " not found above the working directory");
  }
}
