package org.equigrid.agents.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes every message event as one JSON line to {@code trace.jsonl}. Thread-safe. */
public final class TraceWriter implements ProtocolObserver, AutoCloseable {

  /** The file name inside a run directory. */
  public static final String FILE_NAME = "trace.jsonl";

  static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private final BufferedWriter out;
  private final Path path;

  private TraceWriter(Path path) throws IOException {
    this.path = path;
    this.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
  }

  /** Creates (or truncates) {@code directory/trace.jsonl}. */
  public static TraceWriter inDirectory(Path directory) throws IOException {
    Files.createDirectories(directory);
    return new TraceWriter(directory.resolve(FILE_NAME));
  }

  @Override
  public synchronized void onMessage(TraceEvent event, Message content) {
    try {
      out.write(MAPPER.writeValueAsString(event));
      out.newLine();
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode trace event " + event, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the trace " + path, e);
    }
  }

  public Path path() {
    return path;
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
