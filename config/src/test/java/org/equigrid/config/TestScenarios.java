package org.equigrid.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small scenario texts for tests. */
final class TestScenarios {
  /** A valid explicit community of three households, one day. */
  static final String SMALL =
      """
      name: small
      seed: 11
      horizon:
        days: 2
      community:
        households:
          - id: a
            group: LOW
            dailyIncomeEur: 40
          - id: b
            group: MIDDLE
            dailyIncomeEur: 90
            pvKwp: 4.0
          - id: c
            group: HIGH
            dailyIncomeEur: 200
            pvKwp: 5.0
            battery: {capacityKwh: 10.0, powerKw: 5.0, roundTripEfficiency: 0.9}
      """;

  private TestScenarios() {}

  static Path write(Path dir, String name, String yaml) {
    try {
      Path file = dir.resolve(name);
      Files.writeString(file, yaml);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first directory {@code <ancestor>/shared/data} above the working directory, or null. */
  static Path sharedData() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("data");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
