package org.equigrid.experiments.reproduce;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.equigrid.experiments.output.Numbers;
import org.equigrid.experiments.sweep.RunSummary;

/**
 * The results table of {@code equigrid reproduce}: one row per metric, one column per reference
 * scenario, the source paper's and its predecessor's published figures beside ours, and each
 * metric's definition (DESIGN.md section 4). Written as CSV and as Markdown with a short reading.
 */
public final class ReproduceTable {

  /**
   * A metric row.
   *
   * @param key the {@code summary.json} totals key (or {@code meanPeakKw})
   * @param label what the row shows
   * @param unit unit of the displayed value
   * @param scale factor from the totals value to the displayed one (100 for percentages)
   * @param decimals decimals in the Markdown table
   * @param paper the source paper's figure, or "–"
   * @param predecessor the predecessor paper's figure, or "–"
   * @param definition how it is computed here
   */
  public record Metric(
      String key,
      String label,
      String unit,
      double scale,
      int decimals,
      String paper,
      String predecessor,
      String definition) {}

  /**
   * A scenario column.
   *
   * @param label short label, e.g. {@code S4}
   * @param scenario scenario name
   * @param summary the run's totals, or {@code null} when the scenario is not yet available
   */
  public record Column(String label, String scenario, RunSummary summary) {}

  public static final List<Metric> METRICS =
      List.of(
          new Metric(
              "meanPeakReductionVsBaseline",
              "Peak demand reduction vs. no-DER baseline",
              "%",
              100,
              1,
              "up to 72.6 (baseline not stated)",
              "7.8 to 62.6",
              "1 − community peak import / peak of the loads alone (no PV, batteries or pool), max over the day of Σ_i imp[i,t]/Δt in kW; mean over days"),
          new Metric(
              "meanPeakReductionVsStandalone",
              "Peak demand reduction vs. no cooperation",
              "%",
              100,
              1,
              "–",
              "–",
              "1 − community peak import / peak of the summed imports when every household optimises its own PV and battery alone; mean over days"),
          new Metric(
              "meanPeakKw",
              "Community peak import",
              "kW",
              1,
              1,
              "–",
              "–",
              "max_t Σ_i imp[i,t]/Δt of the dispatch; mean over days"),
          new Metric(
              "cooperativeGainEurPerDay",
              "Cooperative gain",
              "EUR/day",
              1,
              2,
              "significant (no figure)",
              "up to 1,801.01 USD/day",
              "v(N) = Σ_i C0_i − community cost (energy cost plus peak charge of the dispatch), per day"),
          new Metric(
              "cooperativeGainShare",
              "Cooperative gain, share of standalone cost",
              "%",
              100,
              1,
              "–",
              "–",
              "v(N) / Σ_i C0_i over the run; undefined when Σ_i C0_i ≤ ε"),
          new Metric(
              "solarUtilisation",
              "Solar utilisation",
              "%",
              100,
              1,
              "–",
              "up to 114.8 (storage re-use counted)",
              "PV used inside the community / PV generated = (G − curtailed − exported) / G; each kWh counted once, so at most 100 %"),
          new Metric(
              "selfSufficiency",
              "Self-sufficiency",
              "%",
              100,
              1,
              "–",
              "–",
              "1 − grid import / load"),
          new Metric(
              "meanGiniEnergyBurdenBeforeSettlement",
              "Gini of energy burden, before settlement",
              "",
              1,
              3,
              "–",
              "–",
              "Gini of b_i = (C_i + peak charge share) / y_i (the dispatch's own bill over daily income), "
                  + "all households; mean over days where defined (mean > 0)"),
          new Metric(
              "meanGiniEnergyBurden",
              "Gini of energy burden, after settlement",
              "",
              1,
              3,
              "falls as the PPO agent adapts the weights",
              "–",
              "Gini of b_i = B_i / y_i with the bill B_i = C0_i − φ_i (settlement share φ_i), all households; "
                  + "mean over days where defined (mean > 0)"),
          new Metric(
              "meanGiniEnergyBurdenNetPayers",
              "Gini of energy burden among net payers",
              "",
              1,
              3,
              "–",
              "–",
              "Gini of b_i = B_i / y_i over the households with B_i > 0; mean over days where defined"),
          new Metric(
              "meanLargestEnergyBurden",
              "Largest energy burden",
              "% of income",
              100,
              2,
              "–",
              "–",
              "max_i B_i / y_i, all households; mean over days"),
          new Metric(
              "meanShareEnergyBurdenAbove6Percent",
              "Households above 6 % energy burden",
              "%",
              100,
              1,
              "–",
              "–",
              "share of households with B_i / y_i > 0.06; mean over days"),
          new Metric(
              "meanRawlsianMinimumAfterSettlement",
              "Rawlsian minimum after settlement",
              "",
              1,
              3,
              "–",
              "–",
              "min u_i^B = (C0_i − B_i) / max(|C0_i|, ε) over the least-advantaged groups (all households when "
                  + "none is marked); mean over days"),
          new Metric(
              "priceOfFairnessRatioOfSums",
              "Price of fairness",
              "%",
              100,
              2,
              "reported (no figure)",
              "–",
              "share of the cost-minimising gain given up for the equity weights and floor, "
                  + "Σ_d (v_cost(N) − v_w,ρ(N)) / Σ_d v_cost(N) over the days with v_cost(N) > ε "
                  + "(DESIGN.md section 3c); undefined when there is no such day"));

