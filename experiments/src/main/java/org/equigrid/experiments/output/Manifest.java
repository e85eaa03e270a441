package org.equigrid.experiments.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@value #FILE_NAME}: the results files of a run folder with their size in bytes and SHA-256,
 * written last (atomically). A folder is a complete run only when its manifest parses and every
 * file it lists exists with that size and checksum; an interrupted or damaged run is redone.
 */
public final class Manifest {

  public static final String FILE_NAME = "manifest.json";

  private Manifest() {}

  /** Writes the manifest of {@code files} (names inside {@code dir}, in the given order). */
  public static void write(Path dir, List<String> files) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    ObjectNode entries = root.putObject("files");
    for (String name : files) {
      Path file = dir.resolve(name);
      try {
        ObjectNode entry = entries.putObject(name);
        entry.put("bytes", Files.size(file));
        entry.put("sha256", sha256(file));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(
            "Cannot read " + file + " for the manifest: " + e.getMessage(), e);
      }
    }
    try {
      AtomicFiles.write(dir.resolve(FILE_NAME), mapper.writeValueAsString(root) + "\n");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write the manifest", e);
    }
  }

  /**
   * Whether {@code dir}'s manifest parses and every file it lists (at least {@code required})
   * exists with the listed size and SHA-256.
   */
  public static boolean verified(Path dir, List<String> required) {
    Path file = dir.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try {
      JsonNode files = new ObjectMapper().readTree(file.toFile()).path("files");
      if (!files.isObject()) {
        return false;
      }
      for (String name : required) {
        if (!files.has(name)) {
          return false;
        }
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = files.properties().iterator();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        Path listed = dir.resolve(entry.getKey());
        if (!Files.isRegularFile(listed)
            || Files.size(listed) != entry.getValue().path("bytes").asLong(-1)
            || !sha256(listed).equals(entry.getValue().path("sha256").asText())) {
          return false;
        }
      }
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int read; (read = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, read);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
