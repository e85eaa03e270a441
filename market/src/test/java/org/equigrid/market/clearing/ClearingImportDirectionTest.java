package org.equigrid.market.clearing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Imports go from {@code clearing.engine} to {@code clearing}, never back: no source file of the
 * {@code clearing} package imports the engine package, except the facade {@link CoalitionSolver}
 * (which builds the {@code Plan}). The project has no ArchUnit, so the sources are scanned.
 */
class ClearingImportDirectionTest {

  private static final Path CLEARING = Path.of("src/main/java/org/equigrid/market/clearing");
  private static final Set<String> ALLOWED = Set.of("CoalitionSolver.java");
  private static final Pattern ENGINE_IMPORT =
      Pattern.compile(
          "^\\s*import\\s+(?:static\\s+)?(org\\.equigrid\\.market\\.clearing\\.engine\\b[\\w.*]*)\\s*;",
          Pattern.MULTILINE);

  /** The engine-package imports of one source file's text. */
  static List<String> engineImports(String source) {
    List<String> found = new ArrayList<>();
    Matcher m = ENGINE_IMPORT.matcher(source);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  @Test
  void engineImports_findsPlainStaticAndWildcardImports() {
    String source =
        "package org.equigrid.market.clearing;\n"
            + "import org.equigrid.market.clearing.engine.Plan;\n"
            + "import static org.equigrid.market.clearing.engine.TieBreak.VERTEX_NOTE;\n"
            + "import org.equigrid.market.clearing.engine.*;\n"
            + "import org.equigrid.market.clearing.SolverOptions;\n"
            + "// see org.equigrid.market.clearing.engine.Plan\n";
    assertThat(engineImports(source))
        .containsExactly(
            "org.equigrid.market.clearing.engine.Plan",
            "org.equigrid.market.clearing.engine.TieBreak.VERTEX_NOTE",
            "org.equigrid.market.clearing.engine.*");
  }

  @Test
  void onlyTheFacadeImportsTheEnginePackage() throws IOException {
    assertThat(CLEARING.resolve("ClearingModel.java"))
        .as("run from the market module's directory")
        .exists();
    List<String> offenders = new ArrayList<>();
    int scanned = 0;
    try (Stream<Path> files = Files.list(CLEARING)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        scanned++;
        String name = file.getFileName().toString();
        List<String> imports = engineImports(Files.readString(file, StandardCharsets.UTF_8));
        if (!imports.isEmpty() && !ALLOWED.contains(name)) {
          offenders.add(name + " imports " + imports);
        }
      }
    }
    assertThat(scanned).as("source files of the clearing package").isGreaterThan(20);
    assertThat(offenders).as("clearing classes importing clearing.engine").isEmpty();
    assertThat(engineImports(Files.readString(CLEARING.resolve("CoalitionSolver.java"))))
        .as("the facade builds the plan")
        .isNotEmpty();
  }
}
