package org.equigrid.experiments.serve;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The live view's opt-in TLS: a PKCS12 keystore holding the server's key and certificate, its
 * password read from an environment variable (never the command line, which other users of the
 * machine can see). Served by Jetty's own TLS support, which Javalin already brings.
 *
 * @param file the keystore file
 * @param keyStore the loaded keystore (one private key entry at least)
 * @param password its password
 */
record TlsKeystore(Path file, KeyStore keyStore, char[] password) {

  /** The start of the message when classroom mode would listen beyond loopback without TLS. */
  static final String CLASSROOM_NEEDS_TLS = "classroom mode on --host";

  /**
   * Loads and checks the keystore.
   *
   * @param env the environment ({@code System.getenv()})
   * @throws IllegalArgumentException naming the option, the value and the way out
   */
  static TlsKeystore load(Path file, String passwordEnv, Map<String, String> env) {
    if (passwordEnv == null || passwordEnv.isBlank()) {
      throw new IllegalArgumentException(
          "--tls-keystore "
              + file
              + " needs --tls-password-env VAR, the environment variable holding its password."
              + "\nMaybe you meant: export EQUIGRID_TLS_PASSWORD=... and --tls-password-env"
              + " EQUIGRID_TLS_PASSWORD");
    }
    String secret = env.get(passwordEnv);
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException(
          "--tls-password-env "
              + passwordEnv
              + ": the environment variable "
              + passwordEnv
              + " is not set or empty; it must hold the password of --tls-keystore "
              + file
              + ".\nMaybe you meant: export "
              + passwordEnv
              + "=... before equigrid serve");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IllegalArgumentException(
          "--tls-keystore "
              + file
              + ": no such readable file."
              + "\nMaybe you meant a PKCS12 file made by: keytool -genkeypair -keyalg EC"
              + " -dname CN=<this machine's name> -ext SAN=dns:<name>,ip:<address>"
              + " -storetype PKCS12 -keystore live.p12");
    }
    char[] password = secret.toCharArray();
    KeyStore keyStore;
    try (InputStream in = Files.newInputStream(file)) {
      keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(in, password);
      boolean hasKey = false;
      for (String alias : Collections.list(keyStore.aliases())) {
        hasKey |= keyStore.isKeyEntry(alias);
      }
      if (!hasKey) {
        throw new IllegalArgumentException(
            "--tls-keystore "
                + file
                + ": holds no private key, only certificates."
                + "\nMaybe you meant the keystore made by keytool -genkeypair (the server's key"
                + " and certificate), not a truststore");
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "--tls-keystore "
              + file
              + ": cannot be read as a PKCS12 keystore with the password in "
              + passwordEnv
              + " ("
              + e.getMessage()
              + ").\nMaybe the password is wrong, or the file is not PKCS12 (convert it with"
              + " keytool -importkeystore -deststoretype PKCS12)");
    }
    return new TlsKeystore(file, keyStore, password);
  }

  /** A TLS-only connector on {@code host:port} for Javalin's Jetty server. */
  Connector connector(Server server, HttpConfiguration base, String host, int port) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStore(keyStore);
    ssl.setKeyStorePassword(new String(password));
    ssl.setKeyManagerPassword(new String(password));
    HttpConfiguration https = new HttpConfiguration(base);
    // No SNI host check: a classroom certificate often names the machine's address, not the name
    // a student typed; the browser checks the certificate against the address it opened.
    https.addCustomizer(new SecureRequestCustomizer(false));
    ServerConnector connector =
        new ServerConnector(
            server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
    connector.setHost(host);
    connector.setPort(port);
    return connector;
  }

  /** Whether {@code host} names this machine only (a loopback address). */
  static boolean loopback(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    if (name.equals("localhost") || name.equals("127.0.0.1") || name.equals("::1")) {
      return true;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * Classroom mode beyond loopback must be encrypted (students' sessions carry tokens) unless the
   * teacher says the network is trusted.
   *
   * @throws IllegalArgumentException saying what to do
   */
  static void checkExposure(String host, int classroomSeats, boolean tls, boolean insecureLan) {
    if (classroomSeats > 0 && !tls && !insecureLan && !loopback(host)) {
      throw new IllegalArgumentException(
          CLASSROOM_NEEDS_TLS
              + " "
              + host
              + " without TLS: the students' and the teacher's tokens would cross the network in"
              + " clear text.\nMaybe you meant --tls-keystore FILE --tls-password-env VAR (a PKCS12"
              + " keystore; docs/teaching.md says how to make one), or --insecure-lan on a network"
              + " you trust, or --host 127.0.0.1 for this machine only");
    }
  }
}
