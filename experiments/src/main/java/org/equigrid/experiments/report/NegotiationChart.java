package org.equigrid.experiments.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The convergence charts of {@code report.html}, read from {@code negotiation.csv} (one row per
 * round of each negotiated day; docs/results-schema.md): the size of the gap to the central optimum
 * by round (and, for the decomposition, its certified gap), with the 0.1 % line, and the primal and
 * dual residuals by round, all on log axes. One series per negotiated day, mechanism, size and
 * objective, in file order, at most {@link #MAX_SERIES} (the charts' titles say how many are
 * shown); the file is read row by row.
 */
final class NegotiationChart {

  /** The most negotiated days (series) drawn; a longer file's first ones are shown. */
  static final int MAX_SERIES = 10;

  /** One negotiated day's rounds: round, gap, certified gap, primal and dual residual. */
  private record Rounds(String day, String households, String mechanism, String objective) {}

  /**
   * The charts of one file.
   *
   * @param gap the size of the gap to the central optimum by round, in percent (log axis), and the
   *     0.1 % line (the first series)
   * @param residuals the residuals by round on log axes, or null when no round has one (the
   *     decomposition logs bounds instead)
   * @param shown "days 0–9: 10 of 365 negotiated days" style note for the titles
   */
  record Charts(ObjectNode gap, ObjectNode residuals, String shown) {}

  private NegotiationChart() {}

  /** The charts of {@code file}, a {@code negotiation.csv}. */
  static Charts read(Path file, ObjectMapper mapper) {
    Map<Rounds, List<double[]>> series = new LinkedHashMap<>();
    Set<Rounds> all = new LinkedHashSet<>();
    Set<String> sizes = new LinkedHashSet<>();
    Set<String> objectives = new LinkedHashSet<>();
    ResultsTable.scan(
        file,
        row -> {
          Rounds key =
              new Rounds(
                  row.get("day"),
                  row.get("households"),
                  row.get("mechanism"),
                  row.get("objective"));
          all.add(key);
          if (series.size() < MAX_SERIES || series.containsKey(key)) {
            sizes.add(key.households());
            objectives.add(key.objective());
            series
                .computeIfAbsent(key, k -> new ArrayList<>())
                .add(
                    new double[] {
                      row.number("round"),
                      row.number("gapToCentral"),
                      row.number("certifiedGap"),
                      row.number("primalResidualKwh"),
                      row.number("dualResidualEurPerKwh")
                    });
          }
        });
    String shown =
        series.size() == all.size()
            ? all.size() + " negotiated day" + (all.size() == 1 ? "" : "s")
            : "the first " + series.size() + " of " + all.size() + " negotiated days";
    ObjectNode gap =
        option(
            mapper, "|gap to the central optimum| (% of max(|optimum|, 1 EUR)), log scale", true);
    ObjectNode residuals = option(mapper, "primal residual (kWh)", true);
    ObjectNode dualAxis =
        ((ArrayNode) residuals.get("yAxis"))
            .addObject()
            .put("type", "log")
            .put("name", "dual residual (EUR/kWh), dashed");
    dualAxis.putObject("nameTextStyle").put("align", "right");
    ObjectNode target = ((ArrayNode) gap.get("series")).addObject();
    target.put("name", "0.1 %").put("type", "line").put("showSymbol", false);
    target.putObject("lineStyle").put("type", "dotted").put("color", "#888");
    target.putObject("itemStyle").put("color", "#888");
    boolean anyResidual = false;
    for (Map.Entry<Rounds, List<double[]>> entry : series.entrySet()) {
      Rounds key = entry.getKey();
      String name =
          "day "
              + key.day()
              + " "
              + key.mechanism()
              + (sizes.size() > 1 ? ", " + key.households() + " households" : "")
              + (objectives.size() > 1 ? ", " + key.objective() : "");
      List<double[]> rounds = entry.getValue();
      add(gap, name, rounds, 1, 100, false, 0);
      add(gap, name + " (certified gap)", rounds, 2, 100, true, 0);
      anyResidual |= add(residuals, name + " (primal)", rounds, 3, 1, false, 0);
      anyResidual |= add(residuals, name + " (dual)", rounds, 4, 1, true, 1);
    }
    long lastRound = 0;
    for (List<double[]> rounds : series.values()) {
      for (double[] round : rounds) {
        lastRound = Double.isFinite(round[0]) ? Math.max(lastRound, (long) round[0]) : lastRound;
      }
    }
    target
        .putArray("data")
        .add(gap.arrayNode().add(0).add(0.1))
        .add(gap.arrayNode().add(lastRound).add(0.1));
    return new Charts(gap, anyResidual ? residuals : null, shown);
  }

  private static ObjectNode option(ObjectMapper mapper, String yName, boolean log) {
    ObjectNode option = mapper.createObjectNode();
    option.putObject("tooltip").put("trigger", "axis");
    option.putObject("legend").put("type", "scroll").put("top", 0);
    option.putObject("grid").put("top", 56).put("left", 70).put("right", 70).put("bottom", 60);
    option
        .putObject("xAxis")
        .put("type", "value")
        .put("name", "round (0-based)")
        .put("nameLocation", "middle")
        .put("nameGap", 30)
        .put("minInterval", 1);
    ArrayNode yAxes = option.putArray("yAxis");
    ObjectNode yAxis = yAxes.addObject().put("type", log ? "log" : "value").put("name", yName);
    yAxis.putObject("nameTextStyle").put("align", "left");
    option.putArray("dataZoom").addObject().put("type", "inside");
    option.putArray("series");
    return option;
  }

  /**
   * Adds the points {@code (round, scale·value)} of column {@code column} where it is defined; on a
   * log axis {@code scale·|value|} where it is not 0 (a gap below the optimum, which a relaxed
   * schedule can have, is drawn by its size). Returns whether any was added (a series without
   * points is left out).
   */
  private static boolean add(
      ObjectNode option,
      String name,
      List<double[]> rounds,
      int column,
      double scale,
      boolean dashed,
      int yAxisIndex) {
    boolean log = "log".equals(option.get("yAxis").get(yAxisIndex).path("type").asText());
    ArrayNode data = option.arrayNode();
    for (double[] round : rounds) {
      double value = round[column];
      double drawn = log ? Math.abs(value) : value;
      if (Double.isFinite(drawn) && Double.isFinite(round[0]) && (!log || drawn > 0)) {
        data.addArray().add((long) round[0]).add(drawn * scale);
      }
    }
    if (data.isEmpty()) {
      return false;
    }
    ObjectNode series = ((ArrayNode) option.get("series")).addObject();
    series
        .put("name", name)
        .put("type", "line")
        .put("yAxisIndex", yAxisIndex)
        .put("showSymbol", rounds.size() <= 31);
    if (dashed) {
      series.putObject("lineStyle").put("type", "dashed");
    }
    series.set("data", data);
    return true;
  }
}