  private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

  private final List<Column> columns;

  public ReproduceTable(List<Column> columns) {
    this.columns = List.copyOf(columns);
  }

  /** The displayed value of a metric in a column; NaN when the column has no run. */
  public double value(Metric metric, Column column) {
    return column.summary() == null
        ? Double.NaN
        : column.summary().metric(metric.key()) * metric.scale();
  }

  /**
   * {@code reproduce.csv}: metric, unit, one column per scenario, paper, predecessor, definition.
   */
  public String csv() {
    List<String> header = new ArrayList<>(List.of("metric", "unit"));
    columns.forEach(c -> header.add(c.scenario()));
    header.addAll(List.of("paper", "predecessor", "definition"));
    StringWriter out = new StringWriter();
    try (CSVPrinter printer = new CSVPrinter(out, CSV)) {
      printer.printRecord(header);
      for (Metric metric : METRICS) {
        List<String> row = new ArrayList<>(List.of(metric.key(), metric.unit()));
        for (Column column : columns) {
          double value = value(metric, column);
          row.add(
              column.summary() == null
                  ? "not yet available"
                  : Double.isNaN(value) ? "" : Numbers.format(value));
        }
        row.addAll(List.of(metric.paper(), metric.predecessor(), metric.definition()));
        printer.printRecord(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** {@code reproduce.md}: title, the table, the scenarios, the definitions and the reading. */
  public String markdown(String title, String community) {
    StringBuilder md =
        new StringBuilder("# ").append(title).append("\n\n").append(community).append("\n\n");
    md.append("| metric | unit |");
    columns.forEach(c -> md.append(' ').append(c.label()).append(" |"));
    md.append(" paper | predecessor |\n|---|---|");
    columns.forEach(c -> md.append("---:|"));
    md.append("---|---|\n");
    for (Metric metric : METRICS) {
      md.append("| ").append(metric.label()).append(" | ").append(metric.unit()).append(" |");
      for (Column column : columns) {
        double value = value(metric, column);
        md.append(' ')
            .append(column.summary() == null ? "n/a" : RuleTable.show(value, metric.decimals()))
            .append(" |");
      }
      md.append(' ')
          .append(metric.paper())
          .append(" | ")
          .append(metric.predecessor())
          .append(" |\n");
    }
    md.append("\nScenarios: ");
    List<String> names = new ArrayList<>();
    for (Column column : columns) {
      names.add(
          column.label()
              + " = `"
              + column.scenario()
              + "`"
              + (column.summary() == null ? " (not yet available)" : ""));
    }
    md.append(String.join(", ", names)).append(".\n\n## Definitions\n\n");
    for (Metric metric : METRICS) {
      md.append("- **")
          .append(metric.label())
          .append("** (`")
          .append(metric.key())
          .append("`): ")
          .append(metric.definition())
          .append(".\n");
    }
    md.append(
            "\nThe paper's figures are for its own communities (sizes, data and currency differ); they are "
                + "compared here in direction and order of magnitude (DESIGN.md section 8).\n\n## Reading\n\n")
        .append(reading())
        .append('\n');
    return md.toString();
  }

  /** A short paragraph computed from the numbers: which direction each effect goes. */
  String reading() {
    return new ReproduceReading(this, columns).text();
  }
}
