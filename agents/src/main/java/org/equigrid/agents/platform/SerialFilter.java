package org.equigrid.agents.platform;

import java.io.ObjectInputFilter;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The JVM-wide Java deserialisation filter set before any JADE container starts. JADE's transport
 * deserialises some message parts (envelopes, AMS/DF descriptions) with {@code ObjectInputStream};
 * this allow-list admits JADE's classes and the plain {@code java.*} value classes they carry
 * ({@link #ALLOWED_PREFIXES}) and rejects every other class, with caps on depth, references, array
 * length and stream size checked before allocation.
 */
public final class SerialFilter {

  private static final Logger LOG = LogManager.getLogger();

  /** Class-name prefixes that may be deserialised (arrays of them and of primitives too). */
  public static final List<String> ALLOWED_PREFIXES =
      List.of(
          "jade.",
          "java.lang.",
          "java.util.",
          "java.math.",
          "java.time.",
          "java.net.Inet",
          "java.net.URL",
          "java.net.URI");

  /** Prefixes refused although an allowed prefix matches (reflection, lambdas, method handles). */
  public static final List<String> DENIED_PREFIXES =
      List.of("java.lang.reflect.", "java.lang.invoke.");

  /** The deepest object graph accepted. */
  public static final long MAX_DEPTH = 64;

  /** The most object references in one stream. */
  public static final long MAX_REFERENCES = 500_000;

  /** The longest array accepted. */
  public static final long MAX_ARRAY_LENGTH = 4_000_000;

  /** The most bytes read by one stream (equals the JICP frame cap). */
  public static final long MAX_STREAM_BYTES = AuthenticatedJicpPeer.MAX_FRAME_BYTES;

  private static final ObjectInputFilter FILTER = SerialFilter::check;

  private SerialFilter() {}

  /**
   * Sets the filter as the JVM-wide one, once; a no-op when it is already set. Fails when another
   * JVM-wide filter is set (e.g. by {@code -Djdk.serialFilter=...}): the platform will not start
   * with a filter it did not check.
   */
  public static synchronized void install() {
    ObjectInputFilter current = ObjectInputFilter.Config.getSerialFilter();
    if (current == FILTER) {
      return;
    }
    if (current != null) {
      throw new IllegalStateException(
          "a JVM-wide deserialisation filter is already set ("
              + current
              + "); the JADE platform needs its own allow-list. Remove -Djdk.serialFilter.");
    }
    ObjectInputFilter.Config.setSerialFilter(FILTER);
    LOG.debug("deserialisation filter set: {}", ALLOWED_PREFIXES);
  }

  /** The filter's decision (public for tests). */
  public static ObjectInputFilter.Status check(ObjectInputFilter.FilterInfo info) {
    if (info.depth() > MAX_DEPTH
        || info.references() > MAX_REFERENCES
        || info.arrayLength() > MAX_ARRAY_LENGTH
        || info.streamBytes() > MAX_STREAM_BYTES) {
      LOG.warn(
          "deserialisation refused: depth {}, references {}, array length {}, bytes {} over the limits",
          info.depth(),
          info.references(),
          info.arrayLength(),
          info.streamBytes());
      return ObjectInputFilter.Status.REJECTED;
    }
    Class<?> type = info.serialClass();
    if (type == null) {
      return ObjectInputFilter.Status.ALLOWED;
    }
    Class<?> element = type;
    while (element.isArray()) {
      element = element.getComponentType();
    }
    if (element.isPrimitive()) {
      return ObjectInputFilter.Status.ALLOWED;
    }
    String name = element.getName();
    boolean denied = DENIED_PREFIXES.stream().anyMatch(name::startsWith);
    for (String prefix : ALLOWED_PREFIXES) {
      if (!denied && name.startsWith(prefix)) {
        return ObjectInputFilter.Status.ALLOWED;
      }
    }
    LOG.warn(
        "deserialisation refused: class {} is not on the allow-list {}", name, ALLOWED_PREFIXES);
    return ObjectInputFilter.Status.REJECTED;
  }
}
