package org.equigrid.agents.learning.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content of the coordinator's daily INFORM to the learner (JSON), and of the learner's reply.
 *
 * @param day the day index just settled
 * @param nextDayOfYear day of the year (1..365) of the day whose weights are asked for
 * @param gini Gini of energy burden of the day
 * @param burdenGap per group, mean burden over the community mean
 * @param accessGap per group, mean renewable access over the community mean
 * @param priceOfFairness the day's price of fairness
 * @param rawlsianMinimum the day's minimum relative savings
 * @param weights the weights the day ran with
 */
public record DayMetricsInform(
    int day,
    int nextDayOfYear,
    double gini,
    Map<String, Double> burdenGap,
    Map<String, Double> accessGap,
    double priceOfFairness,
    double rawlsianMinimum,
    Map<String, Double> weights) {

  /** The ontology of both messages. */
  public static final String ONTOLOGY = "equigrid-equity-weights";

  static final ObjectMapper JSON = new ObjectMapper();

  public DayMetricsInform {
    if (nextDayOfYear < 1 || nextDayOfYear > 365) {
      throw new IllegalArgumentException("nextDayOfYear (" + nextDayOfYear + ") must be in [1, 365].");
    }
    burdenGap = new TreeMap<>(burdenGap);
    accessGap = new TreeMap<>(accessGap);
    weights = new TreeMap<>(weights);
  }

  /**
   * The learner's reply: the weights of {@code day}.
   *
   * @param day the day these weights are for
   * @param weights per group
   */
  public record WeightsReply(int day, Map<String, Double> weights) {
    public WeightsReply {
      weights = new TreeMap<>(weights);
    }

    public String toJson() {
      return write(this);
    }

    public static WeightsReply fromJson(String json) {
      return read(json, WeightsReply.class);
    }
  }

  public String toJson() {
    return write(this);
  }

  /** Parses and validates a message content; a bad content is an {@link IllegalArgumentException}. */
  public static DayMetricsInform fromJson(String json) {
    return read(json, DayMetricsInform.class);
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> T read(String json, Class<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot read " + type.getSimpleName() + " from " + json + ": "
          + e.getOriginalMessage(), e);
    }
  }
}
