package org.equigrid.experiments.sweep;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.equigrid.experiments.output.Numbers;

/**
 * The tidy table of a sweep ({@code sweep.csv}: one row per run; run id, each swept parameter,
 * seed, days, households and the run's totals) and its Pareto front ({@code pareto.csv}).
 */
public final class SweepTable {

  /** The metric columns, from {@code summary.json} totals, plus {@code meanPeakKw}. */
  public static final List<String> METRICS =
      List.of(
          "standaloneCostEur",
          "communityCostEur",
          "cooperativeGainEur",
          "cooperativeGainEurPerDay",
          "cooperativeGainShare",
          "meanPeakKw",
          "meanPeakReductionVsBaseline",
          "meanPeakReductionVsStandalone",
          "solarUtilisation",
          "selfSufficiency",
          "costMinimisingGainEur",
          "priceOfFairnessEur",
          "priceOfFairnessRatioOfSums",
          "meanGiniEnergyBurdenBeforeSettlement",
          "meanGiniEnergyBurden",
          "meanGiniEnergyBurdenNetPayers",
          "meanRawlsianMinimumBeforeSettlement",
          "meanRawlsianMinimumAfterSettlement",
          "meanLargestEnergyBurden",
          "meanShareEnergyBurdenAbove6Percent",
          "meanShareEnergyBurdenAbove10Percent",
          "meanLeastAdvantagedEnergyBurden",
          "meanLeastAdvantagedBillEur",
          "degradedDays");

  /** The columns a sweep with a bidding-strategy dimension adds after the metrics. */
  public static final List<String> DEVIATION_COLUMNS =
      List.of(
          "deviatorStrategy", "deviatorCount", "deviatorIds", "deviatorsGainEur", "othersGainEur");

  /** One finished run: its definition, its totals and who deviated. */
  public record Row(SweepRun run, RunSummary summary, Deviators deviators) {
    /** Everyone truthful. */
    public Row(SweepRun run, RunSummary summary) {
      this(run, summary, new Deviators(Deviation.TRUTHFUL, List.of(), 0, 0));
    }
  }

  private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

  private SweepTable() {}

  /** {@code sweep.csv}: rows in run order. */
  public static String sweepCsv(List<String> parameters, List<Row> rows) {
    return sweepCsv(parameters, rows, false);
  }

  /**
   * {@code sweep.csv}: rows in run order; with {@code strategic}, the {@link #DEVIATION_COLUMNS}
   * after the metrics: the deviators' strategy, how many and which households deviated, their
   * summed gain from deviating and the truthful households' (EUR over the run's days).
   */
  public static String sweepCsv(List<String> parameters, List<Row> rows, boolean strategic) {
    List<String> header = new ArrayList<>();
    header.add("runId");
    header.addAll(parameters);
    header.addAll(List.of("seed", "days", "households"));
    header.addAll(METRICS);
    if (strategic) {
      header.addAll(DEVIATION_COLUMNS);
    }
    return csv(header, rows, parameters, METRICS, strategic);
  }

  /**
   * {@code pareto.csv}: the runs no other run dominates on {@code objectives} (all minimised; a run
   * dominates another if it is no worse in every objective and better in one), sorted by the first
   * objective. Columns: the objectives (the first two are the report's axes), {@code meanPeakKw},
   * then run id, parameters, seed.
   */
  public static String paretoCsv(List<String> objectives, List<String> parameters, List<Row> rows) {
    List<Row> front = front(objectives, rows);
    List<String> metrics = new ArrayList<>(objectives);
    if (!metrics.contains("meanPeakKw")) {
      metrics.add("meanPeakKw");
    }
    List<String> header = new ArrayList<>(metrics);
    header.add("runId");
    header.addAll(parameters);
    header.addAll(List.of("seed", "days", "households"));
    StringWriter out = new StringWriter();
    try (CSVPrinter printer = new CSVPrinter(out, CSV)) {
      printer.printRecord(header);
      for (Row row : front) {
        List<String> record = new ArrayList<>();
        metrics.forEach(m -> record.add(cell(row.summary().metric(m))));
        record.add(row.run().id());
        parameters.forEach(p -> record.add(row.run().parameters().getOrDefault(p, "")));
        record.add(Long.toString(row.summary().seed()));
        record.add(Integer.toString(row.summary().days()));
        record.add(Integer.toString(row.summary().households()));
        printer.printRecord(record);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * The non-dominated rows, sorted by the objectives in order, then by run id. A run with an
   * undefined objective (NaN, an empty cell in {@code sweep.csv}) cannot be ranked: it is left out.
   */
  static List<Row> front(List<String> objectives, List<Row> rows) {
    List<Row> ranked = new ArrayList<>();
    for (Row row : rows) {
      if (objectives.stream().noneMatch(o -> Double.isNaN(row.summary().metric(o)))) {
        ranked.add(row);
      }
    }
    List<Row> front = new ArrayList<>();
    for (Row candidate : ranked) {
      boolean dominated = false;
      for (Row other : ranked) {
        if (other != candidate && dominates(other, candidate, objectives)) {
          dominated = true;
          break;
        }
      }
      if (!dominated) {
        front.add(candidate);
      }
    }
    Comparator<Row> order = Comparator.comparingDouble(r -> r.summary().metric(objectives.get(0)));
    for (String objective : objectives.subList(1, objectives.size())) {
      order = order.thenComparingDouble(r -> r.summary().metric(objective));
    }
    front.sort(order.thenComparing(r -> r.run().id()));
    return front;
  }

  private static boolean dominates(Row a, Row b, List<String> objectives) {
    boolean better = false;
    for (String objective : objectives) {
      double x = a.summary().metric(objective);
      double y = b.summary().metric(objective);
      if (x > y) {
        return false;
      }
      better |= x < y;
    }
    return better;
  }

  private static String csv(
      List<String> header,
      List<Row> rows,
      List<String> parameters,
      List<String> metrics,
      boolean strategic) {
    StringWriter out = new StringWriter();
    try (CSVPrinter printer = new CSVPrinter(out, CSV)) {
      printer.printRecord(header);
      for (Row row : rows) {
        List<String> record = new ArrayList<>();
        record.add(row.run().id());
        parameters.forEach(p -> record.add(row.run().parameters().getOrDefault(p, "")));
        record.add(Long.toString(row.summary().seed()));
        record.add(Integer.toString(row.summary().days()));
        record.add(Integer.toString(row.summary().households()));
        metrics.forEach(m -> record.add(cell(row.summary().metric(m))));
        if (strategic) {
          Deviators d = row.deviators();
          record.add(d.strategy());
          record.add(Integer.toString(d.ids().size()));
          record.add(String.join(" ", d.ids()));
          record.add(Numbers.format(d.gainEur()));
          record.add(Numbers.format(d.othersGainEur()));
        }
        printer.printRecord(record);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** A metric cell: empty when the metric is undefined (NaN) or missing. */
  private static String cell(double value) {
    return Double.isNaN(value) ? "" : Numbers.format(value);
  }
}
