package org.equigrid.agents.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The shared secret of one platform run: 32 random bytes from {@link SecureRandom}, written as 64
 * hex digits to a file readable by its owner only. Every JICP connection of the run starts with a
 * challenge-response over it ({@link AuthenticatedJicpPeer}); a process without it cannot join.
 * {@link #toString} never shows the bytes.
 */
public final class RunSecret {

  /** The environment variable {@code platform join} reads the secret from when no file is named. */
  public static final String ENVIRONMENT = "EQUIGRID_SECRET";

  private static final int BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] key;

  private RunSecret(byte[] key) {
    this.key = key.clone();
  }

  /** A fresh random secret. */
  public static RunSecret generate() {
    byte[] key = new byte[BYTES];
    RANDOM.nextBytes(key);
    return new RunSecret(key);
  }

  /**
   * Parses 64 hex digits (surrounding white space ignored).
   *
   * @param where names the source in the error (a file, the environment variable)
   */
  public static RunSecret parse(String hex, String where) {
    String text = hex == null ? "" : hex.strip();
    if (text.length() != 2 * BYTES || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new IllegalArgumentException(
          where
              + " must hold the run secret: "
              + 2 * BYTES
              + " hex digits as written by 'equigrid platform main' (found "
              + text.length()
              + " characters)");
    }
    return new RunSecret(HexFormat.of().parseHex(text));
  }

  /** Reads a secret file written by {@link #write}. */
  public static RunSecret read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.US_ASCII), "secret file " + file);
  }

  /**
   * Writes the secret as hex to a new file with permissions 0600 (where the file system has them).
   */
  public void write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.deleteIfExists(file);
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(file);
    }
    Files.writeString(
        file, hex() + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
  }

  /**
   * The secret as 64 hex digits, to hand to a child process through {@value #ENVIRONMENT} (never
   * put it on a command line: other users see those in {@code ps}).
   */
  public String hex() {
    return HexFormat.of().formatHex(key);
  }

  /** The secret as the key of message MACs (joins). */
  public org.equigrid.agents.protocol.MessageAuth.Key key() {
    return new org.equigrid.agents.protocol.MessageAuth.Key(key);
  }

  /**
   * HMAC-SHA256 of the parts under this secret, each part length-prefixed so parts cannot slide.
   */
  public byte[] mac(byte[]... parts) {
    return key().mac(parts);
  }

  /** Whether {@code mac} is {@link #mac} of the parts (compared in constant time). */
  public boolean verify(byte[] mac, byte[]... parts) {
    return MessageDigest.isEqual(mac(parts), mac);
  }

  /**
   * A short public fingerprint (first 8 hex digits of SHA-256 of the key) to tell secrets apart in
   * logs.
   */
  public String fingerprint() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 4);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RunSecret s && MessageDigest.isEqual(key, s.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  @Override
  public String toString() {
    return "RunSecret[" + fingerprint() + "]";
  }
}
