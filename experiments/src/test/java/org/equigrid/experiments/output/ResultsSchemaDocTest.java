package org.equigrid.experiments.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.equigrid.experiments.cli.EquigridCommand;
import org.equigrid.experiments.reproduce.AdaptationTable;
import org.equigrid.experiments.reproduce.ReproduceTable;
import org.equigrid.experiments.reproduce.RuleTable;
import org.equigrid.experiments.sweep.SweepTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * docs/results-schema.md and the files the code writes agree: every column (in file order) and
 * every summary.json key of a small S5 run is documented, and nothing documented is missing.
 */
class ResultsSchemaDocTest {

  private static final Path DOC = Path.of("../docs/results-schema.md");
  private static final Path S5 =
      Path.of("../config/scenarios/s5-p2p-static-equity.yaml").toAbsolutePath().normalize();
  private static final Pattern NAME = Pattern.compile("^\\| `([^`]+)` \\|");

  @TempDir Path dir;

  @Test
  void doc_namesEveryColumnAndKeyTheCodeWrites() throws IOException {
    CommandLine cli = EquigridCommand.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    Path out = dir.resolve("run");
    assertThat(
            cli.execute(
                "run",
                S5.toString(),
                "--days",
                "1",
                "--set",
                "community.generate.households=4",
                "--out",
                out.toString()))
        .as(err.toString())
        .isZero();
    Map<String, List<String>> doc = documented();

    for (String csv :
        List.of(
            ResultsWriter.HOUSEHOLDS_CSV,
            ResultsWriter.INTERVALS_CSV,
            ResultsWriter.GROUPS_CSV,
            ResultsWriter.EXPLANATIONS_CSV)) {
      String header = Files.readAllLines(out.resolve(csv)).get(0);
      assertThat(doc.get(csv)).as(csv).containsExactly(header.split(","));
    }

    Set<String> keys = new TreeSet<>();
    Set<String> reasons = new TreeSet<>();
    walk(
        new ObjectMapper().readTree(out.resolve(ResultsWriter.SUMMARY_JSON).toFile()),
        "",
        keys,
        reasons);
    // The rawlsian rule adds its own keys, and so does an opt-in approximation of the clearing.
    Path rawlsian = dir.resolve("rawlsian");
    assertThat(
            cli.execute(
                "run",
                S5.toString(),
                "--days",
                "1",
                "--set",
                "community.generate.households=4",
                "--set",
                "settlement.rule=rawlsian",
                "--set",
                "solver.milpEffort=root",
                "--out",
                rawlsian.toString()))
        .as(err.toString())
        .isZero();
    walk(
        new ObjectMapper().readTree(rawlsian.resolve(ResultsWriter.SUMMARY_JSON).toFile()),
        "",
        keys,
        reasons);
    assertThat(new TreeSet<>(doc.get(ResultsWriter.SUMMARY_JSON))).isEqualTo(keys);
    assertThat(keys).containsAll(reasons); // every reason sits beside a documented key

    List<String> sweep =
        new ArrayList<>(List.of("runId", "<parameter>", "seed", "days", "households"));
    sweep.addAll(SweepTable.METRICS);
    sweep.addAll(SweepTable.DEVIATION_COLUMNS);
    assertThat(doc.get("sweep.csv")).containsExactlyElementsOf(sweep);

    assertThat(doc.get(NegotiationCsv.FILE_NAME))
        .containsExactly(NegotiationCsv.header().strip().split(","));

    assertThat(doc.get("reproduce-rules.csv"))
        .containsExactlyElementsOf(
            List.of(new RuleTable(List.of()).csv().lines().findFirst().orElseThrow().split(",")));
    assertThat(doc.get("reproduce-adaptation.csv"))
        .containsExactlyElementsOf(
            List.of(
                new AdaptationTable(List.of()).csv().lines().findFirst().orElseThrow().split(",")));

    String text = Files.readString(DOC);
    String reproduce = text.substring(text.indexOf("## reproduce.csv"));
    for (ReproduceTable.Metric metric : ReproduceTable.METRICS) {
      assertThat(reproduce).as(metric.key()).contains("`" + metric.key() + "`");
      assertThat(metric.key().equals("meanPeakKw") || keys.contains("totals." + metric.key()))
          .as(metric.key() + " is a totals key")
          .isTrue();
    }
  }

  /** The backticked first cells of the tables under each {@code ## file} heading. */
  private static Map<String, List<String>> documented() throws IOException {
    Map<String, List<String>> names = new LinkedHashMap<>();
    String section = "";
    for (String line : Files.readAllLines(DOC)) {
      if (line.startsWith("## ")) {
        section = line.substring(3).trim();
        names.put(section, new ArrayList<>());
      }
      Matcher m = NAME.matcher(line);
      if (m.find() && names.containsKey(section)) {
        names.get(section).add(m.group(1));
      }
    }
    return names;
  }

  private static void walk(JsonNode node, String path, Set<String> keys, Set<String> reasons) {
    if (node.isObject()) {
      node.properties()
          .forEach(
              e -> {
                String key = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (e.getKey().endsWith(Numbers.UNDEFINED_REASON)) {
                  reasons.add(key.substring(0, key.length() - Numbers.UNDEFINED_REASON.length()));
                } else {
                  walk(e.getValue(), key, keys, reasons);
                }
              });
    } else if (node.isArray() && !node.isEmpty() && node.get(0).isObject()) {
      for (JsonNode element : node) {
        walk(element, path + "[]", keys, reasons);
      }
    } else {
      keys.add(path);
    }
  }
}
