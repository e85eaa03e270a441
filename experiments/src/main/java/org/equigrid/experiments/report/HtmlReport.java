package org.equigrid.experiments.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * of a run longer than {@link RunCharts#MAX_ENERGY_DAYS} days has one point per day
 * (docs/performance.md).
 */
public final class HtmlReport {

  public static final String REPORT_HTML = "report.html";

  /**
   * The most rows of {@code explanations.csv} the page shows (about 0.5 kB each): a run with more
   * shows every household's explanation on its last day, at most this many (the first households of
   * that day in file order), and says so; the full table stays in {@code explanations.csv}.
   */
  static final int MAX_EXPLANATION_ROWS = 2_000;

  private static final String ECHARTS =
      "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

  private final ObjectMapper mapper = new ObjectMapper();
  private final RunCharts runCharts = new RunCharts(mapper);

  private HtmlReport() {}

  /** Writes the report into {@code runDir} and returns its path. */
  public static Path write(Path runDir) {
    return new HtmlReport().build(runDir);
  }

  private Path build(Path dir) {
    JsonNode summary = readJson(dir.resolve("summary.json"));
    if (Files.exists(dir.resolve("intervals.csv"))) {
      runCharts.energyChart(dir.resolve("intervals.csv"));
    }
    if (summary != null && summary.has("dayResults")) {
      runCharts.peakChart(summary.get("dayResults"));
      runCharts.equityChart(summary.get("dayResults"));
    }
    if (Files.exists(dir.resolve("households.csv"))) {
      runCharts.householdChart(dir.resolve("households.csv"));
    }
    if (Files.exists(dir.resolve("groups.csv"))) {
      runCharts.groupChart(dir.resolve("groups.csv"));
    }
    if (Files.exists(dir.resolve("learning.csv"))) {
      runCharts.learningChart(ResultsTable.read(dir.resolve("learning.csv")));
    }
    if (Files.exists(dir.resolve("pareto.csv"))) {
      Path sweep = dir.resolve("sweep.csv");
      runCharts.paretoChart(
          ResultsTable.read(dir.resolve("pareto.csv")),
          Files.exists(sweep) ? ResultsTable.read(sweep) : null);
    }
    if (Files.exists(dir.resolve("negotiation.csv"))) {
      runCharts.negotiationCharts(dir.resolve("negotiation.csv"));
    }
    Path explanations = dir.resolve("explanations.csv");
    String title =
        summary != null ? "equigrid — " + summary.path("scenario").asText() : "equigrid report";
    Path target = dir.resolve(REPORT_HTML);
    AtomicFiles.write(
        target, out -> page(out, title, summary, Files.exists(explanations) ? explanations : null));
    return target;
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
    for (JsonNode chart : runCharts.charts()) {
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
      ExplanationTable.write(out, explanations);
    }
    html.append("<script>\nconst charts = ")
        .append(runCharts.charts().toString().replace("</", "<\\/"))
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

  static String escape(String text) {
    return text == null
        ? ""
        : text.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("\"", "&quot;");
  }
}
