package org.equigrid.experiments.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a sweep file for a test and reads it, with {@code quickstart} naming the shipped scenario.
 */
final class SweepFiles {

  static final Path QUICKSTART =
      Path.of("../config/scenarios/quickstart.yaml").toAbsolutePath().normalize();

  private SweepFiles() {}

  static SweepFile read(Path file, String yaml) throws IOException, SweepException {
    Files.writeString(file, yaml);
    return SweepFile.read(file, name -> name.equals("quickstart") ? QUICKSTART : Path.of(name));
  }

  /** The message of the {@link SweepException} reading {@code yaml} must throw. */
  static String problems(Path file, String yaml) throws IOException {
    try {
      read(file, yaml);
    } catch (SweepException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected a SweepException for\n" + yaml);
  }
}
