package org.equigrid.experiments.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.equigrid.experiments.output.NegotiationCsv;

/**
 * A results folder written by {@code run}, {@code reproduce} or {@code sweep}, opened read-only: it
 * lists its files and reads them as JSON. Every path a request names is relative to the folder; a
 * path that leaves it (absolute, {@code ..}, or a link pointing outside) is refused, so no file
 * outside the folder can be read.
 */
final class ResultsFolder {

  /** The message of a path outside the folder. */
  static final String OUTSIDE = "is outside the results folder";

  /** Files listed at most. */
  static final int MAX_FILES = 5_000;

  /** Largest file read, bytes. */
  static final long MAX_BYTES = 50L << 20;

  /** Rows of a CSV file returned at most. */
  static final int MAX_ROWS = 200_000;

  private static final List<String> READABLE =
      List.of(".csv", ".json", ".jsonl", ".txt", ".md", ".yaml", ".yml");

  private final Path root;
  private final ObjectMapper mapper;

  /**
   * @param root an existing folder
   */
  ResultsFolder(Path root, ObjectMapper mapper) throws IOException {
    this.root = root.toRealPath();
    this.mapper = mapper;
    if (!Files.isDirectory(this.root)) {
      throw new IOException(root + " is not a folder");
    }
  }

  Path root() {
    return root;
  }

  /** Every readable file under the folder, as relative paths with sizes, sorted. */
  ArrayNode list() throws IOException {
    ArrayNode files = mapper.createArrayNode();
    try (Stream<Path> walk = Files.walk(root, 6)) {
      walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .filter(ResultsFolder::readable)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .limit(MAX_FILES)
          .forEach(rel -> files.addObject().put("path", rel).put("bytes", size(root.resolve(rel))));
    }
    return files;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }

  private static boolean readable(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return READABLE.stream().anyMatch(name::endsWith);
  }

  /**
   * The real path of {@code relative} inside the folder.
   *
   * @throws ApiException 403 when it leaves the folder, 404 when it does not exist
   */
  Path resolve(String relative) {
    if (relative == null || relative.isEmpty()) {
      return root;
    }
    if (relative.indexOf('\0') >= 0 || relative.length() > 1_000) {
      throw ApiException.badRequest("path: not a file name");
    }
    Path candidate;
    try {
      candidate = root.resolve(relative).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      throw ApiException.badRequest("path '" + relative + "': " + e.getReason());
    }
    if (Path.of(relative).isAbsolute() || !candidate.startsWith(root)) {
      throw ApiException.forbidden("path '" + relative + "' " + OUTSIDE);
    }
    if (!Files.exists(candidate)) {
      throw ApiException.notFound("path '" + relative + "': no such file in the results folder");
    }
    Path real;
    try {
      real = candidate.toRealPath();
    } catch (IOException e) {
      throw ApiException.notFound("path '" + relative + "': " + e.getMessage());
    }
    if (!real.startsWith(root)) {
      throw ApiException.forbidden(
          "path '" + relative + "' " + OUTSIDE + " (a link points out of it)");
    }
    return real;
  }

