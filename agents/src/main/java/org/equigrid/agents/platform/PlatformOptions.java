package org.equigrid.agents.platform;

import java.util.Objects;

/**
 * Where and how JADE runs.
 *
 * @param host the address containers bind to and advertise; {@code 127.0.0.1} by default
 * @param port the main container's port; 0 picks a free one
 * @param platformId the JADE platform name (agent names end in {@code @platformId})
 * @param joinTimeoutMillis the longest silence between two joins before the wait for households
 *     gives up: an idle timeout measured from the last join received ({@link JoinIdleTimeout}), so
 *     a large community still joining is waited for
 * @param dayTimeoutMillis the longest a whole day may take before the run fails
 * @param secret the run secret every container must prove on each connection ({@link
 *     AuthenticatedJicpPeer}); peripheral containers of other JVMs need the same one
 */
public record PlatformOptions(
    String host,
    int port,
    String platformId,
    long joinTimeoutMillis,
    long dayTimeoutMillis,
    RunSecret secret) {

  public PlatformOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(platformId, "platformId");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(
          "port (" + port + ") must be in 0..65535; 0 picks a free port");
    }
    if (joinTimeoutMillis <= 0 || dayTimeoutMillis <= 0) {
      throw new IllegalArgumentException(
          "joinTimeoutMillis ("
              + joinTimeoutMillis
              + ") and dayTimeoutMillis ("
              + dayTimeoutMillis
              + ") must be > 0. Maybe you meant 30000 and 600000.");
    }
  }

  /** With a fresh random secret (enough when every household runs in this JVM). */
  public PlatformOptions(
      String host, int port, String platformId, long joinTimeoutMillis, long dayTimeoutMillis) {
    this(host, port, platformId, joinTimeoutMillis, dayTimeoutMillis, RunSecret.generate());
  }

  /**
   * Loopback, a free port, platform {@code equigrid}, 30 s to join, 10 min per day, a fresh secret.
   */
  public static PlatformOptions loopback() {
    return new PlatformOptions("127.0.0.1", 0, "equigrid", 30_000, 600_000);
  }

  public PlatformOptions withPort(int other) {
    return new PlatformOptions(
        host, other, platformId, joinTimeoutMillis, dayTimeoutMillis, secret);
  }

  public PlatformOptions withSecret(RunSecret other) {
    return new PlatformOptions(host, port, platformId, joinTimeoutMillis, dayTimeoutMillis, other);
  }
}
