package org.equigrid.config.profile;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Reads one quantity (load or PV) of many households from CSV files with a header row, converted to
 * kWh (or kWh per kWp) per data interval. Rows are taken in file order, one per interval.
 *
 * @param layout how the files are laid out
 * @param path the file, or for {@link CsvLayout#PER_HOUSEHOLD} the pattern with {@code {key}}
 * @param column the value column (ignored for {@link CsvLayout#WIDE}: columns are data keys)
 * @param householdColumn for {@link CsvLayout#LONG}: the column holding the data key
 * @param unit the unit of the values
 * @param intervalMinutes length of one row's interval
 * @param skipRows data rows to drop at the start of each series (e.g. to align the first row with
 *     midnight)
 */
public record CsvSeries(
    CsvLayout layout,
    String path,
    String column,
    String householdColumn,
    EnergyUnit unit,
    int intervalMinutes,
    int skipRows) {

  /** Placeholder of the data key in a per-household path. */
  public static final String KEY_PLACEHOLDER = "{key}";

  public static final String FILE_NOT_FOUND = "CSV file not found";
  public static final String COLUMN_NOT_FOUND = "column not found";
  public static final String KEY_NOT_FOUND = "no data for household key";
  public static final String NOT_A_NUMBER = "is not a number";
  public static final String TOO_SHORT = "holds less than one day of data";

  private static final CSVFormat FORMAT =
      CSVFormat.DEFAULT
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .setIgnoreSurroundingSpaces(true)
          .setIgnoreEmptyLines(true)
          .setTrim(true)
          .setAllowMissingColumnNames(true) // e.g. the unnamed index column pandas writes
          .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_EMPTY)
          .get();

  /** A plain decimal number; no hex ({@code 0x1p3}), no type suffix ({@code 1d}, {@code 1f}). */
  private static final Pattern PLAIN_NUMBER =
      Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

  /** Largest magnitude of a CSV value (kWh, kWh/kWp or a price): larger ones are a unit mistake. */
  public static final double MAX_MAGNITUDE = 1e6;

  public static final String TOO_LARGE =
      "is beyond the largest magnitude allowed, " + MAX_MAGNITUDE;
  public static final String NOT_CSV = "is not a readable CSV file";

  public CsvSeries {
    if (intervalMinutes <= 0 || skipRows < 0) {
      throw new IllegalArgumentException(
          "intervalMinutes ("
              + intervalMinutes
              + ") must be > 0 and skipRows ("
              + skipRows
              + ") >= 0");
    }
  }

  /**
   * The series of each data key, in kWh (or kWh/kWp) per data interval, truncated to whole days.
   *
   * @param keys the data keys wanted, in order
   */
  public Map<String, double[]> read(List<String> keys) throws ProfileDataException {
    Map<String, double[]> result = new LinkedHashMap<>();
    switch (layout) {
      case PER_HOUSEHOLD -> {
        for (String key : keys) {
          Path file;
          try {
            file = Path.of(path.replace(KEY_PLACEHOLDER, key));
          } catch (java.nio.file.InvalidPathException e) { // the data key may hold any character
            throw new ProfileDataException(
                "data key '" + key + "' gives no valid path: " + e.getMessage());
          }
          result.put(key, wholeDays(file, readColumns(file, List.of(column)).get(column)));
        }
      }
      case WIDE -> {
        Path file = Path.of(path);
        Map<String, List<String>> columns = readColumns(file, keys);
        for (String key : keys) {
          result.put(key, wholeDays(file, columns.get(key)));
        }
      }
      case LONG -> {
        Path file = Path.of(path);
        Map<String, List<String>> byKey = readLong(file);
        for (String key : keys) {
          List<String> values = byKey.get(key);
          if (values == null) {
            throw new ProfileDataException(
                KEY_NOT_FOUND
                    + " '"
                    + key
                    + "' in column '"
                    + householdColumn
                    + "' of "
                    + file
                    + "; keys found: "
                    + abbreviate(byKey.keySet()));
          }
          result.put(key, wholeDays(file, values));
        }
      }
      default -> throw new IllegalStateException(layout.toString());
    }
    return result;
  }

  /** One column of one file as raw numbers (no unit conversion), e.g. a price series. */
  public static double[] readNumbers(Path file, String column, int skipRows)
      throws ProfileDataException {
    List<String> values = readColumns(file, List.of(column)).get(column);
    values = values.subList(Math.min(skipRows, values.size()), values.size());
    return parse(file, column, values, 1.0, EnergyUnit.KWH);
  }

  private double[] wholeDays(Path file, List<String> all) throws ProfileDataException {
    List<String> raw = all.subList(Math.min(skipRows, all.size()), all.size());
    int perDay = 24 * 60 / intervalMinutes;
    int rows = raw.size() / perDay * perDay;
    if (rows == 0) {
      throw new ProfileDataException(
          file + " " + TOO_SHORT + " (" + raw.size() + " rows of " + intervalMinutes + " min)");
    }
    return parse(file, column, raw.subList(0, rows), intervalMinutes / 60.0, unit);
  }

  private static double[] parse(
      Path file, String column, List<String> raw, double hours, EnergyUnit unit)
      throws ProfileDataException {
    double[] result = new double[raw.size()];
    for (int r = 0; r < raw.size(); r++) {
      String text = raw.get(r);
      double value = PLAIN_NUMBER.matcher(text).matches() ? Double.parseDouble(text) : Double.NaN;
      if (!Double.isFinite(value)) {
        throw new ProfileDataException(
            file
                + " data row "
                + (r + 1)
                + ", column '"
                + column
                + "': '"
                + text
                + "' "
                + NOT_A_NUMBER
                + " (a plain decimal number such as 0.25 or 1e-3 is allowed)");
      }
      if (Math.abs(value) > MAX_MAGNITUDE) {
        throw new ProfileDataException(
            file
                + " data row "
                + (r + 1)
                + ", column '"
                + column
                + "': '"
                + text
                + "' "
                + TOO_LARGE
                + ".\nMaybe check the unit (Wh instead of kWh?).");
      }
      result[r] = unit.toKwh(value, hours);
    }
    return result;
  }

  private static Map<String, List<String>> readColumns(Path file, List<String> columns)
      throws ProfileDataException {
    try (Reader reader = open(file);
        CSVParser parser = FORMAT.parse(reader)) {
      List<String> header = parser.getHeaderNames();
      List<String> missing = new ArrayList<>();
      for (String column : columns) {
        if (!header.contains(column)) {
          missing.add(column);
        }
      }
      if (!missing.isEmpty()) {
        throw new ProfileDataException(
            COLUMN_NOT_FOUND
                + ": "
                + String.join(", ", missing)
                + " in "
                + file
                + "; columns found: "
                + abbreviate(header));
      }
      Map<String, List<String>> result = new LinkedHashMap<>();
      for (String column : columns) {
        result.put(column, new ArrayList<>());
      }
      for (CSVRecord record : parser) {
        for (String column : columns) {
          result.get(column).add(record.isSet(column) ? record.get(column) : "");
        }
      }
      return result;
    } catch (IOException
        | java.io.UncheckedIOException
        | IllegalArgumentException
        | IllegalStateException e) {
      // commons-csv: duplicate header names, an unclosed quote, a malformed record
      throw new ProfileDataException(file + " " + NOT_CSV + ": " + e.getMessage());
    }
  }

  private Map<String, List<String>> readLong(Path file) throws ProfileDataException {
    Map<String, List<String>> columns = readColumns(file, List.of(householdColumn, column));
    List<String> keys = columns.get(householdColumn);
    List<String> values = columns.get(column);
    Map<String, List<String>> byKey = new LinkedHashMap<>();
    for (int r = 0; r < keys.size(); r++) {
      byKey.computeIfAbsent(keys.get(r), k -> new ArrayList<>()).add(values.get(r));
    }
    return byKey;
  }

  private static Reader open(Path file) throws ProfileDataException {
    if (!Files.isRegularFile(file)) {
      throw new ProfileDataException(FILE_NOT_FOUND + ": " + file.toAbsolutePath());
    }
    try {
      return Files.newBufferedReader(file);
    } catch (IOException e) {
      throw new ProfileDataException("cannot read " + file + ": " + e.getMessage());
    }
  }

  private static String abbreviate(java.util.Collection<String> names) {
    List<String> list = new ArrayList<>(names);
    if (list.size() <= 12) {
      return String.join(", ", list);
    }
    return String.join(", ", list.subList(0, 12)) + ", ... (" + list.size() + " in all)";
  }
}