  /** A file as JSON: a CSV as rows, a JSON file as it is, other text as text. */
  ObjectNode read(String relative) throws IOException {
    Path file = resolve(relative);
    if (!Files.isRegularFile(file)) {
      throw ApiException.badRequest("path '" + relative + "' is a folder; name a file");
    }
    if (!readable(file)) {
      throw new ApiException(415, "path '" + relative + "': only " + READABLE + " files are shown");
    }
    if (Files.size(file) > MAX_BYTES) {
      throw new ApiException(
          413,
          "path '"
              + relative
              + "' has "
              + Files.size(file)
              + " bytes; at most "
              + MAX_BYTES
              + " are shown");
    }
    ObjectNode out = mapper.createObjectNode().put("path", relative);
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      out.put("kind", "csv").set("rows", csvRows(file, mapper));
    } else if (name.endsWith(".json")) {
      out.put("kind", "json").set("json", mapper.readTree(file.toFile()));
    } else {
      out.put("kind", "text").put("text", Files.readString(file, StandardCharsets.UTF_8));
    }
    return out;
  }

  /**
   * A run folder ({@code summary.json}, {@code households.csv}, ...) as the page's charts read it.
   */
  ObjectNode view(String relativeDir) throws IOException {
    Path dir = resolve(relativeDir);
    if (!Files.isDirectory(dir)) {
      throw ApiException.badRequest("dir '" + relativeDir + "' is not a folder");
    }
    if (!Files.exists(dir.resolve("summary.json"))
        && !Files.exists(dir.resolve("households.csv"))) {
      throw ApiException.notFound(
          "dir '"
              + relativeDir
              + "' has no summary.json or households.csv: not a run folder."
              + " Maybe you meant one of its sub-folders.");
    }
    return runView(dir, mapper);
  }

  /** The files of a run folder the page charts: rows of each CSV and the summary. */
  static ObjectNode runView(Path dir, ObjectMapper mapper) throws IOException {
    ObjectNode view = mapper.createObjectNode();
    for (String name : List.of("households", "intervals", "groups", "explanations")) {
      Path file = dir.resolve(name + ".csv");
      view.set(
          name,
          Files.isRegularFile(file) && file.toRealPath().startsWith(dir.toRealPath())
              ? csvRows(file, mapper)
              : mapper.createArrayNode());
    }
    Path negotiation = dir.resolve(NegotiationCsv.FILE_NAME);
    view.set(
        "negotiationRounds",
        Files.isRegularFile(negotiation) && negotiation.toRealPath().startsWith(dir.toRealPath())
            ? negotiationRows(negotiation, mapper)
            : mapper.createArrayNode());
    Path summary = dir.resolve("summary.json");
    if (Files.isRegularFile(summary) && summary.toRealPath().startsWith(dir.toRealPath())) {
      JsonNode node = mapper.readTree(summary.toFile());
      if (node instanceof ObjectNode object) {
        object.remove("scenarioYaml");
      }
      view.set("summary", node);
    }
    return view;
  }

  /** The columns of {@code negotiation.csv} that are whole numbers; the others are text. */
  private static final java.util.Set<NegotiationCsv.Column> WHOLE =
      java.util.EnumSet.of(
          NegotiationCsv.Column.day,
          NegotiationCsv.Column.households,
          NegotiationCsv.Column.round,
          NegotiationCsv.Column.messages,
          NegotiationCsv.Column.payloadBytes);

  private static final java.util.Set<NegotiationCsv.Column> TEXT =
      java.util.EnumSet.of(NegotiationCsv.Column.mechanism, NegotiationCsv.Column.objective);

  /**
   * Columns added after the file first existed: a folder written before them lacks them, and its
   * rows read them as undefined (null).
   */
  private static final java.util.Set<NegotiationCsv.Column> LATER =
      java.util.EnumSet.of(NegotiationCsv.Column.certifiedGap);

  /**
   * The rows of a {@code negotiation.csv} as the live view's rounds (the run JSON's {@code
   * negotiationRounds}): numbers as numbers, an empty cell (undefined) as null, the pool prices as
   * an array. A file whose header lacks a column (other than the later ones), or a cell that is not
   * a number, is refused with the row, column and value.
   */
  static ArrayNode negotiationRows(Path file, ObjectMapper mapper) throws IOException {
    ArrayNode rows = mapper.createArrayNode();
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    String name = file.getFileName().toString();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
      List<String> header = parser.getHeaderNames();
      for (NegotiationCsv.Column column : NegotiationCsv.Column.values()) {
        if (!header.contains(column.name()) && !LATER.contains(column)) {
          throw ApiException.badRequest(
              name + ": no column '" + column + "'; the columns are " + NegotiationCsv.header());
        }
      }
      for (CSVRecord record : parser) {
        if (rows.size() >= MAX_ROWS) {
          break;
        }
        ObjectNode row = rows.addObject();
        for (NegotiationCsv.Column column : NegotiationCsv.Column.values()) {
          String text = record.isSet(column.name()) ? record.get(column).trim() : "";
          try {
            if (TEXT.contains(column)) {
              row.put(column.name(), text);
            } else if (column == NegotiationCsv.Column.poolPriceEurPerKwh) {
              ArrayNode prices = row.putArray(column.name());
              for (String price : text.isEmpty() ? new String[0] : text.split(" +")) {
                prices.add(Double.parseDouble(price));
              }
            } else if (text.isEmpty()) {
              row.putNull(column.name());
            } else if (WHOLE.contains(column)) {
              row.put(column.name(), Long.parseLong(text));
            } else {
              row.put(column.name(), Double.parseDouble(text));
            }
          } catch (NumberFormatException e) {
            throw ApiException.badRequest(
                name
                    + " line "
                    + (record.getRecordNumber() + 1)
                    + ", column "
                    + column
                    + ": '"
                    + text
                    + "' is not a number (an undefined value is an empty cell)");
          }
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return rows;
  }

  /** CSV rows as objects of text values keyed by the header. */
  static ArrayNode csvRows(Path file, ObjectMapper mapper) throws IOException {
    ArrayNode rows = mapper.createArrayNode();
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
      List<String> header = parser.getHeaderNames();
      for (CSVRecord record : parser) {
        if (rows.size() >= MAX_ROWS) {
          break;
        }
        ObjectNode row = rows.addObject();
        for (int i = 0; i < header.size() && i < record.size(); i++) {
          row.put(header.get(i), record.get(i));
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return rows;
  }
}
