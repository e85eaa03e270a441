package org.equigrid.experiments.reproduce;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.equigrid.experiments.output.ResultsWriter;

/**
 * Figures of one run read from its {@code households.csv}, for a fixed set of groups so that runs
 * whose scenarios mark different least-advantaged groups (S4 marks none) compare like with like.
 *
 * @param groups the groups the first two figures are over (e.g. {@code [LOW]})
 * @param meanEnergyBurden mean of {@code energyBurden = B_i / y_i} over the groups' households and
 *     the days (fraction of daily income); NaN without such rows
 * @param meanBillEur mean of {@code billEur} over the same rows (EUR/day)
 * @param meanNetPayers households with {@code billEur > 0}, mean over days (count)
 * @param meanNegativeBurden households with {@code energyBurden < 0} (a credit), mean over days
 *     (count)
 * @param boundLargestEnergyBurden the smallest largest burden any budget-balanced, individually
 *     rational settlement of the run's dispatch reaches (no coalition rows): {@code t} with {@code
 *     Σ_i min(C0_i, t·y_i) = Σ_i B_i}, mean over days; NaN without incomes
 * @param boundMeanEnergyBurden the groups' mean burden {@code min(C0_i, t·y_i) / y_i} in that
 *     settlement
 */
public record GroupFigures(
    Set<String> groups,
    double meanEnergyBurden,
    double meanBillEur,
    double meanNetPayers,
    double meanNegativeBurden,
    double boundLargestEnergyBurden,
    double boundMeanEnergyBurden) {

  public GroupFigures {
    groups = Set.copyOf(groups);
  }

  /** Without incomes: no bound. */
  public GroupFigures(
      Set<String> groups,
      double meanEnergyBurden,
      double meanBillEur,
      double meanNetPayers,
      double meanNegativeBurden) {
    this(
        groups,
        meanEnergyBurden,
        meanBillEur,
        meanNetPayers,
        meanNegativeBurden,
        Double.NaN,
        Double.NaN);
  }

  /**
   * The smallest largest burden {@code max_i B_i / y_i} over bills with {@code Σ_i B_i = total} and
   * {@code B_i ≤ C0_i} (individual rationality): the {@code t} where the non-decreasing {@code Σ_i
   * min(C0_i, t·y_i)} reaches {@code total} (bisection to 1e-13 of income); then {@code B_i =
   * min(C0_i, t·y_i)}. Requires {@code total ≤ Σ C0_i} (a non-negative gain) and incomes > 0.
   */
  static double minimaxBurden(double[] standaloneEur, double[] incomeEur, double totalEur) {
    double lo = -1;
    double hi = 1;
    while (fill(standaloneEur, incomeEur, lo) > totalEur) {
      lo *= 2;
    }
    while (fill(standaloneEur, incomeEur, hi) < totalEur && hi < 1e6) {
      hi *= 2;
    }
    for (int k = 0; k < 200 && hi - lo > 1e-13; k++) {
      double mid = 0.5 * (lo + hi);
      if (fill(standaloneEur, incomeEur, mid) < totalEur) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }

  private static double fill(double[] standaloneEur, double[] incomeEur, double t) {
    double sum = 0;
    for (int i = 0; i < standaloneEur.length; i++) {
      sum += Math.min(standaloneEur[i], t * incomeEur[i]);
    }
    return sum;
  }

  /**
   * Reads {@code dir/households.csv} without incomes (no bound); {@code null} when the file is
   * missing.
   */
  public static GroupFigures read(Path dir, Set<String> groups) {
    return read(dir, groups, java.util.Map.of());
  }

  /**
   * Reads {@code dir/households.csv}; with every household's daily income ({@code y_i}, EUR/day)
   * also the bound of {@link #minimaxBurden}; {@code null} when the file is missing.
   */
  public static GroupFigures read(
      Path dir, Set<String> groups, java.util.Map<String, Double> incomeEur) {
    Path file = dir.resolve(ResultsWriter.HOUSEHOLDS_CSV);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    double burden = 0;
    double bill = 0;
    int groupRows = 0;
    int netPayers = 0;
    int negative = 0;
    Set<String> days = new HashSet<>();
    java.util.Map<String, java.util.List<String[]>> byDay = new java.util.LinkedHashMap<>();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
      for (CSVRecord row : parser) {
        days.add(row.get("day"));
        byDay
            .computeIfAbsent(row.get("day"), k -> new java.util.ArrayList<>())
            .add(
                new String[] {
                  row.get("household"),
                  row.get("group"),
                  row.get("standaloneCostEur"),
                  row.get("billEur")
                });
        double b = Double.parseDouble(row.get("billEur"));
        double e = Double.parseDouble(row.get("energyBurden"));
        netPayers += b > 0 ? 1 : 0;
        negative += e < 0 ? 1 : 0;
        if (groups.contains(row.get("group"))) {
          burden += e;
          bill += b;
          groupRows++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    int d = Math.max(1, days.size());
    double boundLargest = 0;
    double boundGroup = 0;
    int boundRows = 0;
    boolean bounded = !incomeEur.isEmpty();
    for (java.util.List<String[]> rows : byDay.values()) {
      if (!bounded) {
        break;
      }
      double[] c0 = new double[rows.size()];
      double[] y = new double[rows.size()];
      double total = 0;
      for (int i = 0; i < rows.size(); i++) {
        Double income = incomeEur.get(rows.get(i)[0]);
        if (income == null || !(income > 0)) {
          bounded = false;
          break;
        }
        c0[i] = Double.parseDouble(rows.get(i)[2]);
        y[i] = income;
        total += Double.parseDouble(rows.get(i)[3]);
      }
      if (!bounded) {
        break;
      }
      double t = minimaxBurden(c0, y, total);
      boundLargest += t;
      for (int i = 0; i < rows.size(); i++) {
        if (groups.contains(rows.get(i)[1])) {
          boundGroup += Math.min(c0[i], t * y[i]) / y[i];
          boundRows++;
        }
      }
    }
    return new GroupFigures(
        groups,
        groupRows == 0 ? Double.NaN : burden / groupRows,
        groupRows == 0 ? Double.NaN : bill / groupRows,
        (double) netPayers / d,
        (double) negative / d,
        bounded && !byDay.isEmpty() ? boundLargest / byDay.size() : Double.NaN,
        bounded && boundRows > 0 ? boundGroup / boundRows : Double.NaN);
  }
}
