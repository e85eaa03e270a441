package org.equigrid.experiments.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The charts of {@code report.html} as ECharts options, one method per chart, each reading its
 * results file row by row; {@link HtmlReport} writes them into the page in the order added.
 */
final class RunCharts {

  /** The most days the energy chart draws interval by interval; a longer run gets day totals. */
  static final int MAX_ENERGY_DAYS = 31;

  private final ObjectMapper mapper;
  private final List<ObjectNode> charts = new ArrayList<>();

  RunCharts(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * The charts added so far, in order: each with its {@code id}, {@code title} and {@code option}.
   */
  List<ObjectNode> charts() {
    return charts;
  }

  /**
   * The energy chart's series, read row by row: one point per interval for a run of at most {@link
   * #MAX_ENERGY_DAYS} days; for a longer run one point per day, the day's total over its intervals
   * (so the chart has at most one point per day whatever the interval length).
   */
  void energyChart(Path intervals) {
    String[][] columns = {
      {"loadKwh", "load"},
      {"pvKwh", "PV"},
      {"importKwh", "grid import (community)"},
      {"standaloneImportKwh", "grid import (each alone)"},
      {"exportKwh", "grid export"},
      {"poolTradedKwh", "traded in the pool"}
    };
    ArrayNode labels = mapper.createArrayNode();
    List<List<Double>> values = new ArrayList<>();
    for (int c = 0; c < columns.length; c++) {
      values.add(new ArrayList<>());
    }
    // per day: the sum of each column's defined values, then their count (0: undefined all day)
    Map<String, double[]> dayTotals = new LinkedHashMap<>();
    ResultsTable.scan(
        intervals,
        row -> {
          double[] total =
              dayTotals.computeIfAbsent(row.get("day"), d -> new double[2 * columns.length]);
          for (int c = 0; c < columns.length; c++) {
            double value = row.number(columns[c][0]);
            if (!Double.isNaN(value)) {
              total[2 * c] += value;
              total[2 * c + 1] += 1;
            }
          }
          if (dayTotals.size() > MAX_ENERGY_DAYS) {
            if (!labels.isEmpty()) { // the run is long: keep the day totals only
              labels.removeAll();
              values.forEach(List::clear);
            }
            return;
          }
          double hour = Double.parseDouble(row.get("hour"));
          labels.add(
              String.format(
                  java.util.Locale.ROOT,
                  "d%s %02d:%02d",
                  row.get("day"),
                  (int) hour,
                  Math.round((hour % 1) * 60)));
          for (int c = 0; c < columns.length; c++) {
            values.get(c).add(row.number(columns[c][0]));
          }
        });
    String title = "Community energy over the run";
    String unit = "kWh per interval";
    if (dayTotals.size() > MAX_ENERGY_DAYS) {
      title +=
          " (one point per day: the day's total, the run being longer than "
              + MAX_ENERGY_DAYS
              + " days)";
      unit = "kWh per day";
      dayTotals.forEach(
          (day, total) -> {
            labels.add("day " + day);
            for (int c = 0; c < columns.length; c++) {
              values.get(c).add(total[2 * c + 1] > 0 ? total[2 * c] : Double.NaN);
            }
          });
    }
    ObjectNode option = lineOption(unit, labels);
    for (int c = 0; c < columns.length; c++) {
      addSeries(option, columns[c][1], "line", values.get(c));
    }
    chart("energy", title, option);
  }

  void peakChart(JsonNode days) {
    ArrayNode labels = mapper.createArrayNode();
    List<Double> baseline = new ArrayList<>();
    List<Double> alone = new ArrayList<>();
    List<Double> community = new ArrayList<>();
    for (JsonNode day : days) {
      labels.add("day " + day.path("day").asInt());
      baseline.add(day.path("baselinePeakKw").asDouble());
      alone.add(day.path("standalonePeakKw").asDouble());
      community.add(day.path("peakKw").asDouble());
    }
    ObjectNode option = lineOption("kW", labels);
    addSeries(option, "no DER (loads only)", "bar", baseline);
    addSeries(option, "each household alone", "bar", alone);
    addSeries(option, "community", "bar", community);
    chart("peaks", "Peak demand: baseline, no cooperation, community", option);
  }

  void equityChart(JsonNode days) {
    String[][] candidates = {
      {"giniEnergyBurden", "Gini of energy burden, all households (after settlement)"},
      {
        "giniEnergyBurdenBeforeSettlement",
        "Gini of energy burden, all households (before settlement)"
      },
      {"giniEnergyBurdenNetPayers", "Gini of energy burden, net payers (after settlement)"},
      {"giniRenewableAccess", "Gini of renewable access"},
      {"rawlsianMinimumAfterSettlement", "Rawlsian minimum relative savings (after settlement)"},
      {
        "priceOfFairness",
        "price of fairness (share of the cost-minimising gain given up; gap = undefined)"
      }
    };
    ArrayNode labels = mapper.createArrayNode();
    for (JsonNode day : days) {
      labels.add("day " + day.path("day").asInt());
    }
    ObjectNode option = lineOption("index (0 = equal; fractions)", labels);
    int added = 0;
    for (String[] candidate : candidates) {
      List<Double> values = new ArrayList<>();
      for (JsonNode day : days) {
        JsonNode value =
            day.path("equity").has(candidate[0])
                ? day.path("equity").get(candidate[0])
                : day.get(candidate[0]);
        if (value == null || !(value.isNumber() || value.isNull())) {
          break;
        }
        values.add(value.isNull() ? null : value.asDouble()); // undefined: a gap in the line
      }
      // a series undefined on every day (e.g. the Gini of burden over a mean burden <= 0) is left
      // out
      if (values.size() == days.size() && values.stream().anyMatch(java.util.Objects::nonNull)) {
        addSeries(option, candidate[1], "line", values);
        added++;
      }
    }
    if (added > 0) {
      chart("equity", "Equity over days", option);
    }
  }

  void householdChart(Path file) {
    ResultsTable.Means households =
        ResultsTable.meansBy(
            file,
            "household",
            List.of(
                "standaloneCostEur", "dispatchCostEur", "energyCostEur", "shareEur", "billEur"));
    Map<String, Double> standalone = households.of("standaloneCostEur");
    ArrayNode labels = mapper.createArrayNode();
    standalone.keySet().forEach(labels::add);
    ObjectNode option = lineOption("EUR per day (mean over days)", labels);
    addSeries(option, "cost alone C0", "bar", new ArrayList<>(standalone.values()));
    addSeries(
        option,
        households.has("dispatchCostEur")
            ? "dispatch cost (energy and peak charge share)"
            : "energy cost in the dispatch",
        "bar",
        new ArrayList<>(
            households
                .of(households.has("dispatchCostEur") ? "dispatchCostEur" : "energyCostEur")
                .values()));
    if (households.has("shareEur")) {
      addSeries(
          option,
          "share of the gain φ",
          "bar",
          new ArrayList<>(households.of("shareEur").values()));
      addSeries(option, "bill B", "bar", new ArrayList<>(households.of("billEur").values()));
    }
    chart("households", "Costs, shares and bills by household", option);
  }

  void groupChart(Path file) {
    ResultsTable.Means groups =
        ResultsTable.meansBy(
            file,
            "group",
            List.of(
                "meanRenewableAccess",
                "meanEnergyBurden",
                "meanEnergyBurdenBeforeSettlement",
                "meanBillEur"));
    ArrayNode labels = mapper.createArrayNode();
    Map<String, Double> access = groups.of("meanRenewableAccess");
    access.keySet().forEach(labels::add);
    ObjectNode option =
        lineOption("access (fraction), burden (%), bill (EUR); mean over days", labels);
    addSeries(
        option, "renewable access (fraction of load)", "bar", new ArrayList<>(access.values()));
    String burden =
        groups.has("meanEnergyBurden") ? "meanEnergyBurden" : "meanEnergyBurdenBeforeSettlement";
    List<Double> burdenPercent = new ArrayList<>();
    groups.of(burden).values().forEach(v -> burdenPercent.add(100 * v));
    addSeries(option, "energy burden (% of income)", "bar", burdenPercent);
    if (groups.has("meanBillEur")) {
      addSeries(
          option, "mean bill (EUR)", "bar", new ArrayList<>(groups.of("meanBillEur").values()));
    }
    chart("groups", "Socio-economic groups", option);
  }

  void negotiationCharts(Path file) {
    NegotiationChart.Charts negotiation = NegotiationChart.read(file, mapper);
    chart(
        "negotiation-gap",
        "Negotiation: gap to the central optimum by round (" + negotiation.shown() + ")",
        negotiation.gap());
    if (negotiation.residuals() != null) {
      chart(
          "negotiation-residuals",
          "Negotiation: primal and dual residuals by round (" + negotiation.shown() + ")",
          negotiation.residuals());
    }
  }

  void learningChart(ResultsTable learning) {
    ArrayNode labels = mapper.createArrayNode();
    learning.column(learning.header().get(0)).forEach(v -> labels.add(Math.round(v)));
    ObjectNode option = lineOption("per column of learning.csv (return, index, …)", labels);
    for (String column : learning.header().subList(1, learning.header().size())) {
      addSeries(option, column, "line", learning.column(column));
    }
    chart("learning", "Learning curve", option);
  }

  /**
   * The front of {@code pareto.csv} on its first two objectives, over every run of {@code
   * sweep.csv} when it is there; each point is named by its run id and parameters (shown on hover).
   */
  void paretoChart(ResultsTable pareto, ResultsTable sweep) {
    String xKey = pareto.header().get(0);
    String yKey = pareto.header().get(1);
    ObjectNode option = mapper.createObjectNode();
    option.putObject("tooltip").put("trigger", "item");
    option.putObject("legend").put("top", 0);
    option.putObject("grid").put("top", 40).put("left", 80).put("right", 40).put("bottom", 60);
    option
        .putObject("xAxis")
        .put("type", "value")
        .put("name", HtmlReport.label(xKey))
        .put("nameLocation", "middle")
        .put("nameGap", 30)
        .put("scale", true);
    ObjectNode yAxis =
        option
            .putObject("yAxis")
            .put("type", "value")
            .put("name", HtmlReport.label(yKey))
            .put("scale", true);
    yAxis
        .putObject("nameTextStyle")
        .put("align", "left"); // long titles start at the axis instead of leaving the page
    ArrayNode series = option.putArray("series");
    if (sweep != null && sweep.has(xKey) && sweep.has(yKey)) {
      ObjectNode all = series.addObject();
      all.put("type", "scatter").put("name", "all runs").set("data", points(sweep, xKey, yKey));
    }
    ObjectNode front = series.addObject();
    front
        .put("type", "line")
        .put("name", "Pareto front")
        .put("showSymbol", true)
        .put("symbolSize", 9)
        .set("data", points(pareto, xKey, yKey));
    chart(
        "pareto",
        "Pareto front: " + HtmlReport.label(yKey) + " against " + HtmlReport.label(xKey),
        option);
  }

  private ArrayNode points(ResultsTable table, String xKey, String yKey) {
    // the swept parameters: the columns between runId and seed (sweep.csv and pareto.csv alike)
    List<String> header = table.header();
    int from = header.indexOf("runId");
    int to = header.indexOf("seed");
    List<String> parameters = from >= 0 && to > from ? header.subList(from + 1, to) : List.of();
    ArrayNode data = mapper.createArrayNode();
    List<Double> x = table.column(xKey);
    List<Double> y = table.column(yKey);
    for (int i = 0; i < x.size(); i++) {
      if (Double.isNaN(x.get(i)) || Double.isNaN(y.get(i))) {
        continue;
      }
      Map<String, String> row = table.rows().get(i);
      StringBuilder name = new StringBuilder(row.getOrDefault("runId", ""));
      parameters.forEach(p -> name.append(' ').append(p).append('=').append(row.get(p)));
      data.addObject()
          .put("name", name.toString().trim())
          .set("value", mapper.createArrayNode().add(x.get(i)).add(y.get(i)));
    }
    return data;
  }

  private ObjectNode lineOption(String yName, ArrayNode labels) {
    ObjectNode option = mapper.createObjectNode();
    option.putObject("tooltip").put("trigger", "axis");
    option.putObject("legend").put("type", "scroll").put("top", 0);
    option.putObject("grid").put("top", 56).put("left", 60).put("right", 20).put("bottom", 60);
    option.putObject("xAxis").put("type", "category").set("data", labels);
    ObjectNode yAxis = option.putObject("yAxis").put("type", "value").put("name", yName);
    yAxis
        .putObject("nameTextStyle")
        .put("align", "left"); // the unit starts at the axis, inside the page
    option.putArray("dataZoom").addObject().put("type", "inside");
    option.putArray("series");
    return option;
  }

  private void addSeries(ObjectNode option, String name, String type, List<Double> values) {
    ObjectNode series = ((ArrayNode) option.get("series")).addObject();
    series.put("name", name).put("type", type).put("showSymbol", values.size() <= 31);
    ArrayNode data = series.putArray("data");
    values.forEach(data::add);
  }

  private void chart(String id, String title, ObjectNode option) {
    ObjectNode chart = mapper.createObjectNode();
    chart.put("id", id).put("title", title).set("option", option);
    charts.add(chart);
  }
}
