package org.equigrid.experiments.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * An output folder claimed before a long run, so that output problems come first and clearly (exit
 * 2) instead of as a stack trace after the run: the folder is created, a probe file is written and
 * deleted, its file store must have room for an estimate of the results, and a lock file ({@value
 * #LOCK_FILE}, held with {@link FileChannel#tryLock}) refuses a second run into the same folder
 * until this one is closed. Once locked, the temporary files that a killed run's atomic writes left
 * behind ({@code <name><digits>.tmp}, in the folder and its run folders) are deleted: no reader
 * trusts them, and a rerun leaves the folder as an uninterrupted run would.
 */
public final class OutputFolder implements AutoCloseable {

  /** The lock file inside the folder; deleted when the folder is closed. */
  public static final String LOCK_FILE = ".equigrid.lock";

  static final String PERMISSION_DENIED = "permission denied";
  static final String NO_SPACE = "no space";
  static final String LOCKED = "another equigrid run is writing into it";
  static final String NOT_A_FOLDER = "it is a file, not a folder";

  private final Path dir;
  private final FileChannel channel;
  private final FileLock lock;

  private OutputFolder(Path dir, FileChannel channel, FileLock lock) {
    this.dir = dir;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Creates, checks and locks {@code dir}.
   *
   * @param neededBytes an estimate of what the results take; the file store must have this free
   * @throws BadInputException naming the folder and the reason: permission denied, no space, a file
   *     in the way, or another run holding the lock
   */
  public static OutputFolder claim(Path dir, long neededBytes) throws BadInputException {
    try {
      Files.createDirectories(dir);
    } catch (FileAlreadyExistsException e) {
      throw refused(dir, NOT_A_FOLDER, "choose another --out");
    } catch (AccessDeniedException e) {
      throw refused(
          dir, PERMISSION_DENIED + " (cannot create " + e.getFile() + ")", "choose another --out");
    } catch (IOException e) {
      throw refused(dir, reason(e), "choose another --out");
    }
    try {
      Path probe = Files.createTempFile(dir, ".equigrid-probe", ".tmp");
      Files.delete(probe);
    } catch (IOException e) {
      throw refused(dir, reason(e), "choose another --out or make it writable");
    }
    try {
      long usable = Files.getFileStore(dir).getUsableSpace();
      if (usable < neededBytes) {
        throw refused(
            dir,
            String.format(
                Locale.ROOT,
                "%s: %s free, the results need about %s",
                NO_SPACE,
                megabytes(usable),
                megabytes(neededBytes)),
            "free some space or choose another --out");
      }
    } catch (IOException e) {
      // the file store cannot say; the probe above was written, go on
    }
    FileChannel channel = null;
    try {
      channel =
          FileChannel.open(
              dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw locked(dir, channel);
      }
      deleteStaleTemporaryFiles(dir);
      return new OutputFolder(dir, channel, lock);
    } catch (OverlappingFileLockException e) { // held by this JVM
      throw locked(dir, channel);
    } catch (IOException e) {
      closeQuietly(channel);
      throw refused(dir, reason(e), "choose another --out");
    }
  }

  /**
   * Matches the names {@link Files#createTempFile} gives with a {@code .tmp} suffix: digits before
   * it.
   */
  private static final java.util.regex.Pattern TEMPORARY =
      java.util.regex.Pattern.compile(".*[0-9]+\\.tmp");

  /**
   * Deletes temporary files of interrupted atomic writes in {@code dir} and its subfolders' top
   * level.
   */
  static void deleteStaleTemporaryFiles(Path dir) throws IOException {
    try (java.util.stream.Stream<Path> files = Files.walk(dir, 2)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (TEMPORARY.matcher(file.getFileName().toString()).matches()) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  /** A few hundred bytes per household, day and interval row, and a megabyte for the rest. */
  public static long estimateBytes(int households, int days, int intervalsPerDay) {
    return (1L << 20) + 400L * households * days + 200L * days * intervalsPerDay;
  }

  public Path dir() {
    return dir;
  }

  /** Releases the lock and deletes the lock file. */
  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // the channel's close releases it too
    }
    closeQuietly(channel);
    try {
      Files.deleteIfExists(dir.resolve(LOCK_FILE));
    } catch (IOException e) {
      // a stale lock file is harmless: locks are held by the channel, not by the file's presence
    }
  }

  /** The reason of a file-system failure in words: permission denied, no space, or its message. */
  static String reason(IOException e) {
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    if (e instanceof AccessDeniedException
        || message.contains("permission denied")
        || message.contains("read-only file system")) {
      return PERMISSION_DENIED + (message.contains("read-only") ? " (read-only file system)" : "");
    }
    if (message.contains("no space left") || message.contains("disk quota")) {
      return NO_SPACE + " (" + e.getMessage() + ")";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.toString();
  }

  private static BadInputException locked(Path dir, FileChannel channel) {
    closeQuietly(channel);
    return refused(
        dir,
        LOCKED + " (lock file " + dir.resolve(LOCK_FILE) + ")",
        "wait for it to finish or choose another --out");
  }

  private static BadInputException refused(Path dir, String reason, String advice) {
    return new BadInputException(
        "Cannot write results into "
            + dir.toAbsolutePath()
            + ": "
            + reason
            + ".\nMaybe "
            + advice
            + ".");
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing left to release
      }
    }
  }
}
