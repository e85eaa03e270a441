package org.equigrid.experiments.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equigrid.experiments.output.AtomicFiles;

/**
 * Writes {@code report.html} for a results folder: one self-contained page (ECharts inlined, data
 * embedded) with a chart per available result — community energy over the day, peaks, bills and
 * shares by household and group, equity over days, the learning curve, the Pareto front, a
 * negotiation's convergence by round ({@link NegotiationChart}) — and the explanation table. Charts
 * whose files are missing are left out.
 *
 * <p>The files of a run's days ({@code intervals.csv}, {@code households.csv}, {@code groups.csv},
 * {@code explanations.csv}) are read row by row and the page is written as it goes: the means by
 * household and group are running sums, the explanation table goes from the CSV file to the page
 * one row at a time, and only the energy chart keeps a number per interval and series (its points,
 * about 5 kB a day at hourly intervals, whatever the households). So the memory the report needs
 * does not grow with households × days.
 *
 * <p>Nor does the page: the explanation table shows at most {@link #MAX_EXPLANATION_ROWS} rows (a
 * longer file: every household on the last day) and says how many of how many, and the energy chart
 * of a run longer than {@link #MAX_ENERGY_DAYS} days has one point per day (docs/performance.md).
 */
public final class HtmlReport {

  public static final String REPORT_HTML = "report.html";

  /**
   * The most rows of {@code explanations.csv} the page shows (about 0.5 kB each): a run with more
   * shows every household's explanation on its last day, at most this many (the first households of
   * that day in file order), and says so; the full table stays in {@code explanations.csv}.
   */
  static final int MAX_EXPLANATION_ROWS = 2_000;

  /** The most days the energy chart draws interval by interval; a longer run gets day totals. */
  static final int MAX_ENERGY_DAYS = 31;

  private static final String ECHARTS =
      "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

  private final ObjectMapper mapper = new ObjectMapper();
  private final List<ObjectNode> charts = new ArrayList<>();

  private HtmlReport() {}

  /** Writes the report into {@code runDir} and returns its path. */
  public static Path write(Path runDir) {
    return new HtmlReport().build(runDir);
  }

  private Path build(Path dir) {
    JsonNode summary = readJson(dir.resolve("summary.json"));
    if (Files.exists(dir.resolve("intervals.csv"))) {
      energyChart(dir.resolve("intervals.csv"));
    }
    if (summary != null && summary.has("dayResults")) {
      peakChart(summary.get("dayResults"));
      equityChart(summary.get("dayResults"));
    }
    if (Files.exists(dir.resolve("households.csv"))) {
      householdChart(dir.resolve("households.csv"));
    }
    if (Files.exists(dir.resolve("groups.csv"))) {
      groupChart(dir.resolve("groups.csv"));
    }
    if (Files.exists(dir.resolve("learning.csv"))) {
      learningChart(ResultsTable.read(dir.resolve("learning.csv")));
    }
    if (Files.exists(dir.resolve("pareto.csv"))) {
      Path sweep = dir.resolve("sweep.csv");
      paretoChart(
          ResultsTable.read(dir.resolve("pareto.csv")),
          Files.exists(sweep) ? ResultsTable.read(sweep) : null);
    }
    if (Files.exists(dir.resolve("negotiation.csv"))) {
      negotiationCharts(dir.resolve("negotiation.csv"));
    }
    Path explanations = dir.resolve("explanations.csv");
    String title =
        summary != null ? "equigrid — " + summary.path("scenario").asText() : "equigrid report";
    Path target = dir.resolve(REPORT_HTML);
    AtomicFiles.write(
        target, out -> page(out, title, summary, Files.exists(explanations) ? explanations : null));
    return target;
  }

