package org.equigrid.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Reads scenario files (YAML, documented in config/README.md): parses them into a tree, applies
 * overrides, validates and binds every field, and reports all problems of the file at once.
 */
public final class ScenarioReader {
  private static final Logger LOG = LogManager.getLogger();
  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
  private static final YAMLMapper WRITER =
      YAMLMapper.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .build();

  private ScenarioReader() {}

  /** Reads and validates a scenario file. */
  public static Scenario read(Path file) throws ScenarioException {
    return read(file, Map.of());
  }

  /**
   * Reads a scenario file with overrides applied to its tree before validation.
   *
   * @param overrides dotted paths to YAML scalars, e.g. {@code "community.generate.households" ->
   *     "100"}, {@code "equity.weights.LOW" -> "1.4"}, {@code "seed" -> "7"}; applied in map order
   */
  public static Scenario read(Path file, Map<String, String> overrides) throws ScenarioException {
    Path name = file.getFileName();
    Problems problems = new Problems(name == null ? file.toString() : name.toString());
    if (!Files.isRegularFile(file)) {
      problems.add("", null, Messages.FILE_NOT_FOUND + ": " + file.toAbsolutePath());
      throw new ScenarioException(problems.all());
    }
    JsonNode root;
    try {
      root = YAML.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      problems.add(
          "",
          null,
          Messages.YAML_SYNTAX
              + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
              + ": "
              + e.getOriginalMessage());
      throw new ScenarioException(problems.all());
    } catch (IOException e) {
      problems.add("", null, "cannot read the file: " + e.getMessage());
      throw new ScenarioException(problems.all());
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      root = Section.newTree();
    }
    if (!root.isObject()) {
      problems.add(
          "",
          WrittenValues.written(root),
          Messages.NOT_A_MAPPING + " (the top level holds name, seed, ...)");
      throw new ScenarioException(problems.all());
    }
    ObjectNode tree = ((ObjectNode) root).deepCopy();
    Overrides.apply(tree, overrides, problems);
    Scenario scenario = new ScenarioBinder(file, problems).bind(tree, file.toString());
    LOG.info(
        "Read scenario {} from {}: {} households, {} days of {} intervals, seed {}",
        scenario.name(),
        file,
        scenario.households().size(),
        scenario.days(),
        scenario.intervalsPerDay(),
        scenario.seed());
    return scenario;
  }

  static YAMLMapper yaml() {
    return YAML;
  }

  static String writeYaml(JsonNode tree) {
    try {
      return WRITER.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the canonical scenario", e);
    }
  }
}
