package org.equigrid.experiments.report;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** A results CSV read back: header plus rows, in file order. */
record ResultsTable(List<String> header, List<Map<String, String>> rows) {

  static ResultsTable read(Path file) {
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
      List<Map<String, String>> rows = new ArrayList<>();
      for (CSVRecord record : parser) {
        rows.add(new LinkedHashMap<>(record.toMap()));
      }
      return new ResultsTable(List.copyOf(parser.getHeaderNames()), rows);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  boolean has(String column) {
    return header.contains(column);
  }

  /**
   * Mean of a numeric column per key column value, keys in first-seen order; empty cells (undefined
   * values) are left out, a key with none has NaN.
   */
  Map<String, Double> meanBy(String keyColumn, String valueColumn) {
    Map<String, double[]> sums = new LinkedHashMap<>();
    for (Map<String, String> row : rows) {
      double[] sum = sums.computeIfAbsent(row.get(keyColumn), k -> new double[2]);
      String cell = row.get(valueColumn);
      if (cell != null && !cell.isEmpty()) {
        sum[0] += Double.parseDouble(cell);
        sum[1] += 1;
      }
    }
    Map<String, Double> means = new LinkedHashMap<>();
    sums.forEach((key, sum) -> means.put(key, sum[0] / sum[1]));
    return means;
  }

  List<Double> column(String name) {
    List<Double> values = new ArrayList<>(rows.size());
    for (Map<String, String> row : rows) {
      String cell = row.get(name);
      values.add(cell == null || cell.isEmpty() ? Double.NaN : Double.parseDouble(cell));
    }
    return values;
  }
}
