package org.equigrid.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a sweep file's YAML into a {@link SweepFile} and checks it: every problem found is listed,
 * one a line, each naming the key, the value and what is allowed.
 */
final class SweepFileReader {

  private SweepFileReader() {}

  static SweepFile read(Path file, Function<String, Path> scenarioResolver) throws SweepException {
    String where = file.toString();
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (IOException e) {
      throw new SweepException(
          where
              + ": cannot read the sweep file: "
              + firstLine(e.getMessage())
              + (Files.exists(file)
                  ? ""
                  : ". Check the path (relative to " + Path.of("").toAbsolutePath() + ")."));
    }
    if (root == null || !root.isObject()) {
      throw new SweepException(
          where + ": must be a YAML mapping with keys " + String.join(", ", SweepFile.KEYS));
    }
    List<String> problems = new ArrayList<>();
    root.fieldNames()
        .forEachRemaining(
            key -> {
              if (!SweepFile.KEYS.contains(key)) {
                problems.add(
                    key
                        + ": unknown key; allowed: "
                        + String.join(", ", SweepFile.KEYS)
                        + nearest(key));
              }
            });
    Path base = null;
    JsonNode baseNode = root.get("base");
    if (baseNode == null || !baseNode.isTextual() || baseNode.asText().isBlank()) {
      problems.add(
          "base: required, the scenario to vary (a name such as s5-p2p-static-equity or a YAML path)");
    } else {
      String text = baseNode.asText();
      Path parent = file.toAbsolutePath().getParent();
      Path local = parent.resolve(text);
      Path resolved = Files.isRegularFile(local) ? local : scenarioResolver.apply(text);
      if (resolved == null || !Files.isRegularFile(resolved)) {
        problems.add(
            "base = "
                + text
                + ": no such scenario file or shipped scenario (config/scenarios/"
                + (text.endsWith(".yaml") ? text : text + ".yaml")
                + ")");
      } else {
        base = resolved;
      }
    }
    Integer days = null;
    JsonNode daysNode = root.get("days");
    if (daysNode != null) {
      if (!daysNode.canConvertToInt() || !daysNode.isIntegralNumber() || daysNode.asInt() < 1) {
        problems.add("days = " + daysNode.asText() + ": must be a whole number >= 1, e.g. days: 1");
      } else {
        days = daysNode.asInt();
      }
    }
    List<Long> seeds = new ArrayList<>();
    JsonNode seedsNode = root.get("seeds");
    if (seedsNode != null) {
      if (!seedsNode.isArray() || seedsNode.isEmpty()) {
        problems.add(
            "seeds = "
                + flow(seedsNode)
                + ": must be a non-empty list of whole numbers, e.g. seeds: [1, 2]");
      } else {
        for (JsonNode seed : seedsNode) {
          if (!seed.isIntegralNumber()) {
            problems.add("seeds: " + flow(seed) + " is not a whole number");
          } else if (!seed.canConvertToLong()) { // never wrap: 2^64 + 7 is not 7
            problems.add(
                "seeds: "
                    + flow(seed)
                    + " must be a whole number in ["
                    + Long.MIN_VALUE
                    + ", "
                    + Long.MAX_VALUE
                    + "]");
          } else if (seeds.contains(seed.asLong())) {
            problems.add("seeds: " + seed.asLong() + " is listed twice");
          } else {
            seeds.add(seed.asLong());
          }
        }
      }
    }
    Map<String, String> fixed = new LinkedHashMap<>();
    JsonNode setNode = root.get("set");
    if (setNode != null) {
      if (!setNode.isObject()) {
        problems.add(
            "set = "
                + flow(setNode)
                + ": must be a mapping of dotted paths to values, e.g. set: {community.generate.households: 12}");
      } else {
        setNode
            .properties()
            .forEach(
                e -> {
                  fixed.put(e.getKey(), flow(e.getValue()));
                  checkStrategy("set." + e.getKey(), e.getKey(), flow(e.getValue()), problems);
                });
      }
    }
    List<String> parameters = new ArrayList<>();
    List<Map<String, String>> points = new ArrayList<>();
    JsonNode grid = root.get("grid");
    JsonNode runs = root.get("runs");
    if ((grid == null) == (runs == null)) {
      problems.add(
          grid == null
              ? "grid or runs: one is required, e.g. grid: {equity.rawlsianStrengthEur: [0, 2, 5]}"
              : "grid and runs: give one of them, not both");
    } else if (grid != null) {
      readGrid(grid, parameters, points, problems);
    } else {
      readRuns(runs, parameters, points, problems);
    }
    for (String parameter : parameters) {
      if (fixed.containsKey(parameter)) {
        problems.add(parameter + ": both in set and swept; remove it from set");
      }
      if (parameter.equals("seed") || parameter.equals("horizon.days")) {
        problems.add(
            parameter
                + ": use the sweep's "
                + (parameter.equals("seed") ? "seeds" : "days")
                + " key instead");
      }
    }
    boolean namesStrategy =
        parameters.contains(Deviation.STRATEGY) || fixed.containsKey(Deviation.STRATEGY);
    for (String key : List.of(Deviation.HOUSEHOLDS, Deviation.SHARE)) {
      if (!namesStrategy && (parameters.contains(key) || fixed.containsKey(key))) {
        problems.add(
            key
                + ": says who deviates, but no strategy is set or swept. Maybe you meant to add "
                + "strategy: [truthful, inflate-peak] to the grid?");
      }
    }
    List<String> pareto = new ArrayList<>();
    JsonNode paretoNode = root.get("pareto");
    if (paretoNode != null) {
      if (!paretoNode.isArray() || paretoNode.size() < 2) {
        problems.add(
            "pareto = "
                + flow(paretoNode)
                + ": must list at least two metrics to minimise, e.g. pareto: [communityCostEur, meanGiniEnergyBurden]");
      } else {
        for (JsonNode metric : paretoNode) {
          if (!SweepTable.METRICS.contains(metric.asText())) {
            problems.add(
                "pareto: "
                    + metric.asText()
                    + " is not a metric of sweep.csv; one of "
                    + String.join(", ", SweepTable.METRICS));
          } else {
            pareto.add(metric.asText());
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      StringBuilder message = new StringBuilder();
      for (String problem : problems) {
        message
            .append(message.length() == 0 ? "" : "\n")
            .append(where)
            .append(": ")
            .append(problem);
      }
      throw new SweepException(message.toString());
    }
    String fileName = file.getFileName().toString();
    String name = fileName.replaceFirst("\\.ya?ml$", "");
    JsonNode description = root.get("description");
    return new SweepFile(
        file,
        name,
        description == null ? "" : description.asText(),
        base,
        days,
        seeds,
        fixed,
        parameters,
        points,
        pareto);
  }

  private static void checkStrategy(String field, String key, String value, List<String> problems) {
    if (Deviation.isKey(key)) {
      String problem = Deviation.check(field, key, value);
      if (problem != null && !problems.contains(problem)) {
        problems.add(problem);
      }
    }
  }

  private static void readGrid(
      JsonNode grid,
      List<String> parameters,
      List<Map<String, String>> points,
      List<String> problems) {
    if (!grid.isObject() || grid.isEmpty()) {
      problems.add(
          "grid = "
              + flow(grid)
              + ": must map dotted paths to lists of values, e.g. grid: {equity.rawlsianStrengthEur: [0, 2, 5]}");
      return;
    }
    List<List<String>> axes = new ArrayList<>();
    grid.properties()
        .forEach(
            e -> {
              JsonNode values = e.getValue();
              if (!values.isArray() || values.isEmpty()) {
                problems.add(
                    "grid."
                        + e.getKey()
                        + " = "
                        + flow(values)
                        + ": must be a non-empty list, e.g. ["
                        + flow(values)
                        + "]");
                return;
              }
              List<String> axis = new ArrayList<>();
              values.forEach(
                  v -> {
                    axis.add(flow(v));
                    checkStrategy("grid." + e.getKey(), e.getKey(), flow(v), problems);
                  });
              parameters.add(e.getKey());
              axes.add(axis);
            });
    if (axes.size() != parameters.size() || axes.isEmpty()) {
      return;
    }
    points.add(new LinkedHashMap<>());
    for (int a = 0; a < axes.size(); a++) {
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> point : points) {
        for (String value : axes.get(a)) {
          Map<String, String> extended = new LinkedHashMap<>(point);
          extended.put(parameters.get(a), value);
          next.add(extended);
        }
      }
      points.clear();
      points.addAll(next);
    }
  }

  private static void readRuns(
      JsonNode runs,
      List<String> parameters,
      List<Map<String, String>> points,
      List<String> problems) {
    if (!runs.isArray() || runs.isEmpty()) {
      problems.add(
          "runs = "
              + flow(runs)
              + ": must be a non-empty list of mappings, e.g. runs: [{market.pricing: mid-market}]");
      return;
    }
    for (int r = 0; r < runs.size(); r++) {
      JsonNode run = runs.get(r);
      if (!run.isObject() || run.isEmpty()) {
        problems.add(
            "runs["
                + r
                + "] = "
                + flow(run)
                + ": must be a non-empty mapping of dotted paths to values");
        continue;
      }
      Map<String, String> point = new LinkedHashMap<>();
      int index = r;
      run.properties()
          .forEach(
              e -> {
                point.put(e.getKey(), flow(e.getValue()));
                checkStrategy(
                    "runs[" + index + "]." + e.getKey(), e.getKey(), flow(e.getValue()), problems);
                if (!parameters.contains(e.getKey())) {
                  parameters.add(e.getKey());
                }
              });
      if (points.contains(point)) {
        problems.add("runs[" + r + "] = " + flow(run) + ": repeats an earlier run");
      }
      points.add(point);
    }
  }

  /** A YAML value as one line: scalars as text, collections in flow style. */
  static String flow(JsonNode node) {
    if (node == null || node.isNull()) {
      return "null";
    }
    if (node.isObject()) {
      List<String> parts = new ArrayList<>();
      node.properties().forEach(e -> parts.add(e.getKey() + ": " + flow(e.getValue())));
      return "{" + String.join(", ", parts) + "}";
    }
    if (node.isArray()) {
      List<String> parts = new ArrayList<>();
      node.forEach(v -> parts.add(flow(v)));
      return "[" + String.join(", ", parts) + "]";
    }
    return node.asText();
  }

  private static String nearest(String key) {
    return SweepFile.nearest(key, SweepFile.KEYS);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
