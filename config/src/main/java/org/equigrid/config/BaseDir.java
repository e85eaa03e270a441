package org.equigrid.config;

import java.nio.file.Path;

/** The folder of the scenario file: the paths written in the file are relative to it. */
record BaseDir(Path path) {
  static BaseDir of(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    return new BaseDir(parent == null ? Path.of("").toAbsolutePath() : parent);
  }

  /** {@code text} relative to the scenario file. */
  Path resolve(String text) {
    return path.resolve(text);
  }

  /** The path relative to the scenario file, or null (reported) when the text is no path. */
  Path resolve(Section owner, ScenarioKey key, String text) {
    try {
      return path.resolve(text);
    } catch (java.nio.file.InvalidPathException e) {
      owner.problem(key, Messages.NOT_A_PATH + " (" + e.getReason() + ")");
      return null;
    }
  }
}
