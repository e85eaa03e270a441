package org.equigrid.config;

import static org.equigrid.config.WrittenValues.finite;
import static org.equigrid.config.WrittenValues.numberAdvice;
import static org.equigrid.config.WrittenValues.numeric;
import static org.equigrid.config.WrittenValues.written;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The readers of a {@link Section} whose value is a collection of plain values (names to numbers, a
 * list of names): each entry checked on its own, with its own path in the message, and mirrored
 * into the canonical tree.
 */
final class SectionLists {

  private SectionLists() {}

  /** {@link Section#numbers(String, Map, Check)}: names to numbers, in file order. */
  static Map<String, Double> numbers(
      Section s, JsonNode value, String key, Map<String, Double> fallback, Check check) {
    Map<String, Double> result = new LinkedHashMap<>();
    ObjectNode mirror = s.out().putObject(key);
    if (value == null || value.isNull()) {
      fallback.forEach(mirror::put);
      return new LinkedHashMap<>(fallback);
    }
    if (!value.isObject()) {
      s.problem(key, value, Messages.NOT_A_MAPPING + " of names to numbers");
      return result;
    }
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      String entryPath = s.child(key) + "." + entry.getKey();
      JsonNode number = numeric(entry.getValue());
      if (!number.isNumber()) {
        s.problems().add(entryPath, written(number), Messages.NOT_A_NUMBER + numberAdvice(number));
        continue;
      }
      String problem = finite(number.doubleValue());
      if (problem == null) {
        problem = check.problem(number.doubleValue());
      }
      if (problem != null) {
        s.problems().add(entryPath, written(number), problem);
        continue;
      }
      mirror.set(entry.getKey(), number);
      result.put(entry.getKey(), number.doubleValue());
    }
    return result;
  }

  /** {@link Section#texts(String, List)}: a list of names (one name alone counts as a list). */
  static List<String> texts(Section s, JsonNode value, String key, List<String> fallback) {
    ArrayNode mirror = s.out().putArray(key);
    if (value == null || value.isNull()) {
      fallback.forEach(mirror::add);
      return List.copyOf(fallback);
    }
    if (!value.isArray()) {
      if (value.isValueNode()) {
        mirror.add(value.asText());
        return List.of(value.asText());
      }
      s.problem(key, value, Messages.NOT_A_LIST + " of names");
      return List.of();
    }
    List<String> result = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      if (!item.isValueNode()) {
        s.problems().add(s.child(key) + "[" + i + "]", written(item), Messages.NOT_TEXT);
        continue;
      }
      mirror.add(item.asText());
      result.add(item.asText());
    }
    return result;
  }
}
