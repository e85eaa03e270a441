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
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A results CSV read back: header plus rows, in file order. For the small files whose size does not
 * grow with the days ({@code learning.csv}, {@code sweep.csv}, {@code pareto.csv}); the files of a
 * run's days are read row by row with {@link #scan}, keeping none.
 */
record ResultsTable(List<String> header, List<Map<String, String>> rows) {

  private static final CSVFormat FORMAT =
      CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();

  /** One row of a scanned file. */
  record Row(CSVRecord record) {
    /**
     * The cell of {@code column}, or null when the file has no such column (or the row is short).
     */
    String get(String column) {
      return record.isMapped(column) && record.isSet(column) ? record.get(column) : null;
    }

    /** The cell as a number: NaN when empty or absent (an undefined value). */
    double number(String column) {
      String cell = get(column);
      return cell == null || cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
    }
  }

  /**
   * Reads {@code file} row by row, handing each row to {@code visitor} and keeping none (memory
   * does not grow with the file).
   *
   * @return the header
   */
  static List<String> scan(Path file, Consumer<Row> visitor) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
      for (CSVRecord record : parser) {
        visitor.accept(new Row(record));
      }
      return List.copyOf(parser.getHeaderNames());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The header of {@code file} (its first line only is read). */
  static List<String> header(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
      return List.copyOf(parser.getHeaderNames());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The means of numeric columns per value of a key column, in one pass over {@code file} (as
   * {@link #meanBy}, row by row).
   *
   * @return the header and, per value column, the means by key (keys in first-seen order)
   */
  static Means meansBy(Path file, String keyColumn, List<String> valueColumns) {
    Map<String, double[]> sums = new LinkedHashMap<>();
    int columns = valueColumns.size();
    List<String> header =
        scan(
            file,
            row -> {
              double[] sum = sums.computeIfAbsent(row.get(keyColumn), k -> new double[2 * columns]);
              for (int c = 0; c < columns; c++) {
                String cell = row.get(valueColumns.get(c));
                if (cell != null && !cell.isEmpty()) {
                  sum[2 * c] += Double.parseDouble(cell);
                  sum[2 * c + 1] += 1;
                }
              }
            });
    Map<String, Map<String, Double>> means = new LinkedHashMap<>();
    for (int c = 0; c < columns; c++) {
      Map<String, Double> byKey = new LinkedHashMap<>();
      int column = c;
      sums.forEach((key, sum) -> byKey.put(key, sum[2 * column] / sum[2 * column + 1]));
      means.put(valueColumns.get(c), byKey);
    }
    return new Means(header, means);
  }

  /**
   * Means by key of a scanned file.
   *
   * @param header the file's header
   * @param byColumn per value column asked for, the mean by key (NaN: no defined value)
   */
  record Means(List<String> header, Map<String, Map<String, Double>> byColumn) {
    boolean has(String column) {
      return header.contains(column);
    }

    Map<String, Double> of(String column) {
      return byColumn.get(column);
    }
  }

  static ResultsTable read(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {

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
