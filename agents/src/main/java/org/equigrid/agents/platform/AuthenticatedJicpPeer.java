package org.equigrid.agents.platform;

import jade.core.Profile;
import jade.imtp.leap.ICP;
import jade.imtp.leap.ICPException;
import jade.imtp.leap.JICP.Connection;
import jade.imtp.leap.JICP.ConnectionFactory;
import jade.imtp.leap.JICP.JICPConnection;
import jade.imtp.leap.JICP.JICPPacket;
import jade.imtp.leap.JICP.JICPPeer;
import jade.imtp.leap.JICP.JICPProtocol;
import jade.mtp.TransportAddress;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * JADE's JICP transport (the LEAP IMTP, JADE 4.3's default) with two guards, installed on every
 * container of a run through the {@code icps} profile parameter:
 *
 * <ol>
 *   <li>Mutual authentication: each TCP connection starts with a challenge-response over the {@link
 *       RunSecret} (both sides send a 16-byte nonce; each proves the secret with HMAC-SHA256 over
 *       both nonces and its role). A peer that fails it is disconnected before a single JICP packet
 *       is read, so it cannot join the platform, send a message or reach Java deserialisation.
 *   <li>Frame cap: a packet whose header announces more than {@value #MAX_FRAME_BYTES} bytes is
 *       refused before anything is allocated (JADE's own reader allocates the announced size).
 * </ol>
 *
 * <p>The secret reaches the peer through a key id in the profile ({@value #KEY_PARAMETER}), never
 * the secret itself: JADE may log its profile.
 */
public class AuthenticatedJicpPeer extends JICPPeer {

  private static final Logger LOG = LogManager.getLogger();

  /** The profile parameter naming the run's key in {@link #register}. */
  static final String KEY_PARAMETER = "equigrid_run_key_id";

  /** The largest JICP packet accepted, in bytes (header size field). */
  public static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

  static final int HANDSHAKE_TIMEOUT_MILLIS = 10_000;
  private static final byte[] MAGIC = "EQG1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SERVER_ROLE = "server".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CLIENT_ROLE = "client".getBytes(StandardCharsets.US_ASCII);
  private static final int NONCE_BYTES = 16;
  private static final int MAC_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Map<String, RunSecret> KEYS = new ConcurrentHashMap<>();

  private RunSecret secret;

  /** JADE instantiates ICPs by reflection. */
  public AuthenticatedJicpPeer() {}

  /** Makes a secret available to the containers of this JVM; returns the key id for the profile. */
  static String register(RunSecret secret) {
    String id = UUID.randomUUID().toString();
    KEYS.put(id, secret);
    return id;
  }

  /** Forgets a key id once its container stopped. */
  static void unregister(String id) {
    KEYS.remove(id);
  }

  /** Sets this transport on a profile with the secret's key id, binding only {@code host}. */
  static void configure(Profile profile, String keyId) {
    profile.setParameter("icps", AuthenticatedJicpPeer.class.getName());
    profile.setParameter(KEY_PARAMETER, keyId);
    // Bind the server socket to local-host only (JADE binds every interface otherwise).
    profile.setParameter("jade_imtp_leap_JICP_JICPServer_acceptlocalhostonly", "true");
    // No split containers (mediators/back-ends): one more unauthenticated entry point otherwise.
    profile.setParameter("jade_imtp_leap_JICP_JICPServer_acceptmediators", "false");
  }

  @Override
  public TransportAddress activate(ICP.Listener listener, String peerId, Profile profile)
      throws ICPException {
    String id = profile.getParameter(KEY_PARAMETER, null);
    secret = id == null ? null : KEYS.get(id);
    if (secret == null) {
      throw new ICPException(
          "no run secret for this container (profile parameter " + KEY_PARAMETER + ")");
    }
    return super.activate(listener, peerId, profile);
  }

  @Override
  public ConnectionFactory getConnectionFactory() {
    RunSecret key = secret;
    return new ConnectionFactory() {
      @Override
      public Connection createConnection(Socket socket) {
        return new Guarded(socket, key);
      }

      @Override
      public Connection createConnection(TransportAddress address) throws IOException {
        return new Guarded(address, key);
      }
    };
  }

  /** A JICP connection that authenticates first and caps packet sizes. */
  static final class Guarded extends JICPConnection {
    private final RunSecret key;
    private boolean authenticated;

    /** Accepted by the server: authenticates on the first read (in the connection's own thread). */
    Guarded(Socket socket, RunSecret key) {
      super(socket);
      this.key = key;
    }

    /** Opened by this side: authenticates before returning. */
    Guarded(TransportAddress address, RunSecret key) throws IOException {
      super(address);
      this.key = key;
      try {
        withTimeout(this::clientHandshake);
      } catch (IOException e) {
        close();
        throw e;
      }
      authenticated = true;
    }

    @Override
    public JICPPacket readPacket() throws IOException {
      if (sc == null) {
        throw new IOException("Connection closed");
      }
      if (!authenticated) {
        try {
          withTimeout(this::serverHandshake);
        } catch (IOException e) {
          LOG.warn(
              "refused a JICP connection from {}: {}", sc.getRemoteSocketAddress(), e.getMessage());
          close();
          throw e;
        }
        authenticated = true;
      }
      if (is == null) {
        is = sc.getInputStream();
      }
      return readCapped(is);
    }

    @Override
    public int writePacket(JICPPacket packet) throws IOException {
      if (!authenticated) {
        throw new IOException("JICP connection not authenticated");
      }
      return super.writePacket(packet);
    }

    private interface Step {
      void run() throws IOException;
    }

    private void withTimeout(Step step) throws IOException {
      int before = sc.getSoTimeout();
      sc.setSoTimeout(HANDSHAKE_TIMEOUT_MILLIS);
      step.run();
      sc.setSoTimeout(before);
    }

    private void clientHandshake() throws IOException {
      DataInputStream in = new DataInputStream(sc.getInputStream());
      OutputStream out = sc.getOutputStream();
      byte[] clientNonce = nonce();
      out.write(MAGIC);
      out.write(clientNonce);
      out.flush();
      byte[] serverNonce = readExactly(in, NONCE_BYTES);
      byte[] serverMac = readExactly(in, MAC_BYTES);
      if (!key.verify(serverMac, SERVER_ROLE, clientNonce, serverNonce)) {
        throw new IOException(
            "the main container at "
                + sc.getRemoteSocketAddress()
                + " does not know this run's secret. Maybe the secret file is of another run.");
      }
      out.write(key.mac(CLIENT_ROLE, serverNonce, clientNonce));
      out.flush();
    }

    private void serverHandshake() throws IOException {
      DataInputStream in = new DataInputStream(sc.getInputStream());
      OutputStream out = sc.getOutputStream();
      byte[] magic = readExactly(in, MAGIC.length);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new IOException("not an authenticated equigrid peer (no handshake)");
      }
      byte[] clientNonce = readExactly(in, NONCE_BYTES);
      byte[] serverNonce = nonce();
      out.write(serverNonce);
      out.write(key.mac(SERVER_ROLE, clientNonce, serverNonce));
      out.flush();
      byte[] clientMac = readExactly(in, MAC_BYTES);
      if (!key.verify(clientMac, CLIENT_ROLE, serverNonce, clientNonce)) {
        throw new IOException("wrong run secret");
      }
    }
  }

  /**
   * Reads one JICP packet (JICPPacket's wire format), refusing a data size above {@link
   * #MAX_FRAME_BYTES} or below 0 before allocating it, then lets JADE parse the checked bytes.
   */
  static JICPPacket readCapped(InputStream in) throws IOException {
    ByteArrayOutputStream header = new ByteArrayOutputStream(64);
    byte type = readByte(in);
    byte info = readByte(in);
    header.write(type);
    header.write(info);
    if ((info & JICPProtocol.SESSION_ID_PRESENT_INFO) != 0) {
      header.write(readByte(in));
    }
    if ((info & JICPProtocol.RECIPIENT_ID_PRESENT_INFO) != 0) {
      int length = readByte(in) & 0xff;
      header.write(length);
      header.write(readExactly(in, length));
    }
    if ((info & JICPProtocol.DATA_PRESENT_INFO) == 0) {
      return JICPPacket.readFrom(new ByteArrayInputStream(header.toByteArray()));
    }
    byte[] size = readExactly(in, 4);
    long announced =
        (size[0] & 0xffL)
            | (size[1] & 0xffL) << 8
            | (size[2] & 0xffL) << 16
            | (size[3] & 0xffL) << 24;
    if (announced > MAX_FRAME_BYTES) {
      throw new IOException(
          "a JICP packet announces "
              + announced
              + " bytes; at most "
              + MAX_FRAME_BYTES
              + " are accepted");
    }
    header.write(size);
    byte[] data = readExactly(in, (int) announced);
    header.write(data);
    return JICPPacket.readFrom(new ByteArrayInputStream(header.toByteArray()));
  }

  private static byte readByte(InputStream in) throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new java.io.EOFException("EOF reading packet header");
    }
    return (byte) b;
  }

  private static byte[] readExactly(InputStream in, int length) throws IOException {
    byte[] bytes = new byte[length];
    new DataInputStream(in).readFully(bytes);
    return bytes;
  }

  private static byte[] nonce() {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    return nonce;
  }
}
