package org.equigrid.experiments.golden;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.equigrid.experiments.cli.EquigridCommand;
import org.equigrid.experiments.cli.ScenarioOptions;
import org.equigrid.experiments.output.ResultsWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Golden results: whole runs compared with copies kept under {@code src/test/resources/golden/}.
 * Every number of {@code summary.json} and every cell of {@code households.csv} must agree within
 * {@link #RELATIVE_TOLERANCE} relative or {@link #ABSOLUTE_TOLERANCE} absolute (the files' last
 * written decimal), whichever is larger; every text must be equal. A change that moves the numbers
 * on purpose regenerates them with {@code -Dequigrid.golden.update=true} (CONTRIBUTING.md) and says
 * why in the commit.
 */
class GoldenResultsIT {

  /** Relative tolerance of a number against its golden value. */
  static final double RELATIVE_TOLERANCE = 1e-6;

  /** Absolute tolerance: results files are rounded to 6 decimals, so one unit of the last one. */
  static final double ABSOLUTE_TOLERANCE = 1e-6;

  /** System property that rewrites the goldens from this build's results instead of comparing. */
  static final String UPDATE_PROPERTY = "equigrid.golden.update";

  /** Where the goldens live, relative to the experiments module (failsafe's working directory). */
  static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

  static final String UPDATE_COMMAND =
      "mvn -B -pl experiments -am verify -Dit.test=GoldenResultsIT -Dtest=none"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false"
          + " -Dspotbugs.skip -Djacoco.skip -D"
          + UPDATE_PROPERTY
          + "=true";

  /** Keys of summary.json that depend on the machine or the build, not on the model. */
  private static final Set<String> MACHINE_KEYS = Set.of("/scenarioFile", "/equigridVersion");

  private static final int MAX_LISTED = 40;

  @Test
  void quickstart_defaultDaysAndSeed_matchesGolden(@TempDir Path tmp) throws IOException {
    check("quickstart", tmp);
  }

  @Test
  void s4P2pCost_oneDay_matchesGolden(@TempDir Path tmp) throws IOException {
    check("s4-p2p-cost", tmp, "--days", "1");
  }

