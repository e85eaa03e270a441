package org.equigrid.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies {@code path = value} overrides to a scenario tree before it is validated. Paths are
 * dotted keys with {@code [i]} (or {@code .i}) for list entries, e.g. {@code
 * community.households[3].pvKwp}; values are YAML scalars (or flow collections such as {@code
 * [LOW]}). Missing mappings on the way are created.
 */
final class Overrides {
  static final String SOURCE = "--set";

  private Overrides() {}

  static void apply(ObjectNode root, Map<String, String> overrides, Problems problems) {
    for (Map.Entry<String, String> entry : overrides.entrySet()) {
      String path = entry.getKey();
      String problem = applyOne(root, path, parse(entry.getValue()));
      if (problem != null) {
        problems.addFrom(SOURCE, path, entry.getValue(), Messages.BAD_OVERRIDE + ": " + problem);
      }
    }
  }

  private static JsonNode parse(String value) {
    if (value == null || value.isBlank()) {
      return TextNode.valueOf(value == null ? "" : value);
    }
    try {
      JsonNode node = ScenarioReader.yaml().readTree(value);
      return node == null || node.isMissingNode() ? TextNode.valueOf(value) : node;
    } catch (java.io.IOException e) {
      return TextNode.valueOf(value);
    }
  }

  private static List<String> segments(String path) {
    List<String> result = new ArrayList<>();
    for (String part : path.split("\\.", -1)) {
      int bracket = part.indexOf('[');
      String head = bracket < 0 ? part : part.substring(0, bracket);
      result.add(head);
      while (bracket >= 0) {
        int close = part.indexOf(']', bracket);
        if (close < 0) {
          result.add("");
          break;
        }
        result.add(part.substring(bracket + 1, close));
        bracket = part.indexOf('[', close);
      }
    }
    return result;
  }

  /** Returns null when applied, else why not. */
  private static String applyOne(ObjectNode root, String path, JsonNode value) {
    List<String> segments = segments(path);
    if (segments.stream().anyMatch(String::isEmpty)) {
      return "the path has an empty part";
    }
    JsonNode current = root;
    for (int k = 0; k < segments.size(); k++) {
      String segment = segments.get(k);
      boolean last = k == segments.size() - 1;
      if (current instanceof ArrayNode array) {
        int index;
        try {
          index = Integer.parseInt(segment);
        } catch (NumberFormatException e) {
          return "'" + segment + "' is not a list index";
        }
        if (index < 0 || index >= array.size()) {
          return "index " + index + " is outside the list of " + array.size();
        }
        if (last) {
          array.set(index, value);
          return null;
        }
        current = array.get(index);
      } else if (current instanceof ObjectNode object) {
        if (last) {
          object.set(segment, value);
          return null;
        }
        JsonNode next = object.get(segment);
        if (next == null || next.isNull() || !next.isContainerNode()) {
          next = object.putObject(segment);
        }
        current = next;
      } else {
        return "'" + segments.get(k - 1) + "' holds a value, not a mapping or list";
      }
    }
    return null;
  }
}
