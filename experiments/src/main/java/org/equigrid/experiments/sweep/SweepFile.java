package org.equigrid.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A sweep file: a base scenario and the overrides to vary (a {@code grid} whose cartesian product
 * is run, or an explicit list of {@code runs}), times {@code seeds}. Format (YAML):
 *
 * <pre>
 * base: s5-p2p-static-equity      # scenario name or path (relative to this file)   required
 * description: one sentence       # optional
 * days: 1                         # horizon.days of every run                        optional
 * seeds: [1, 2]                   # one run per seed; default: the base scenario's seed
 * set: {community.generate.households: 12}   # overrides common to every run        optional
 * grid:                           # exactly one of grid or runs
 *   equity.rawlsianStrengthEur: [0, 2, 5]
 *   equity.weights: [{LOW: 1, MIDDLE: 1, HIGH: 1}, {LOW: 1.4, MIDDLE: 1, HIGH: 0.6}]
 * runs:
 *   - {market.pricing: mid-market}
 *   - {market.pricing: supply-demand-ratio}
 * pareto: [communityCostEur, meanGiniEnergyBurden]   # minimised; writes pareto.csv   optional
 * </pre>
 *
 * <p>Besides scenario fields, {@code set}, {@code grid} and {@code runs} take the bidding-strategy
 * keys {@code strategy}, {@code strategy.households} and {@code strategy.share} ({@link
 * Deviation}).
 *
 * @param file the sweep file
 * @param name the file's name without {@code .yaml}; default output folder {@code
 *     runs/sweep-<name>}
 * @param description free text
 * @param base the base scenario file
 * @param days trading days of every run, or {@code null} for the scenario's own
 * @param seeds seeds, or empty for the base scenario's seed
 * @param fixed overrides applied to every run
 * @param parameters the swept dotted paths, in column order
 * @param points one map of swept values per parameter point
 * @param pareto metrics of {@code sweep.csv} to minimise jointly, or empty for no Pareto front
 */
public record SweepFile(
    Path file,
    String name,
    String description,
    Path base,
    Integer days,
    List<Long> seeds,
    Map<String, String> fixed,
    List<String> parameters,
    List<Map<String, String>> points,
    List<String> pareto) {

  static final List<String> KEYS =
      List.of("base", "description", "days", "seeds", "set", "grid", "runs", "pareto");

  public SweepFile {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(base, "base");
    seeds = List.copyOf(seeds);
    fixed = Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
    parameters = List.copyOf(parameters);
    points = points.stream().map(p -> Collections.unmodifiableMap(new LinkedHashMap<>(p))).toList();
    pareto = List.copyOf(pareto);
  }

  /**
   * Reads and checks a sweep file. {@code scenarioResolver} turns a {@code base} that is not a file
   * next to the sweep into a path (e.g. a shipped scenario by name).
   */
  public static SweepFile read(Path file, Function<String, Path> scenarioResolver)
      throws SweepException {
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
          where + ": must be a YAML mapping with keys " + String.join(", ", KEYS));
    }
    List<String> problems = new ArrayList<>();
    root.fieldNames()
        .forEachRemaining(
            key -> {
              if (!KEYS.contains(key)) {
                problems.add(
                    key + ": unknown key; allowed: " + String.join(", ", KEYS) + nearest(key));
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

  /**
   * Whether the sweep sets or varies a bidding strategy (then sweep.csv has the deviators'
   * columns).
   */
  public boolean strategic() {
    return fixed.keySet().stream().anyMatch(Deviation::isKey)
        || parameters.stream().anyMatch(Deviation::isKey);
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

  /** The runs: every point times every seed, ids {@code run-NNN-seedS}. */
  public List<SweepRun> runs(long baseSeed) {
    List<Long> runSeeds = seeds.isEmpty() ? List.of(baseSeed) : seeds;
    List<SweepRun> runs = new ArrayList<>();
    int width = Math.max(3, Integer.toString(points.size()).length());
    for (int p = 0; p < points.size(); p++) {
      for (long seed : runSeeds) {
        Map<String, String> overrides = new LinkedHashMap<>(fixed);
        overrides.putAll(points.get(p));
        overrides.put("seed", Long.toString(seed));
        if (days != null) {
          overrides.put("horizon.days", Integer.toString(days));
        }
        String id = String.format(Locale.ROOT, "run-%0" + width + "d-seed%d", p + 1, seed);
        runs.add(new SweepRun(id, points.get(p), overrides));
      }
    }
    return runs;
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
    return nearest(key, KEYS);
  }

  /**
   * {@code ". Maybe you meant X?"} for the candidate closest to {@code value} (within an edit
   * distance of 3, else the longest one it starts with, e.g. {@code withhold} for {@code
   * withhold-flexibility}), or the empty text.
   */
  static String nearest(String value, List<String> candidates) {
    String best = closest(value, candidates);
    return best != null ? ". Maybe you meant " + best + "?" : "";
  }

  /** The candidate {@link #nearest} suggests, or null. */
  static String closest(String value, List<String> candidates) {
    String lower = value.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String known : candidates) {
      int d = distance(lower, known.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = known;
      }
    }
    if (bestDistance > 3) {
      best = null;
      for (String known : candidates) {
        if (lower.startsWith(known.toLowerCase(Locale.ROOT))
            && (best == null || known.length() > best.length())) {
          best = known;
        }
      }
    }
    return best;
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int[] current = new int[b.length() + 1];
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      previous = current;
    }
    return previous[b.length()];
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