  private static void check(String scenario, Path tmp, String... options) throws IOException {
    Path out = tmp.resolve(scenario);
    List<String> args =
        new ArrayList<>(List.of("run", ScenarioOptions.resolve(scenario).toString()));
    args.addAll(List.of(options));
    args.addAll(List.of("--out", out.toString()));
    String err = run(args.toArray(String[]::new));
    assertThat(out.resolve(ResultsWriter.SUMMARY_JSON)).as("run %s: %s", scenario, err).exists();

    Path golden = GOLDEN.resolve(scenario);
    List<String> files = List.of(ResultsWriter.SUMMARY_JSON, ResultsWriter.HOUSEHOLDS_CSV);
    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      Files.createDirectories(golden);
      Files.copy(
          out.resolve(ResultsWriter.HOUSEHOLDS_CSV),
          golden.resolve(ResultsWriter.HOUSEHOLDS_CSV),
          StandardCopyOption.REPLACE_EXISTING);
      ObjectMapper json = new ObjectMapper();
      ObjectNode summary =
          (ObjectNode) json.readTree(out.resolve(ResultsWriter.SUMMARY_JSON).toFile());
      for (String key : MACHINE_KEYS) {
        summary.put(key.substring(1), "(depends on the machine; not compared)");
      }
      json.writerWithDefaultPrettyPrinter()
          .writeValue(golden.resolve(ResultsWriter.SUMMARY_JSON).toFile(), summary);
      System.err.println(
          "golden results of " + scenario + " rewritten in " + golden.toAbsolutePath());
      return;
    }
    for (String file : files) {
      assertThat(golden.resolve(file))
          .as(
              "the golden %s of %s is missing; create it with%n  %s",
              file, scenario, UPDATE_COMMAND)
          .exists();
    }
    List<String> differences = new ArrayList<>();
    compareJson(
        new ObjectMapper().readTree(golden.resolve(ResultsWriter.SUMMARY_JSON).toFile()),
        new ObjectMapper().readTree(out.resolve(ResultsWriter.SUMMARY_JSON).toFile()),
        "",
        differences);
    compareCsv(
        Files.readAllLines(golden.resolve(ResultsWriter.HOUSEHOLDS_CSV)),
        Files.readAllLines(out.resolve(ResultsWriter.HOUSEHOLDS_CSV)),
        differences);
    assertThat(differences)
        .as(
            "%s differs from its golden copy in %s (%d differences; tolerance %s relative or %s"
                + " absolute).%nIf the change is intended, regenerate the goldens and give the reason"
                + " in the commit:%n  %s%nDifferences (where: golden -> actual):%n  %s",
            scenario,
            golden,
            differences.size(),
            RELATIVE_TOLERANCE,
            ABSOLUTE_TOLERANCE,
            UPDATE_COMMAND,
            String.join(
                System.lineSeparator() + "  ",
                differences.subList(0, Math.min(MAX_LISTED, differences.size()))))
        .isEmpty();
  }

  /** Whether {@code actual} is within the tolerance of {@code golden}. */
  static boolean close(double golden, double actual) {
    if (Double.isNaN(golden) || Double.isNaN(actual)) {
      return Double.isNaN(golden) && Double.isNaN(actual);
    }
    double allowed =
        Math.max(
            ABSOLUTE_TOLERANCE, RELATIVE_TOLERANCE * Math.max(Math.abs(golden), Math.abs(actual)));
    return Math.abs(golden - actual) <= allowed;
  }

  /** Appends every difference between two JSON trees to {@code differences}. */
  static void compareJson(JsonNode golden, JsonNode actual, String path, List<String> differences) {
    if (MACHINE_KEYS.contains(path)) {
      return;
    }
    if (golden.isObject() && actual.isObject()) {
      Set<String> keys = new TreeSet<>();
      golden.fieldNames().forEachRemaining(keys::add);
      actual.fieldNames().forEachRemaining(keys::add);
      for (String key : keys) {
        String child = path + "/" + key;
        if (!golden.has(key)) {
          differences.add(child + ": (absent) -> " + abbreviate(actual.get(key)));
        } else if (!actual.has(key)) {
          differences.add(child + ": " + abbreviate(golden.get(key)) + " -> (absent)");
        } else {
          compareJson(golden.get(key), actual.get(key), child, differences);
        }
      }
    } else if (golden.isArray() && actual.isArray()) {
      if (golden.size() != actual.size()) {
        differences.add(path + ": " + golden.size() + " elements -> " + actual.size());
      }
      Iterator<JsonNode> g = golden.elements();
      Iterator<JsonNode> a = actual.elements();
      for (int k = 0; g.hasNext() && a.hasNext(); k++) {
        compareJson(g.next(), a.next(), path + "/" + k, differences);
      }
    } else if (golden.isNumber() && actual.isNumber()) {
      if (!close(golden.asDouble(), actual.asDouble())) {
        differences.add(
            path + ": " + golden.asText() + " -> " + actual.asText() + relative(golden, actual));
      }
    } else if (!golden.equals(actual)) {
      differences.add(path + ": " + abbreviate(golden) + " -> " + abbreviate(actual));
    }
  }

  /** Appends every differing cell of two CSV files (no quoted commas in results files). */
  static void compareCsv(List<String> golden, List<String> actual, List<String> differences) {
    if (golden.isEmpty() || actual.isEmpty()) {
      differences.add(ResultsWriter.HOUSEHOLDS_CSV + ": empty file");
      return;
    }
    String[] header = golden.get(0).split(",", -1);
    if (!golden.get(0).equals(actual.get(0))) {
      differences.add(
          ResultsWriter.HOUSEHOLDS_CSV + " header: " + golden.get(0) + " -> " + actual.get(0));
      return;
    }
    if (golden.size() != actual.size()) {
      differences.add(
          ResultsWriter.HOUSEHOLDS_CSV
              + ": "
              + (golden.size() - 1)
              + " rows -> "
              + (actual.size() - 1));
    }
    for (int row = 1; row < Math.min(golden.size(), actual.size()); row++) {
      String[] g = golden.get(row).split(",", -1);
      String[] a = actual.get(row).split(",", -1);
      String where =
          ResultsWriter.HOUSEHOLDS_CSV + " row " + row + " (day " + g[0] + ", " + g[1] + ")";
      if (g.length != a.length) {
        differences.add(where + ": " + g.length + " cells -> " + a.length);
        continue;
      }
      for (int col = 0; col < g.length; col++) {
        if (!cellsAgree(g[col], a[col])) {
          String column = col < header.length ? header[col] : "#" + col;
          differences.add(where + " " + column + ": " + g[col] + " -> " + a[col]);
        }
      }
    }
  }

  private static boolean cellsAgree(String golden, String actual) {
    if (golden.equals(actual)) {
      return true;
    }
    try {
      return close(Double.parseDouble(golden), Double.parseDouble(actual));
    } catch (NumberFormatException e) {
      return false; // text cells (ids, groups, empty undefined cells) must be equal
    }
  }

  private static String relative(JsonNode golden, JsonNode actual) {
    double g = golden.asDouble();
    if (g == 0) {
      return "";
    }
    return String.format(
        Locale.ROOT, " (relative %.2e)", Math.abs(actual.asDouble() - g) / Math.abs(g));
  }

  private static String abbreviate(JsonNode node) {
    String text = node.isValueNode() ? node.asText() : node.toString();
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }

  /** Runs the command line in this JVM and returns its stderr; fails on a non-zero exit. */
  private static String run(String... args) {
    StringWriter err = new StringWriter();
    CommandLine commandLine = EquigridCommand.commandLine();
    commandLine.setOut(new PrintWriter(new StringWriter(), true));
    commandLine.setErr(new PrintWriter(err, true));
    PrintStream originalOut = System.out;
    System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      int exit = EquigridCommand.execute(commandLine, args);
      assertThat(exit).as("equigrid %s: %s", String.join(" ", args), err).isZero();
      return err.toString();
    } finally {
      System.setOut(originalOut);
    }
  }
}
