package org.equigrid.experiments.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a file so that readers see either the old content or the whole new one, never a part. */
public final class AtomicFiles {

  private AtomicFiles() {}

  public static void write(Path target, String content) {
    write(target, content.getBytes(StandardCharsets.UTF_8));
  }

  public static void write(Path target, byte[] content) {
    writeVia(target, temp -> Files.write(temp, content));
  }

  /** What writes a file's content, in UTF-8 text, e.g. piece by piece. */
  @FunctionalInterface
  public interface Body {
    void write(Writer out) throws IOException;
  }

  /**
   * Writes {@code target} from {@code body}, streamed (the content is never whole in memory), so
   * that readers see the old content or the whole new one.
   */
  public static void write(Path target, Body body) {
    writeVia(
        target,
        temp -> {
          try (Writer out =
              new BufferedWriter(
                  new OutputStreamWriter(Files.newOutputStream(temp), StandardCharsets.UTF_8),
                  1 << 16)) {
            body.write(out);
          }
        });
  }

  @FunctionalInterface
  private interface TempWriter {
    void write(Path temp) throws IOException;
  }

  private static void writeVia(Path target, TempWriter writer) {
    try {
      Path dir = target.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
      try {
        writer.write(temp);
        try {
          Files.move(
              temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + target + ": " + e.getMessage(), e);
    }
  }
}
