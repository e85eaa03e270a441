package org.equigrid.agents.protocol;

import jade.core.AID;
import jade.lang.acl.ACLMessage;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 of a protocol message, carried as ACL user parameters. The MAC covers the sender's
 * and first receiver's names, performative, conversation, day, round, virtual time, a sequence
 * number and the content (and, on a join, the scenario fingerprint), so nothing of it can be
 * changed, redirected or replayed without the key.
 *
 * <p>Keys: a join is signed with the run secret; the coordinator's acceptance carries a fresh
 * session key for that household ({@value #SESSION_KEY}, itself under the run secret's MAC), and
 * every later message between the coordinator and the household is signed with that session key. A
 * container that holds the run secret but did not join a household first cannot speak for it.
 */
public final class MessageAuth {

  static final String SEQUENCE = "X-equigrid-seq";
  static final String MAC = "X-equigrid-mac";

  /** The joiner's scenario fingerprint (hex SHA-256) on a join request. */
  public static final String SCENARIO = "X-equigrid-scenario";

  /** The household's session key (hex) on the coordinator's join acceptance. */
  public static final String SESSION_KEY = "X-equigrid-session-key";

  public static final String NOT_AUTHENTIC = "The message is not authentic";
  public static final String REPLAYED = "The message was already received (replay)";

  private static final int KEY_BYTES = 32;
  private static final int WINDOW = 1024;
  private static final SecureRandom RANDOM = new SecureRandom();

  private MessageAuth() {}

  /** An HMAC-SHA256 key. */
  public static final class Key {
    private final byte[] bytes;

    public Key(byte[] bytes) {
      if (bytes.length < 16) {
        throw new IllegalArgumentException(
            "a MAC key needs at least 16 bytes, got " + bytes.length);
      }
      this.bytes = bytes.clone();
    }

    /** A fresh random 32-byte key. */
    public static Key random() {
      byte[] bytes = new byte[KEY_BYTES];
      RANDOM.nextBytes(bytes);
      return new Key(bytes);
    }

    /** Parses the hex of {@link #hex}. */
    public static Optional<Key> parse(String hex) {
      try {
        return hex == null ? Optional.empty() : Optional.of(new Key(HexFormat.of().parseHex(hex)));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }

    public String hex() {
      return HexFormat.of().formatHex(bytes);
    }

    /** HMAC-SHA256 of the parts under this key, each part length-prefixed so parts cannot slide. */
    public byte[] mac(byte[]... parts) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(bytes, "HmacSHA256"));
        for (byte[] part : parts) {
          mac.update(
              new byte[] {
                (byte) (part.length >>> 24),
                (byte) (part.length >>> 16),
                (byte) (part.length >>> 8),
                (byte) part.length
              });
          mac.update(part);
        }
        return mac.doFinal();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
      }
    }

    @Override
    public String toString() {
      return "Key[hidden]";
    }
  }

  /** A random sequence start, so that two runs of an agent do not reuse numbers. */
  public static long firstSequence() {
    return RANDOM.nextLong() >>> 2;
  }

  /** Sets the sequence number and the MAC (after every other field is set, the sender too). */
  public static void sign(ACLMessage msg, Key key, long sequence) {
    msg.addUserDefinedParameter(SEQUENCE, Long.toString(sequence));
    msg.addUserDefinedParameter(MAC, HexFormat.of().formatHex(key.mac(parts(msg, sequence))));
  }

  /**
   * Checks the MAC with {@code key}; returns the reason to refuse, or empty when authentic. {@code
   * seen} (may be null) refuses a sequence number it has seen already.
   */
  public static Optional<String> verify(ACLMessage msg, Key key, Replay seen) {
    String macHex = msg.getUserDefinedParameter(MAC);
    long sequence;
    try {
      sequence = Long.parseLong(msg.getUserDefinedParameter(SEQUENCE));
    } catch (NumberFormatException e) {
      return Optional.of(
          NOT_AUTHENTIC
              + ": it has no sequence number. Maybe the sender is not a member of this run.");
    }
    byte[] mac;
    try {
      mac = macHex == null ? new byte[0] : HexFormat.of().parseHex(macHex);
    } catch (IllegalArgumentException e) {
      mac = new byte[0];
    }
    if (!MessageDigest.isEqual(mac, key.mac(parts(msg, sequence)))) {
      return Optional.of(
          NOT_AUTHENTIC
              + ": its MAC does not match. Maybe the sender is not who it claims,"
              + " or holds another run's secret.");
    }
    if (seen != null && !seen.first(sequence)) {
      return Optional.of(REPLAYED + ": sequence " + sequence);
    }
    return Optional.empty();
  }

  private static byte[][] parts(ACLMessage msg, long sequence) {
    String receiver = "";
    jade.util.leap.Iterator receivers = msg.getAllReceiver();
    if (receivers.hasNext()) {
      receiver = ((AID) receivers.next()).getLocalName();
    }
    return new byte[][] {
      utf8(msg.getSender() == null ? "" : msg.getSender().getLocalName()),
      utf8(receiver),
      utf8(Integer.toString(msg.getPerformative())),
      utf8(msg.getConversationId()),
      utf8(msg.getUserDefinedParameter(Acl.DAY)),
      utf8(msg.getUserDefinedParameter(Acl.ROUND)),
      utf8(msg.getUserDefinedParameter(Acl.VIRTUAL)),
      utf8(Long.toString(sequence)),
      utf8(msg.getContent()),
      utf8(msg.getUserDefinedParameter(SCENARIO)),
      utf8(msg.getUserDefinedParameter(SESSION_KEY)),
    };
  }

  private static byte[] utf8(String text) {
    return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The sequence numbers seen from one sender: refuses repeats and numbers far below the highest.
   */
  public static final class Replay {
    private long highest = Long.MIN_VALUE;
    private final java.util.BitSet window = new java.util.BitSet(WINDOW);

    /** Whether {@code sequence} is new (and records it). */
    public synchronized boolean first(long sequence) {
      if (highest == Long.MIN_VALUE) {
        highest = sequence;
        window.set(0);
        return true;
      }
      if (sequence > highest) {
        long shift = sequence - highest;
        java.util.BitSet shifted = new java.util.BitSet(WINDOW);
        if (shift < WINDOW) {
          for (int i = window.nextSetBit(0);
              i >= 0 && i + shift < WINDOW;
              i = window.nextSetBit(i + 1)) {
            shifted.set((int) (i + shift));
          }
        }
        window.clear();
        window.or(shifted);
        window.set(0);
        highest = sequence;
        return true;
      }
      long back = highest - sequence;
      if (back >= WINDOW || window.get((int) back)) {
        return false;
      }
      window.set((int) back);
      return true;
    }
  }
}
