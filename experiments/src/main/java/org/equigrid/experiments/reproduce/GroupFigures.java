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
 * @param meanNegativeBurden households with {@code energyBurden < 0} (a credit), mean over days (count)
 */
public record GroupFigures(
    Set<String> groups, double meanEnergyBurden, double meanBillEur, double meanNetPayers, double meanNegativeBurden) {

  public GroupFigures {
    groups = Set.copyOf(groups);
  }

  /** Reads {@code dir/households.csv}; {@code null} when the file is missing. */
  public static GroupFigures read(Path dir, Set<String> groups) {
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
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
      for (CSVRecord row : parser) {
        days.add(row.get("day"));
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
    return new GroupFigures(
        groups,
        groupRows == 0 ? Double.NaN : burden / groupRows,
        groupRows == 0 ? Double.NaN : bill / groupRows,
        (double) netPayers / d,
        (double) negative / d);
  }
}
