package org.equigrid.experiments.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.equigrid.experiments.output.Manifest;
import org.equigrid.experiments.output.ResultsWriter;

/**
 * The totals of a finished run as read back from its {@code summary.json}, plus the mean daily
 * community peak {@code meanPeakKw} (kW) from its day results.
 *
 * @param scenario scenario name
 * @param seed the run's seed
 * @param days trading days
 * @param households community size
 * @param metrics every number of {@code totals} in file order (NaN for an undefined one, written as
 *     {@code null}), then {@code meanPeakKw}
 */
public record RunSummary(
    String scenario, long seed, int days, int households, Map<String, Double> metrics) {

  public RunSummary {
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /** A metric by name; NaN if the summary lacks it. */
  public double metric(String name) {
    return metrics.getOrDefault(name, Double.NaN);
  }

  /** Reads {@code dir/summary.json}; {@code null} when it is missing or not a complete summary. */
  public static RunSummary read(Path dir) {
    JsonNode root = readJson(dir);
    if (root == null) {
      return null;
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    // numbers as they are; an undefined index (null beside its reason string) as NaN; reasons
    // skipped
    root.get("totals")
        .properties()
        .forEach(
            e -> {
              if (e.getValue().isNumber()) {
                metrics.put(e.getKey(), e.getValue().asDouble());
              } else if (e.getValue().isNull()) {
                metrics.put(e.getKey(), Double.NaN);
              }
            });
    double peak = 0;
    JsonNode days = root.path("dayResults");
    for (JsonNode day : days) {
      peak += day.path("peakKw").asDouble();
    }
    metrics.put("meanPeakKw", days.isEmpty() ? Double.NaN : peak / days.size());
    return new RunSummary(
        root.path("scenario").asText(),
        root.path("seed").asLong(),
        root.path("days").asInt(),
        root.path("households").asInt(),
        metrics);
  }

  /**
   * Whether {@code dir} holds a complete run of exactly this scenario: its {@code summary.json}
   * (written last and atomically) parses, has totals, and holds the same effective scenario YAML.
   */
  public static boolean complete(Path dir, String canonicalYaml) {
    JsonNode root = readJson(dir);
    return root != null
        && root.path("scenarioYaml").asText().equals(canonicalYaml)
        && Manifest.verified(dir, ResultsWriter.RESULT_FILES);
  }

  private static JsonNode readJson(Path dir) {
    Path file = dir.resolve(ResultsWriter.SUMMARY_JSON);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      JsonNode root = new ObjectMapper().readTree(file.toFile());
      return root != null && root.path("totals").isObject() && root.path("dayResults").isArray()
          ? root
          : null;
    } catch (IOException e) {
      return null;
    }
  }
}
