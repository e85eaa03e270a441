package org.equigrid.config.game;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.equigrid.market.game.TabularGame;

/**
 * Reads a game file:
 *
 * <pre>{@code
 * {"players": ["a", "b", "c"],
 *  "weights": {"a": 1, "b": 2, "c": 1},
 *  "values":  {"a": 0, "b": 0, "c": 0, "a,b": 2, "a,c": 1, "b,c": 1, "a,b,c": 6}}
 * }</pre>
 *
 * A coalition key lists its players in the order of {@code players}, joined by commas (spaces
 * around names are ignored); every nonempty coalition must be given, {@code v(∅) = 0} is implied.
 * {@code weights} is optional (default 1 per player). At most {@link #MAX_PLAYERS} players.
 */
public final class GameFileReader {

  /** The largest game a file may describe. */
  public static final int MAX_PLAYERS = 20;

  // Message templates; the first argument is always the file.
  static final String NOT_JSON = "%s is not valid JSON: %s";
  static final String CANNOT_READ = "%s cannot be read (%s).\nMaybe check the path.";
  static final String NOT_OBJECT = "%s must hold a JSON object with \"players\" and \"values\".";
  static final String UNKNOWN_KEY =
      "%s has an unknown top-level key \"%s\"; allowed are \"players\", \"weights\", \"values\".";
  static final String MISSING_FIELD = "%s has no \"%s\".";
  static final String BAD_PLAYERS =
      "%s: \"players\" must be an array of 1 to " + MAX_PLAYERS + " names, got %s.";
  static final String BAD_PLAYER_NAME =
      "%s: players[%d] (%s) must be a nonempty string without commas.";
  static final String DUPLICATE_PLAYER = "%s: player \"%s\" is listed twice in \"players\".";
  static final String BAD_WEIGHTS = "%s: \"weights\" must be an object of player: weight.";
  static final String WEIGHT_UNKNOWN_PLAYER =
      "%s: weights names \"%s\", which is not a player; players are %s.";
  static final String BAD_WEIGHT =
      "%s: the weight of \"%s\" (%s) must be a finite number > 0.\nMaybe you meant 1.";
  static final String BAD_VALUES = "%s: \"values\" must be an object of coalition: value.";
  static final String EMPTY_KEY =
      "%s: values has an empty coalition key \"%s\"; the empty coalition is worth 0 implicitly.";
  static final String KEY_UNKNOWN_PLAYER =
      "%s: coalition \"%s\" names \"%s\", which is not a player; players are %s.";
  static final String KEY_DUPLICATE_PLAYER = "%s: coalition \"%s\" names \"%s\" twice.";
  static final String KEY_OUT_OF_ORDER =
      "%s: coalition \"%s\" lists its players out of order.\nMaybe you meant \"%s\" (the order"
          + " of \"players\").";
  static final String KEY_REPEATED = "%s: coalition \"%s\" is given twice (as \"%s\" and \"%s\").";
  static final String BAD_VALUE = "%s: the value of coalition \"%s\" (%s) must be a finite number.";
  static final String MISSING_COALITION =
      "%s: the value of coalition \"%s\" is missing; %d players need all %d nonempty coalitions,"
          + " the file gives %d.";

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS) // "{...} garbage" is not a game
          .build();

  private GameFileReader() {}

  /** Reads and validates {@code file}. */
  public static GameFile read(Path file) {
    JsonNode root;
    try {
      root = MAPPER.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      throw fail(e, NOT_JSON, file, e.getOriginalMessage());
    } catch (IOException e) {
      throw fail(e, CANNOT_READ, file, e.toString());
    }
    return parse(root, file.toString());
  }

  /** Validates an already parsed document; {@code source} names it in messages. */
  static GameFile parse(JsonNode root, String source) {
    if (root == null || !root.isObject()) {
      throw fail(null, NOT_OBJECT, source);
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!Set.of("players", "weights", "values").contains(name)) {
        throw fail(null, UNKNOWN_KEY, source, name);
      }
    }
    List<String> players = players(root.get("players"), source);
    List<Double> weights = weights(root.get("weights"), players, source);
    double[] values = values(root.get("values"), players, source);
    return new GameFile(players, weights, TabularGame.of(players.size(), values));
  }

  private static List<String> players(JsonNode node, String source) {
    if (node == null) {
      throw fail(null, MISSING_FIELD, source, "players");
    }
    if (!node.isArray() || node.isEmpty() || node.size() > MAX_PLAYERS) {
      throw fail(null, BAD_PLAYERS, source, node.toString());
    }
    List<String> players = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode element = node.get(i);
      if (!element.isTextual() || element.asText().isBlank() || element.asText().contains(",")) {
        throw fail(null, BAD_PLAYER_NAME, source, i, element.toString());
      }
      String name = element.asText().strip();
      if (players.contains(name)) {
        throw fail(null, DUPLICATE_PLAYER, source, name);
      }
      players.add(name);
    }
    return Collections.unmodifiableList(players);
  }

  private static List<Double> weights(JsonNode node, List<String> players, String source) {
    List<Double> weights = new ArrayList<>(Collections.nCopies(players.size(), 1.0));
    if (node == null) {
      return weights;
    }
    if (!node.isObject()) {
      throw fail(null, BAD_WEIGHTS, source);
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      int index = players.indexOf(entry.getKey().strip());
      if (index < 0) {
        throw fail(null, WEIGHT_UNKNOWN_PLAYER, source, entry.getKey(), players);
      }
      JsonNode value = entry.getValue();
      if (!value.isNumber() || !(value.asDouble() > 0) || !Double.isFinite(value.asDouble())) {
        throw fail(null, BAD_WEIGHT, source, entry.getKey(), value.toString());
      }
      weights.set(index, value.asDouble());
    }
    return weights;
  }

  private static double[] values(JsonNode node, List<String> players, String source) {
    if (node == null) {
      throw fail(null, MISSING_FIELD, source, "values");
    }
    if (!node.isObject()) {
      throw fail(null, BAD_VALUES, source);
    }
    int n = players.size();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < n; i++) {
      index.put(players.get(i), i);
    }
    double[] values = new double[1 << n];
    String[] givenAs = new String[1 << n];
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String key = entry.getKey();
      int mask = mask(key, index, players, source);
      if (givenAs[mask] != null) {
        throw fail(null, KEY_REPEATED, source, key(players, mask), givenAs[mask], key);
      }
      JsonNode value = entry.getValue();
      if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
        throw fail(null, BAD_VALUE, source, key, value.toString());
      }
      givenAs[mask] = key;
      values[mask] = value.asDouble();
    }
    for (int mask = 1; mask < values.length; mask++) {
      if (givenAs[mask] == null) {
        throw fail(
            null, MISSING_COALITION, source, key(players, mask), n, values.length - 1, node.size());
      }
    }
    return values;
  }

  private static int mask(
      String key, Map<String, Integer> index, List<String> players, String source) {
    if (key.isBlank()) {
      throw fail(null, EMPTY_KEY, source, key);
    }
    int mask = 0;
    int previous = -1;
    boolean ordered = true;
    for (String token : key.split(",", -1)) {
      String name = token.strip();
      Integer i = index.get(name);
      if (i == null) {
        throw fail(null, KEY_UNKNOWN_PLAYER, source, key, name, players);
      }
      if ((mask >> i & 1) != 0) {
        throw fail(null, KEY_DUPLICATE_PLAYER, source, key, name);
      }
      ordered &= i > previous;
      previous = i;
      mask |= 1 << i;
    }
    if (!ordered) {
      throw fail(null, KEY_OUT_OF_ORDER, source, key, key(players, mask));
    }
    return mask;
  }

  /** The canonical key of a coalition: its players in player order, joined by commas. */
  static String key(List<String> players, long coalition) {
    StringJoiner joiner = new StringJoiner(",");
    for (int i = 0; i < players.size(); i++) {
      if ((coalition >> i & 1) != 0) {
        joiner.add(players.get(i));
      }
    }
    return joiner.toString();
  }

  private static GameFileException fail(Throwable cause, String template, Object... args) {
    return new GameFileException(String.format(template, args), cause);
  }
}