  /**
   * The energy chart's series, read row by row: one point per interval for a run of at most {@link
   * #MAX_ENERGY_DAYS} days; for a longer run one point per day, the day's total over its intervals
   * (so the chart has at most one point per day whatever the interval length).
   */
  private void energyChart(Path intervals) {
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

  private void peakChart(JsonNode days) {
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

  private void equityChart(JsonNode days) {
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

  private void householdChart(Path file) {
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

  private void groupChart(Path file) {
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

  private void negotiationCharts(Path file) {
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

  private void learningChart(ResultsTable learning) {
    ArrayNode labels = mapper.createArrayNode();
    learning.column(learning.header().get(0)).forEach(v -> labels.add(Math.round(v)));
    ObjectNode option = lineOption("per column of learning.csv (return, index, …)", labels);
    for (String column : learning.header().subList(1, learning.header().size())) {
      addSeries(option, column, "line", learning.column(column));
    }
    chart("learning", "Learning curve", option);
  }

  /** Axis titles of the Pareto chart for the sweep metrics a front is usually drawn on. */
  static final Map<String, String> METRIC_LABELS =
      Map.ofEntries(
          Map.entry(
              "priceOfFairnessRatioOfSums",
              "Price of fairness (share of the cost-minimising gain given up)"),
          Map.entry("priceOfFairnessEur", "Price of fairness (EUR over the run)"),
          Map.entry("communityCostEur", "Community cost (EUR over the run)"),
          Map.entry("cooperativeGainEur", "Cooperative gain (EUR over the run)"),
          Map.entry("meanPeakKw", "Community peak import (kW, mean over days)"),
          Map.entry(
              "meanGiniEnergyBurden", "Gini of energy burden, all households, after settlement"),
          Map.entry(
              "meanGiniEnergyBurdenNetPayers",
              "Gini of energy burden among net payers, after settlement"),
          Map.entry(
              "meanGiniEnergyBurdenBeforeSettlement",
              "Gini of energy burden, all households, before settlement"),
          Map.entry(
              "meanLargestEnergyBurden",
              "Largest energy burden after settlement (fraction of daily income)"),
          Map.entry(
              "meanLeastAdvantagedEnergyBurden",
              "Least-advantaged groups' mean energy burden (fraction of income)"),
          Map.entry("meanLeastAdvantagedBillEur", "Least-advantaged groups' mean bill (EUR/day)"),
          Map.entry(
              "meanShareEnergyBurdenAbove6Percent",
              "Households above 6 % energy burden (fraction)"),
          Map.entry(
              "meanShareEnergyBurdenAbove10Percent",
              "Households above 10 % energy burden (fraction)"),
          Map.entry(
              "meanRawlsianMinimumAfterSettlement",
              "Rawlsian minimum relative savings after settlement"),
          Map.entry(
              "meanRawlsianMinimumBeforeSettlement",
              "Rawlsian minimum relative savings before settlement (dispatch)"),
          Map.entry(
              "standaloneCostEur", "Cost if every household were alone, Σ C0 (EUR over the run)"),
          Map.entry("cooperativeGainEurPerDay", "Cooperative gain (EUR per day)"),
          Map.entry("cooperativeGainShare", "Cooperative gain (share of the cost alone)"),
          Map.entry(
              "meanPeakReductionVsBaseline",
              "Peak reduction vs the no-DER baseline (fraction, mean over days)"),
          Map.entry(
              "meanPeakReductionVsStandalone",
              "Peak reduction vs no cooperation (fraction, mean over days)"),
          Map.entry(
              "solarUtilisation",
              "Solar utilisation: PV used in the community / PV generated (fraction)"),
          Map.entry("selfSufficiency", "Self-sufficiency: 1 − grid import / load (fraction)"),
          Map.entry(
              "costMinimisingCostEur",
              "Community cost of the cost-minimising dispatch (EUR over the run)"),
          Map.entry(
              "costMinimisingGainEur",
              "Cooperative gain of the cost-minimising dispatch (EUR over the run)"),
          Map.entry(
              "priceOfFairnessDefinedDays",
              "Days on which the price of fairness is defined (count)"),
          Map.entry("meanGiniShares", "Gini of the shares of the gain φ (mean over days)"),
          Map.entry("meanGiniSavings", "Gini of the dispatch savings C0 − C (mean over days)"),
          Map.entry(
              "degradedDays",
              "Degraded days: clearing failed or unsettled, everyone alone (count)"));

  /** A metric's axis title: its human label, else its column name. */
  static String label(String metric) {
    return METRIC_LABELS.getOrDefault(metric, metric);
  }

  /**
   * The front of {@code pareto.csv} on its first two objectives, over every run of {@code
   * sweep.csv} when it is there; each point is named by its run id and parameters (shown on hover).
   */
  private void paretoChart(ResultsTable pareto, ResultsTable sweep) {
    String xKey = pareto.header().get(0);
    String yKey = pareto.header().get(1);
    ObjectNode option = mapper.createObjectNode();
    option.putObject("tooltip").put("trigger", "item");
    option.putObject("legend").put("top", 0);
    option.putObject("grid").put("top", 40).put("left", 80).put("right", 40).put("bottom", 60);
    option
        .putObject("xAxis")
        .put("type", "value")
        .put("name", label(xKey))
        .put("nameLocation", "middle")
        .put("nameGap", 30)
        .put("scale", true);
    ObjectNode yAxis =
        option.putObject("yAxis").put("type", "value").put("name", label(yKey)).put("scale", true);
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
    chart("pareto", "Pareto front: " + label(yKey) + " against " + label(xKey), option);
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

  private static final List<String> EXPLANATION_COLUMNS =
      List.of(
          "day",
          "household",
          "group",
          "standaloneCostEur",
          "shareEur",
          "billEur",
          "shareWithoutBatteryEur",
          "shareWithoutPvEur",
          "shareWithNeutralWeightEur",
          "explanation");

  private static final Map<String, String> EXPLANATION_HEADINGS =
      Map.of(
          "standaloneCostEur", "cost alone C0 (EUR)",
          "shareEur", "share of the gain φ (EUR)",
          "billEur", "bill B = C0 − φ (EUR)",
          "shareWithoutBatteryEur", "share without its battery (EUR)",
          "shareWithoutPvEur", "share without its PV (EUR)",
          "shareWithNeutralWeightEur", "share with weight 1 (EUR)");

  /**
   * Which rows of {@code explanations.csv} the page shows: all of them when there are at most
   * {@link #MAX_EXPLANATION_ROWS}, else those of {@code lastDay}, the first {@link
   * #MAX_EXPLANATION_ROWS} of them.
   *
   * @param total the rows of the file
   * @param lastDay the largest day of the file (null: no day column)
   * @param lastDayRows the rows of that day
   */
  record ExplanationSelection(long total, String lastDay, long lastDayRows) {
    boolean all() {
      return total <= MAX_EXPLANATION_ROWS;
    }

    long shown() {
      return all() ? total : Math.min(lastDay == null ? total : lastDayRows, MAX_EXPLANATION_ROWS);
    }

    /** The sentence above the table: how many rows are shown of how many, and where the rest is. */
    String sentence() {
      String link = "<a href=\"explanations.csv\">explanations.csv</a>";
      if (all()) {
        return "All " + total + " rows of " + link + " are shown (one per household and day).";
      }
      String which =
          lastDay == null
              ? "the first " + shown() + " rows"
              : "every household's explanation on the last day (day "
                  + escape(lastDay)
                  + ")"
                  + (lastDayRows > MAX_EXPLANATION_ROWS
                      ? ", the first " + MAX_EXPLANATION_ROWS + " households of it in file order"
                      : "");
      return "Shown: "
          + shown()
          + " of "
          + total
          + " rows of "
          + link
          + ": "
          + which
          + ". The page shows at most "
          + MAX_EXPLANATION_ROWS
          + " rows so that it opens in a browser; every row, one per household and day, is in "
          + link
          + " next to this page.";
    }
  }

  /** Counts the rows of {@code explanations.csv} and those of its last day (one pass). */
  static ExplanationSelection explanationSelection(Path file) {
    long[] counts = new long[2]; // total, rows of the largest day so far
    String[] lastDay = {null};
    ResultsTable.scan(
        file,
        row -> {
          counts[0]++;
          String day = row.get("day");
          if (day == null || day.isEmpty()) {
            return;
          }
          int compared = lastDay[0] == null ? 1 : compareDays(day, lastDay[0]);
          if (compared > 0) {
            lastDay[0] = day;
            counts[1] = 1;
          } else if (compared == 0) {
            counts[1]++;
          }
        });
    return new ExplanationSelection(counts[0], lastDay[0], counts[1]);
  }

  private static int compareDays(String a, String b) {
    try {
      return Long.compare(Long.parseLong(a), Long.parseLong(b));
    } catch (NumberFormatException e) {
      return a.compareTo(b);
    }
  }

  /**
   * The explanation table, streamed row by row from {@code explanations.csv} to {@code out}: the
   * rows {@link #explanationSelection} picks, under a sentence saying how many of how many.
   */
  private static void explanationTable(Writer out, Path file) throws IOException {
    ExplanationSelection selection = explanationSelection(file);
    List<String> header = ResultsTable.header(file);
    List<String> columns = EXPLANATION_COLUMNS.stream().filter(header::contains).toList();
    StringBuilder head =
        new StringBuilder("<h2>Explanations</h2>\n<p id=\"explanations-shown\">")
            .append(selection.sentence())
            .append("</p>\n<div class=\"scroll\">\n<table id=\"explanations\">\n<tr>");
    for (String column : columns) {
      head.append("<th title=\"")
          .append(escape(column))
          .append("\">")
          .append(escape(EXPLANATION_HEADINGS.getOrDefault(column, column)))
          .append("</th>");
    }
    out.write(head.append("</tr>\n").toString());
    StringBuilder line = new StringBuilder();
    long[] written = {0};
    try {
      ResultsTable.scan(
          file,
          row -> {
            if (written[0] >= selection.shown()
                || !(selection.all()
                    || selection.lastDay() == null
                    || selection.lastDay().equals(row.get("day")))) {
              return;
            }
            written[0]++;
            line.setLength(0);
            line.append("<tr>");
            for (String column : columns) {
              line.append("<td>").append(escape(row.get(column))).append("</td>");
            }
            line.append("</tr>\n");
            try {
              out.write(line.toString());
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    out.write("</table>\n</div>\n");
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

  /**
   * Writes the page: the head, totals and chart places, the explanation table row by row from
   * {@code explanations} (null: none), then the charts' data.
   */
  private void page(Writer out, String title, JsonNode summary, Path explanations)
      throws IOException {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(escape(title))
        .append("</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:1200px;color:#222}")
        .append(".chart{width:100%;height:380px;margin-bottom:2em}")
        .append(".scroll{overflow-x:auto;max-width:100%}")
        .append(
            "table{border-collapse:collapse;font-size:0.85em}td,th{border:1px solid #ccc;padding:3px 6px;vertical-align:top}")
        .append("td:last-child{min-width:20em;white-space:normal;overflow-wrap:anywhere}")
        .append(".how{background:#f4f6f8;padding:0.6em 1em;border-left:4px solid #5470c6}")
        .append("dl{display:grid;grid-template-columns:max-content auto;gap:2px 1em}")
        .append("\n</style>\n<script>\n")
        .append(resource(ECHARTS).replace("</script", "<\\/script"))
        .append("\n</script>\n</head>\n<body>\n<h1>")
        .append(escape(title))
        .append("</h1>\n");
    html.append(
        "<p class=\"how\">How to read this page: the totals cover the whole run (burdens are"
            + " fractions of a household's daily income, 0.05 = 5 %; costs and bills in EUR); each chart's title says"
            + " what it shows and its axis the unit; hover a chart for the values. The explanation table at the end"
            + " gives each household's bill, day by day, in a sentence. Definitions of every figure:"
            + " docs/results-schema.md.</p>\n");
    if (summary != null && summary.has("totals")) {
      html.append("<h2>Totals</h2>\n<dl>\n");
      JsonNode totals = summary.get("totals");
      totals
          .properties()
          .forEach(
              e -> {
                if (e.getKey().endsWith("UndefinedReason")) {
                  return;
                }
                JsonNode reason = totals.get(e.getKey() + "UndefinedReason");
                String value =
                    e.getValue().isNull()
                        ? "undefined" + (reason != null ? " (" + reason.asText() + ")" : "")
                        : e.getValue().asText();
                html.append("<dt title=\"")
                    .append(escape(e.getKey()))
                    .append("\">")
                    .append(escape(label(e.getKey())))
                    .append("</dt><dd>")
                    .append(escape(value))
                    .append("</dd>\n");
              });
      html.append("</dl>\n");
    }
    for (JsonNode chart : charts) {
      html.append("<h2>")
          .append(escape(chart.get("title").asText()))
          .append("</h2>\n")
          .append("<div class=\"chart\" id=\"chart-")
          .append(chart.get("id").asText())
          .append("\"></div>\n");
    }
    out.write(html.toString());
    html.setLength(0);
    if (explanations != null) {
      explanationTable(out, explanations);
    }
    html.append("<script>\nconst charts = ")
        .append(charts.toString().replace("</", "<\\/"))
        .append(";\n")
        .append("for (const c of charts) {\n")
        .append("  const el = document.getElementById('chart-' + c.id);\n")
        .append("  const chart = echarts.init(el, null, {renderer: 'svg'});\n")
        .append("  c.option.animation = false;\n")
        .append("  chart.setOption(c.option);\n")
        .append("  chart.getZr().refreshImmediately();\n")
        .append("  if (el.querySelector('svg path')) el.dataset.rendered = 'true';\n")
        .append("  window.addEventListener('resize', () => chart.resize());\n")
        .append("}\n</script>\n</body>\n</html>\n");
    out.write(html.toString());
  }

  private JsonNode readJson(Path file) {
    if (!Files.exists(file)) {
      return null;
    }
    try {
      return mapper.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + name + " (the echarts webjar)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String escape(String text) {
    return text == null
        ? ""
        : text.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("\"", "&quot;");
  }
}
